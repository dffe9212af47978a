"""Every GET page people use, found the way they find them: signed in as each role (and as a visitor), start
at the home page and follow links breadth-first over HTTP; the first address seen for each of the app's
endpoints stands for it (bench/run.py loads each one). Downloads (exports, media, the brand stylesheet) are
timed apart; the routes no menu leads to are those tests/browser/test_navigation_walk.py lists."""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from html import unescape

from serve import USER_AGENT

# Who opens a page first decides who is signed in when it is measured: a customer where customers see it,
# else the first staff role that reaches it; pages only for the signed out, as a visitor.
ROLES = ("member", "moderator", "product", "admin", "visitor")
SKIP = {
    "healthz",
    "static",
    "reviews.media",
    "branding.stylesheet",
    "backlog.export",
    "privacy.export",
    "insights.kpi_csv",
    "beta.participants_csv",
    "accounts.logout",
    "rewards.source",  # a tracked link that redirects
}
HREF = re.compile(r'href="([^"#]+)')


def _endpoint_matcher():
    """path + query -> the app's endpoint (None for what is not a page of the app)."""
    from werkzeug.exceptions import HTTPException

    from cocreate import create_app

    adapter = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}).url_map.bind("127.0.0.1")

    def endpoint(path: str) -> str | None:
        try:
            found, _ = adapter.match(urllib.parse.urlsplit(path).path, method="GET")
        except HTTPException:
            return None
        return found

    return endpoint


def crawl(base: str, cookies: dict[str, str | None], per_role: int = 250) -> dict[str, tuple[str, str]]:
    """{endpoint: (path, role)} for every page reached by links, `per_role` fetches at most per role."""
    endpoint_of = _endpoint_matcher()
    found: dict[str, tuple[str, str]] = {}
    for role in ROLES:
        cookie = cookies.get(role)
        # Links to an endpoint not queued yet go first: a page of 100 idea links must not use up the fetches.
        fresh, more = deque(["/"]), deque()
        queued: dict[str | None, int] = {"home.index": 1}
        seen, fetched = {"/"}, 0
        while (fresh or more) and fetched < per_role:
            path = (fresh or more).popleft()
            endpoint = endpoint_of(path)
            if endpoint is None or endpoint in SKIP:
                continue
            headers = {"User-Agent": USER_AGENT, **({"Cookie": cookie} if cookie else {})}
            request = urllib.request.Request(base + path, headers=headers)  # noqa: S310 - 127.0.0.1
            try:
                with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
                    if answer.status != 200 or "text/html" not in answer.headers.get("Content-Type", ""):
                        continue
                    html = answer.read().decode("utf-8", "replace")
                    landed = urllib.parse.urlsplit(answer.url)
            except urllib.error.HTTPError:
                continue
            fetched += 1
            if landed.path + (f"?{landed.query}" if landed.query else "") == path:  # not sent to sign in
                found.setdefault(endpoint, (path, role))
            for href in HREF.findall(html):
                target = urllib.parse.urlsplit(urllib.parse.urljoin(base + path, unescape(href)))
                link = target.path + (f"?{target.query}" if target.query else "")
                if f"{target.scheme}://{target.netloc}" != base or link in seen:
                    continue
                seen.add(link)
                linked = endpoint_of(link)
                if linked is None or linked in SKIP or queued.get(linked, 0) >= 3:
                    continue
                (more if linked in queued else fresh).append(link)
                queued[linked] = queued.get(linked, 0) + 1
    return found
