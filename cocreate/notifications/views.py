"""The notifications page and "mark all as read"."""

from __future__ import annotations

from flask import redirect, url_for
from flask_login import current_user, login_required

from cocreate.extensions import db
from cocreate.notifications import bp, services
from cocreate.web.rendering import render


@bp.get("/notifications")
@login_required
def index():
    """This person's latest notifications, unread first in bold."""
    items = services.recent(db.session, current_user.id)
    return render("notifications/index.html", items=items)


@bp.post("/notifications/read")
@login_required
def mark_read():
    """Mark everything as read."""
    services.do_mark_all_read(db.session, current_user.id)
    db.session.commit()
    return redirect(url_for("notifications.index"))
