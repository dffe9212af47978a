"""Which events earn points, for whom, under which idempotency key; and which take them back.

Each handler runs inside the transaction that emitted the event. Keys name the event, not the delivery, so
the same event handled twice credits once. Nobody earns points from their own activity on their own
content: milestones count other people's votes, helpful votes on one's own review are impossible anyway,
and an author is never an early supporter of their own idea.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cocreate.events import (
    BetaFeedbackAccepted,
    ContentApproved,
    ContentHidden,
    ContentRejected,
    ContentRemoved,
    HelpfulVoteCast,
    IdeaCreated,
    IdeaMerged,
    ReviewPublished,
    StatusChanged,
    SurveyAnswered,
    UGCApproved,
    UGCFeatured,
    VoteCast,
    subscribe,
)
from cocreate.moderation.models import VISIBLE_STATES
from cocreate.rewards import badges, services
from cocreate.rewards.catalog import HELPFUL_STREAK_DAYS
from cocreate.rewards.settings import settings


def _idea(session: Session, idea_id: int):
    from cocreate.ideas.models import Idea

    return session.get(Idea, idea_id)


def _for_idea(session: Session, idea, rule: str, suffix: str = "", *, user_id: int | None = None, at=None):
    """Credit an idea's event (to its author unless said otherwise), keyed `rule:idea:<id><suffix>`."""
    return services.credit(
        session,
        user_id=user_id or idea.author_id,
        rule=rule,
        key=f"{rule}:idea:{idea.id}{suffix}",
        source=("idea", idea.id),
        board_id=idea.board_id,
        at=at,
    )


def idea_published(session: Session, idea, at=None) -> None:
    entry = _for_idea(session, idea, "idea_proposed", at=at)
    if entry is not None:
        badges.award(session, idea.author_id, "first_idea", idea.title, at=at and entry.created_at)


@subscribe(IdeaCreated)
def on_idea_created(session: Session, event: IdeaCreated) -> None:
    idea = _idea(session, event.idea_id)
    if idea is not None and idea.moderation_state in VISIBLE_STATES:
        idea_published(session, idea)


def review_published(session: Session, review, at=None) -> None:
    services.credit(
        session,
        user_id=review.author_id,
        rule="review_published",
        key=f"review_published:review:{review.id}",
        source=("review", review.id),
        at=at,
    )


@subscribe(ReviewPublished)
def onreview_published(session: Session, event: ReviewPublished) -> None:
    from cocreate.reviews.models import Review

    review = session.get(Review, event.review_id)
    if review is not None and review.moderation_state in VISIBLE_STATES:
        review_published(session, review)


@subscribe(ContentApproved)
def on_content_approved(session: Session, event: ContentApproved) -> None:
    if event.kind == "idea":
        idea = _idea(session, event.object_id)
        if idea is not None:
            idea_published(session, idea)
            # A rejection or the flags took its milestone credits back with the rest (on_rejected,
            # on_hidden): approval gives back those its supporters still hold.
            milestone(session, idea, idea.vote_count)
    elif event.kind == "review":
        from cocreate.reviews.models import Review

        review = session.get(Review, event.object_id)
        if review is not None:
            review_published(session, review)


def ugc_approved(session: Session, item_id: int, author_id: int, at=None) -> None:
    services.credit(
        session,
        user_id=author_id,
        rule="ugc_approved",
        key=f"ugc_approved:ugc:{item_id}",
        source=("ugc", item_id),
        at=at,
    )


def ugc_featured(session: Session, item_id: int, author_id: int, at=None) -> None:
    entry = services.credit(
        session,
        user_id=author_id,
        rule="ugc_featured",
        key=f"ugc_featured:ugc:{item_id}",
        source=("ugc", item_id),
        at=at,
    )
    if entry is not None:
        badges.award(session, author_id, "featured_creator", at=at and entry.created_at)


def review_helpful(session: Session, review_id: int, author_id: int, voter_id: int, at=None) -> None:
    if voter_id == author_id:
        return
    entry = services.credit(
        session,
        user_id=author_id,
        rule="review_helpful",
        key=f"review_helpful:review:{review_id}:by:{voter_id}",
        source=("review", review_id),
        at=at,
    )
    if entry is not None and entry.amount and at is None:
        badges.check_helpful_streak(session, author_id, HELPFUL_STREAK_DAYS)


def milestone(session: Session, idea, supporters: int, at=None) -> None:
    """Credit the author each milestone the supporters have reached, once. Asked by the vote at a milestone
    or one past it (reaches_milestone), by an approval and by a merge, each time for every milestone
    reached so far: the keys already credited are found in one read instead of a credit() each."""
    keys = {f"idea_milestone:idea:{idea.id}:{n}": n for n in settings().milestones if supporters >= n}
    if not keys:
        return
    credited = services.standing_series(session, list(keys))
    for key, reached in keys.items():
        if key not in credited:
            _for_idea(session, idea, "idea_milestone", f":{reached}", at=at)


@subscribe(UGCApproved)
def on_ugc_approved(session: Session, event: UGCApproved) -> None:
    ugc_approved(session, event.item_id, event.author_id)


@subscribe(UGCFeatured)
def on_ugc_featured(session: Session, event: UGCFeatured) -> None:
    ugc_featured(session, event.item_id, event.author_id)


@subscribe(HelpfulVoteCast)
def on_helpful_vote(session: Session, event: HelpfulVoteCast) -> None:
    if event.helpful and event.actor_id is not None:
        review_helpful(session, event.review_id, event.review_author_id, event.actor_id)


@subscribe(VoteCast)
def on_vote(session: Session, event: VoteCast) -> None:
    idea = _idea(session, event.idea_id)
    if idea is None or event.actor_id == idea.author_id:
        return
    # The counter as of this vote: its atomic UPDATE returned it into the idea (ideas/services/votes.py).
    supporters = idea.vote_count
    if reaches_milestone(supporters):
        milestone(session, idea, supporters)


def reaches_milestone(supporters: int) -> bool:
    """Whether a vote that left the count at `supporters` can be the one that earns a milestone: the
    count is one, or one past it (the author's own vote, which earns nothing, may have been the one that
    reached it; the next vote then does). A count only rises one vote at a time, so every milestone is
    reached by a vote that asks; the many votes between milestones do not read the ledger. A credit taken
    back with its idea is given back when the idea is approved again (on_content_approved); votes moved
    by a merge are counted by on_merged; a milestone added to the settings later is credited by
    `flask --app cocreate rewards replay`."""
    return any(0 <= supporters - n <= 1 for n in settings().milestones)


@subscribe(IdeaMerged)
def on_merged(session: Session, event: IdeaMerged) -> None:
    """Votes that moved can take the kept idea past a milestone (counting others' votes, as always)."""
    from sqlalchemy import func

    from cocreate.ideas.models import Vote

    idea = _idea(session, event.target_id)
    if idea is not None and event.moved:
        others = session.scalar(
            select(func.count(Vote.id)).where(Vote.idea_id == idea.id, Vote.user_id != idea.author_id)
        )
        milestone(session, idea, others)


@subscribe(StatusChanged)
def on_status_changed(session: Session, event: StatusChanged) -> None:
    idea = _idea(session, event.idea_id)
    if idea is not None:
        status_reward(session, idea, event.new_status)


def status_reward(session: Session, idea, status: str, at=None) -> None:
    """Planned: the author. Shipped: the author (the creator's reward) and the first supporters."""
    if status == "planned":
        _for_idea(session, idea, "idea_planned", at=at)
    elif status == "shipped":
        entry = _for_idea(session, idea, "idea_shipped", at=at)
        if entry is not None:
            badges.award(session, idea.author_id, "first_shipped", idea.title, at=at and entry.created_at)
        for voter_id in early_supporters(session, idea, settings().early_supporters):
            _for_idea(session, idea, "early_supporter", f":user:{voter_id}", user_id=voter_id, at=at)


def early_supporters(session: Session, idea, n: int) -> list[int]:
    """The first `n` people other than the author who voted for the idea (and still do)."""
    from cocreate.ideas.models import Vote

    return list(
        session.scalars(
            select(Vote.user_id)
            .where(Vote.idea_id == idea.id, Vote.user_id != idea.author_id)
            .order_by(Vote.created_at, Vote.id)
            .limit(n)
        )
    )


@subscribe(BetaFeedbackAccepted)
def on_beta_feedback_accepted(session: Session, event: BetaFeedbackAccepted) -> None:
    services.credit(
        session,
        user_id=event.author_id,
        rule="beta_feedback_accepted",
        key=f"beta_feedback_accepted:beta_feedback:{event.feedback_id}",
        source=("beta_feedback", event.feedback_id),
    )


REVERSED_BECAUSE = {
    ContentRejected: "Reversed: the moderators rejected this contribution.",
    ContentHidden: "Reversed: the community's flags hid this contribution until a moderator decides.",
    ContentRemoved: "Reversed: you removed this contribution.",
}


@subscribe(ContentRejected)
@subscribe(ContentHidden)
@subscribe(ContentRemoved)
def on_taken_down(session: Session, event: ContentRejected | ContentHidden | ContentRemoved) -> None:
    """A contribution left public view: the points it earned its author are reversed, saying why."""
    services.reverse_for(
        session,
        user_id=event.author_id,
        source=(event.kind, event.object_id),
        why=REVERSED_BECAUSE[type(event)],
    )


@subscribe(SurveyAnswered)
def on_survey_answered(session: Session, event: SurveyAnswered) -> None:
    services.credit(
        session,
        user_id=event.actor_id,
        rule="survey_answered",
        key=f"survey_answered:{event.survey}:{event.subject_id}:{event.actor_id}",
        source=("survey", event.subject_id),
        board_id=event.board_id,
    )
