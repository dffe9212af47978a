"""Idea boards: ideas, votes, comments, statuses."""

from flask import Blueprint

bp = Blueprint("ideas", __name__)

from cocreate.ideas import capture_views, followers, thresholds, views, vote_views  # noqa: E402,F401
