"""Accounts: people, roles, sign-in and profiles."""

from flask import Blueprint

bp = Blueprint("accounts", __name__)

from cocreate.accounts import link_views, views  # noqa: E402,F401
