"""CSV cells that spreadsheets will not run as formulas (OWASP's CSV injection advice)."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def safe_cell(value) -> str:
    """The value as text, with a leading quote when it starts like a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text
