"""Voting over the web: vote, withdraw, say how much it matters. htmx swaps the vote box (and, on the idea
page, the importance panel) in place; without JavaScript the form posts and comes back."""

from __future__ import annotations

from typing import NamedTuple

from flask import redirect, request, url_for
from flask_login import current_user, login_required
from markupsafe import Markup

from cocreate.accounts.session import safe_next
from cocreate.db import reads_first
from cocreate.extensions import db
from cocreate.ideas import bp, services
from cocreate.ideas import queries as q
from cocreate.ideas.access import check_view_idea
from cocreate.ideas.models import Idea
from cocreate.ideas.services.votes import open_votes_on_board, vote_budget
from cocreate.ideas.views import IDEA_TEMPLATE, load_idea
from cocreate.web.fragments import memo, slot
from cocreate.web.rendering import is_htmx, render_block, render_macro
from cocreate.web.signatures import csrf_token

MACROS = "_macros/ideas.html"


class VoteBox(NamedTuple):
    """What templates/_macros/ideas.html's vote_box shows of an idea."""

    id: int
    title: str
    vote_count: int
    status: str


def _vote_response(idea: Idea, *, panel_only: bool = False, box: VoteBox | None = None, my_vote=None):
    """htmx: the vote box, plus the idea page's vote panel (importance) when voting from that page.
    `box` and `my_vote`, when given, are the box as the vote left it (no need to ask the database)."""
    if not is_htmx():
        idea_id = box.id if box is not None else idea.id
        return redirect(safe_next(request.form.get("next"), url_for("ideas.idea", idea_id=idea_id)))
    if not request.form.get("panel"):
        if box is None:
            box, my_vote = idea, q.viewer_vote(db.session, idea, current_user)
        return _vote_box(box, my_vote)
    votes = q.vote_summary(db.session, idea, current_user)
    panel = render_block(IDEA_TEMPLATE, "vote_panel", idea=idea, votes=votes, oob=not panel_only)
    if panel_only:
        return panel
    return render_block("ideas/_vote_box.html", "box", idea=idea, my_vote=votes.my_vote, panel=True) + panel


def _vote_box(box, my_vote) -> str:
    """The vote box as a vote leaves it: kept per worker (web/fragments.py) with its count and token as
    slots, so that the many votes an idea gets in a row render it once."""
    voted = bool(my_vote)
    count, csrf = slot("count", str(box.vote_count)), slot("csrf", csrf_token())
    shown = VoteBox(box.id, box.title, count, box.status)
    key = (
        "vote-box",
        request.script_root,
        current_user.is_authenticated,
        box.id,
        box.title,
        box.status,
        voted,
    )
    return memo(*key, caller=lambda: render_macro(MACROS, "vote_box", shown, my_vote, csrf=csrf))


def _cast(idea_id: int, change) -> object:
    """Vote or withdraw through `change(session, person, idea)`, then answer from what the change left in
    the session.

    The session and the person are looked up once and handed on as themselves: through `db.session` and
    `current_user` each use looks them up again (a vote used them some thirty times).

    The vote box that htmx swaps in is built from the idea as the vote's UPDATE returned it, before the
    commit: asking the database again after the commit would take SQLite's write lock a second time. So
    the commit leaves what the session holds as it is (expiring it all is work nothing would use).
    """
    session, person = db.session(), current_user._get_current_object()
    idea = check_view_idea(q.idea_with_board(session, idea_id), person)
    my_vote = change(session, person, idea)
    box = VoteBox(idea.id, idea.title, idea.vote_count, idea.status)
    left = _votes_left(session, person, idea) if idea.board.vote_budget and is_htmx() else None
    session.expire_on_commit = False  # this request's session only: it ends with the answer
    session.commit()
    answer = _vote_response(idea, box=box, my_vote=my_vote)
    if left is not None:  # the board's "n of m votes left" follows
        note = render_macro(MACROS, "votes_left_note", idea.board.vote_budget, *left, oob=True)
        answer = Markup(answer) + Markup(note)  # noqa: S704 - both rendered by our autoescaping templates
    return answer


def _votes_left(session, person, idea) -> tuple[int, int]:
    """(this person's budget on the idea's board, how many of it are left), as the vote left them."""
    mine = vote_budget(session, idea.board, person)
    return mine, max(0, mine - open_votes_on_board(session, person.id, idea.board_id))


@bp.post("/i/<int:idea_id>/vote")
@login_required
@reads_first
def vote(idea_id: int):
    """Vote for an idea (htmx swaps the vote box in place)."""
    importance = request.form.get("importance", "nice")
    return _cast(
        idea_id,
        lambda session, person, idea: (
            services.do_vote(session, actor=person, idea=idea, importance=importance).importance
        ),
    )


@bp.post("/i/<int:idea_id>/unvote")
@login_required
@reads_first
def unvote(idea_id: int):
    """Withdraw one's vote."""
    return _cast(
        idea_id,
        lambda session, person, idea: services.do_withdraw_vote(session, actor=person, idea=idea),
    )


@bp.post("/i/<int:idea_id>/importance")
@login_required
def importance(idea_id: int):
    """Say how much an idea one voted for matters."""
    idea = load_idea(idea_id)
    services.do_change_importance(
        db.session, actor=current_user, idea=idea, importance=request.form.get("importance", "")
    )
    db.session.commit()
    return _vote_response(idea, panel_only=True)
