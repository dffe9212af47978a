"""A least-recently-used map bounded by the bytes it holds, not by its number of entries: an entry can be a
whole page. Every per-worker cache keeps its entries in one of these (memoised fragments, the anonymous page
cache, remembered signatures, kept read results), so that a worker's memory levels off under any load
(bench/soak.py shows it; tests/unit/test_bounded_cache.py holds each cache to its budget).

An entry's size is what sys.getsizeof counts for its key and its value and everything they hold (tuples,
lists, sets, dicts, dataclasses and named tuples, walked through), so a key that holds a page's rows counts
them too; any other object is counted by itself. Objects that several entries share are counted in each:
the sum errs on the safe side.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterable
from dataclasses import fields, is_dataclass
from datetime import date, datetime, time
from decimal import Decimal

_LEAVES = (str, bytes, int, float, bool, type(None), datetime, date, time, Decimal)
_MISSING = object()


def deep_size(*objects: object) -> int:
    """Bytes held by the objects and everything they contain (each object counted once)."""
    seen: set[int] = set()
    stack = list(objects)
    total = 0
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        if isinstance(obj, _LEAVES):
            continue
        if isinstance(obj, tuple | list | set | frozenset):
            stack.extend(obj)
        elif isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif is_dataclass(obj):
            stack.extend(getattr(obj, f.name) for f in fields(obj))
        # Any other object (a statement in a kept result's key, say) is shared code, counted by itself.
    return total


class ByteBoundedLRU:
    """A map of at most `budget` bytes (keys and values, deep_size), least recently used out first; safe
    across threads. An entry larger than the whole budget is not kept."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.used = 0
        self._items: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items

    def get(self, key: Hashable, default=None):
        """The value kept under `key` (now the most recently used), else `default`."""
        with self._lock:
            found = self._items.get(key, _MISSING)
            if found is _MISSING:
                return default
            self._items.move_to_end(key)
            return found[0]

    def get_many(self, keys: Iterable[Hashable]) -> list:
        """The values kept under each key, None where there is none: one lock for them all."""
        out = []
        with self._lock:
            for key in keys:
                found = self._items.get(key)
                if found is None:
                    out.append(None)
                else:
                    self._items.move_to_end(key)
                    out.append(found[0])
        return out

    def put(self, key: Hashable, value: object, size: int | None = None) -> bool:
        """Keep `value` under `key`, dropping the least recently used entries until the budget holds; False
        when the entry alone is larger than the budget (then it is not kept)."""
        size = deep_size(key, value) if size is None else size
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.used -= old[1]
            if size > self.budget:
                return False
            self._items[key] = (value, size)
            self.used += size
            while self.used > self.budget:
                _, (_, dropped) = self._items.popitem(last=False)
                self.used -= dropped
        return True

    def pop(self, key: Hashable, default=None):
        with self._lock:
            found = self._items.pop(key, None)
            if found is None:
                return default
            self.used -= found[1]
            return found[0]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.used = 0

    def key_list(self) -> list[Hashable]:
        """The keys, oldest first (a copy)."""
        with self._lock:
            return list(self._items)
