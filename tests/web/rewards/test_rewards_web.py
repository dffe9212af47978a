"""Rewards over HTTP: my rewards page, leaderboards, admin rules and adjustments, notifications, the
disclosure label, and fields that try to set points or tiers."""

import re
from datetime import timedelta

from sqlalchemy import select

from cocreate.accounts.models import User
from cocreate.db import utcnow
from cocreate.ideas.services import do_create_idea
from cocreate.reviews.services import do_write_review
from cocreate.rewards.models import LedgerEntry, RewardAccount, RuleSetting
from cocreate.rewards.services import do_adjust
from tests.factories import BoardFactory, ProductFactory, UserFactory

OLD = utcnow() - timedelta(days=60)


def test_my_rewards_page_balance_tier_progress_badges_and_history(client, session):
    author = UserFactory(created_at=OLD)
    board = BoardFactory(slug="camp")
    idea = do_create_idea(session, actor=author, board=board, title="Camp stove with a wind shield")
    admin = UserFactory(role="admin")
    for n in range(35):
        do_adjust(session, actor=admin, user=author, amount=1, reason=f"Goodwill number {n}")
    session.commit()
    assert client.get("/rewards").status_code == 302  # sign in first
    client.sign_in(author)
    html = client.get("/rewards").get_data(as_text=True)
    assert '<strong id="r-balance">45</strong>' in html
    assert "55 points to Contributor" in html and '<progress id="r-progress" value="45" max="100">' in html
    assert "First idea" in html and "Adjustment by an admin" in html
    assert "Goodwill number 34" in html and "Goodwill number 0" not in html  # newest first, 30 a page
    more = re.search(r'hx-get="(/rewards\?cursor=[^"]+)"', html).group(1)
    older = client.get(more.replace("&amp;", "&"), headers={"HX-Request": "true"}).get_data(as_text=True)
    assert older.lstrip().startswith("<tr") and "Goodwill number 0" in older and "<html" not in older
    assert "Idea proposed" in older and f"/i/{idea.id}" in older  # the oldest entry links to its idea
    assert client.get("/rewards?cursor=nonsense").status_code == 400
    profile = client.get(f"/u/{author.username}").get_data(as_text=True)
    assert "Member" in profile and "<strong>45</strong> points" in profile and "First idea" in profile


def test_leaderboard_page_filters_and_opting_out(client, session):
    board = BoardFactory(slug="camp", name="Camp")
    alice = UserFactory(created_at=OLD, display_name="Alice Leader")
    do_create_idea(session, actor=alice, board=board, title="Alice has an idea about tarps")
    session.commit()
    html = client.get("/leaderboard").get_data(as_text=True)
    assert "Alice Leader" in html and '<td class="num">10</td>' in html
    fragment = client.get("/leaderboard?period=30d&board=camp", headers={"HX-Request": "true"}).get_data(
        as_text=True
    )
    assert fragment.lstrip().startswith('<section id="leaders"') and "Alice Leader" in fragment
    for odd in ("period=forever", "board=nope"):
        assert client.get(f"/leaderboard?{odd}").status_code == 200
    assert client.get("/leaderboard?period=%00").status_code == 400
    client.sign_in(alice)
    # Opting out; extra fields that try to set points or a tier change nothing.
    response = client.post_form(
        "/rewards/leaderboards",
        {"visible": "0", "balance": "999999", "lifetime": "999999", "tier": "co_creator", "user_id": "1"},
    )
    assert response.status_code == 302
    session.rollback()
    acct = session.get(RewardAccount, alice.id)
    assert (acct.balance, acct.lifetime, acct.tier, acct.hide_from_leaderboards) == (10, 10, "member", True)
    page = client.get("/leaderboard").get_data(as_text=True)
    assert "Alice Leader" not in page[page.index('<main id="main"') :]  # the menu names her, the board not
    assert client.post("/rewards/leaderboards", data={"visible": "1"}).status_code == 400  # no CSRF token


def test_register_form_ignores_points_and_tier_fields(client, session):
    response = client.post_form(
        "/register",
        {
            "email": "greedy@example.com",
            "username": "greedy",
            "password": "long password 1",
            "balance": "5000",
            "tier": "co_creator",
            "role": "admin",
        },
    )
    assert response.status_code == 302
    session.rollback()
    user = session.scalar(select(User).where(User.username == "greedy"))
    assert user.role == "member" and session.get(RewardAccount, user.id) is None
    assert session.scalar(select(LedgerEntry.id).where(LedgerEntry.user_id == user.id)) is None


def test_admin_rules_and_adjustments(client, session):
    admin, member = UserFactory(role="admin"), UserFactory(username="rowan", created_at=OLD)
    moderator = UserFactory(role="moderator")
    session.commit()
    client.sign_in(moderator)
    assert client.get("/admin/rewards").status_code == 403
    assert (
        client.post_form(
            "/admin/rewards",
            {"form": "adjust", "username": "rowan", "amount": "5", "reason": "Sneaky moderator"},
        ).status_code
        == 403
    )
    client.sign_in(admin)
    page = client.get("/admin/rewards").get_data(as_text=True)
    assert "Idea shipped" in page and 'value="250"' in page
    saved = client.post_form(
        "/admin/rewards",
        {"form": "rule", "rule": "idea_shipped", "points": "300", "daily_cap": "", "enabled": "1"},
    )
    assert saved.status_code == 302
    session.rollback()
    setting = session.get(RuleSetting, "idea_shipped")
    assert (setting.points, setting.daily_cap, setting.enabled) == (300, None, True)
    for form, message in (
        ({"form": "rule", "rule": "idea_shipped", "points": "lots"}, "whole number"),
        ({"form": "rule", "rule": "idea_shipped", "points": "-5"}, "between 0 and 10,000"),
        ({"form": "rule", "rule": "made_up", "points": "5"}, "no such rule"),
        (
            {"form": "adjust", "username": "nobody", "amount": "5", "reason": "Because reasons"},
            "No one goes by",
        ),
        ({"form": "adjust", "username": "rowan", "amount": "5", "reason": ""}, "Say why"),
        ({"form": "adjust", "username": "rowan", "amount": "-5", "reason": "Take some away"}, "below 0"),
        ({"form": "adjust", "username": "rowan", "amount": "", "reason": "Nothing given"}, "whole number"),
    ):
        response = client.post_form("/admin/rewards", form)
        assert response.status_code == 422, form
        assert message in response.get_data(as_text=True), form
    done = client.post_form(
        "/admin/rewards",
        {"form": "adjust", "username": "@Rowan", "amount": "25", "reason": "Hosted the meetup"},
    )
    assert done.status_code == 302
    session.rollback()
    assert session.get(RewardAccount, member.id).balance == 25


def test_notifications_menu_count_page_and_mark_read(client, session):
    member = UserFactory(created_at=OLD)
    do_create_idea(session, actor=member, board=BoardFactory(), title="First idea earns a badge")
    session.commit()
    client.sign_in(member)
    home = client.get("/").get_data(as_text=True)
    assert 'aria-label="Notifications: 1 unread"' in home
    page = client.get("/notifications").get_data(as_text=True)
    assert "New badge: First idea" in page and "Mark all as read" in page
    assert client.post_form("/notifications/read").status_code == 302
    assert 'aria-label="Notifications"' in client.get("/").get_data(as_text=True)


def test_rewarded_reviews_carry_the_disclosure(client, session):
    product = ProductFactory(slug="stove")
    author = UserFactory(created_at=OLD)
    do_write_review(session, actor=author, product=product, rating=5, title="Boils fast")
    session.commit()
    assert "rewarded with community points" in client.get("/p/stove").get_data(as_text=True)
