"""Register, sign in, sign out, profiles."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from cocreate.accounts import bp
from cocreate.accounts.forms import LoginForm, ProfileForm, RegisterForm
from cocreate.accounts.services import authenticate, do_register, do_set_display_name, do_set_picture
from cocreate.accounts.session import end_session, safe_next, start_session
from cocreate.errors import DomainError
from cocreate.extensions import db
from cocreate.media import MAX_BYTES, uploads_dir
from cocreate.web.forms import show_on_form
from cocreate.web.routing import allow_large_bodies


@bp.route("/register", methods=["GET", "POST"])
def register():
    """Create an account and sign in."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = do_register(
                db.session,
                email=form.email.data,
                username=form.username.data,
                display_name=form.display_name.data or "",
                password=form.password.data,
            )
        except DomainError as exc:
            show_on_form(form, exc, "email")
        else:
            db.session.commit()
            start_session(user)
            flash(f"Welcome, {user.display_name}! Propose an idea or vote for the ones you want.", "success")
            return redirect(safe_next(request.args.get("next"), url_for("home.index")))
    status = 422 if form.errors else 200
    return render_template("accounts/register.html", form=form), status


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in with e-mail and password."""
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(db.session, email=form.email.data, password=form.password.data)
        if user is None:
            form.password.errors.append("That e-mail and password do not match an account.")
        else:
            start_session(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next"), url_for("home.index")))
    status = 422 if form.errors else 200
    return render_template("accounts/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout():
    """Sign out; every copy of this session cookie stops working too."""
    end_session(current_user._get_current_object())
    flash("You are signed out.", "info")
    return redirect(url_for("home.index"))


@bp.route("/settings/profile", methods=["GET", "POST"])
@login_required
def profile_settings():
    """Change the name shown beside what one writes."""
    form = ProfileForm(obj=current_user if request.method == "GET" else None)
    if form.validate_on_submit():
        upload = form.picture.data
        picture = upload.read(MAX_BYTES + 1) if upload and upload.filename else None
        try:
            do_set_display_name(db.session, actor=current_user, display_name=form.display_name.data)
            old = do_set_picture(
                db.session,
                actor=current_user,
                picture=picture,
                remove=form.remove_picture.data,
                uploads=uploads_dir(),
            )
        except DomainError as exc:
            db.session.rollback()
            show_on_form(form, exc, "picture" if exc.field == "image" else "display_name")
        else:
            db.session.commit()
            if old:  # after the commit: a crash here leaves a stray file, never a missing picture
                (uploads_dir() / old).unlink(missing_ok=True)
            flash("Your profile is saved.", "success")
            return redirect(url_for("home.profile", username=current_user.username))
    return render_template("accounts/profile_settings.html", form=form), 422 if form.errors else 200


allow_large_bodies(bp, frozenset({"accounts.profile_settings"}), "IMAGE_MAX_UPLOAD")  # a picture
