"""Creating products (product team and admins)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cocreate.accounts.models import Role, User
from cocreate.errors import Conflict, InvalidInput, NotAllowed
from cocreate.ideas.models import Board
from cocreate.ideas.services.boards import slugify
from cocreate.media import store_image
from cocreate.reviews.models import Product
from cocreate.reviews.scoring import bayesian_average


def check_product_manager(actor: User | None) -> User:
    """Product people and admins manage products."""
    if actor is None or not actor.is_authenticated or actor.role not in (Role.PRODUCT, Role.ADMIN):
        raise NotAllowed("Only the product team and administrators manage products.")
    return actor


def do_create_product(
    session: Session,
    *,
    actor: User | None,
    name: str,
    description: str = "",
    board_id: int | None = None,
    image_data: bytes | None = None,
    uploads: Path | None = None,
    moderation: str = "post",
) -> Product:
    """Add a product customers can review, with an optional image (validated and re-encoded)."""
    check_product_manager(actor)
    name = " ".join((name or "").split())
    if not 2 <= len(name) <= 120:
        raise InvalidInput("Product names are 2–120 characters.", field="name")
    if len(description or "") > 5000:
        raise InvalidInput("Descriptions are at most 5,000 characters.", field="description")
    if moderation not in ("post", "pre"):
        raise InvalidInput("Choose how reviews are moderated.", field="moderation")
    if board_id is not None and session.get(Board, board_id) is None:
        raise InvalidInput("That board does not exist.", field="board_id")
    slug = slugify(name)
    if not slug:
        raise InvalidInput("Choose a name with letters or digits.", field="name")
    if session.scalar(select(Product.id).where(Product.slug == slug)):
        raise Conflict(f"A product with the address “{slug}” already exists.", field="name")
    image = None
    if image_data:  # last, so that bad fields never leave a file behind
        if uploads is None:
            raise ValueError("uploads directory needed to store an image")
        image = store_image(image_data, uploads).name
    product = Product(
        slug=slug,
        name=name,
        description=(description or "").strip(),
        board_id=board_id,
        image=image,
        moderation=moderation,
        bayes_score=bayesian_average(0, 0),
    )
    try:
        with session.begin_nested():
            session.add(product)
    except IntegrityError:
        raise Conflict(f"A product with the address “{slug}” already exists.", field="name") from None
    return product
