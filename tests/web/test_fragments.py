"""Memoised board rows (cocreate/web/fragments.py): kept once, never stale, per-request values filled in."""

import re

import pytest
from flask import render_template_string
from markupsafe import escape

from cocreate.ideas.services import do_vote
from cocreate.web import fragments
from tests.factories import BoardFactory, IdeaFactory, UserFactory

ROW = re.compile(r'<li class="idea-row">.*?</li>', re.S)


@pytest.fixture(autouse=True)
def _fresh():
    fragments.clear()
    yield
    fragments.clear()


def _rows(response) -> list[str]:
    assert response.status_code == 200
    return ROW.findall(response.get_data(as_text=True))


def _token(response) -> str:
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', response.get_data(as_text=True))[1]


def test_two_members_share_rows_but_each_gets_their_own_token_and_address(app, session):
    board = BoardFactory(slug="app")
    for _ in range(3):
        IdeaFactory(board=board)
    ann, bob = UserFactory(), UserFactory()
    session.commit()
    from tests.fixtures.web import Client

    app.test_client_class = Client
    pages = {}
    for user, url in ((ann, "/b/app"), (bob, "/b/app?sort=top")):
        browser = app.test_client()
        browser.sign_in(user)
        pages[user.id] = browser.get(url)
    assert fragments.size("board-row") == 3  # rendered for Ann, reused for Bob
    for user, url in ((ann, "/b/app"), (bob, "/b/app?sort=top")):
        response = pages[user.id]
        rows = _rows(response)
        assert len(rows) == 3
        for row in rows:
            assert f'name="csrf_token" value="{_token(response)}"' in row
            assert f'name="next" value="{url.replace("&", "&amp;")}"' in row
            assert "\x00" not in row
    assert _token(pages[ann.id]) != _token(pages[bob.id])


def test_a_vote_or_an_edit_shows_at_once(client, session):
    board = BoardFactory(slug="app")
    idea = IdeaFactory(board=board, title="Dark mode")
    voter, other = UserFactory(), UserFactory()
    session.commit()
    idea_id = idea.id
    client.sign_in(voter)
    (before,) = _rows(client.get("/b/app"))
    assert 'class="vote-box"' in before and ">0</span>" in before

    do_vote(session, actor=other, idea=idea)
    session.commit()
    (after_other,) = _rows(client.get("/b/app"))
    assert ">1</span>" in after_other and 'class="vote-box"' in after_other

    session.rollback()  # end this session's read so that the client's vote is not behind its snapshot
    client.post_form(f"/i/{idea_id}/vote", htmx=True)
    (mine,) = _rows(client.get("/b/app"))
    assert 'class="vote-box voted"' in mine and ">2</span>" in mine and 'aria-pressed="true"' in mine

    session.rollback()
    idea.title = "Dark mode everywhere"
    session.commit()
    (edited,) = _rows(client.get("/b/app"))
    assert "Dark mode everywhere" in edited


def test_anonymous_and_signed_in_rows_are_kept_apart(client, session):
    board = BoardFactory(slug="app")
    IdeaFactory(board=board)
    member = UserFactory()
    session.commit()
    (anonymous,) = _rows(client.get("/b/app?sort=new"))
    assert "Sign in to vote" in anonymous and "/login?next=/b/app?sort%3Dnew" in anonymous
    client.sign_in(member)
    (signed_in,) = _rows(client.get("/b/app?sort=new"))
    assert "<form" in signed_in and "Sign in to vote" not in signed_in
    assert fragments.size("board-row") == 2


def test_slot_values_are_escaped(app):
    with app.test_request_context("/"):
        html = render_template_string(
            '{% set v = slot("v", value) %}{% call memo("t", 1) %}<a title="{{ v }}">x</a>{% endcall %}',
            value='"><script>alert(1)</script>',
        )
    assert html == '<a title="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">x</a>'


def test_a_kept_part_is_filled_with_each_requests_value(app):
    template = '{% set v = slot("v", value) %}{% call memo("t", 2) %}[{{ v }}]{% endcall %}'
    with app.test_request_context("/"):
        assert render_template_string(template, value="first") == "[first]"
    with app.test_request_context("/"):
        assert render_template_string(template, value="second") == "[second]"
    assert fragments.size() == 1


def test_a_slot_left_unset_is_an_error_not_a_leak(app, monkeypatch):
    monkeypatch.setitem(app.config, "MEMO_CHECK", False)  # as in production: the kept part is served
    with app.test_request_context("/"):
        render_template_string('{% set v = slot("v", "a") %}{% call memo("t", 3) %}{{ v }}{% endcall %}')
    with app.test_request_context("/"), pytest.raises(RuntimeError, match="slot"):
        render_template_string('{% call memo("t", 3) %}never rendered{% endcall %}')


def test_the_tests_check_every_kept_part_against_a_fresh_rendering(app):
    """MEMO_CHECK (TestConfig): a key that misses a value the part shows fails instead of serving it."""
    template = '{% call memo("t", 5) %}[{{ shown }}]{% endcall %}'
    with app.test_request_context("/"):
        assert render_template_string(template, shown="a") == "[a]"
    with app.test_request_context("/"), pytest.raises(AssertionError, match="its key does not hold"):
        render_template_string(template, shown="b")


def test_parts_inside_a_kept_part_keep_their_markers_and_every_copy_gets_its_own_values(app):
    template = (
        '{% set v = slot("v", value) %}{% call memo("outer", 1) %}<{% call memo("inner", 1) %}'
        "[{{ v }}]{% endcall %}>{% endcall %}"
    )
    for value in ("first", "second", "<third>"):
        with app.test_request_context("/"):
            assert render_template_string(template, value=value) == f"<[{escape(value)}]>"
    assert fragments.size("outer") == 1 and fragments.size("inner") == 1


def test_nothing_is_kept_while_templates_are_edited(app):
    app.jinja_env.auto_reload = True
    try:
        with app.test_request_context("/"):
            render_template_string('{% call memo("t", 4) %}x{% endcall %}')
        assert fragments.size() == 0
    finally:
        app.jinja_env.auto_reload = False


def test_memo_each_renders_only_the_parts_not_kept_in_order_with_this_requests_slots(app, monkeypatch):
    monkeypatch.setitem(app.config, "MEMO_CHECK", False)  # count renders as in production
    rendered = []

    def page(keys, who):
        marker = fragments.slot("who", who)  # set before the parts, as a template does

        def part(i):
            rendered.append(keys[i])
            return f"<{keys[i][1]}:{marker}>"

        return fragments.memo_each(keys, part)

    with app.test_request_context("/"):
        assert page([("p", 1), ("p", 2)], "ann") == "<1:ann><2:ann>"
    with app.test_request_context("/"):
        assert (
            page([("p", 2), ("p", 3), ("p", 1)], "<bob>") == "<2:&lt;bob&gt;><3:&lt;bob&gt;><1:&lt;bob&gt;>"
        )
    assert rendered == [("p", 1), ("p", 2), ("p", 3)]  # each once
    assert fragments.size("p") == 3


def test_old_entries_age_out_by_bytes(app, monkeypatch):
    from cocreate.bounded_cache import ByteBoundedLRU, deep_size

    one = deep_size(("t", 0), ("x" * 1_000,))
    monkeypatch.setattr(fragments, "_entries", ByteBoundedLRU(3 * one + 10))
    with app.test_request_context("/"):
        for i in range(5):
            render_template_string('{% call memo("t", n) %}{{ "x" * 1000 }}{% endcall %}', n=i)
    assert fragments.size() == 3
    assert fragments._entries.key_list() == [("t", 2), ("t", 3), ("t", 4)]  # the oldest went first


def test_the_menu_is_each_persons_own_and_follows_their_notifications_and_role(app, session):
    from cocreate.notifications.services import notify
    from tests.fixtures.web import Client

    BoardFactory(slug="app")
    ann, bob = UserFactory(username="ann"), UserFactory(username="bob")
    session.commit()
    app.test_client_class = Client
    browsers = {}
    for user in (ann, bob):
        browsers[user.username] = app.test_client()
        browsers[user.username].sign_in(user)

    def menu(name: str) -> str:
        html = browsers[name].get("/b/app").get_data(as_text=True)
        return html[html.index('<header class="site-header">') : html.index("</header>")]

    assert "@ann" in menu("ann") and "@bob" in menu("bob") and "@ann" not in menu("bob")
    assert "unread" not in menu("ann") and "Moderation" not in menu("ann")
    notify(session, ann.id, "test", "Something happened")
    session.commit()
    assert "Notifications: 1 unread" in menu("ann") and "unread" not in menu("bob")
    ann.role = "moderator"
    session.commit()
    assert "Moderation" in menu("ann") and "Moderation" not in menu("bob")
    tokens = {re.search(r'name="csrf_token" value="([^"]+)"', menu(n))[1] for n in ("ann", "bob")}
    assert len(tokens) == 2  # the sign-out form carries each person's own token
