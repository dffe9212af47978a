"""The kinds of contribution that moderation handles, and what changes when one appears or disappears.

A contribution counts (board idea counts, comment counts, product ratings) only while it is visible, so every
change of visibility goes through `set_visible`, which adjusts those counters in the same transaction.

The feature packages sit above moderation (they screen and queue through its services), so each declares
its own kinds (ideas/moderated.py, reviews/moderated.py) and create_app registers them here once
(register_feature_hooks), with the question of which boards a person may not see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

REMOVED_TEXT = "[removed by its author]"


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    model: type
    on_visibility: Callable[[Session, object, bool], None]  # (session, obj, now_visible)
    preview: Callable[[object], tuple[str, str]]  # (title, excerpt) for the queue
    board: Callable[[object], object | None] = lambda _obj: None  # its board, if any (private ones hide it)
    erased: tuple[tuple[str, object], ...] = ()  # (attribute, value): what removing it leaves of its text
    # The statement loading these ids with what the queue's preview and link need.
    load_many: Callable[[list[int]], Select] | None = None
    # The ids of this kind's contributions on these boards (kinds that live on boards).
    on_boards: Callable[[list[int]], Select] | None = None

    def load(self, session: Session, object_id: int):
        return session.get(self.model, object_id)

    def erase(self, obj) -> None:
        """Blank the contribution's text (its author removed it or their account); the row stays, so that
        votes, points and the moderation log still point at something."""
        for name, value in self.erased:
            setattr(obj, name, value)


_kinds: dict[str, Kind] = {}
_hidden_boards: list[Callable[[Session, object], frozenset[int]]] = []


def register(*found: Kind, hidden_boards: Callable[[Session, object], frozenset[int]] | None = None) -> None:
    """Kinds the queue handles (in the order its filters list them) and, once, which boards a viewer may
    not see (their contributions stay out of that viewer's queue)."""
    for kind in found:
        _kinds[kind.name] = kind
    if hidden_boards is not None:
        _hidden_boards[:] = [hidden_boards]


def kinds() -> dict[str, Kind]:
    return _kinds


def hidden_boards(session: Session, viewer) -> frozenset[int]:
    """Boards this viewer may not see (none before a package that has boards registers the question)."""
    return _hidden_boards[0](session, viewer) if _hidden_boards else frozenset()


def load_many(kind: Kind, ids: list[int]) -> Select:
    return (
        kind.load_many(ids)
        if kind.load_many is not None
        else select(kind.model).where(kind.model.id.in_(ids))
    )


def nothing_counted(_session: Session, _obj: object, _visible: bool) -> None:
    """A kind with no stored counters."""


def kind_of(obj: object) -> Kind:
    for kind in kinds().values():
        if isinstance(obj, kind.model):
            return kind
    raise TypeError(f"{type(obj).__name__} is not moderated")
