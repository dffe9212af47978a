"""Insights: sentiment tagging (behind an adapter) and its trends, NPS/CSAT/CES surveys (the built-in one
follows a shipped idea), in-store kiosks, and the KPI dashboard."""
