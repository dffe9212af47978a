"""The community's own face: its name, tagline, logo, accent colour and footer links, set by an admin and
shown on every page (and in e-mails). Light and dark variants of the accent are worked out here so that
text on it and links in it stay readable in both themes."""

from flask import Blueprint

bp = Blueprint("branding", __name__)

from cocreate.branding import views  # noqa: E402,F401  (routes on this blueprint)


def install(app) -> None:
    """The blueprint, and `brand()` for templates (read once a request; web/templating.py puts it in the
    keys of the parts it keeps)."""
    from flask import g

    from cocreate.branding.queries import current
    from cocreate.extensions import db

    def brand():
        if "brand" not in g:
            g.brand = current(db.session)
        return g.brand

    app.register_blueprint(bp)
    app.jinja_env.globals["brand"] = brand
