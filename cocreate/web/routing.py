"""URL converters, and request body limits raised for chosen endpoints (allow_large_bodies).

An `<int:...>` id beyond the range of a database id column becomes 0, which no row has,
so that it is a plain 404 and never reaches PostgreSQL (which refuses to compare an INTEGER column with a
larger number). Raising ValidationError instead would turn PATCH /ideas/<huge> into a 405, because Werkzeug
checks the method of the GET rule before it converts."""

from __future__ import annotations

from flask import Blueprint, current_app, request
from werkzeug.routing import IntegerConverter

from cocreate.db import MAX_ID


class IdConverter(IntegerConverter):
    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        return number if number <= MAX_ID else 0


def allow_large_bodies(bp: Blueprint, endpoints: frozenset[str], config_key: str) -> None:
    """Raise the request body limit to app.config[config_key] on these endpoints only (uploads of several
    photos); everywhere else keeps the small global limit. URL value preprocessors run before every
    before_request hook, so the CSRF check already reads the form under the raised limit."""

    @bp.url_value_preprocessor
    def _raise_limit(endpoint: str | None, _values) -> None:
        if endpoint in endpoints:
            request.max_content_length = current_app.config[config_key]
