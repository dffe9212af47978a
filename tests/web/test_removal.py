"""People remove what they wrote and change their name: an idea (deleted, or withdrawn when others voted),
a comment, a review, a story. Each leaves every list, count and search, its text is erased, its points are
reversed in the ledger, and the moderation log records it. Planned ideas stay; nobody removes someone
else's contribution this way; two removals at once count once (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import threading
from pathlib import Path

from PIL import Image
from sqlalchemy import func, select

from cocreate.accounts.models import User
from cocreate.errors import NotFound
from cocreate.extensions import db
from cocreate.ideas.models import Board, Comment, Idea, Vote
from cocreate.ideas.services import do_add_comment, do_change_status, do_create_idea, do_remove_idea, do_vote
from cocreate.moderation.models import AuditEntry
from cocreate.notifications.models import Notification
from cocreate.reviews.models import Product, Review, UGCItem, UGCPhoto
from cocreate.reviews.services import do_write_review
from cocreate.reviews.services.ugc import do_submit_ugc
from cocreate.rewards.models import LedgerEntry, RewardAccount
from tests.factories import BoardFactory, ProductFactory, UserFactory


def _balance(session, user_id: int) -> int:
    session.commit()
    return session.scalar(select(RewardAccount.balance).where(RewardAccount.user_id == user_id)) or 0


def _logged(session, kind: str, object_id: int) -> list[str]:
    return list(
        session.scalars(
            select(AuditEntry.action).where(AuditEntry.kind == kind, AuditEntry.object_id == object_id)
        )
    )


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (30, 120, 90)).save(out, format="PNG")
    return out.getvalue()


def test_an_idea_nobody_else_voted_for_is_deleted_everywhere(app, session, client):
    author = UserFactory()
    board = BoardFactory(slug="gear")
    idea = do_create_idea(session, actor=author, board=board, title="Quieter zips on the tent", body="Shh")
    keep = do_create_idea(session, actor=author, board=board, title="Longer guy lines")
    do_vote(session, actor=author, idea=idea)  # the author's own vote
    session.commit()
    assert _balance(session, author.id) > 0
    before = _balance(session, author.id)
    client.sign_in(author)
    page = client.get(f"/i/{idea.id}").get_data(as_text=True)
    assert "Delete this idea" in page and "Withdraw this idea" not in page
    response = client.post_form(f"/i/{idea.id}/delete")
    assert response.status_code == 302 and response.headers["Location"].endswith("/b/gear")
    session.rollback()
    gone = session.get(Idea, idea.id)
    assert gone.moderation_state == "removed" and "Quieter" not in gone.title and gone.body == ""
    assert session.get(Board, board.id).idea_count == 1
    assert session.scalar(select(func.count(Vote.id)).where(Vote.idea_id == idea.id)) == 0
    assert _logged(session, "idea", idea.id) == ["author_removed"]
    reversal = session.scalar(select(LedgerEntry).where(LedgerEntry.reverses_id.is_not(None)))
    assert reversal.source_id == idea.id and reversal.note == "Reversed: you removed this contribution."
    assert _balance(session, author.id) == before - 10  # idea_proposed taken back
    for who in (client, app.test_client()):
        assert who.get(f"/i/{idea.id}").status_code == 404
        assert "Quieter" not in who.get("/b/gear").get_data(as_text=True)
        assert "Quieter" not in who.get("/search?q=quieter").get_data(as_text=True)
        assert "Longer guy lines" in who.get("/b/gear").get_data(as_text=True)
    assert "Quieter" not in client.get(f"/u/{author.username}").get_data(as_text=True)
    ids = [i["id"] for i in client.get("/api/v1/boards/gear/ideas").get_json()["items"]]
    assert ids == [keep.id]
    assert client.get("/api/v1/me").get_json()["contributions"]["ideas"] == 1
    assert [i["id"] for i in client.get("/api/v1/me/ideas").get_json()["items"]] == [keep.id]
    again = client.post_form(f"/i/{idea.id}/delete")
    assert again.status_code == 404  # once only


def test_an_idea_others_voted_for_is_withdrawn_and_their_votes_come_free(app, session, client):
    author, voter = UserFactory(), UserFactory()
    board = BoardFactory(slug="stoves", vote_budget=1)
    idea = do_create_idea(session, actor=author, board=board, title="A windshield that folds flat")
    other = do_create_idea(session, actor=author, board=board, title="A simmer ring")
    do_vote(session, actor=voter, idea=idea)
    session.commit()
    client.sign_in(voter)
    assert client.post_form(f"/i/{other.id}/vote").status_code == 409  # the budget of one is used
    client.post_form("/logout")
    client.sign_in(author)
    page = client.get(f"/i/{idea.id}").get_data(as_text=True)
    assert "Withdraw this idea" in page and "1 person who voted for it" in page
    assert client.post_form(f"/i/{idea.id}/delete").status_code == 302
    session.rollback()
    note = session.scalar(select(Notification).where(Notification.user_id == voter.id))
    assert note.kind == "idea.withdrawn" and "A windshield that folds flat" in note.message
    client.post_form("/logout")
    client.sign_in(voter)
    assert client.post_form(f"/i/{other.id}/vote").status_code in (200, 302)  # the vote came back


def test_a_planned_idea_stays_and_others_cannot_remove_an_idea(app, session, client):
    author, other, team = UserFactory(), UserFactory(), UserFactory(role="product")
    moderator = UserFactory(role="moderator")
    board = BoardFactory()
    idea = do_create_idea(session, actor=author, board=board, title="Refill cartridges")
    open_one = do_create_idea(session, actor=author, board=board, title="Spare pole sections")
    do_change_status(session, actor=team, idea=idea, status="planned")
    session.commit()
    for person in (other, moderator):
        client.sign_in(person)
        assert client.post_form(f"/i/{open_one.id}/delete").status_code == 404
        client.post_form("/logout")
    client.sign_in(author)
    assert "Delete this idea" not in client.get(f"/i/{idea.id}").get_data(as_text=True)
    refused = client.post_form(f"/i/{idea.id}/delete")
    assert refused.status_code == 409 and "planned" in refused.get_data(as_text=True)
    session.rollback()
    assert session.get(Idea, idea.id).moderation_state == "approved"
    assert session.get(Idea, open_one.id).moderation_state == "approved"


def test_a_deleted_comment_leaves_its_replies_under_a_note(app, session, client):
    author, replier = UserFactory(), UserFactory()
    idea = do_create_idea(session, actor=UserFactory(), board=BoardFactory(), title="Bigger pockets")
    comment = do_add_comment(session, actor=author, idea=idea, body="Mine **too small**")
    do_add_comment(session, actor=replier, idea=idea, body="Agreed, a reply", parent_id=comment.id)
    lonely = do_add_comment(session, actor=author, idea=idea, body="A second thought")
    session.commit()
    client.sign_in(author)
    assert client.post_form(f"/comments/{comment.id}/delete").status_code == 302
    assert client.post_form(f"/comments/{lonely.id}/delete").status_code == 302
    assert client.post_form(f"/comments/{lonely.id}/delete").status_code == 404
    session.rollback()
    assert session.get(Idea, idea.id).comment_count == 1
    assert session.get(Comment, comment.id).body == "[removed by its author]"
    html = app.test_client().get(f"/i/{idea.id}").get_data(as_text=True)
    assert "This comment was removed by its author." in html and "Agreed, a reply" in html
    assert "too small" not in html and "A second thought" not in html
    assert _logged(session, "comment", comment.id) == ["author_removed"]
    client.post_form("/logout")
    client.sign_in(replier)
    assert client.post_form(f"/comments/{comment.id}/delete").status_code == 404


def test_a_deleted_review_leaves_the_rating_and_can_be_written_afresh(app, session, client):
    author = UserFactory()
    product = ProductFactory(slug="kettle")
    review = do_write_review(session, actor=author, product=product, rating=2, title="Leaks at the lid")
    do_write_review(session, actor=UserFactory(), product=product, rating=5, title="Lovely")
    session.commit()
    earned = _balance(session, author.id)
    assert earned > 0
    client.sign_in(author)
    form = client.get("/p/kettle/review").get_data(as_text=True)
    assert "Delete your review" in form
    assert client.post_form(f"/reviews/{review.id}/delete").status_code == 302
    session.rollback()
    kettle = session.get(Product, product.id)
    assert (kettle.review_count, kettle.rating_sum) == (1, 5)
    assert _balance(session, author.id) == 0
    assert "Leaks at the lid" not in app.test_client().get("/p/kettle").get_data(as_text=True)
    assert _logged(session, "review", review.id) == ["author_removed"]
    assert "Delete your review" not in client.get("/p/kettle/review").get_data(as_text=True)
    written = client.post_form("/p/kettle/review", {"rating": "4", "title": "Fixed by a new seal"})
    assert written.status_code == 302
    session.rollback()
    again = session.scalar(select(Review).where(Review.author_id == author.id))
    assert (again.id, again.moderation_state, again.title) == (review.id, "approved", "Fixed by a new seal")
    assert (session.get(Product, product.id).review_count, session.get(Product, product.id).rating_sum) == (
        2,
        9,
    )
    assert _balance(session, author.id) == earned  # its points come back once, not twice


def test_a_deleted_story_loses_its_photos(app, session, client):
    author = UserFactory()
    product = ProductFactory(slug="pack")
    uploads = Path(app.instance_path) / "uploads"
    item = do_submit_ugc(
        session, actor=author, product=product, title="Pack on the ridge", photos=[_png()], uploads=uploads
    )
    session.commit()
    photo = uploads / item.photos[0].name
    assert photo.exists()
    client.sign_in(author)
    assert "Delete this story" in client.get(f"/ugc/{item.id}").get_data(as_text=True)
    assert client.post_form(f"/ugc/{item.id}/delete").status_code == 302
    session.rollback()
    assert not photo.exists()
    assert session.scalar(select(func.count(UGCPhoto.id))) == 0
    assert session.get(UGCItem, item.id).moderation_state == "removed"
    assert client.get(f"/ugc/{item.id}").status_code == 404
    assert _logged(session, "ugc", item.id) == ["author_removed"]


def test_two_removals_of_one_idea_at_once_count_once(app, session):
    author = UserFactory()
    board = BoardFactory()
    idea = do_create_idea(session, actor=author, board=board, title="Double-tap safe")
    voters = UserFactory.create_batch(5)
    for voter in voters:
        do_vote(session, actor=voter, idea=idea)
    session.commit()
    ids = (author.id, idea.id)
    barrier, outcomes, lock = threading.Barrier(6), [], threading.Lock()

    def remove():
        from cocreate.db import write_intent

        with app.app_context(), write_intent():
            barrier.wait()
            try:
                do_remove_idea(
                    db.session, actor=db.session.get(User, ids[0]), idea=db.session.get(Idea, ids[1])
                )
                db.session.commit()
                outcome = "ok"
            except NotFound:
                db.session.rollback()
                outcome = "not found"
            finally:
                db.session.remove()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=remove) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(outcomes) == ["not found"] * 5 + ["ok"]
    session.commit()
    assert session.get(Board, board.id).idea_count == 0
    assert session.scalar(select(func.count(LedgerEntry.id)).where(LedgerEntry.reverses_id.is_not(None))) == 1
    assert (
        session.scalar(select(func.count(Notification.id)).where(Notification.kind == "idea.withdrawn")) == 5
    )
    assert _logged(session, "idea", idea.id) == ["author_removed"]


def test_people_change_their_display_name_and_bad_names_are_refused(app, session, client):
    person = UserFactory(display_name="Old Name")
    idea = do_create_idea(session, actor=person, board=BoardFactory(), title="Name shows here")
    session.commit()
    client.sign_in(person)
    assert "Old Name" in client.get("/settings/profile").get_data(as_text=True)
    for bad, says in (
        ("", "required"),
        ("   ", "required"),
        ("\u200b\u200b", "Enter the name"),
        ("x" * 81, "80"),
    ):
        response = client.post_form("/settings/profile", {"display_name": bad})
        assert response.status_code == 422 and says in response.get_data(as_text=True), bad
    assert client.post_form("/settings/profile", {"display_name": "Nul\x00name"}).status_code == 422
    UserFactory(role="admin", display_name="Alex Admin")
    session.commit()
    for taken in ("alex admin", "Former member", "CoCreate"):  # a staff member's name, the site's own
        response = client.post_form("/settings/profile", {"display_name": taken})
        assert response.status_code == 422 and "choose another" in response.get_data(as_text=True), taken
    saved = client.post_form("/settings/profile", {"display_name": "  New\tName \u200b "})
    assert saved.status_code == 302
    session.rollback()
    assert session.get(User, person.id).display_name == "New Name"
    assert "New Name" in app.test_client().get(f"/i/{idea.id}").get_data(as_text=True)
    assert app.test_client().get("/settings/profile").status_code == 302  # sign in first


def test_nobody_acts_on_a_removed_idea_staff_included(app, session, client):
    author, voter = UserFactory(), UserFactory()
    idea = do_create_idea(session, actor=author, board=BoardFactory(), title="Gone for good")
    do_vote(session, actor=voter, idea=idea)
    do_remove_idea(session, actor=author, idea=idea)
    team = [UserFactory(role=role) for role in ("admin", "moderator", "product")]
    session.commit()
    for person in team:
        role = person.role
        staff = app.test_client()
        staff.sign_in(person)
        assert staff.get(f"/i/{idea.id}").status_code == 404
        for action, data in (
            ("comments", {"body": "Still here?"}),
            ("status", {"status": "planned"}),
            ("vote", {}),
            ("merge", {"target": "1"}),
        ):
            assert staff.post_form(f"/i/{idea.id}/{action}", data).status_code == 404, (role, action)
    session.rollback()
    assert session.get(Idea, idea.id).status == "open"
    assert session.scalar(select(func.count(Comment.id)).where(Comment.idea_id == idea.id)) == 0


def test_people_upload_a_picture_change_it_and_remove_it(app, session, client):
    person = UserFactory(display_name="Pia Picture")
    session.commit()
    client.sign_in(person)
    form = {"display_name": "Pia Picture", "picture": (io.BytesIO(_png()), "me.png")}
    assert client.post_form("/settings/profile", form, content_type="multipart/form-data").status_code == 302
    session.rollback()
    first = session.get(User, person.id).avatar
    uploads = Path(app.instance_path) / "uploads"
    assert first and (uploads / first).exists()
    assert f"/media/{first}" in client.get(f"/u/{person.username}").get_data(as_text=True)
    form = {"display_name": "Pia Picture", "picture": (io.BytesIO(_png()), "new.png")}
    client.post_form("/settings/profile", form, content_type="multipart/form-data")
    session.rollback()
    second = session.get(User, person.id).avatar
    assert second != first and not (uploads / first).exists()  # the old one is gone
    bad = {"display_name": "Pia Picture", "picture": (io.BytesIO(b"GIF89a not really"), "x.png")}
    refused = client.post_form("/settings/profile", bad, content_type="multipart/form-data")
    assert refused.status_code == 422 and (uploads / second).exists()
    gone = {"display_name": "Pia Picture", "remove_picture": "y"}
    assert client.post_form("/settings/profile", gone, content_type="multipart/form-data").status_code == 302
    session.rollback()
    assert session.get(User, person.id).avatar is None and not (uploads / second).exists()
