"""No request hands the database text it cannot keep (cocreate/storable.py): a NUL character in a path is a
404 (there is no such thing), in a query string a 400, in a form field or an uploaded file's name a 422 that
names the field. One hook for every route, before any view or service reads the values, so that no form
needs to remember it. The JSON API checks its own bodies field by field (api/inputs.py) and is left to it."""

from __future__ import annotations

from flask import Flask, abort, request

from cocreate.storable import first_unstorable, storable

HOW = "which no text may hold. Remove it and send again."


def _refuse_unstorable() -> None:
    if not storable(request.path):
        abort(404, "No such page.")
    query = request.query_string
    if query and (b"%" in query or b"\x00" in query):  # a NUL arrives escaped, as %00
        name = first_unstorable(request.args.items(multi=True))
        if name is not None:
            abort(400, f"The address's “{name}” holds a NUL character or invalid Unicode, {HOW}")
    if request.method in ("GET", "HEAD", "OPTIONS") or request.path.startswith("/api/"):
        return
    if request.mimetype not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return
    name = first_unstorable(request.form.items(multi=True))
    if name is None:
        name = first_unstorable((key, f.filename or "") for key, f in request.files.items(multi=True))
    if name is not None:
        abort(422, f"The field “{name}” holds a NUL character or invalid Unicode, {HOW}")


def init_input_guard(app: Flask) -> None:
    app.before_request(_refuse_unstorable)
