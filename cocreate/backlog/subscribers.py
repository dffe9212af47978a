"""Events that reach backlogs: webhooks that follow them, and ideas sent automatically on their board's
last support milestone. All in the event's transaction, as outbox rows."""

from __future__ import annotations

from sqlalchemy.orm import Session

from cocreate.backlog import ranking
from cocreate.backlog.services import board_connector, do_send_to_backlog, enqueue_event, item_of
from cocreate.events import (
    BetaFeedbackAccepted,
    CommentAdded,
    ContentApproved,
    ContentHidden,
    ContentRejected,
    ContentRemoved,
    IdeaCreated,
    IdeaMerged,
    IdeaMilestoneReached,
    StatusChanged,
    VoteImportanceChanged,
    subscribe,
)
from cocreate.moderation.models import VISIBLE_STATES


def _idea(session: Session, idea_id: int):
    from cocreate.ideas.models import Idea

    return session.get(Idea, idea_id)


@subscribe(IdeaCreated)
def on_idea_created(session: Session, event: IdeaCreated) -> None:
    idea = _idea(session, event.idea_id)
    if idea is not None and idea.moderation_state in VISIBLE_STATES:  # held ideas stay in the building
        enqueue_event(session, idea, "idea.created")


@subscribe(StatusChanged)
def on_status_changed(session: Session, event: StatusChanged) -> None:
    idea = _idea(session, event.idea_id)
    if idea is not None:
        enqueue_event(
            session, idea, "idea.status_changed", {"old_status": event.old_status, "note": event.note}
        )


@subscribe(IdeaMilestoneReached)
def on_milestone(session: Session, event: IdeaMilestoneReached) -> None:
    idea = _idea(session, event.idea_id)
    if idea is None:
        return
    enqueue_event(
        session, idea, "idea.milestone_reached", {"milestone": event.supporters, "final": event.final}
    )
    if event.final and item_of(session, idea.id) is None:
        connector = board_connector(session, idea.board_id)
        if connector is not None and connector.auto_send:
            do_send_to_backlog(session, actor=None, idea=idea, automatic=True)


# --- keeping priority scores current (backlog/ranking.py) -------------------------------------------------


# A vote cast or withdrawn changes its idea's priority in the vote's own UPDATE of the idea's counters
# (ideas/services/votes.py, weighed by ranking.new_vote_weight); a changed importance is weighed again here.


@subscribe(VoteImportanceChanged)
def on_importance_changed(session: Session, event: VoteImportanceChanged) -> None:
    ranking.weigh_vote(session, event.vote_id)


@subscribe(CommentAdded)
def on_comment(session: Session, event: CommentAdded) -> None:
    ranking.refresh_idea(session, event.idea_id)


@subscribe(IdeaMerged)
def on_merged(session: Session, event: IdeaMerged) -> None:
    ranking.refresh_idea(session, event.source_id)
    ranking.refresh_idea(session, event.target_id)


@subscribe(ContentApproved)
@subscribe(ContentRejected)
@subscribe(ContentHidden)
@subscribe(ContentRemoved)
def on_comment_moderated(session: Session, event) -> None:
    if event.kind == "comment":
        from cocreate.ideas.models import Comment

        comment = session.get(Comment, event.object_id)
        if comment is not None:
            ranking.refresh_idea(session, comment.idea_id)


@subscribe(BetaFeedbackAccepted)
def on_beta_finding(session: Session, event: BetaFeedbackAccepted) -> None:
    from cocreate.beta.models import BetaFeedback

    feedback = session.get(BetaFeedback, event.feedback_id)
    if feedback is not None and feedback.idea_id is not None:
        ranking.refresh_idea(session, feedback.idea_id)
