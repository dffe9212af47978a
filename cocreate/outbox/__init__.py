"""The outbox: what must reach the outside world (e-mail now, backlog webhooks next), written in the same
transaction as the change that caused it and delivered after commit by `flask --app cocreate worker`."""

from flask import Blueprint

bp = Blueprint("outbox", __name__)

from cocreate.outbox import views  # noqa: E402,F401
