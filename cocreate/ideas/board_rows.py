"""A board page's rows as HTML: each row is kept per worker (web/fragments.py) and rendered only when no
one has seen it with these values yet. Built here rather than in the template's loop because a template
call per row, with its key, cost more than the rows themselves once they were kept."""

from __future__ import annotations

from flask import current_app, request, url_for
from flask_login import current_user
from markupsafe import Markup

from cocreate.ideas.board_reads import BoardPage
from cocreate.web.fragments import memo_each, slot
from cocreate.web.signatures import csrf_token
from cocreate.web.templating import timeago

ROW_TEMPLATE = "ideas/_board_row.html"


def board_rows(page: BoardPage, board_url: str) -> Markup:
    """The page's rows (`<li>` each) for this viewer. A row's key holds every value it shows: the row's
    fields, the relative time as displayed, whether the viewer voted and where its links point."""
    signed_in = current_user.is_authenticated
    here_path = request.full_path.rstrip("?")
    values = {
        "board_url": board_url,
        "here": slot("next", here_path),
        "signin_url": None if signed_in else slot("signin", url_for("accounts.login", next=here_path)),
        "csrf": slot("csrf", csrf_token()) if signed_in else None,
    }
    ideas, votes = page.ideas, page.my_votes
    ages = [timeago(idea.created_at) for idea in ideas]
    keys = [
        ("board-row", board_url, signed_in, idea.id in votes, age, idea.memo_key)
        for idea, age in zip(ideas, ages, strict=True)
    ]
    template = current_app.jinja_env.get_template(ROW_TEMPLATE)

    def render(i: int) -> str:
        idea = ideas[i]
        return template.render(values, idea=idea, my_vote=votes.get(idea.id), ago=ages[i])

    return memo_each(keys, render)
