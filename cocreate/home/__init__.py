"""The home page: what is happening in the community, from every feature (trending ideas, what shipped,
campaigns, betas, the boards). It reads from the features and no feature reads from it."""

from flask import Blueprint

bp = Blueprint("home", __name__)

from cocreate.home import profile_views, views  # noqa: E402,F401  (routes on this blueprint)
