"""A person's page: their ideas, votes, comments, stories and standing, read from every feature."""

from __future__ import annotations

from flask import abort, render_template
from flask_login import current_user
from sqlalchemy import func, select

from cocreate.accounts.models import User
from cocreate.extensions import db
from cocreate.home import bp
from cocreate.ideas.queries import profile_activity
from cocreate.moderation.queries import held_for_author
from cocreate.reviews.queries import gallery
from cocreate.rewards.queries import standing


@bp.get("/u/<username>")
def profile(username: str):
    """A person's ideas, votes and comments."""
    user = db.session.scalar(select(User).where(func.lower(User.username) == username.lower()))
    if user is None:
        abort(404, "No one here goes by that name.")
    activity = profile_activity(db.session, user, current_user)
    own = current_user.is_authenticated and (current_user.id == user.id or current_user.is_moderator)
    return render_template(
        "home/profile.html",
        person=user,
        activity=activity,
        held=held_for_author(db.session, user, current_user) if own else [],
        stories=gallery(db.session, author=user, limit=12),
        standing=standing(db.session, user.id),
    )
