"""Every page a role may use is reachable from the home page by following links, on a laptop and on a phone.

The walk loads the demo exactly as `make run` does, signs in through the login form, and from "/" follows
only what the pages link to (anchors and GET forms): each page found is opened once per route (boards and
ideas a few times) and checked as a person would see it — it loads, nothing errors in the console, nothing
scrolls sideways, the header is one row at 1280 px and at most 64 px tall at 390 px, and on a phone the first
idea of a board shows above the fold. axe runs on every page reached: in the light theme on the laptop and
in the dark theme on the phone. The walk fails on any page its role may use but could not reach.

Every GET route of the app is classified below (a page of some role, a download, or why it is not walked),
so a new page without a link, or without a decision, fails here too."""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from cocreate.demo.generator import DEMO_PASSWORD
from tests.browser.test_accessibility import AXE, _violations

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# What every visitor may use.
VISITOR = {
    "home.index",
    "ideas.boards",
    "ideas.board",
    "ideas.idea",
    "ideas.roadmap",
    "ideas.changelog",
    "reviews.products",
    "reviews.product",
    "reviews.campaigns",
    "reviews.campaign",
    "reviews.ugc_item",
    "beta.index",
    "beta.program",
    "rewards.leaderboard",
    "rewards.badges",
    "search.search",
    "home.profile",
    "accounts.login",
    "accounts.register",
    "accounts.email_link",
    "accounts.forgot",
}
SIGNED_OUT_ONLY = {"accounts.login", "accounts.register", "accounts.email_link", "accounts.forgot"}
MEMBER = (VISITOR - SIGNED_OUT_ONLY) | {
    "ideas.new_idea",
    "reviews.write_review",
    "reviews.share",
    "notifications.index",
    "notifications.settings",
    "rewards.mine",
    "insights.my_surveys",
    "accounts.profile_settings",
    "privacy.privacy_page",
    "api_tokens.tokens",
}
# Every staff member records what customers say in a shop or on the phone.
MODERATOR = MEMBER | {"moderation.queue", "moderation.words", "ideas.capture_idea", "ideas.capture_vote"}
PRODUCT = MEMBER | {
    "backlog.ranked_list",
    "backlog.why",
    "insights.kpi_dashboard",
    "insights.sentiment",
    "insights.team_surveys",
    "insights.team_kiosks",
    "beta.manage",
    "beta.manage_program",
    "reviews.manage_campaigns",
    "reviews.manage_products",
    "ideas.capture_idea",
    "ideas.capture_vote",
}
ADMIN = (
    MODERATOR
    | PRODUCT
    | {
        "admin.boards",
        "admin.edit_board",
        "admin.users",
        "branding.settings",
        "rewards.admin",
        "backlog.admin",
        "outbox.deliveries",
        "moderation.log",
    }
)
ROLES = {
    "visitor": (None, VISITOR),
    "member": ("member@demo.cocreate", MEMBER),
    "moderator": ("moderator@demo.cocreate", MODERATOR),
    "product": ("product@demo.cocreate", PRODUCT),
    "admin": ("admin@demo.cocreate", ADMIN),
}
# Linked files rather than pages: found by the walk, not opened in the browser.
DOWNLOADS = {
    "backlog.export",
    "privacy.export",
    "insights.kpi_csv",
    "beta.participants_csv",
    "reviews.media",
    "branding.stylesheet",
}
# GET routes no menu leads to, and why.
NOT_WALKED = {
    "healthz": "for load balancers",
    "rewards.source": "a tracked link that redirects to what it names",
    "search.similar": "an htmx fragment of the new-idea form",
    "accounts.use_link": "opened from an e-mail (tests/web/test_email_links.py)",
    "accounts.reset_password": "opened from an e-mail (tests/web/test_password_reset.py)",
    "ideas.edit_idea": "the author's own recent idea only (tests/browser/test_flows.py)",
    "ideas.idea_history": "linked once an idea was edited (tests/browser/test_flows.py)",
    "ideas.edit_comment": "the author's own recent comment, swapped in by htmx",
    "reviews.edit_ugc": "the author's own story (tests/browser/test_reviews_flow.py)",
    "insights.rate_shipped": "offered to supporters of a shipped idea (tests/browser/test_insights_flow.py)",
    "search.duplicates": (
        "opened from a flagged duplicate in the queue (tests/browser/test_moderation_flow.py)"
    ),
    "kiosk.home": "an in-store device activated with a kiosk code (tests/browser/test_channels_flow.py)",
    "kiosk.activate": "the in-store device's first screen (tests/browser/test_channels_flow.py)",
    "kiosk.idea": "on the in-store device",
    "kiosk.question": "on the in-store device",
    "kiosk.rate_pick": "on the in-store device",
    "kiosk.rate": "on the in-store device",
    "kiosk.thanks": "on the in-store device",
}
# Routes opened more than once: content varies most there.
VISITS = {"ideas.board": 4, "ideas.idea": 3}
HEADER = """() => {
  const header = document.querySelector('.site-header');
  if (!header) return null;
  const nav = header.querySelector('.site-nav');
  const tops = Array.from(nav.children)
    .filter(el => el.getBoundingClientRect().width > 0)
    .map(el => Math.round(el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2));
  const items = Array.from(header.querySelectorAll('.site-menu > ul > li, .quick > li'))
    .filter(el => el.getBoundingClientRect().width > 0)
    .map(el => Math.round(el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2));
  const all = tops.concat(items);
  return {height: header.getBoundingClientRect().height,
          rows: new Set(all.map(t => Math.round(t / 12))).size,
          spread: Math.max(...tops.concat(items)) - Math.min(...tops.concat(items))};
}"""


@dataclass
class Walk:
    visited: dict[str, list[str]] = field(default_factory=dict)
    linked: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)


def _endpoint(adapter, url: str, origin: str) -> tuple[str, str] | None:
    """The route a same-origin link leads to, and its path with query (None for other sites)."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        endpoint, _ = adapter.match(parts.path, method="GET")
    except RequestRedirect as redirect:
        return _endpoint(adapter, redirect.new_url, origin)
    except HTTPException:
        return ("<no route>", target)
    return endpoint, target


def _walk(browser, live_server, app, role: str, viewport: dict) -> Walk:
    email, _ = ROLES[role]
    phone = viewport is PHONE
    context = browser.new_context(
        base_url=live_server, viewport=viewport, color_scheme="dark" if phone else "light"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: console.append(str(exc)))
    adapter = app.url_map.bind("127.0.0.1")
    walk = Walk()
    try:
        page.goto("/")
        if email:  # the way a person signs in: the header's link, then the form
            page.get_by_role("link", name="Sign in").first.click()
            page.get_by_label("E-mail").fill(email)
            page.get_by_label("Password").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            expect(page.locator(".site-nav details.account > summary")).to_be_visible()
        queue: deque[tuple[str, str, str]] = deque([("home.index", "/", "(start)")])
        seen_urls = {"/"}
        opened: Counter[str] = Counter()
        while queue:
            endpoint, target, found_on = queue.popleft()
            if opened[endpoint] >= VISITS.get(endpoint, 1):
                continue
            opened[endpoint] += 1
            console.clear()
            response = page.goto(target)
            where = f"{role} {viewport['width']}px {target} (linked from {found_on})"
            if response is None or response.status != 200:
                walk.problems.append(f"{where}: answered {response and response.status}")
                continue
            # A link may lead elsewhere (a visitor's "New idea" to the sign-in page): what counts is where.
            landed = _endpoint(adapter, page.url, live_server)
            endpoint = landed[0] if landed else "<another site>"
            walk.visited.setdefault(endpoint, []).append(target)
            _check_page(page, endpoint, phone, where, walk)
            if console:
                walk.problems.append(f"{where}: console errors {console[:3]}")
            hrefs = page.evaluate(
                "() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href).concat("
                "Array.from(document.querySelectorAll('form')).filter(f => (f.method || 'get') === 'get')"
                ".map(f => f.action))"
            )
            for href in hrefs:
                found = _endpoint(adapter, href.split("#")[0], live_server)
                if found is None:
                    continue
                next_endpoint, next_target = found
                walk.linked.add(next_endpoint)
                if next_endpoint in DOWNLOADS or next_endpoint in NOT_WALKED or next_target in seen_urls:
                    continue
                if next_endpoint.startswith("api."):
                    continue
                seen_urls.add(next_target)
                queue.append((next_endpoint, next_target, target))
    finally:
        context.close()
    return walk


def _check_page(page, endpoint: str, phone: bool, where: str, walk: Walk) -> None:
    sideways = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if sideways > 0:
        walk.problems.append(f"{where}: scrolls sideways by {sideways}px")
    header = page.evaluate(HEADER)
    if header is None:
        walk.problems.append(f"{where}: no site header")
    elif phone and header["height"] > 64:
        walk.problems.append(f"{where}: header {header['height']:.0f}px tall on a phone")
    elif not phone and header["spread"] > 12:
        walk.problems.append(f"{where}: header wraps ({header['spread']}px between its items' middles)")
    if phone and endpoint == "ideas.board":
        first = page.locator("#idea-list .idea-list > li").first
        if first.count():
            box = first.bounding_box()
            if box is None or box["y"] + min(box["height"], 80) > PHONE["height"]:
                walk.problems.append(
                    f"{where}: the first idea starts at {box and box['y']:.0f}px, below the fold"
                )
    violations = _violations(page)
    if violations:
        walk.problems.append(f"{where}: axe {violations}")


def test_every_get_route_is_a_page_of_some_role_a_download_or_explained(app):
    routes = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "GET" in (rule.methods or ())
        and rule.endpoint != "static"
        and not rule.endpoint.startswith("api.")
    }
    pages = set().union(*(expected for _, expected in ROLES.values()))
    assert routes - pages - DOWNLOADS - set(NOT_WALKED) == set(), "classify these routes"
    assert (pages | DOWNLOADS | set(NOT_WALKED)) - routes == set(), "these routes no longer exist"


def test_every_page_of_every_role_is_reached_by_links_and_looks_right(browser, live_server, app):
    """One test for the ten walks: the demo (as `make run` loads it, default sizes) is built once."""
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run npm ci (make setup)")
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    failures = []
    for role, (_, expected) in ROLES.items():
        for viewport in (LAPTOP, PHONE):
            walk = _walk(browser, live_server, app, role, viewport)
            label = f"{role} at {viewport['width']}px"
            unreached = expected - set(walk.visited)
            if unreached:
                failures.append(f"{label} cannot reach {sorted(unreached)} by links")
            beyond = set(walk.visited) - expected
            if beyond:
                failures.append(f"{label} was led to pages it may not use: {sorted(beyond)}")
            failures += walk.problems
            if role == "admin":  # the files people download are linked where they are needed
                missing = {
                    "backlog.export",
                    "privacy.export",
                    "insights.kpi_csv",
                    "beta.participants_csv",
                } - walk.linked
                if missing:
                    failures.append(f"{label}: no link to the downloads {sorted(missing)}")
    assert failures == [], "\n".join(failures)
