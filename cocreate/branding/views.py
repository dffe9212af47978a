"""Admin → Branding, and the stylesheet that carries the accent colour (the CSP allows no inline styles)."""

from __future__ import annotations

from flask import Response, flash, redirect, request, url_for
from flask_login import current_user, login_required

from cocreate.branding import bp
from cocreate.branding.colours import variants
from cocreate.branding.forms import BrandingForm
from cocreate.branding.queries import current
from cocreate.branding.services import do_save_branding
from cocreate.errors import DomainError, NotAllowed
from cocreate.extensions import db
from cocreate.media import MAX_BYTES, uploads_dir
from cocreate.web.forms import show_on_form
from cocreate.web.rendering import render
from cocreate.web.routing import allow_large_bodies

STYLESHEET = """/* The community's accent ({accent}), from Admin → Branding. */
:root {{ --cc-accent: {accent}; --cc-accent-hover: {hover}; --cc-accent-soft: {soft}; --cc-link: {link}; }}
@media (prefers-color-scheme: dark) {{
  :root:root:not([data-theme="light"]) {{ --cc-accent-soft: {soft_dark}; --cc-link: {link_dark}; }}
}}
"""


@bp.get("/brand.css")
def stylesheet():
    """The accent's variables; cached for a year under its version (?v=), which every save raises."""
    brand = current(db.session)
    css = STYLESHEET.format(**variants(brand.accent))
    response = Response(css, mimetype="text/css")
    if request.args.get("v") == str(brand.version):
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response.headers["Cache-Control"] = "no-cache"
    return response


@bp.route("/admin/branding", methods=["GET", "POST"])
@login_required
def settings():
    """The community's name, tagline, logo, accent colour and footer links."""
    if not current_user.is_admin:
        raise NotAllowed("Only administrators change the community's look.")
    brand = current(db.session)
    form = BrandingForm()
    if request.method == "GET":
        form.name.data, form.tagline.data, form.accent.data = brand.name, brand.tagline, brand.accent
        form.footer_links.data = "\n".join(f"{label} | {url}" for label, url in brand.links)
    if form.validate_on_submit():
        upload = form.logo.data
        logo = upload.read(MAX_BYTES + 1) if upload and upload.filename else None
        try:
            saved = do_save_branding(
                db.session,
                actor=current_user,
                name=form.name.data,
                tagline=form.tagline.data or "",
                accent=form.accent.data,
                footer_links=form.footer_links.data or "",
                logo=logo,
                remove_logo=form.remove_logo.data,
                uploads=uploads_dir(),
            )
        except DomainError as exc:
            show_on_form(form, exc, "name")
        else:
            db.session.commit()
            if saved.old_logo:  # after the commit: a failure here leaves a stray file, never a broken page
                (uploads_dir() / saved.old_logo).unlink(missing_ok=True)
            flash("Saved: every page shows the new look now.", "success")
            return redirect(url_for("branding.settings"))
    return render("branding/settings.html", form=form, look=brand), 422 if form.errors else 200


allow_large_bodies(bp, frozenset({"branding.settings"}), "IMAGE_MAX_UPLOAD")  # a logo
