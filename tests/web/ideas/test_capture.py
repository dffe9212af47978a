"""Staff capture: the product team records ideas and votes for customers, attributed to both."""

import pytest
from sqlalchemy import func, select

from cocreate.accounts.customers import UNCLAIMED
from cocreate.accounts.models import User
from cocreate.accounts.services import authenticate
from cocreate.ideas.models import Idea, Vote
from cocreate.ideas.services.capture import do_capture_vote
from cocreate.notifications.models import Notification
from cocreate.rewards.models import LedgerEntry
from tests.concurrency import race
from tests.factories import BoardFactory, IdeaFactory, UserFactory


def test_staff_records_an_idea_for_a_new_customer_who_owns_it(client, session):
    BoardFactory(slug="shop")
    staff = UserFactory(role="product", display_name="Ana from Support")
    session.commit()
    client.sign_in(staff)
    assert "Record a customer's idea" in client.get("/b/shop").get_data(as_text=True)
    response = client.post_form(
        "/b/shop/capture",
        {
            "customer_email": "  Kim@Example.COM ",
            "customer_name": "Kim Lee",
            "title": "Refill station for detergent",
            "body": "Asked at the till",
        },
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Kim Lee" in page and "recorded by Ana from Support (staff)" in page

    session.rollback()
    kim = session.scalar(select(User).where(User.email == "kim@example.com"))
    assert kim.display_name == "Kim Lee" and kim.password_hash == UNCLAIMED and kim.role == "member"
    assert authenticate(session, email="kim@example.com", password=UNCLAIMED) is None  # no sign-in as Kim
    idea = session.scalar(select(Idea))
    assert (idea.author_id, idea.channel, idea.recorded_by_id) == (kim.id, "staff", staff.id)
    assert idea.via == "Ana from Support"
    told = session.scalars(select(Notification.message).where(Notification.user_id == kim.id))
    assert any(m.startswith("Ana from Support recorded your idea") for m in told)
    assert session.scalar(select(func.sum(LedgerEntry.amount)).where(LedgerEntry.user_id == kim.id)) > 0
    assert not session.scalar(select(LedgerEntry.id).where(LedgerEntry.user_id == staff.id))

    # The same address again: the same account, not a second one.
    again = client.post_form("/b/shop/capture", {"customer_email": "kim@example.com", "title": "Bigger bags"})
    assert again.status_code == 303
    session.rollback()
    assert session.scalar(select(func.count(User.id)).where(User.email == "kim@example.com")) == 1
    assert session.scalar(select(func.count(Idea.id)).where(Idea.author_id == kim.id)) == 2


def test_staff_adds_a_customers_vote_once(client, session):
    idea = IdeaFactory(title="Longer warranty")
    customer = UserFactory(email="pat@example.com", display_name="Pat")
    staff = UserFactory(role="admin")
    session.commit()
    client.sign_in(staff)
    page = client.get(f"/i/{idea.id}").get_data(as_text=True)
    assert f"/i/{idea.id}/capture-vote" in page
    form = {"customer_email": "PAT@example.com", "importance": "critical"}
    assert client.post_form(f"/i/{idea.id}/capture-vote", form).status_code == 303
    twice = client.post_form(f"/i/{idea.id}/capture-vote", form)
    assert twice.status_code == 422 and "already voted" in twice.get_data(as_text=True)
    session.rollback()
    vote = session.scalar(select(Vote))
    assert (vote.user_id, vote.importance, vote.channel, vote.recorded_by_id) == (
        customer.id,
        "critical",
        "staff",
        staff.id,
    )
    assert session.get(Idea, idea.id).vote_count == 1


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"customer_email": "", "title": "Fine title"}, "Enter the customer&#39;s e-mail"),
        ({"customer_email": "not-an-address", "title": "Fine title"}, "Enter the customer&#39;s e-mail"),
        ({"customer_email": "staff@example.com", "title": "Fine title"}, "your own behalf"),
        ({"customer_email": "x@example.com", "title": "ab"}, "4–140 characters"),
    ],
)
def test_bad_capture_input_is_shown_and_writes_nothing(client, session, form, message):
    BoardFactory(slug="shop")
    staff = UserFactory(role="product", email="staff@example.com")
    session.commit()
    client.sign_in(staff)
    response = client.post_form("/b/shop/capture", form)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    session.rollback()
    assert session.scalar(select(func.count(Idea.id))) == 0
    assert session.scalar(select(func.count(User.id))) == 1


def test_members_cannot_record_for_others(client, session):
    BoardFactory(slug="shop")
    idea = IdeaFactory()
    member = UserFactory()
    session.commit()
    assert client.get("/b/shop/capture").status_code == 302  # anonymous: sign in first
    client.sign_in(member)
    assert client.get("/b/shop/capture").status_code == 403
    sneaky = client.post_form("/b/shop/capture", {"customer_email": "a@b.co", "title": "Sneaky"})
    assert sneaky.status_code == 403
    assert client.get(f"/i/{idea.id}/capture-vote").status_code == 403
    session.rollback()
    assert session.scalar(select(func.count(Idea.id))) == 1


def test_two_staff_recording_the_same_new_customer_at_once_make_one_account(app, session):
    idea = IdeaFactory()
    staff_ids = [UserFactory(role="product").id for _ in range(6)]
    idea_id = idea.id
    session.commit()

    def capture(staff_id):
        return lambda s: do_capture_vote(
            s, actor=s.get(User, staff_id), idea=s.get(Idea, idea_id), customer_email="new@example.com"
        )

    result = race(app, [capture(i) for i in staff_ids])
    assert result.errors == []
    assert (result.ok, result.conflicts) == (1, 5)  # one vote; the others see "already voted"
    session.commit()
    assert session.scalar(select(func.count(User.id)).where(User.email == "new@example.com")) == 1
    assert session.get(Idea, idea_id).vote_count == 1


def test_a_customer_who_cannot_see_a_private_board_is_not_recorded_there(client, session):
    BoardFactory(slug="lab", is_private=True, allowed_roles="product")
    staff = UserFactory(role="product")
    customer = UserFactory(email="cara@example.com")
    session.commit()
    client.sign_in(staff)
    response = client.post_form(
        "/b/lab/capture", {"customer_email": customer.email, "title": "A prototype wish", "body": ""}
    )
    assert response.status_code == 422
    assert "cannot see this private board" in response.get_data(as_text=True)
    session.rollback()
    assert session.scalar(select(func.count(Idea.id))) == 0
