"""Start gunicorn (2 sync workers) on 127.0.0.1 and wait until it answers /healthz: used by the benches
(bench/run.py, bench/scale.py) and by the crash test (tests/web/test_crash.py). The tests' servers take
their ports from free_port() here too."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Sign-in and load send the same User-Agent, as one browser does: Flask-Login ("basic" session protection)
# marks a session not fresh when the agent changes, and a cookie that never takes the change (wrk replays one
# Cookie header) would then be written again on every answer, which no browser would cause.
USER_AGENT = "cocreate-bench"


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NotServing(RuntimeError):
    """gunicorn did not answer /healthz in time (it has been killed)."""


def start_gunicorn(
    env: dict,
    port: int,
    *,
    quiet: bool = False,
    timeout: float = 60,
    app: str = "wsgi:app",
    probe: str = "/healthz",
) -> subprocess.Popen:
    """gunicorn serving `app` (CoCreate's wsgi:app; bench/bare_app.py's "bare_app:app" is the reference) with
    `env` on 127.0.0.1:`port`, in its own process group, once `probe` answers."""
    cmd = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "--workers",
        "2",
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        *([] if app == "wsgi:app" else ["--pythonpath", str(ROOT / "bench")]),
        app,
    ]
    output = subprocess.DEVNULL if quiet else None
    proc = subprocess.Popen(  # noqa: S603 - our own gunicorn
        cmd, env=env, cwd=ROOT, start_new_session=True, stdout=output, stderr=output
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{probe}", timeout=2) as r:  # noqa: S310
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    raise NotServing(f"gunicorn did not answer on 127.0.0.1:{port} within {timeout:.0f} s")
