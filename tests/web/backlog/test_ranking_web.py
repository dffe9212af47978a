"""The product team's ranking page over HTTP: order, why, preview (htmx and plain), saving, refusals."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from cocreate.backlog.models import SavedView
from cocreate.db import utcnow
from cocreate.ideas.models import Idea, RankingWeights, StatusChange
from cocreate.ideas.services import do_add_comment, do_vote
from tests.factories import BoardFactory, IdeaFactory, TagFactory, UserFactory


def _board(session):
    board = BoardFactory(slug="stoves", name="Stoves")
    popular, critical = (
        IdeaFactory(board=board, title="Popular one"),
        IdeaFactory(board=board, title="Critical one"),
    )
    for _ in range(7):
        do_vote(session, actor=UserFactory(), idea=popular)
    for _ in range(2):
        do_vote(session, actor=UserFactory(), idea=critical, importance="critical")
    session.commit()
    return board, popular, critical


def test_the_team_reads_the_ranking_and_why(client, session):
    board, popular, critical = _board(session)
    member, product = UserFactory(), UserFactory(role="product")
    session.commit()
    client.sign_in(member)
    assert client.get("/manage/ranking").status_code == 403
    assert client.get(f"/manage/ranking/why/{popular.id}").status_code == 403
    client.sign_in(product)
    html = client.get("/manage/ranking?board=stoves").get_data(as_text=True)
    assert html.index("Popular one") < html.index("Critical one")
    assert client.get("/manage/ranking?board=nope").status_code == 404
    assert "Critical one" not in client.get("/manage/ranking?board=stoves&status=shipped").get_data(
        as_text=True
    )
    why = client.get(f"/manage/ranking/why/{critical.id}", headers={"HX-Request": "true"}).get_data(
        as_text=True
    )
    assert why.lstrip().startswith('<dl class="breakdown">') and "2 critical ×3" in why and "+6.0" in why
    page = client.get(f"/manage/ranking/why/{critical.id}").get_data(as_text=True)
    assert "<html" in page and "Why “Critical one” scores 6.0" in page


def test_preview_then_save_changes_the_order(client, session):
    board, popular, critical = _board(session)
    product = UserFactory(role="product")
    session.commit()
    client.sign_in(product)
    form = {"importance_critical": "10"}
    fragment = client.post_form("/manage/ranking/stoves/preview", form, htmx=True).get_data(as_text=True)
    assert fragment.lstrip().startswith('<section id="preview"')
    assert fragment.index("Critical one") < fragment.index("Popular one") and "▲ from #2" in fragment
    plain = client.post_form("/manage/ranking/stoves/preview", form)
    assert (
        plain.status_code == 200
        and "<html" in plain.get_data(as_text=True)
        and "With these weights" in plain.get_data(as_text=True)
    )
    bad = client.post_form("/manage/ranking/stoves/preview", {"half_life_days": "3"}, htmx=True)
    assert bad.status_code == 422 and "half-life" in bad.get_data(as_text=True)
    html = client.get("/manage/ranking?board=stoves").get_data(as_text=True)
    assert html.index("Popular one") < html.index("Critical one")  # the preview saved nothing
    refused = client.post_form("/manage/ranking/stoves/weights", {"value_weight": "99"})
    assert refused.status_code == 422 and "between 0 and 5" in refused.get_data(as_text=True)
    saved = client.post_form("/manage/ranking/stoves/weights", form)
    assert saved.status_code == 303
    html = client.get("/manage/ranking?board=stoves").get_data(as_text=True)
    assert html.index("Critical one") < html.index("Popular one") and "Weights saved" in html
    session.rollback()
    assert session.scalar(select(RankingWeights.importance)) == {
        "nice": 1.0,
        "important": 2.0,
        "critical": 10.0,
    }
    assert client.post("/manage/ranking/stoves/weights", data=form).status_code == 400  # no CSRF token


def test_exports_stream_the_ranking_with_its_breakdown_and_escape_formulas(client, session):
    board, popular, critical = _board(session)
    other = BoardFactory(slug="tents", name="Tents")
    IdeaFactory(board=other, title='=HYPERLINK("http://evil.example","Click")')
    IdeaFactory(board=other, title="-2+3 pegs", status="shipped")
    secret = BoardFactory(slug="secret", is_private=True, allowed_roles="admin")
    IdeaFactory(board=secret, title="Hidden plan")
    member, product = UserFactory(), UserFactory(role="product")
    do_add_comment(session, actor=UserFactory(), idea=popular, body="Yes please, this would be great")
    session.commit()
    client.sign_in(member)
    assert client.get("/manage/ranking/export.csv").status_code == 403
    client.sign_in(product)
    assert client.get("/manage/ranking/export.csv?board=nope").status_code == 404
    assert client.get("/manage/ranking/export.xml").status_code == 404
    answer = client.get("/manage/ranking/export.csv?board=stoves", buffered=True)
    assert answer.mimetype == "text/csv" and "attachment" in answer.headers["Content-Disposition"]
    table = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True))))
    assert [(r["rank"], r["title"]) for r in table] == [("1", "Popular one"), ("2", "Critical one")]
    first = table[0]
    assert float(first["score"]) == pytest.approx(
        float(first["score_from_votes"]) + float(first["score_from_comments_and_beta"])
    )
    assert float(first["score_from_comments_and_beta"]) > 0 and first["supporters"] == "7"
    assert datetime.fromisoformat(first["proposed_at"]).utcoffset() == timedelta(
        0
    )  # ISO 8601, UTC, both databases
    everything = client.get("/manage/ranking/export.csv?board=all", buffered=True).get_data(as_text=True)
    titles = [r["title"] for r in csv.DictReader(io.StringIO(everything))]
    assert '\'=HYPERLINK("http://evil.example","Click")' in titles
    assert "Hidden plan" not in titles and "'-2+3 pegs" not in titles  # private board; shipped is filtered
    shipped = client.get("/manage/ranking/export.csv?board=tents&status=shipped", buffered=True).get_data(
        as_text=True
    )
    assert [r["title"] for r in csv.DictReader(io.StringIO(shipped))] == ["'-2+3 pegs"]
    data = client.get("/manage/ranking/export.json?board=all", buffered=True).get_json()
    assert {d["board"] for d in data} == {"stoves", "tents"} and data[0]["rank"] == 1
    assert data[0]["url"].endswith(f"/i/{popular.id}")
    assert any(d["title"].startswith("=HYPERLINK") for d in data)  # JSON keeps the text as it is
    empty = client.get("/manage/ranking/export.json?board=tents&status=declined", buffered=True).get_json()
    assert empty == []


def test_workspace_filters_saved_views_and_bulk_status(client, session):
    board, popular, critical = _board(session)
    maps = TagFactory(board=board, slug="maps", name="Maps")
    tagged = IdeaFactory(
        board=board,
        title="Tagged by email",
        channel="email",
        sentiment="negative",
        created_at=utcnow() - timedelta(days=40),
    )
    tagged.tags.append(maps)
    session.flush()
    session.execute(
        update(Idea).where(Idea.id == tagged.id).values(sentiment="negative")
    )  # as tagged by TextBlob
    vip = UserFactory(segment="retail-vip")
    do_vote(session, actor=vip, idea=critical)
    product, other_product = UserFactory(role="product"), UserFactory(role="product")
    session.commit()
    client.sign_in(product)

    def titles(query):
        html = client.get(f"/manage/ranking?board=stoves&{query}").get_data(as_text=True)
        return [t for t in ("Popular one", "Critical one", "Tagged by email") if f">{t}</a>" in html]

    assert titles("") == ["Popular one", "Critical one", "Tagged by email"]
    assert titles("tag=maps") == ["Tagged by email"]
    assert titles("channel=email&sentiment=negative") == ["Tagged by email"]
    assert titles("segment=retail-vip") == ["Critical one"]
    since = (utcnow() - timedelta(days=10)).date().isoformat()
    assert titles(f"since={since}") == ["Popular one", "Critical one"]
    assert titles("until=" + (utcnow() - timedelta(days=20)).date().isoformat()) == ["Tagged by email"]
    assert titles("since=garbage&until=2026-13-45&channel=fax&sentiment=angry&status=nope") == [
        "Popular one",
        "Critical one",
        "Tagged by email",
    ]  # values we do not know are dropped
    assert titles("tag=nope") == []
    assert client.get("/manage/ranking?board=stoves&segment=%00").status_code == 400  # no NUL in a query
    csv_text = client.get("/manage/ranking/export.csv?board=stoves&tag=maps", buffered=True).get_data(
        as_text=True
    )
    assert [r["title"] for r in csv.DictReader(io.StringIO(csv_text))] == ["Tagged by email"]

    # Saved views belong to the person who saved them.
    saved = client.post_form("/manage/ranking/views", {"board": "stoves", "tag": "maps", "name": "Maps work"})
    assert saved.status_code == 303 and "tag=maps" in saved.headers["Location"]
    again = client.post_form(
        "/manage/ranking/views", {"board": "stoves", "name": "Maps work"}, follow_redirects=True
    )
    assert "already have a view called" in again.get_data(as_text=True)
    assert "Name the view" in client.post_form(
        "/manage/ranking/views", {"board": "stoves", "name": " "}, follow_redirects=True
    ).get_data(as_text=True)
    page = client.get("/manage/ranking?board=stoves").get_data(as_text=True)
    assert ">Maps work</a>" in page and "board=stoves&amp;tag=maps" in page
    session.rollback()
    view = session.scalar(select(SavedView))
    client.sign_in(other_product)
    assert ">Maps work</a>" not in client.get("/manage/ranking?board=stoves").get_data(as_text=True)
    assert client.post_form(f"/manage/ranking/views/{view.id}/delete").status_code == 404
    client.sign_in(product)
    assert client.post_form(f"/manage/ranking/views/{view.id}/delete").status_code == 303

    # Bulk status: the ticked ideas move, each with its history and followers told; refusals are said.
    moved = client.post_form(
        "/manage/ranking/stoves/bulk-status",
        {
            "idea_ids": [popular.id, critical.id],
            "status": "planned",
            "note": "Next quarter",
            "back": "board=stoves",
        },
        follow_redirects=True,
    )
    assert "Moved 2 ideas." in moved.get_data(as_text=True)
    session.rollback()
    assert {session.get(Idea, i).status for i in (popular.id, critical.id)} == {"planned"}
    assert session.scalar(select(func.count(StatusChange.id))) == 2
    partly = client.post_form(
        "/manage/ranking/stoves/bulk-status",
        {"idea_ids": [popular.id, tagged.id, 999999], "status": "planned"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert (
        "Moved 1 idea." in partly
        and "already planned" in partly
        and "1 idea(s) are not on this board" in partly
    )
    for bad, message in (
        ({"status": "planned"}, "Tick the ideas"),
        ({"idea_ids": popular.id, "status": "nope"}, "Unknown status"),
    ):
        assert message in client.post_form(
            "/manage/ranking/stoves/bulk-status", bad, follow_redirects=True
        ).get_data(as_text=True)
    assert (
        client.post_form(
            "/manage/ranking/stoves/bulk-status", {"idea_ids": "x", "status": "planned"}
        ).status_code
        == 400
    )
    session.rollback()
    member = UserFactory()
    session.commit()
    client.sign_in(member)
    assert (
        client.post_form(
            "/manage/ranking/stoves/bulk-status", {"idea_ids": popular.id, "status": "open"}
        ).status_code
        == 403
    )


def test_without_a_board_the_ranking_opens_on_the_customers_board_not_the_staffs(client, session):
    BoardFactory(slug="aa-lab", name="A staff lab", is_private=True, allowed_roles="product")
    IdeaFactory(board=BoardFactory(slug="zz-gear", name="Zz gear"), title="What customers asked")
    product = UserFactory(role="product")
    session.commit()
    client.sign_in(product)
    html = client.get("/manage/ranking").get_data(as_text=True)
    assert "What customers asked" in html and '<option value="zz-gear" selected' in html
