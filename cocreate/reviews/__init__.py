"""Products and reviews: star ratings, helpful votes, verified purchases."""

from flask import Blueprint

bp = Blueprint("reviews", __name__)

from cocreate.reviews import ugc_views, views  # noqa: E402,F401
