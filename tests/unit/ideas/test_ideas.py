"""Proposing and editing ideas: validation, sanitising, edit window and history, private boards."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from cocreate.accounts.models import Role
from cocreate.channels import Origin
from cocreate.db import utcnow
from cocreate.errors import InvalidInput, NotAllowed, NotFound
from cocreate.events import EventRecord
from cocreate.ideas.access import can_view_board
from cocreate.ideas.models import Board, Channel, Idea, IdeaRevision
from cocreate.ideas.services import do_create_idea, do_edit_idea
from tests.factories import BoardFactory, IdeaFactory, TagFactory, UserFactory

WINDOW = timedelta(minutes=30)


def test_create_idea_stores_rendered_body_tags_channel_and_event(session):
    board = BoardFactory()
    tag = TagFactory(board=board, slug="maps", name="Maps")
    author = UserFactory()
    idea = do_create_idea(
        session,
        actor=author,
        board=board,
        title="  Offline   maps ",
        body="Need **maps**",
        tag_slugs=["maps"],
        origin=Origin(Channel.KIOSK, via="  Store Berlin Mitte "),
    )
    session.commit()
    assert idea.title == "Offline maps"
    assert "<strong>maps</strong>" in idea.body_html
    assert idea.tags == [tag]
    assert (idea.channel, idea.via, idea.recorded_by_id) == ("kiosk", "Store Berlin Mitte", None)
    assert idea.created_at.tzinfo is not None
    assert session.get(Board, board.id).idea_count == 1
    names = session.scalars(select(EventRecord.name)).all()
    assert [n for n in names if not n.startswith("rewards.")] == ["idea.created"]  # first_idea badge too


@pytest.mark.parametrize(
    ("title", "body", "tags", "field"),
    [
        ("", "", [], "title"),
        ("   ", "", [], "title"),
        ("abc", "", [], "title"),
        ("x" * 141, "", [], "title"),
        ("A fine title", "y" * 20_001, [], "body"),
        ("A fine title", "", ["no-such-tag"], "tags"),
        ("A fine title", "", [f"t{i}" for i in range(6)], "tags"),
    ],
)
def test_bad_idea_input_is_refused_and_writes_nothing(session, title, body, tags, field):
    board = BoardFactory()
    author = UserFactory()
    session.commit()
    with pytest.raises(InvalidInput) as info:
        do_create_idea(session, actor=author, board=board, title=title, body=body, tag_slugs=tags)
    assert info.value.field == field
    session.rollback()
    assert session.scalar(select(func.count(Idea.id))) == 0
    assert session.get(Board, board.id).idea_count == 0


def test_tag_of_another_board_is_unknown(session):
    board, other = BoardFactory(), BoardFactory()
    TagFactory(board=other, slug="maps")
    with pytest.raises(InvalidInput, match="Unknown tag"):
        do_create_idea(session, actor=UserFactory(), board=board, title="Good title", tag_slugs=["maps"])


def test_signed_out_cannot_propose(session):
    with pytest.raises(NotAllowed):
        do_create_idea(session, actor=None, board=BoardFactory(), title="Good title")


def test_markdown_is_sanitised_and_links_are_nofollow(session):
    body = (
        "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> "
        "[site](https://example.com)"
    )
    idea = do_create_idea(session, actor=UserFactory(), board=BoardFactory(), title="Safe please", body=body)
    html = idea.body_html
    assert "<script" not in html
    assert "<img" not in html
    assert 'href="javascript' not in html
    assert 'rel="nofollow noopener"' in html
    assert 'href="https://example.com"' in html


def test_author_edits_within_window_and_history_keeps_old_text(session):
    board = BoardFactory()
    TagFactory(board=board, slug="maps", name="Maps")
    author = UserFactory()
    idea = do_create_idea(session, actor=author, board=board, title="First title", body="old body")
    do_edit_idea(
        session,
        actor=author,
        idea=idea,
        title="Second title",
        body="new body",
        tag_slugs=["maps"],
        edit_window=WINDOW,
    )
    session.commit()
    assert idea.title == "Second title" and "new body" in idea.body_html
    revisions = session.scalars(select(IdeaRevision)).all()
    assert [(r.title, r.body) for r in revisions] == [("First title", "old body")]


def test_author_cannot_edit_after_window_but_moderator_can(session):
    author = UserFactory()
    moderator = UserFactory(role=Role.MODERATOR.value)
    idea = IdeaFactory(author=author, created_at=utcnow() - timedelta(hours=2))
    with pytest.raises(NotAllowed, match="30 minutes"):
        do_edit_idea(
            session, actor=author, idea=idea, title="Late edit", body="", tag_slugs=[], edit_window=WINDOW
        )
    do_edit_idea(
        session,
        actor=moderator,
        idea=idea,
        title="Moderated title",
        body="",
        tag_slugs=[],
        edit_window=WINDOW,
    )
    assert idea.title == "Moderated title"


def test_member_cannot_edit_someone_elses_idea(session):
    idea = IdeaFactory()
    with pytest.raises(NotAllowed, match="your own"):
        do_edit_idea(
            session, actor=UserFactory(), idea=idea, title="Hijack", body="", tag_slugs=[], edit_window=WINDOW
        )


def test_private_board_is_visible_to_chosen_roles_and_admins_only(session):
    board = BoardFactory(is_private=True, allowed_roles="product")
    assert not can_view_board(board, None)
    assert not can_view_board(board, UserFactory())
    assert can_view_board(board, UserFactory(role="product"))
    assert can_view_board(board, UserFactory(role="admin"))
    with pytest.raises(NotFound):
        do_create_idea(session, actor=UserFactory(), board=board, title="Sneaky idea")


def test_invisible_characters_leave_titles_and_bodies(session):
    from cocreate.ideas.services.ideas import check_idea_text

    title, body = check_idea_text("Bad\x07 \u202etitle\x1b\ufeff\x7f  here", "Line one\r\nLine\x01 two\u200b")
    assert (title, body) == ("Bad title here", "Line one\nLine two")
    assert (
        check_idea_text("Family 👨\u200d👩\u200d👧 trips", "")[0] == "Family 👨\u200d👩\u200d👧 trips"
    )  # joiners stay
