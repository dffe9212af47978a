"""Fixed-window rate limits. With REDIS_URL every worker and app server shares the counters (INCR on one key
per window); without it each process counts on its own, which is right for one process and documented as
such. Redis being unreachable never fails a request: the process falls back to its own counters and logs it.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import dataclass

from flask import Flask, current_app

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    retry_after: int  # seconds until the window resets


class MemoryCounters:
    """Per-process counters; stale windows are dropped as new ones start."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[tuple[str, int], int] = {}

    def incr(self, key: str, window_no: int, _ttl: int) -> int:
        with self._lock:
            if len(self._counts) > 50_000:
                self._counts = {k: v for k, v in self._counts.items() if k[1] >= window_no}
            count = self._counts.get((key, window_no), 0) + 1
            self._counts[(key, window_no)] = count
            return count


class RedisCounters:
    def __init__(self, url: str) -> None:
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)

    def incr(self, key: str, window_no: int, ttl: int) -> int:
        name = f"cocreate:rl:{key}:{window_no}"
        pipe = self._redis.pipeline()
        pipe.incr(name)
        pipe.expire(name, ttl + 1, nx=True)
        return int(pipe.execute()[0])


class RateLimiter:
    def __init__(self, redis_url: str | None, clock=time.time) -> None:
        self.memory = MemoryCounters()
        self.shared = RedisCounters(redis_url) if redis_url else None
        self.clock = clock

    def hit(self, key: str, limit: int, window: int) -> Decision:
        """Count one request against `key`: at most `limit` per `window` seconds."""
        now = self.clock()
        window_no = math.floor(now / window)
        retry_after = max(1, math.ceil((window_no + 1) * window - now))
        count = None
        if self.shared is not None:
            try:
                count = self.shared.incr(key, window_no, window)
            except Exception as exc:  # an unreachable Redis must not take the site down
                log.warning("rate limit counters in Redis unavailable, counting in-process: %s", exc)
        if count is None:
            count = self.memory.incr(key, window_no, window)
        return Decision(count <= limit, limit, max(0, limit - count), retry_after)


def init_rate_limits(app: Flask) -> None:
    app.extensions["cocreate_ratelimiter"] = RateLimiter(app.config.get("REDIS_URL"))


def limiter() -> RateLimiter:
    return current_app.extensions["cocreate_ratelimiter"]
