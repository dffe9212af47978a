"""Run many units of work at once against the real database, as concurrent requests would."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from cocreate.db import write_intent
from cocreate.errors import Conflict
from cocreate.extensions import db


@dataclass
class RaceResult:
    ok: int = 0
    conflicts: int = 0
    errors: list[BaseException] = field(default_factory=list)


def race(app, work: list[Callable[[Session], object]], timeout: float = 180) -> RaceResult:
    """One thread per callable, all released by one barrier; each commits (Conflict rolls back)."""
    barrier = threading.Barrier(len(work), timeout=60)
    result, lock = RaceResult(), threading.Lock()

    def worker(unit: Callable[[Session], object]) -> None:
        with app.app_context(), write_intent():
            try:
                barrier.wait()
                unit(db.session)
                db.session.commit()
                outcome = "ok"
            except Conflict:
                db.session.rollback()
                outcome = "conflict"
            except BaseException as exc:  # noqa: BLE001 - reported to the test
                db.session.rollback()
                outcome = exc
            finally:
                db.session.remove()
        with lock:
            if outcome == "ok":
                result.ok += 1
            elif outcome == "conflict":
                result.conflicts += 1
            else:
                result.errors.append(outcome)

    _in_threads(worker, work, timeout)
    return result


def at_once(calls: list[Callable[[], object]], timeout: float = 120) -> list:
    """One thread per call, all released by one barrier (concurrent HTTP requests through test clients, say);
    their results in the order they finished. An exception in a call fails the test."""
    barrier = threading.Barrier(len(calls), timeout=60)
    results, failures, lock = [], [], threading.Lock()

    def worker(call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            found = call()
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            with lock:
                failures.append(exc)
            return
        with lock:
            results.append(found)

    _in_threads(worker, calls, timeout)
    assert not failures, failures
    return results


def _in_threads(worker: Callable, items: list, timeout: float) -> None:
    """worker(item) in one thread per item; waits for all of them and fails if one hangs."""
    threads = [threading.Thread(target=worker, args=(item,)) for item in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=timeout)
    assert not any(t.is_alive() for t in threads), "a worker thread hung"
