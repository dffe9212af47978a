"""Showing a refused action on the form that asked for it."""

from __future__ import annotations

from flask_wtf import FlaskForm

from cocreate.errors import DomainError
from cocreate.extensions import db


def show_on_form(form: FlaskForm, exc: DomainError, default_field: str) -> None:
    """Roll back, then put the message on its field; "not allowed" and "not found" stay HTTP errors."""
    db.session.rollback()
    if exc.status in (403, 404):
        raise exc
    field = getattr(form, exc.field, None) if exc.field else None
    (field or getattr(form, default_field)).errors.append(exc.message)
