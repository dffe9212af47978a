"""Regenerate docs/screenshots/: a fresh demo community on SQLite, served on 127.0.0.1, shot in Chromium.

Run with `make screenshots`. Each page is taken as the role that uses it, at 1280 x 800 (name.png) and on a
390 x 844 phone (name-phone.png), the way a person sees it on arrival (the viewport, not the whole page).
Nothing here is kept: the community lives in a temporary directory that is deleted at the end.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.fixtures.live_server import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402  (the browser tests' own)

OUT = ROOT / "docs" / "screenshots"
PASSWORD = "trailhead-demo"  # the demo's accounts (README)
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# (file name, role, how to get there: a path, or "first:<link prefix>@<page>" to follow the first such link)
SHOTS = [
    ("home", None, "/"),
    ("board", "member", "first:/b/@/boards"),
    ("idea", "member", "first:/i/@board"),
    ("product", "member", "first:/p/@/products"),
    ("campaign-gallery", "member", "first:/campaigns/@/campaigns"),
    ("beta", "member", "first:/beta/@/beta"),
    ("search", "member", "/search?q=tent"),
    ("rewards", "member", "/rewards"),
    ("moderation-queue", "moderator", "/moderation"),
    ("ranking", "product", "/manage/ranking"),
    ("kpi-dashboard", "product", "/team/kpi"),
    ("sentiment-trend", "product", "/insights/sentiment"),
    ("backlog-connectors", "admin", "/admin/backlog"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _flask(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "flask", "--app", "cocreate", *args], env=env, check=True, cwd=ROOT)


def _wait(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"the app did not answer at {url}") from None
            time.sleep(0.3)


def _sign_in(page, role: str) -> None:
    page.goto("/login")
    page.get_by_label("E-mail").fill(f"{role}@demo.cocreate")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")


def _go(page, how: str, visited: dict[str, str]) -> str:
    if not how.startswith("first:"):
        page.goto(how)
        return how
    prefix, start = how[len("first:") :].split("@")
    page.goto(visited.get(start, start))
    link = page.locator(f'main a[href^="{prefix}"]').first
    href = link.get_attribute("href")
    page.goto(href)
    return href


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cocreate-shots-") as tmp:
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "COCREATE_ENV": "development",
            "COCREATE_INSTANCE_PATH": tmp,
            "COCREATE_BASE_URL": base,
            "COCREATE_RATE_LIMITS": "signin=10000/60",
        }
        env.pop("DATABASE_URL", None)
        print("Building a fresh demo community (SQLite, temporary)…", flush=True)
        _flask(env, "db", "upgrade")
        _flask(env, "demo", "load")
        serve = ["run", "--host", "127.0.0.1", "--port", str(port)]
        server = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "cocreate", *serve],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait(f"{base}/healthz")
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                total = len(SHOTS) * 2
                done = 0
                for width, suffix in ((DESKTOP, ""), (PHONE, "-phone")):
                    visited: dict[str, str] = {}
                    contexts: dict[str | None, object] = {}
                    for name, role, how in SHOTS:
                        if role not in contexts:
                            contexts[role] = browser.new_context(
                                base_url=base,
                                viewport=width,
                                color_scheme="light",
                                device_scale_factor=1,
                                is_mobile=bool(suffix),
                                has_touch=bool(suffix),
                            )
                            page = contexts[role].new_page()
                            if role:
                                _sign_in(page, role)
                        page = contexts[role].pages[0]
                        visited[name] = _go(page, how, visited)
                        page.wait_for_load_state("networkidle")
                        page.screenshot(path=str(OUT / f"{name}{suffix}.png"))
                        done += 1
                        bar = "#" * (30 * done // total)
                        line = f"\r[{bar:<30}] {done}/{total} {name}{suffix}.png"
                        print(line.ljust(78), end="", flush=True)
                    for context in contexts.values():
                        context.close()
                browser.close()
            print(f"\nSaved to {OUT.relative_to(ROOT)}/")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
