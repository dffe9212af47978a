"""Text every database keeps: no NUL character (PostgreSQL refuses it; SQLite stores it, and every page
after shows a raw 0x00) and no lone surrogate (not UTF-8). Web forms, query strings and paths are held to
it by web/input_guard.py, the JSON API by api/inputs.py, other inputs (webhooks, CSV files) where read."""

from __future__ import annotations

from collections.abc import Iterable

UNSTORABLE = "Contains a NUL character or invalid Unicode."


def storable(text: str) -> bool:
    """True when every database can store `text` as it is."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def first_unstorable(pairs: Iterable[tuple[str, str]]) -> str | None:
    """The name of the first (name, value) pair whose name or value cannot be stored, else None."""
    for name, value in pairs:
        if not storable(name) or (isinstance(value, str) and not storable(value)):
            return name if storable(name) else "(a field name)"
    return None
