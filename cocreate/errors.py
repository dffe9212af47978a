"""Domain errors raised by services; views turn them into form errors or 4xx responses."""

from __future__ import annotations


class DomainError(Exception):
    """A request the domain refuses. `status` is the HTTP status a view should answer with."""

    status = 400

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInput(DomainError):
    status = 400


class NotAllowed(DomainError):
    status = 403


class NotFound(DomainError):
    status = 404


class Conflict(DomainError):
    status = 409
