"""Insights: sentiment tagging (behind an adapter), trends; surveys and KPIs come later."""
