"""The product team's ranking page over HTTP: order, why, preview (htmx and plain), saving, refusals."""

import csv
import io

import pytest
from sqlalchemy import select

from cocreate.backlog.models import RankingWeights
from cocreate.ideas.services import do_add_comment, do_vote
from tests.factories import BoardFactory, IdeaFactory, UserFactory


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
