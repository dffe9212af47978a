"""Routing ideas to product teams' backlogs: connectors (signed webhook, GitHub Issues, Jira), "send to
backlog", the events webhooks follow, and the signed inbound endpoint that brings status changes back."""

from flask import Blueprint

bp = Blueprint("backlog", __name__)

from cocreate.backlog import ranking_views, subscribers, views  # noqa: E402,F401
