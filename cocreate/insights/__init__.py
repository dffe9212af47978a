"""Insights: sentiment tagging (behind an adapter) and its trends, NPS/CSAT/CES surveys (the built-in one
follows a shipped idea), in-store kiosks, and the KPI dashboard."""

from flask import Blueprint

bp = Blueprint("insights", __name__)

from cocreate.insights import kiosk_admin, kpi_views, survey_views, views  # noqa: E402,F401  (its routes)
