"""Insights: sentiment tagging (behind an adapter), trends, and the rating that follows a shipped idea;
general surveys and KPIs come later."""
