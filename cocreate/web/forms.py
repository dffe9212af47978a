"""Showing a refused action on the form that asked for it."""

from __future__ import annotations

from flask_wtf import FlaskForm

from cocreate.errors import DomainError
from cocreate.extensions import db


def show_on_form(
    form: FlaskForm, exc: DomainError, default_field: str, fields: dict[str, str] | None = None
) -> None:
    """Roll back, then put the message on its field (a service's field name may map to another form
    field through `fields`); "not allowed" and "not found" stay HTTP errors."""
    db.session.rollback()
    if exc.status in (403, 404):
        raise exc
    name = (fields or {}).get(exc.field, exc.field) if exc.field else None
    field = getattr(form, name, None) if name else None
    (field or getattr(form, default_field)).errors.append(exc.message)
