"""Fragments rendered once and reused for everyone whose page shows the same values (memoised rendering).

A signed-in board page is twenty rows that look the same to every member, with one box each that says
whether *this* person voted. Rendering those rows again for every request was half of the page's cost. A
template wraps such a part in `{% call memo(key...) %}…{% endcall %}`: the HTML is kept per worker under
that key, which must hold every value the part shows (the row's fields, whether the person voted, the
relative time as displayed). A key that changes is a new entry, so what is served is always what the part
would render now; nothing is ever stale, there is nothing to invalidate, and old entries simply age out.

What differs per request inside a memoised part (the CSRF token, the page's own address in a form's
`next`) is written as a slot: `{% set token = slot("csrf", csrf_token()) %}` before the part, `{{ token }}`
inside it. The part is kept with a marker there, and every copy handed out has the marker replaced by this
request's value (escaped).

Parts nest: while a part is being rendered, the parts inside it hand out their markers rather than this
request's values, so the outer part keeps markers too. A whole page can be kept this way (the signed-in
board page: ideas/board_rows.py), its key then holding everything the page shows, the inner parts' keys
included. With MEMO_CHECK set (the test suite), every part served from memory is rendered again and must
be the same: a key that misses a value the part shows fails the tests instead of showing stale HTML.

Never stale: tests/web/test_fragments.py, and MEMO_CHECK over the whole suite.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence

from flask import current_app, g
from markupsafe import Markup, escape

from cocreate import speed
from cocreate.bounded_cache import ByteBoundedLRU

# Bytes of kept parts and their keys per worker. A key holds every value its part shows, so it changes with
# each vote on a row and old entries are never asked for again: counted in entries, the memo once grew to
# over a gigabyte per worker (a whole board page is some 100 kB, its key some 20 kB). The oldest go first.
BUDGET = 32 * 1024 * 1024
_SLOT = "\x00slot:{}\x00"
_MARKS = re.compile("\x00slot:([^\x00]*)\x00")
# Each kept part is stored split at its markers: text, slot name, text, slot name, …, text.
_entries = ByteBoundedLRU(BUDGET)


def memo(*key: Hashable, caller: Callable[[], str]) -> Markup:
    """The part's HTML for this key: from the cache, or rendered now (Jinja passes the body as `caller`)."""
    return memo_each([key], lambda _: caller())


def memo_each(keys: Sequence[tuple], render: Callable[[int], str]) -> Markup:
    """Parts kept under keys[i] (rendered by render(i) when they are not), one after the other. One pass over
    the cache and one look at this request's slots for them all: from Python, a board page's twenty rows cost
    less this way than twenty memo() calls from its template."""
    # Off while someone is editing templates (kept HTML would hide their change), or switched off.
    if current_app.jinja_env.auto_reload or not speed.on("fragments"):
        kept = [_rendered(render, i) for i in range(len(keys))]
    else:
        kept = _entries.get_many(keys)
        missing = [i for i, parts in enumerate(kept) if parts is None]
        if missing:
            for i in missing:
                kept[i] = _rendered(render, i)
            for i in missing:
                _entries.put(keys[i], kept[i])
        if current_app.config.get("MEMO_CHECK"):
            _check(keys, kept, render, missing)
    if g.get("fragment_depth"):  # inside a part being rendered: it keeps the markers
        return Markup("".join(["".join(parts) if len(parts) == 1 else _marked(parts) for parts in kept]))  # noqa: S704
    slots = g.get("fragment_slots", {})
    return Markup("".join([_join(parts, slots) for parts in kept]))  # noqa: S704 - see _join


def _rendered(render: Callable[[int], str], i: int) -> tuple[str, ...]:
    """Part i rendered now, with markers where its slots (and its inner parts' slots) go."""
    g.fragment_depth = g.get("fragment_depth", 0) + 1
    try:
        return _split(render(i))
    finally:
        g.fragment_depth -= 1


def _check(keys: Sequence[tuple], kept: list, render: Callable[[int], str], missing: list[int]) -> None:
    for i, parts in enumerate(kept):
        if i not in missing and _rendered(render, i) != parts:
            raise AssertionError(f"a memoised part shows a value its key does not hold: {keys[i]!r:.300}")


def _marked(parts: tuple[str, ...]) -> str:
    return "".join([part if i % 2 == 0 else _SLOT.format(part) for i, part in enumerate(parts)])


def _split(html: str) -> tuple[str, ...]:
    """A rendered part split at its markers: text, slot name, text, slot name, …, text."""
    return tuple(_MARKS.split(str(html)))


def slot(name: str, value: str) -> Markup:
    """A per-request value inside a memoised part: a marker now, `value` (escaped) once the page is done."""
    if "\x00" in name:
        raise ValueError("slot names are plain words")
    slots = g.setdefault("fragment_slots", {})
    slots[name] = str(escape(value))
    return Markup(_SLOT.format(name))  # noqa: S704 - a marker of our own, replaced in memo_each()


def _join(parts: tuple[str, ...], slots: dict[str, str]) -> str:
    """The part with the slots' values at its markers (every odd part is a slot's name). The parts come from
    our autoescaping templates; the slots' values were escaped in slot()."""
    if len(parts) == 1:
        return parts[0]
    try:
        return "".join([part if i % 2 == 0 else slots[part] for i, part in enumerate(parts)])
    except KeyError as missing:
        raise RuntimeError(f"a memoised part uses a slot that this request did not set: {missing}") from None


def clear() -> None:
    """Forget every memoised part (tests)."""
    _entries.clear()


def size(kind: str | None = None) -> int:
    """Parts kept in this worker (of one kind: the first value of their key)."""
    return sum(1 for key in _entries.key_list() if kind is None or (key and key[0] == kind))
