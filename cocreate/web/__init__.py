"""Cross-cutting web concerns: rendering helpers, security headers, error pages."""
