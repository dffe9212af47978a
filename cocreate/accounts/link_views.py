"""Signing in by e-mail link and choosing a new password. Opening a link only shows a button: mail
scanners that fetch every link must not spend it; the POST does."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from cocreate.accounts import bp, links
from cocreate.accounts.forms import EmailLinkForm, NewPasswordForm
from cocreate.accounts.session import start_session
from cocreate.errors import DomainError
from cocreate.extensions import db
from cocreate.web.forms import show_on_form

SENT = (
    "If an account uses {email}, we have sent it a link. It works once, within {minutes} minutes. "
    "Nothing there? Check the spam folder, or ask again in a minute."
)
NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def _ask(purpose: str, template: str):
    form = EmailLinkForm()
    if form.validate_on_submit():
        try:
            links.do_send_link(db.session, email=form.email.data, purpose=purpose)
        except DomainError as exc:
            show_on_form(form, exc, "email")
        else:
            db.session.commit()
            minutes = int(links.LIFETIME[purpose].total_seconds() // 60)
            flash(SENT.format(email=form.email.data.strip(), minutes=minutes), "info")
            return redirect(url_for(f"accounts.{'email_link' if purpose == 'signin' else 'forgot'}"), 303)
    return render_template(template, form=form), 422 if form.errors else 200


@bp.route("/login/email", methods=["GET", "POST"])
def email_link():
    """Ask for a one-time sign-in link."""
    return _ask("signin", "accounts/email_link.html")


@bp.route("/reset", methods=["GET", "POST"])
def forgot():
    """Ask for a link to choose a new password."""
    return _ask("reset", "accounts/forgot.html")


@bp.route("/login/link/<token>", methods=["GET", "POST"])
def use_link(token: str):
    """Confirm, then sign in with the link (once). CSRF protects the POST like every other."""
    owner = links.link_owner(db.session, token, "signin")
    if owner is None:
        return _expired("accounts.email_link")
    if request.method == "GET":
        return render_template("accounts/use_link.html", owner=owner), 200, NO_STORE
    try:
        user = links.do_use_link(db.session, token=token, purpose="signin")
    except DomainError:  # spent a moment ago, by another click
        db.session.rollback()
        return _expired("accounts.email_link")
    db.session.commit()
    start_session(user)
    flash(f"Welcome back, {user.display_name}!", "success")
    return redirect(url_for("home.index"), 303)


def _expired(ask: str):
    return render_template("accounts/link_expired.html", ask=url_for(ask)), 410, NO_STORE


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Choose a new password with the link; every other session ends."""
    owner = links.link_owner(db.session, token, "reset")
    if owner is None:
        return _expired("accounts.forgot")
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            user = links.do_reset_password(
                db.session, token=token, password=form.password.data, confirm=form.confirm.data
            )
        except DomainError as exc:
            db.session.rollback()
            if exc.status == 409:
                return _expired("accounts.forgot")
            show_on_form(form, exc, "password")
        else:
            db.session.commit()
            start_session(user)
            flash("Your new password is set, and you are signed out everywhere else.", "success")
            return redirect(url_for("home.index"), 303)
    return (
        render_template("accounts/reset.html", form=form, owner=owner),
        422 if form.errors else 200,
        NO_STORE,
    )
