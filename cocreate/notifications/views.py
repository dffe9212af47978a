"""The notifications page and "mark all as read"."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
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


@bp.route("/notifications/settings", methods=["GET", "POST"])
@login_required
def settings():
    """E-mail when an idea you follow moves, at once or in a daily digest."""
    from cocreate.notifications.loop import do_set_preferences, preferences

    if request.method == "POST":
        do_set_preferences(
            db.session,
            user=current_user,
            email_updates=request.form.get("email_updates") == "1",
            daily_digest=request.form.get("daily_digest") == "1",
        )
        db.session.commit()
        flash("Saved.", "success")
        return redirect(url_for("notifications.settings"))
    return render("notifications/settings.html", pref=preferences(db.session, current_user.id))
