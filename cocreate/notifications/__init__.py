"""In-app notifications (e-mail delivery comes with the feedback-loop work)."""

from flask import Blueprint

bp = Blueprint("notifications", __name__)

from cocreate.notifications import loop, returned, views  # noqa: E402,F401
