"""The profile page where people create and revoke their access tokens."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import current_user, login_required

from cocreate.api import tokens_bp as bp
from cocreate.api.tokens import do_create_token, do_revoke_token, tokens_of
from cocreate.errors import DomainError
from cocreate.extensions import db
from cocreate.web.rendering import render


@bp.route("/settings/tokens", methods=["GET", "POST"])
@login_required
def tokens():
    """List tokens and create one; the new token is shown on this answer only."""
    new_token, errors, status = None, {}, 200
    if request.method == "POST":
        try:
            token, new_token = do_create_token(
                db.session,
                actor=current_user,
                name=request.form.get("name", ""),
                scope=request.form.get("scope", "read"),
            )
        except DomainError as exc:
            db.session.rollback()
            if exc.status in (403, 404):
                raise
            errors[exc.field or "name"] = exc.message
            status = 422 if exc.status == 400 else exc.status
        else:
            db.session.commit()
    return (
        render(
            "api/tokens.html",
            tokens=tokens_of(db.session, current_user.id),
            new_token=new_token,
            errors=errors,
            form=request.form,
        ),
        status,
        {"Cache-Control": "no-store"},
    )


@bp.post("/settings/tokens/<int:token_id>/revoke")
@login_required
def revoke(token_id: int):
    """Revoke a token; apps using it are refused from the next request on."""
    token = do_revoke_token(db.session, actor=current_user, token_id=token_id)
    db.session.commit()
    flash(f"“{token.name}” is revoked.", "info")
    return redirect(url_for("api_tokens.tokens"))
