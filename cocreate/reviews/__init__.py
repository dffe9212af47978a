"""Products and reviews: star ratings, helpful votes, verified purchases."""

from flask import Blueprint

bp = Blueprint("reviews", __name__)

from cocreate.reviews import views  # noqa: E402,F401
