"""The kinds of contribution that moderation handles, and what changes when one appears or disappears.

A contribution counts (board idea counts, comment counts, product ratings) only while it is visible, so every
change of visibility goes through `set_visible`, which adjusts those counters in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from sqlalchemy import update
from sqlalchemy.orm import Session

from cocreate.markup import plain_excerpt

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

    def load(self, session: Session, object_id: int):
        return session.get(self.model, object_id)

    def erase(self, obj) -> None:
        """Blank the contribution's text (its author removed it or their account); the row stays, so that
        votes, points and the moderation log still point at something."""
        for name, value in self.erased:
            setattr(obj, name, value)


def _idea_visibility(session: Session, idea, visible: bool) -> None:
    from cocreate.ideas.models import Board

    delta = 1 if visible else -1
    session.execute(
        update(Board).where(Board.id == idea.board_id).values(idea_count=Board.idea_count + delta)
    )


def _comment_visibility(session: Session, comment, visible: bool) -> None:
    from cocreate.ideas.models import Idea

    delta = 1 if visible else -1
    session.execute(
        update(Idea).where(Idea.id == comment.idea_id).values(comment_count=Idea.comment_count + delta)
    )


def _review_visibility(session: Session, review, visible: bool) -> None:
    from cocreate.reviews.ratings import change_ratings

    if visible:
        change_ratings(session, review.product_id, add=review.rating)
    else:
        change_ratings(session, review.product_id, remove=review.rating)


def _nothing(_session: Session, _obj: object, _visible: bool) -> None:
    """UGC has no stored counters."""


@cache
def kinds() -> dict[str, Kind]:
    """The registry, built on first use: the feature packages import moderation, so we import them late."""
    from cocreate.ideas.models import Comment, Idea
    from cocreate.reviews.models import Review, UGCItem

    return {
        "idea": Kind(
            "idea",
            "Idea",
            Idea,
            _idea_visibility,
            lambda o: (o.title, o.excerpt),
            lambda o: o.board,
            (("title", REMOVED_TEXT), ("body", ""), ("body_html", ""), ("excerpt", "")),
        ),
        "comment": Kind(
            "comment",
            "Comment",
            Comment,
            _comment_visibility,
            lambda o: ("", plain_excerpt(o.body, 400)),
            lambda o: o.idea.board,
            (("body", REMOVED_TEXT), ("body_html", f"<p>{REMOVED_TEXT}</p>")),
        ),
        "review": Kind(
            "review",
            "Review",
            Review,
            _review_visibility,
            lambda o: (f"{'★' * o.rating} {o.title}", plain_excerpt(o.body, 400)),
            erased=(("title", REMOVED_TEXT), ("body", ""), ("body_html", ""), ("pros", ""), ("cons", "")),
        ),
        "ugc": Kind(
            "ugc",
            "Story / photos",
            UGCItem,
            _nothing,
            lambda o: (o.title, plain_excerpt(o.story, 400)),
            erased=(("title", REMOVED_TEXT), ("story", ""), ("story_html", ""), ("video_url", None)),
        ),
    }


def kind_of(obj: object) -> Kind:
    for kind in kinds().values():
        if isinstance(obj, kind.model):
            return kind
    raise TypeError(f"{type(obj).__name__} is not moderated")
