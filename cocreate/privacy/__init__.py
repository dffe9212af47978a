"""What we hold about a person: the privacy page, consents, the export of everything and deleting one's
account. Above every feature package, since a person's data lives in all of them."""

from flask import Blueprint

bp = Blueprint("privacy", __name__)

from cocreate.privacy import views  # noqa: E402,F401
