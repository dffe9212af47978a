"""Customer value and segment per account, imported from the brand's CRM export (CSV)."""

from __future__ import annotations

import csv
import math
from typing import TextIO

from sqlalchemy import func, update
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.errors import InvalidInput

MAX_ROWS = 1_000_000


def _clean(value: str | None) -> str:
    return "".join(ch for ch in (value or "") if ch >= " ").strip()


def import_values(session: Session, handle: TextIO) -> tuple[int, int]:
    """(accounts updated, rows not used). Only people who opted in ("value" consent) get a value; rows
    for unknown addresses or people without that consent are not stored. A bad row stops the import with
    its line number; nothing is written then (the caller rolls back)."""
    from cocreate.accounts.consents import consenting

    reader = csv.DictReader(handle)
    if not reader.fieldnames or "email" not in reader.fieldnames or "value" not in reader.fieldnames:
        raise InvalidInput("The CSV needs a header with email and value (and optionally segment).")
    updated = unknown = 0
    for line, row in enumerate(reader, start=2):
        if line > MAX_ROWS:
            raise InvalidInput(f"At most {MAX_ROWS:,} rows per file.")
        email = _clean(row.get("email")).lower()
        raw = (row.get("value") or "").strip()
        try:
            value = float(raw) if raw else None
        except ValueError:
            raise InvalidInput(f"Line {line}: value “{raw[:40]}” is not a number.") from None
        if value is not None and (not math.isfinite(value) or value < 0):
            raise InvalidInput(f"Line {line}: values are zero or more.")
        segment = _clean(row.get("segment"))[:40]
        changed = session.execute(
            update(User)
            .where(func.lower(User.email) == email, User.id.in_(consenting("value")))
            .values(customer_value=value, segment=segment)
        ).rowcount
        updated += changed
        unknown += 0 if changed else 1
    return updated, unknown
