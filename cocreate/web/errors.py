"""Error pages and domain errors: a clear message and the right status, never a 500 for bad input."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from cocreate.errors import DomainError
from cocreate.extensions import db
from cocreate.web.rendering import is_htmx

TITLES = {
    400: "That request did not make sense",
    401: "Please sign in",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed",
    409: "That clashes with what is already there",
    413: "That is too large",
    429: "Slow down",
    500: "Something broke on our side",
}


# How /api/ answers an error (RFC 9457 problem details): the API registers it (web/ imports no feature).
_api_problem: Callable[[int, str], object] | None = None


def answer_api_errors_with(problem: Callable[[int, str], object]) -> None:
    global _api_problem
    _api_problem = problem


def error_response(status: int, message: str):
    """HTML page, htmx text (shown as a toast by app.js) or JSON, with the given status."""
    if is_htmx():
        return message, status, {"Content-Type": "text/plain; charset=utf-8"}
    if request.path.startswith("/api/") and _api_problem is not None:
        return _api_problem(status, message)
    if request.accept_mimetypes.best == "application/json":
        return jsonify(error=message, status=status), status
    title = TITLES.get(status, "Error")
    return render_template("errors/error.html", status=status, title=title, message=message), status


def register_errorhandlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError):
        db.session.rollback()
        return error_response(exc.status, exc.message)

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        app.logger.warning("CSRF refused: %s", exc.description)
        db.session.rollback()
        return error_response(
            400, "This form expired or came from another site. Reload the page and try again."
        )

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        db.session.rollback()
        return error_response(exc.code or 500, exc.description or TITLES.get(exc.code or 500, "Error"))

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        db.session.rollback()
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        if app.testing:
            raise exc
        return error_response(500, "Something went wrong on our side. It has been logged.")
