"""Errors as RFC 9457 problem details: a title, the status, a sentence saying what to change, field errors."""

from __future__ import annotations

from flask import Response, current_app, json
from werkzeug.exceptions import HTTPException

from cocreate.errors import DomainError, InvalidInput

TITLES = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Payload too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    429: "Too many requests",
    500: "Internal server error",
}


class ApiError(Exception):
    """An API answer other than success, raised anywhere in a view."""

    def __init__(self, status: int, detail: str, errors: list[dict] | None = None, headers=None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.errors, self.headers = status, detail, errors or [], headers or {}


def problem(status: int, detail: str, errors: list[dict] | None = None, headers=None) -> Response:
    body = {"type": "about:blank", "title": TITLES.get(status, "Error"), "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    response = current_app.response_class(
        json.dumps(body), status=status, mimetype="application/problem+json"
    )
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def from_domain(exc: DomainError) -> Response:
    """A refused request. Invalid input about a field is 422 with the field named; other input errors 400."""
    if isinstance(exc, InvalidInput) and exc.field:
        return problem(422, exc.message, [{"field": exc.field, "message": exc.message}])
    return problem(exc.status, exc.message)


def from_http(exc: HTTPException) -> Response:
    status = exc.code or 500
    detail = exc.description or TITLES.get(status, "Error")
    headers = {}
    if status == 405 and exc.valid_methods:  # type: ignore[attr-defined]
        headers["Allow"] = ", ".join(exc.valid_methods)  # type: ignore[attr-defined]
    return problem(status, detail, headers=headers)
