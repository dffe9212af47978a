"""The app's request class: a small URL-encoded form (a vote, a sign-in, a comment) is parsed in one step.

Werkzeug parses every form through its general machinery: the content type's options parsed, a parser
object and a length-limited stream built, then the body read and split. For the forms browsers and htmx
post, a body of a few hundred bytes, that machinery cost ten times the split itself (45 µs against 3 µs,
measured here): on a vote, some 3 % of the worker's time under load (bench/RESULTS.md, 2026-12-06, late).

So a body sent as exactly `application/x-www-form-urlencoded`, with its length given and no larger than
SMALL_FORM, is read and split here, with the same result as Werkzeug's parser (the same splitting, the same
handling of bad escapes, an undecodable body read as an empty form, as Werkzeug's does), and the same 413
beyond MAX_CONTENT_LENGTH. Anything else (multipart, chunked bodies, a charset parameter, larger forms)
takes Werkzeug's way. tests/web/test_request_forms.py holds the two to the same answers.
"""

from __future__ import annotations

import io
from urllib.parse import parse_qsl

from flask import Request, current_app
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import ClientDisconnected, RequestEntityTooLarge

URLENCODED = "application/x-www-form-urlencoded"
SMALL_FORM = 64 * 1024  # bytes: more than any form of the app sends without a file


class FormValues(ImmutableMultiDict):
    """A form's (or query string's) values. get() of a name that is not there answers the default at once:
    Werkzeug's looks the name up and catches the KeyError, which its MultiDict raises as a
    BadRequestKeyError, an HTTP exception built each time (a vote asks for two names the bench's form
    leaves out)."""

    def get(self, key, default=None, type=None):  # noqa: A002 - Werkzeug's signature
        if key not in self:
            return default
        return super().get(key, default, type)


class CoCreateRequest(Request):
    parameter_storage_class = FormValues

    def _load_form_data(self) -> None:
        if "form" in self.__dict__:
            return
        environ = self.environ
        length = environ.get("CONTENT_LENGTH") or ""
        if (
            environ.get("CONTENT_TYPE") != URLENCODED
            or not length.isdigit()
            or int(length) > SMALL_FORM
            or "HTTP_TRANSFER_ENCODING" in environ
            or getattr(self, "_cached_data", None) is not None  # get_data() read the body already
        ):
            super()._load_form_data()
            return
        size = int(length)
        limit = self.max_content_length  # Flask's: this request's, else the app's MAX_CONTENT_LENGTH
        if limit is not None and size > limit:
            raise RequestEntityTooLarge()
        body = environ["wsgi.input"].read(size) if size else b""
        if len(body) < size:
            raise ClientDisconnected()
        try:
            pairs = parse_qsl(body.decode(), keep_blank_values=True, errors="werkzeug.url_quote")
        except ValueError:  # not UTF-8: Werkzeug's parser answers an empty form too
            pairs = []
        state = self.__dict__
        state["stream"] = io.BytesIO()  # read to its end, as Werkzeug leaves it
        state["form"] = self.parameter_storage_class(pairs)
        state["files"] = self.parameter_storage_class()
        if current_app and current_app.debug:  # as Flask's own _load_form_data does
            from flask.debughelpers import attach_enctype_error_multidict

            attach_enctype_error_multidict(self)
