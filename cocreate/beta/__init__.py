"""Beta programs: recruiting testers from the community with capacity, eligibility, consent, a waitlist."""

from flask import Blueprint

bp = Blueprint("beta", __name__)

from cocreate.beta import team_views, views  # noqa: E402,F401
