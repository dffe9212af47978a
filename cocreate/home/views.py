"""GET / : the community at a glance."""

from __future__ import annotations

from flask_login import current_user

from cocreate.db import utcnow
from cocreate.extensions import db
from cocreate.home import bp
from cocreate.home import queries as q
from cocreate.ideas.queries import visible_boards
from cocreate.ideas.roadmap import changelog
from cocreate.web.anonymous_cache import anonymous_cache
from cocreate.web.rendering import render


@bp.get("/")
@anonymous_cache
def index():
    """Trending ideas, what shipped lately and who asked for it, campaigns and betas open now, the boards."""
    return render(
        "home/index.html",
        trending=q.trending_ideas(db.session, current_user),
        shipped=changelog(db.session, current_user, limit=4).entries,
        campaigns=q.running_campaigns(db.session, utcnow().date()),
        programs=q.open_programs(db.session),
        boards=visible_boards(db.session, current_user),
    )
