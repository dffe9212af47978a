"""Keyset pagination: an opaque cursor (the last row's sort value and id) and the WHERE clause after it.

Plain SQLAlchemy, no Flask: the queries modules use it. A cursor that does not decode, or whose value has
the wrong type for the sort, is an InvalidInput (400), never a 500.
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime

from sqlalchemy import ColumnElement, and_, bindparam, or_

from cocreate.errors import InvalidInput


def encode_cursor(value, row_id: int) -> str:
    """The cursor for "rows after this one"."""
    text = value.isoformat() if isinstance(value, datetime) else repr(value)
    return base64.urlsafe_b64encode(f"{text}|{row_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str, python_type: type):
    try:
        value, row_id = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().rsplit("|", 1)
        if python_type is datetime:
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                raise ValueError("naive datetime")
            return parsed, int(row_id)
        return python_type(value), int(row_id)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InvalidInput("That page link is not valid any more; start from the first page.") from None


def after_cursor(column, id_column, cursor: str, *, descending: bool = True) -> ColumnElement[bool]:
    """Rows after the cursor in ORDER BY column (desc or asc), id desc."""
    value, row_id = decode_cursor(cursor, column.type.python_type)
    return _after(column, id_column, value, row_id, descending)


def after_bound(column, id_column, *, descending: bool = True) -> ColumnElement[bool]:
    """after_cursor's condition with bound parameters `after_value` and `after_id` (decode_cursor gives
    them), for a statement built once and run many times."""
    value, row_id = bindparam("after_value", type_=column.type), bindparam("after_id")
    return _after(column, id_column, value, row_id, descending)


def _after(column, id_column, value, row_id, descending: bool) -> ColumnElement[bool]:
    beyond = column < value if descending else column > value
    return or_(beyond, and_(column == value, id_column < row_id))
