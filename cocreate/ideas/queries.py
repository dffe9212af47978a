"""Reads for idea pages: a fixed number of statements per page, keyset pagination."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, contains_eager, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from cocreate.accounts.models import User
from cocreate.ideas.access import can_view_board, can_view_private
from cocreate.ideas.models import (
    Board,
    Comment,
    Idea,
    IdeaRevision,
    StatusChange,
    Vote,
    role_set,
)
from cocreate.moderation.access import is_moderator
from cocreate.moderation.models import VISIBLE_STATES, State
from cocreate.prepared import Prepared
from cocreate.sentiment import LABELS, Mix


def visible_boards(session: Session, user: User | None) -> list[Board]:
    """Boards this person may see, by name."""
    boards = session.scalars(select(Board).order_by(Board.name)).all()
    return [b for b in boards if can_view_board(b, user)]


def hidden_board_ids(session: Session, user: User | None) -> frozenset[int]:
    """Boards this person may not see: one read of the private boards' roles (searches ask on every query)."""
    rows = session.execute(select(Board.id, Board.allowed_roles).where(Board.is_private)).all()
    return frozenset(i for i, roles in rows if not can_view_private(role_set(roles), user))


def board_by_slug(session: Session, slug: str) -> Board | None:
    return session.scalar(select(Board).where(Board.slug == slug).options(selectinload(Board.tags)))


@lru_cache(maxsize=1)
def _with_board() -> Prepared:
    """The idea (all but its text, which loads if read), its board and the board's ranking weights."""
    from cocreate.ideas.models import RankingWeights

    ideas, boards, weights = Idea.__table__, Board.__table__, RankingWeights.__table__
    columns = [c for c in ideas.columns if c.key not in ("body", "body_html")]
    return Prepared(
        select(*columns, *boards.columns, *weights.columns)
        .select_from(
            ideas.join(boards, boards.c.id == ideas.c.board_id).outerjoin(
                weights, weights.c.board_id == boards.c.id
            )
        )
        .where(ideas.c.id == bindparam("idea_id"))
    )


def idea_with_board(session: Session, idea_id: int) -> Idea | None:
    """An idea, its board and the board's ranking weights in one prepared statement: what voting needs
    (access, state, the board's rules, the vote's weight), in the session as if loaded by the ORM."""
    from cocreate.ideas.models import RankingWeights

    found = _with_board().load(session, {"idea_id": idea_id}, Idea, Board, RankingWeights)
    if found is None:
        return None
    idea, board, weights = found
    # As a joined load would: the idea holds its board and the board its weights (the session's identity
    # map holds them only weakly).
    if "board" not in idea.__dict__:
        set_committed_value(idea, "board", board)
    if "ranking_weights" not in board.__dict__:
        set_committed_value(board, "ranking_weights", weights)
    return idea


def idea_for_page(session: Session, idea_id: int) -> Idea | None:
    """An idea with its board, author and tags loaded."""
    return session.scalar(
        select(Idea)
        .where(Idea.id == idea_id)
        .options(selectinload(Idea.board), selectinload(Idea.author), selectinload(Idea.tags))
    )


@dataclass
class Discussion:
    comments: list[Comment]  # top-level, oldest first
    replies: dict[int, list[Comment]]  # by the id of the comment they answer
    mood: Mix = field(default_factory=Mix)  # sentiment labels of the published comments


def discussion(session: Session, idea: Idea, viewer: User | None = None) -> Discussion:
    """An idea's comments with their authors, threaded one level. Held comments show to their author and to
    moderators only; a comment its author removed shows as a note only where replies to it remain."""
    removed = State.REMOVED.value
    shown = Comment.moderation_state.in_((*VISIBLE_STATES, removed))
    if is_moderator(viewer):
        shown = True
    elif viewer is not None and viewer.is_authenticated:
        shown = shown | (Comment.author_id == viewer.id)
    comments = session.scalars(
        select(Comment)
        .where(Comment.idea_id == idea.id, shown)
        .options(selectinload(Comment.author))
        .order_by(Comment.created_at, Comment.id)
    ).all()
    found = Discussion(comments=[], replies={})
    found.mood = Mix(
        **Counter(
            c.sentiment for c in comments if c.moderation_state in VISIBLE_STATES and c.sentiment in LABELS
        )
    )
    for comment in comments:
        if comment.parent_id is not None and comment.moderation_state != removed:
            found.replies.setdefault(comment.parent_id, []).append(comment)
    found.comments = [
        c
        for c in comments
        if c.parent_id is None and (c.moderation_state != removed or found.replies.get(c.id))
    ]
    return found


def status_timeline(session: Session, idea: Idea) -> list[StatusChange]:
    """Who moved the idea between statuses, oldest first."""
    return list(
        session.scalars(
            select(StatusChange)
            .where(StatusChange.idea_id == idea.id)
            .options(selectinload(StatusChange.actor))
            .order_by(StatusChange.created_at, StatusChange.id)
        )
    )


@dataclass
class VoteSummary:
    importance: Counter  # importance value -> number of votes
    my_vote: str | None  # the viewer's importance, or None


def vote_summary(session: Session, idea: Idea, viewer: User | None) -> VoteSummary:
    """The importance breakdown of an idea's votes and the viewer's own vote."""
    rows = session.execute(
        select(Vote.importance, func.count()).where(Vote.idea_id == idea.id).group_by(Vote.importance)
    ).all()
    return VoteSummary(Counter(dict(rows)), viewer_vote(session, idea, viewer))


def viewer_vote(session: Session, idea: Idea, viewer: User | None) -> str | None:
    """The importance of the viewer's vote on the idea, or None."""
    if viewer is None or not viewer.is_authenticated:
        return None
    return session.scalar(select(Vote.importance).where(Vote.idea_id == idea.id, Vote.user_id == viewer.id))


def idea_revisions(session: Session, idea: Idea) -> list[IdeaRevision]:
    return list(
        session.scalars(
            select(IdeaRevision)
            .where(IdeaRevision.idea_id == idea.id)
            .options(selectinload(IdeaRevision.editor))
            .order_by(IdeaRevision.created_at.desc(), IdeaRevision.id.desc())
        )
    )


@dataclass
class Profile:
    ideas: list[Idea]
    votes: list[Vote]
    comments: list[Comment]
    totals: dict[str, int]


def profile_activity(session: Session, user: User, viewer: User | None, limit: int = 30) -> Profile:
    """A person's recent ideas, votes and comments (and how many in all) on boards the viewer can see."""
    visible_ids = [b.id for b in visible_boards(session, viewer)]
    visible = Idea.board_id.in_(visible_ids) & (Idea.moderation_state == State.APPROVED.value)

    def total(model, person_column):
        query = select(func.count(model.id)).where(person_column == user.id, visible)
        if model is Comment:
            query = query.where(Comment.moderation_state == State.APPROVED.value)
        return (
            query.scalar_subquery()
            if model is Idea
            else query.join(Idea, Idea.id == model.idea_id).scalar_subquery()
        )

    ideas_total, votes_total, comments_total = session.execute(
        select(total(Idea, Idea.author_id), total(Vote, Vote.user_id), total(Comment, Comment.author_id))
    ).one()
    ideas = session.scalars(
        select(Idea)
        .where(Idea.author_id == user.id, visible)
        .options(selectinload(Idea.board))
        .order_by(Idea.created_at.desc())
        .limit(limit)
    ).all()
    votes = session.scalars(
        select(Vote)
        .join(Idea, Idea.id == Vote.idea_id)
        .where(Vote.user_id == user.id, visible)
        .options(contains_eager(Vote.idea))
        .order_by(Vote.created_at.desc())
        .limit(limit)
    ).all()
    comments = session.scalars(
        select(Comment)
        .join(Idea, Idea.id == Comment.idea_id)
        .where(Comment.author_id == user.id, visible, Comment.moderation_state == State.APPROVED.value)
        .options(contains_eager(Comment.idea))
        .order_by(Comment.created_at.desc())
        .limit(limit)
    ).all()
    totals = {"ideas": ideas_total, "votes": votes_total, "comments": comments_total}
    return Profile(list(ideas), list(votes), list(comments), totals)
