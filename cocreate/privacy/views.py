"""The person's privacy page: what we hold about them, the export of it, and deleting the account."""

from __future__ import annotations

import json

from flask import Response, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, logout_user

from cocreate.accounts import consents
from cocreate.errors import DomainError
from cocreate.extensions import db
from cocreate.media import uploads_dir
from cocreate.privacy import bp
from cocreate.privacy import services as privacy

NO_STORE = {"Cache-Control": "no-store"}


def _page(error: str | None = None, status: int = 200):
    return (
        render_template(
            "privacy/settings.html",
            counts=privacy.summary(db.session, current_user),
            account=privacy.account_fields(current_user),  # not the whole export: the page shows counts
            purposes=consents.PURPOSES.values(),
            granted=consents.granted(db.session, current_user.id),
            error=error,
            form=request.form if error else {},
        ),
        status,
        NO_STORE,
    )


@bp.get("/settings/privacy")
@login_required
def privacy_page():
    """What we know about you, your export and deleting your account."""
    return _page()


@bp.get("/settings/privacy/export.<any(json, zip):kind>")
@login_required
def export(kind: str):
    """Everything we hold about you: JSON, or a zip with the JSON and your photos."""
    name = f"cocreate-{current_user.username}"
    if kind == "json":
        body = json.dumps(privacy.export_data(db.session, current_user), indent=2, ensure_ascii=False)
        mimetype = "application/json"
    else:
        body = privacy.export_zip(db.session, current_user, uploads_dir())
        mimetype = "application/zip"
    headers = {"Content-Disposition": f'attachment; filename="{name}.{kind}"', **NO_STORE}
    return Response(body, mimetype=mimetype, headers=headers)


@bp.post("/settings/privacy/consents")
@login_required
def set_consents():
    """Give or withdraw the optional consents."""
    try:
        consents.do_set_consents(db.session, actor=current_user, chosen=request.form.getlist("consent"))
    except DomainError as exc:
        db.session.rollback()
        return _page(exc.message, 422)
    db.session.commit()
    flash("Your choices are saved.", "success")
    return redirect(url_for("privacy.privacy_page"), 303)


@bp.post("/settings/privacy/delete")
@login_required
def delete_account():
    """Delete your account, keeping your contributions as "Former member" or removing them."""
    if request.form.get("confirm") != "yes":
        return _page("Tick the box to confirm that you want to delete your account.", 422)
    choice = request.form.get("content")
    if choice not in ("keep", "remove"):
        return _page("Choose what happens to your ideas, comments, reviews and stories.", 422)
    try:
        privacy.do_delete_account(
            db.session,
            actor=current_user._get_current_object(),
            password=request.form.get("password", ""),
            remove_content=choice == "remove",
            uploads=uploads_dir(),
        )
    except DomainError as exc:
        db.session.rollback()
        return _page(exc.message, exc.status if exc.status in (403, 409) else 422)
    db.session.commit()
    logout_user()
    session.clear()
    flash("Your account is deleted. Thank you for everything you shared.", "info")
    return redirect(url_for("home.index"), 303)
