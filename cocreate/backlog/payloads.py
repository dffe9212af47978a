"""What each kind of connector is sent, and what we read back from its answer.

- webhook: POST to the endpoint, body {"type", "timestamp", "data"} (the Standard Webhooks payload shape),
  signed. An answer with JSON {"key", "url"} links the backlog item.
- github:  POST {base}/repos/{owner/repo}/issues (GitHub's "create an issue"), Bearer token; the answer's
  "number" and "html_url" link the item.
- jira:    POST {base}/rest/api/2/issue (Jira's "create issue"), Bearer token, or Basic when the token is
  "email:api-token" (Jira Cloud); the answer's "key" links {base}/browse/{key}.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime

from cocreate.backlog.models import Connector


def idea_data(idea, base_url: str) -> dict:
    """The idea as every connector sees it."""
    return {
        "idea_id": idea.id,
        "title": idea.title,
        "body": idea.body,
        "url": f"{base_url.rstrip('/')}/i/{idea.id}",
        "board": idea.board.slug,
        "status": idea.status,
        "supporters": idea.vote_count,
        "comments": idea.comment_count,
        "tags": [t.slug for t in idea.tags],
        "created_at": idea.created_at.isoformat(),
    }


def _description(data: dict) -> str:
    return (
        f"{data['body']}\n\n---\n{data['supporters']} supporters, {data['comments']} comments on CoCreate: "
        f"{data['url']}"
    )


def item_request(connector: Connector, data: dict, at: datetime) -> tuple[str, dict]:
    """(URL, JSON body) that creates a backlog item for an idea."""
    base = connector.url.rstrip("/")
    if connector.kind == "github":
        body = {"title": data["title"], "body": _description(data), "labels": ["cocreate", *data["tags"]]}
        return f"{base}/repos/{connector.project}/issues", body
    if connector.kind == "jira":
        fields = {
            "project": {"key": connector.project},
            "summary": data["title"][:250],
            "description": _description(data),
            "issuetype": {"name": "Story"},
            "labels": ["cocreate", *data["tags"]],
        }
        return f"{base}/rest/api/2/issue", {"fields": fields}
    return connector.url, event_body("backlog.item.requested", data, at)


def event_body(kind: str, data: dict, at: datetime) -> dict:
    return {"type": kind, "timestamp": at.isoformat(), "data": data}


def auth_headers(connector: Connector) -> dict[str, str]:
    if not connector.token:
        return {}
    if connector.kind == "github":
        return {
            "Authorization": f"Bearer {connector.token}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
        }
    if connector.kind == "jira" and ":" in connector.token:
        return {"Authorization": "Basic " + base64.b64encode(connector.token.encode()).decode()}
    return {"Authorization": f"Bearer {connector.token}"}


def _web_url(value) -> str:
    """A link we may show: http(s) only (an answer could say javascript:…)."""
    value = str(value or "")[:500]
    return value if value.startswith(("https://", "http://")) else ""


def link_from_answer(connector: Connector, answer: str) -> tuple[str, str]:
    """(external key, external URL) from a 2xx answer; empty strings when it says neither."""
    try:
        found = json.loads(answer or "{}")
    except ValueError:
        return "", ""
    if not isinstance(found, dict):
        return "", ""
    if connector.kind == "github":
        number = found.get("number")
        return (f"{connector.project}#{number}" if number else ""), _web_url(found.get("html_url"))
    if connector.kind == "jira":
        key = str(found.get("key") or "")[:120]
        return key, (f"{connector.url.rstrip('/')}/browse/{key}" if key else "")
    return str(found.get("key") or "")[:120], _web_url(found.get("url"))
