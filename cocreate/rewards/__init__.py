"""Contributor rewards: one points ledger across ideas, reviews, UGC and beta; tiers, badges, leaderboards."""

from flask import Blueprint

bp = Blueprint("rewards", __name__)

from cocreate.rewards import subscribers, views  # noqa: E402,F401
