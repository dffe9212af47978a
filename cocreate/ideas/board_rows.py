"""A board page as HTML, kept per worker (web/fragments.py) at two levels.

Each row is rendered only when no one has seen it with these values yet, and the whole page is kept too,
under a key made of every part's key: the <head>, the menu (who is signed in, as far as it tells), the
board's head and filters, every row, and the "show more" link. A signed-in member who reloads a board, or
another member with the same menu who opens it, is served from memory with this request's nonce, CSRF
token and address filled in; a page with flashed messages is always rendered. Rows are built here rather
than in the template's loop because a template call per row, with its key, cost more than the rows
themselves once they were kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app, render_template, request, session, url_for
from flask_login import current_user
from markupsafe import Markup

from cocreate.ideas.board_reads import BoardPage, BoardView
from cocreate.web.fragments import memo, memo_each, slot
from cocreate.web.rendering import render_block, wants_fragment
from cocreate.web.security import csp_nonce
from cocreate.web.signatures import csrf_token
from cocreate.web.templating import head_key, menu_key, timeago

ROW_TEMPLATE = "ideas/_board_row.html"
PAGE_TEMPLATE = "ideas/board.html"


@dataclass(frozen=True)
class PageKeys:
    """The keys of a board page's kept parts, and what the rows need to be rendered."""

    board_url: str
    signed_in: bool
    head: tuple  # the board's head and filters (templates/ideas/board.html)
    rows: tuple  # one key per row
    ages: tuple  # each row's relative time as shown


def page_keys(
    board: BoardView, page: BoardPage, *, sort: str, status, tag, my_budget, votes_left=None
) -> PageKeys:
    """The keys, each holding every value its part shows: a row's fields, its relative time as displayed,
    whether the viewer voted and where its links point; the board head's filters and the viewer's budget."""
    user = current_user._get_current_object()
    signed_in = user.is_authenticated
    board_url = url_for("ideas.board", slug=board.slug)
    staff = (signed_in and user.is_staff, signed_in and user.is_team)  # the head's links differ by both
    head = ("board-head", request.script_root, board, sort, status, tag, staff, my_budget, votes_left)
    votes = page.my_votes
    now = datetime.now(UTC)
    ages = tuple(timeago(idea.created_at, now) for idea in page.ideas)
    rows = tuple(
        ("board-row", board_url, signed_in, idea.id in votes, age, idea)
        for idea, age in zip(page.ideas, ages, strict=True)
    )
    return PageKeys(board_url, signed_in, head, rows, ages)


def _slots(keys: PageKeys) -> dict:
    """This request's values in the rows (set before the parts, as a template does)."""
    here_path = request.full_path.rstrip("?")
    return {
        "board_url": keys.board_url,
        "here": slot("next", here_path),
        "signin_url": None if keys.signed_in else slot("signin", url_for("accounts.login", next=here_path)),
        "csrf": slot("csrf", csrf_token()) if keys.signed_in else None,
    }


def board_rows(page: BoardPage, keys: PageKeys) -> Markup:
    """The page's rows (`<li>` each) for this viewer."""
    values = _slots(keys)
    ideas, votes = page.ideas, page.my_votes
    template = current_app.jinja_env.get_template(ROW_TEMPLATE)

    def render(i: int) -> str:
        idea = ideas[i]
        return template.render(values, idea=idea, my_vote=votes.get(idea.id), ago=keys.ages[i])

    return memo_each(keys.rows, render)


def board_page(block: str, **context) -> str:
    """The board page (templates/ideas/board.html) for this viewer, or its `block` when htmx swaps part of
    the page. The whole page is kept under the keys of its parts and the "show more" link: nothing else on
    it differs between requests but its slots."""
    keys = page_keys(
        context["board"],
        context["page"],
        sort=context["sort"],
        status=context["status"],
        tag=context["tag"],
        my_budget=context["my_budget"],
        votes_left=context.get("votes_left"),
    )
    context["keys"] = keys
    if wants_fragment():
        return render_block(PAGE_TEMPLATE, block, **context)
    if session.get("_flashes"):  # shown once, then gone: never kept
        return render_template(PAGE_TEMPLATE, **context)
    slot("nonce", csp_nonce())
    _slots(keys)
    key = ("board-page", head_key(), menu_key(), keys.head, keys.rows, context["page"].next_cursor)
    return memo(*key, caller=lambda: render_template(PAGE_TEMPLATE, **context))
