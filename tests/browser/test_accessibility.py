"""axe-core (from npm) in Chromium on every page, for visitors and for an admin: zero violations of WCAG 2.0,
2.1 and 2.2 at levels A and AA, whatever their impact. The keyboard journey and the htmx-swapped states are
in test_keyboard_journey.py."""

from pathlib import Path

import pytest
from sqlalchemy import select

from cocreate.accounts.models import User
from cocreate.backlog import services as backlog
from cocreate.demo.beta import generate_beta
from cocreate.demo.generator import DEMO_PASSWORD, Size, generate
from cocreate.ideas.models import Board

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def _violations(page) -> list[str]:
    # evaluate() runs through the DevTools protocol, so the page's CSP (no inline scripts) still holds.
    page.evaluate(AXE.read_text())
    results = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})).violations"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in results
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_has_no_wcag_a_or_aa_violations(page, session, app, scheme):
    """In the light theme and in the dark one (which follows the person's system setting)."""
    page.emulate_media(color_scheme=scheme)
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run npm ci (make setup)")
    uploads = Path(app.instance_path) / "uploads"
    generate(session, Size(users=20, ideas=40, votes=300, comments=60), seed=3, uploads=uploads)
    assert generate_beta(session) >= 10
    admin = session.scalar(select(User).where(User.email == "admin@demo.cocreate"))
    backlog.do_allow_host(session, actor=admin, host="127.0.0.1")
    backlog.do_create_connector(
        session,
        actor=admin,
        board=session.get(Board, 1),
        kind="webhook",
        name="Roadmap",
        url="http://127.0.0.1:9/",
        events=["idea.created"],
    )
    session.commit()
    problems = {}
    for url in [
        "/",
        "/boards",
        "/b/mobile-app",
        "/i/1",
        "/login",
        "/register",
        "/u/mia",
        "/products",
        "/p/summit-35l-daypack",
        "/campaigns",
        "/campaigns/show-us-your-trail-kitchen",
        "/ugc/1",
        "/leaderboard",
        "/rewards/badges",
        "/beta",
        "/beta/offline-maps-beta",
        "/roadmap",
        "/changelog",
        "/login/email",
        "/reset",
        "/search?q=tent",
        "/kiosk/activate",
    ]:
        page.goto(url)
        problems[url] = _violations(page)
    page.goto("/login")
    page.get_by_label("E-mail").fill("admin@demo.cocreate")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    for url in [
        "/b/mobile-app",
        "/i/1",
        "/b/mobile-app/new",
        "/admin/boards",
        "/admin/users",
        "/p/summit-35l-daypack",
        "/p/summit-35l-daypack/review",
        "/manage/products",
        "/manage/campaigns",
        "/share?campaign=show-us-your-trail-kitchen",
        "/moderation",
        "/moderation/words",
        "/moderation/log",
        "/rewards",
        "/admin/rewards",
        "/notifications",
        "/leaderboard?period=30d",
        "/beta/offline-maps-beta",
        "/manage/beta",
        "/manage/beta/offline-maps-beta",
        "/admin/deliveries",
        "/admin/backlog",
        "/manage/ranking",
        "/manage/ranking/why/1",
        "/admin/boards/1",
        "/admin/branding",
        "/notifications/settings",
        "/surveys",
        "/team/surveys",
        "/team/kiosks",
        "/team/kpi",
        "/settings/privacy",
        "/settings/profile",
        "/settings/tokens",
        "/search?q=tent",
        "/insights/sentiment",
        "/insights/sentiment?board=gear",
        "/b/mobile-app/capture",
        "/i/1/capture-vote",
        "/i/1/history",
        "/i/1/edit",
        "/u/mia",
        "/products",
        "/campaigns",
        "/ugc/1",
    ]:
        page.goto(url)
        problems[f"{url} (admin)"] = _violations(page)
    failures = {url: found for url, found in problems.items() if found}
    assert not failures, "\n".join(f"{url}: {line}" for url, found in failures.items() for line in found)
