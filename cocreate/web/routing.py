"""URL converters. An `<int:...>` id beyond the range of a database id column becomes 0, which no row has,
so that it is a plain 404 and never reaches PostgreSQL (which refuses to compare an INTEGER column with a
larger number). Raising ValidationError instead would turn PATCH /ideas/<huge> into a 405, because Werkzeug
checks the method of the GET rule before it converts."""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

from cocreate.db import MAX_ID


class IdConverter(IntegerConverter):
    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        return number if number <= MAX_ID else 0
