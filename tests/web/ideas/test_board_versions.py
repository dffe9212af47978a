"""Boards kept per worker and checked against the version the database raises
(cocreate/ideas/board_versions.py): every change shows on the next page, and a kept board never decides who
may see it."""

from sqlalchemy import delete, select, update

from cocreate.ideas import board_versions
from cocreate.ideas.models import Board, Idea, Tag
from tests.factories import BoardFactory, IdeaFactory, TagFactory, UserFactory


def _version(session, board_id: int) -> int:
    session.commit()  # end this snapshot: see what was committed since
    return session.scalar(select(Board.version).where(Board.id == board_id))


def test_the_database_raises_a_boards_version_on_every_change_it_shows(session):
    board, other = BoardFactory(), BoardFactory()
    session.commit()
    first = _version(session, board.id)
    assert first != _version(session, other.id)  # new boards start at random versions
    seen = [first]
    for change in (
        {"name": "Trail app"},
        {"slug": "trail-app"},
        {"description": "Plans and logs"},
        {"is_private": True},
        {"allowed_roles": "product"},
        {"vote_budget": 5},
    ):
        session.execute(update(Board).where(Board.id == board.id).values(**change))
        seen.append(_version(session, board.id))
    tag = TagFactory(board=board, slug="maps")
    seen.append(_version(session, board.id))
    tag.name = "Offline maps"
    seen.append(_version(session, board.id))
    session.delete(tag)
    seen.append(_version(session, board.id))
    assert len(set(seen)) == len(seen), seen  # each of them changed it
    IdeaFactory(board=board)
    session.execute(update(Board).where(Board.id == board.id).values(idea_count=Board.idea_count + 1))
    assert _version(session, board.id) == seen[-1]  # counters are not what the page's head shows
    session.execute(delete(Board).where(Board.id == board.id))
    session.commit()
    again = BoardFactory(slug="trail-app")  # SQLite may well give it the same id: the version differs
    session.commit()
    assert _version(session, again.id) not in seen


def test_each_change_shows_on_the_next_page(client, session):
    board = BoardFactory(slug="app", name="Trail app")
    IdeaFactory(board=board, title="Offline maps")
    member = UserFactory()
    session.commit()
    client.sign_in(member)
    assert "Trail app" in client.get("/b/app").get_data(as_text=True)
    assert board_versions.kept("app").name == "Trail app"  # kept from now on
    session.execute(update(Board).where(Board.slug == "app").values(name="Trailhead mobile"))
    TagFactory(board=board, slug="sync", name="Sync")
    session.commit()
    html = client.get("/b/app").get_data(as_text=True)
    assert "Trailhead mobile" in html and "Trail app" not in html
    assert '<option value="sync"' in html
    assert client.get("/b/app?tag=sync").status_code == 200  # a tag made after the board was kept


def test_a_kept_board_never_decides_who_may_see_it(client, session):
    board = BoardFactory(slug="app")
    IdeaFactory(board=board, title="Secret plan")
    member = UserFactory()
    session.commit()
    client.sign_in(member)
    assert "Secret plan" in client.get("/b/app").get_data(as_text=True)  # kept as public
    session.execute(update(Board).where(Board.slug == "app").values(is_private=True, allowed_roles="product"))
    session.commit()
    hidden = client.get("/b/app")
    assert hidden.status_code == 404 and "Secret plan" not in hidden.get_data(as_text=True)
    assert board_versions.kept("app").is_private  # kept as it is now
    session.execute(update(Board).where(Board.slug == "app").values(is_private=False))
    session.commit()
    assert "Secret plan" in client.get("/b/app").get_data(as_text=True)  # the refusal was asked again


def test_a_board_made_again_under_its_slug_is_not_the_kept_one(client, session):
    board = BoardFactory(slug="app", name="Old board")
    IdeaFactory(board=board, title="Old idea")
    session.commit()
    assert "Old board" in client.get("/b/app").get_data(as_text=True)
    session.execute(delete(Idea))
    session.execute(delete(Tag))
    session.execute(delete(Board))
    session.commit()
    IdeaFactory(board=BoardFactory(slug="app", name="New board"), title="New idea")
    session.commit()
    html = client.get("/b/app").get_data(as_text=True)
    assert "New board" in html and "New idea" in html and "Old" not in html
