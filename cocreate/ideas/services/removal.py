"""An author takes down their own idea or comment. An idea nobody else voted for is simply deleted; one
that others voted for is withdrawn, and the same thing happens: it leaves the board and search, its votes are
released (each voter is told and has the vote back for the board's budget), its text is erased, and the
points it earned are reversed. Once the team has planned it, it stays (moderators can still reject it)."""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.errors import Conflict, NotFound
from cocreate.ideas.access import check_member, check_view_idea
from cocreate.ideas.models import Comment, Idea, IdeaRevision, Status, Vote
from cocreate.moderation.services import do_remove_own
from cocreate.notifications.services import notify_many

REMOVABLE = frozenset({Status.OPEN.value, Status.UNDER_REVIEW.value})


def check_removable(idea: Idea, actor: User | None) -> None:
    """The author's own idea, not merged, and not yet taken up by the team (planned or further on)."""
    if actor is None or idea.author_id != actor.id:
        raise NotFound("There is no idea of yours here to remove.")
    if idea.merged_into_id is not None:
        raise Conflict("This idea was merged into another; its votes count there now.")
    if idea.status not in REMOVABLE:
        raise Conflict(
            f"The product team has marked this idea “{Status(idea.status).label.lower()}”, so it stays. "
            "Ask a moderator if it must come down."
        )


def others_votes(session: Session, idea: Idea) -> int:
    """Votes on the idea from people other than its author (withdrawing releases them)."""
    return session.scalar(
        select(func.count(Vote.id)).where(Vote.idea_id == idea.id, Vote.user_id != idea.author_id)
    )


def do_remove_idea(session: Session, *, actor: User | None, idea: Idea) -> int:
    """Delete (or, when others voted, withdraw) one's own idea; returns how many others' votes came free."""
    check_member(actor, "remove an idea")
    check_view_idea(idea, actor)
    session.refresh(idea, ["status", "merged_into_id", "moderation_state"], with_for_update=True)
    check_removable(idea, actor)
    title = idea.title
    voters = list(
        session.scalars(select(Vote.user_id).where(Vote.idea_id == idea.id, Vote.user_id != actor.id))
    )
    session.execute(delete(Vote).where(Vote.idea_id == idea.id))
    session.execute(
        update(Idea)
        .where(Idea.id == idea.id)
        .values(vote_count=0, trend_score=0.0, hot_score=0.0, priority=0.0, priority_votes=0.0)
    )
    session.expire(idea, ["vote_count", "trend_score", "hot_score", "priority", "priority_votes"])
    session.execute(delete(IdeaRevision).where(IdeaRevision.idea_id == idea.id))
    do_remove_own(session, actor=actor, obj=idea)
    notify_many(
        session,
        voters,
        "idea.withdrawn",
        f"“{title}” was withdrawn by its author. Your vote is yours again.",
        f"/b/{idea.board.slug}",
    )
    return len(voters)


def do_remove_comment(session: Session, *, actor: User | None, comment: Comment) -> None:
    """Delete one's own comment; replies to it stay, under a note that it was removed."""
    check_member(actor, "remove a comment")
    check_view_idea(comment.idea, actor)
    do_remove_own(session, actor=actor, obj=comment)
