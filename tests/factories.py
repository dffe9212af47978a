"""factory_boy factories for the models."""

from __future__ import annotations

import factory
from werkzeug.security import generate_password_hash

from cocreate.accounts.models import Role, User
from cocreate.db import utcnow
from cocreate.extensions import db
from cocreate.ideas.models import Board, Idea, Tag
from cocreate.ideas.scoring import hot_score
from cocreate.markup import render_markdown
from cocreate.reviews.models import Product

PASSWORD = "correct-horse-battery"
_PASSWORD_HASH = generate_password_hash(PASSWORD, method="scrypt")


class _Base(factory.alchemy.SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class UserFactory(_Base):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    display_name = factory.LazyAttribute(lambda o: o.username.capitalize())
    password_hash = _PASSWORD_HASH
    role = Role.MEMBER.value


class BoardFactory(_Base):
    class Meta:
        model = Board

    slug = factory.Sequence(lambda n: f"board-{n}")
    name = factory.Sequence(lambda n: f"Board {n}")
    description = "Where ideas for this product go."
    is_private = False
    allowed_roles = ""


class TagFactory(_Base):
    class Meta:
        model = Tag

    board = factory.SubFactory(BoardFactory)
    slug = factory.Sequence(lambda n: f"tag-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())


class IdeaFactory(_Base):
    class Meta:
        model = Idea

    board = factory.SubFactory(BoardFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Idea number {n}")
    body = "Some **details** about it."
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body))
    hot_score = factory.LazyAttribute(lambda o: hot_score(0, o.created_at) if o.created_at else 0.0)
    created_at = factory.LazyFunction(utcnow)
    updated_at = factory.SelfAttribute("created_at")


class ProductFactory(_Base):
    class Meta:
        model = Product

    slug = factory.Sequence(lambda n: f"product-{n}")
    name = factory.Sequence(lambda n: f"Product {n}")
    description = "A thing people buy."
    bayes_score = 3.5


def open_program(session, *, team, name="Kettle beta", capacity=5, days=5, **extra):
    """A beta program that opened yesterday and closes in `days` days, open for sign-ups."""
    from datetime import timedelta

    from cocreate.beta.services.programs import do_create_program, do_set_state

    now = utcnow()
    program = do_create_program(
        session,
        actor=team,
        name=name,
        capacity=capacity,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=days),
        **extra,
    )
    do_set_state(session, actor=team, program=program, state="open")
    return program
