"""The JSON API (/api/v1): tokens for apps, the web's rules for everything else."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")
tokens_bp = Blueprint("api_tokens", __name__)

from cocreate.api import gate, token_views, views  # noqa: E402,F401
