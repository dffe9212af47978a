"""GET / : the community at a glance.

The page shows the same to everyone who may see the same boards, but for the menu: it is kept whole per
worker (web/fragments.py) under a key that holds everything it shows (the rows, each relative time as
displayed, the <head> and the menu's keys), like the signed-in board page.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import render_template, session
from flask_login import current_user

from cocreate.db import read_only, utcnow
from cocreate.extensions import db
from cocreate.home import bp
from cocreate.home import queries as q
from cocreate.web.anonymous_cache import anonymous_cache
from cocreate.web.fragments import memo, slot
from cocreate.web.security import csp_nonce
from cocreate.web.signatures import csrf_token
from cocreate.web.templating import head_key, menu_key, timeago

TEMPLATE = "home/index.html"


@bp.get("/")
@anonymous_cache
@read_only
def index():
    """Trending ideas, what shipped lately and who asked for it, campaigns and betas open now, the boards."""
    viewer = current_user._get_current_object()
    boards = q.visible_cards(db.session, viewer)
    shown = frozenset(b.id for b in boards)
    shipped = q.recently_shipped(db.session, shown)
    context = {
        "trending": q.trending_ideas(db.session, shown),
        "shipped": shipped,
        "shipped_ages": tuple(timeago(s.shipped_at, datetime.now(UTC)) for s in shipped),
        "campaigns": q.running_campaigns(db.session, utcnow().date()),
        "programs": q.open_programs(db.session),
        "boards": boards,
        "admin": viewer.is_authenticated and viewer.is_admin,  # the empty page's "create the first board"
    }
    if session.get("_flashes"):  # shown once, then gone: never kept
        return render_template(TEMPLATE, **context)
    slot("nonce", csp_nonce())
    if viewer.is_authenticated:
        slot("csrf", csrf_token())
    key = ("home-page", head_key(), menu_key(), tuple(context.items()))
    return memo(*key, caller=lambda: render_template(TEMPLATE, **context))
