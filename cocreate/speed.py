"""The speed mechanisms, each with a switch, so that bench/mechanisms.py can measure what each still buys on
its own route (docs/architecture.md, "Speed mechanisms", has the table). Every one is on in production;
COCREATE_SPEED_OFF=name,name turns some off (the bench's "off" servers, and the tests that prove the plain
way gives the same answers). Off, a mechanism's code takes the plain way: the framework's or the library's.
"""

from __future__ import annotations

from cocreate.config import ConfigError

MECHANISMS = {
    "kept_reads": "cocreate/kept_reads.py: @read_only pages read on a connection each thread keeps, and keep "
    "what they read while the database's version stays the same",
    "kept_writes": "cocreate/kept_writes.py: a vote's session on a connection its thread keeps, outside the "
    "pool",
    "prepared": "cocreate/prepared.py: hot statements compiled once and run on the DB-API cursor",
    "fragments": "cocreate/web/fragments.py: template parts (and the signed-in board page) rendered once per "
    "worker under a key of every value they show",
    "signatures": "cocreate/web/signatures.py: session cookies opened, CSRF tokens signed and checked once "
    "per worker",
    "form_parser": "cocreate/web/request.py: small URL-encoded forms parsed in one step",
    "writers_turn": "cocreate/db.py: SQLite writers queue on a file lock before BEGIN IMMEDIATE",
    "kept_boards": "cocreate/ideas/board_versions.py: boards kept per worker, checked against boards.version",
    "whoosh_fast": "cocreate/search/whoosh_fast.py: plain-word queries scored from cached posting lists",
    "whoosh_codec": "cocreate/search/whoosh_codec.py: how our Whoosh segments are written",
}

_off: frozenset[str] = frozenset()


def configure(off: tuple[str, ...] | list[str] | frozenset[str]) -> None:
    """Turn these mechanisms off (and every other on) for this process; create_app calls it."""
    global _off
    unknown = set(off) - set(MECHANISMS)
    if unknown:
        raise ConfigError(
            f"COCREATE_SPEED_OFF: unknown mechanism(s) {', '.join(sorted(unknown))}; "
            f"the mechanisms are {', '.join(MECHANISMS)}."
        )
    _off = frozenset(off)


def on(name: str) -> bool:
    """Whether this mechanism works in this process (all of them unless SPEED_OFF names it)."""
    return name not in _off
