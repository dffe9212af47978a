"""What we hold about a person, the export of all of it, and deleting the account.

PERSONAL lists every table with rows about a person and the column that says whose they are; the export,
the "what we know about you" page and the deletion all read it, and tests/web/accounts/test_privacy.py fails
when a table that references users is missing here. Deleting anonymises the account (the community keeps
what it needs under "Former member", or the person's contributions are removed at their choice), removes
every personal row, ends every session, token and link, and scrubs the person's address and name wherever
we wrote them. We never store IP addresses: rate limit counters keep them for one window, in memory or
Redis."""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, func, literal, select, union_all, update
from sqlalchemy.orm import Session

from cocreate.accounts.models import Consent, EmailLink, User
from cocreate.accounts.services import authenticate
from cocreate.errors import Conflict, InvalidInput, NotAllowed

SECRET_COLUMNS = {"password_hash", "token_hash", "session_version", "prefix"}
FORMER = "Former member"


def personal_tables():
    """(label, model, owner column) for every table with rows about a person."""
    from cocreate.api.models import ApiToken
    from cocreate.backlog.models import SavedView
    from cocreate.beta.models import BetaFeedback, BetaInvite, BetaSignup
    from cocreate.ideas.models import Comment, Idea, IdeaRevision, Vote
    from cocreate.insights.models import SurveyInvitation, SurveyResponse
    from cocreate.moderation.models import Flag
    from cocreate.notifications.models import IncomingMail, Notification, NotificationPreference
    from cocreate.reviews.models import HelpfulVote, Review, UGCItem
    from cocreate.rewards.models import BadgeAward, LedgerEntry, RewardAccount

    return [
        ("ideas", Idea, Idea.author_id),
        ("idea_edits", IdeaRevision, IdeaRevision.editor_id),
        ("votes", Vote, Vote.user_id),
        ("comments", Comment, Comment.author_id),
        ("reviews", Review, Review.author_id),
        ("helpful_votes", HelpfulVote, HelpfulVote.user_id),
        ("stories", UGCItem, UGCItem.author_id),
        ("points", LedgerEntry, LedgerEntry.user_id),
        ("reward_account", RewardAccount, RewardAccount.user_id),
        ("badges", BadgeAward, BadgeAward.user_id),
        ("beta_signups", BetaSignup, BetaSignup.user_id),
        ("beta_feedback", BetaFeedback, BetaFeedback.author_id),
        ("beta_invitations", BetaInvite, BetaInvite.user_id),
        ("survey_invitations", SurveyInvitation, SurveyInvitation.user_id),
        ("survey_answers", SurveyResponse, SurveyResponse.user_id),
        ("flags", Flag, Flag.user_id),
        ("notifications", Notification, Notification.user_id),
        ("notification_settings", NotificationPreference, NotificationPreference.user_id),
        ("api_tokens", ApiToken, ApiToken.user_id),
        ("saved_views", SavedView, SavedView.user_id),
        ("emailed_ideas", IncomingMail, IncomingMail.user_id),
        ("email_links", EmailLink, EmailLink.user_id),
        ("consents", Consent, Consent.user_id),
    ]


def _value(v):
    if isinstance(v, datetime | date):
        return v.isoformat()
    return v


def _row(obj) -> dict:
    return {c.key: _value(getattr(obj, c.key)) for c in obj.__table__.columns if c.key not in SECRET_COLUMNS}


def account_fields(user: User) -> dict:
    """The account row as shown and exported (no password hash or session version)."""
    return _row(user)


def export_data(session: Session, user: User) -> dict:
    """Everything we hold about the person, as JSON-ready data."""
    from cocreate.beta.models import BetaAnswer, BetaSignup
    from cocreate.reviews.models import OrderRecord, UGCItem, UGCPhoto

    data: dict = {"account": account_fields(user)}
    for label, model, column in personal_tables():
        data[label] = [
            _row(r)
            for r in session.scalars(
                select(model).where(column == user.id).order_by(*model.__table__.primary_key)
            )
        ]
    signups = select(BetaSignup.id).where(BetaSignup.user_id == user.id)
    data["beta_answers"] = [
        _row(a) for a in session.scalars(select(BetaAnswer).where(BetaAnswer.signup_id.in_(signups)))
    ]
    items = select(UGCItem.id).where(UGCItem.author_id == user.id)
    data["story_photos"] = [
        _row(p) for p in session.scalars(select(UGCPhoto).where(UGCPhoto.item_id.in_(items)))
    ]
    data["orders"] = [
        _row(o) for o in session.scalars(select(OrderRecord).where(OrderRecord.email == user.email))
    ]
    return data


def summary(session: Session, user: User) -> list[tuple[str, int]]:
    """How many rows of each kind we hold, for the "what we know about you" page (one statement)."""
    counts = union_all(
        *(
            select(literal(label).label("label"), func.count().label("n"))
            .select_from(model)
            .where(column == user.id)
            for label, model, column in personal_tables()
        )
    )
    found = dict(session.execute(counts).all())
    names = {
        "api_tokens": "API tokens",
        "email_links": "Sign-in and reset links",
        # Rows, said as rows: the ledger's entries are not the balance, and votes count on every idea here,
        # those no longer public too (a profile counts what its visitors may see).
        "points": "Entries in your points history",
        "reward_account": "Points account",
        "votes": "Votes (on every idea, public or not)",
    }
    return [
        (names.get(label, label.replace("_", " ")), found.get(label, 0)) for label, _, _ in personal_tables()
    ]


def export_zip(session: Session, user: User, uploads: Path) -> bytes:
    """The JSON export and the photos of the person's stories, in one zip."""
    data = export_data(session, user)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("cocreate-export.json", json.dumps(data, indent=2, ensure_ascii=False))
        for photo in data["story_photos"]:
            path = uploads / Path(photo["name"]).name
            if path.is_file():
                archive.write(path, f"photos/{path.name}")
    return out.getvalue()


def do_delete_account(
    session: Session, *, actor: User | None, password: str, remove_content: bool, uploads: Path
) -> None:
    """Delete the actor's own account (their password confirms it)."""
    if actor is None or not actor.is_authenticated:
        raise NotAllowed("Sign in to delete your account.")
    if authenticate(session, email=actor.email, password=password or "") is None:
        raise InvalidInput("That is not your password.", field="password")
    if actor.is_admin:
        admins = session.scalar(select(func.count(User.id)).where(User.role == "admin"))
        if admins <= 1:
            raise Conflict("You are the only admin. Make someone else an admin first.")
    email, names = actor.email, {actor.username, actor.display_name}
    if actor.avatar:  # the picture goes with the account (a crash after this leaves no broken page)
        (uploads / Path(actor.avatar).name).unlink(missing_ok=True)
    if remove_content:
        _remove_contributions(session, actor, uploads)
    _leave_betas(session, actor)
    _remove_personal_rows(session, actor, email)
    _scrub_mentions(session, actor, names)
    session.execute(
        update(User)
        .where(User.id == actor.id)
        .values(
            email=f"deleted-{actor.id}@deleted.invalid",
            username=f"former_{actor.id}",
            display_name=FORMER,
            avatar=None,
            password_hash="!deleted",  # noqa: S106 - not a hash: nothing signs in
            customer_value=None,
            segment="",
            role="member",
            session_version=User.session_version + 1,  # every session and remember cookie ends
        )
    )
    session.expire(actor)


def _leave_betas(session: Session, actor: User) -> None:
    from cocreate.beta.models import BetaAnswer, BetaProgram, BetaSignup
    from cocreate.beta.services.seats import do_withdraw
    from cocreate.errors import DomainError

    signups = session.scalars(select(BetaSignup).where(BetaSignup.user_id == actor.id)).all()
    for signup in signups:
        program = session.get(BetaProgram, signup.program_id)
        if signup.status in ("pending", "accepted", "waitlisted") and program.state in ("open", "closed"):
            with contextlib.suppress(DomainError), session.begin_nested():
                do_withdraw(session, actor=actor, program=program)  # the seat goes to the next person
        session.execute(delete(BetaAnswer).where(BetaAnswer.signup_id == signup.id))
        signup.consents, signup.note = [], ""


def _remove_personal_rows(session: Session, actor: User, email: str) -> None:
    from cocreate.api.models import ApiToken
    from cocreate.backlog.models import SavedView
    from cocreate.beta.models import BetaInvite
    from cocreate.insights.models import SurveyInvitation, SurveyResponse
    from cocreate.notifications.models import IncomingMail, Notification, NotificationPreference
    from cocreate.outbox.models import OutboxMessage
    from cocreate.reviews.models import OrderRecord
    from cocreate.rewards.models import RewardAccount

    for model, condition in (
        (ApiToken, ApiToken.user_id == actor.id),
        (EmailLink, EmailLink.user_id == actor.id),
        (Consent, Consent.user_id == actor.id),
        (Notification, Notification.user_id == actor.id),
        (NotificationPreference, NotificationPreference.user_id == actor.id),
        (SavedView, SavedView.user_id == actor.id),
        (SurveyInvitation, SurveyInvitation.user_id == actor.id),
        (IncomingMail, (IncomingMail.user_id == actor.id) | (IncomingMail.sender == email)),
        (BetaInvite, (BetaInvite.user_id == actor.id) | (BetaInvite.email == email)),
        (OrderRecord, OrderRecord.email == email),
        (OutboxMessage, OutboxMessage.destination == email),  # mail to them, sent or waiting
    ):
        session.execute(delete(model).where(condition))
    # Survey scores stay in the team's results, without the person or their words.
    session.execute(
        update(SurveyResponse).where(SurveyResponse.user_id == actor.id).values(user_id=None, comment="")
    )
    session.execute(
        update(RewardAccount).where(RewardAccount.user_id == actor.id).values(hide_from_leaderboards=True)
    )


def _scrub_mentions(session: Session, actor: User, names: set[str]) -> None:
    """Where we wrote the person's name for others: staff's "recorded by" and other people's notices."""
    from cocreate.ideas.models import Comment, Idea, Vote
    from cocreate.insights.models import SurveyResponse
    from cocreate.notifications.models import Notification
    from cocreate.reviews.models import Review, UGCItem

    for model in (Idea, Comment, Vote, Review, UGCItem, SurveyResponse):
        session.execute(
            update(model).where(model.recorded_by_id == actor.id).values(via="former staff member")
        )
    for name in sorted(n for n in names if n and len(n) >= 3):
        session.execute(
            update(Notification)
            .where(Notification.message.contains(name, autoescape=True))
            .values(message=func.replace(Notification.message, name, FORMER))
        )


def _remove_contributions(session: Session, actor: User, uploads: Path) -> None:
    """The person's ideas, comments, reviews and stories lose their text and leave the site (counters follow);
    their votes and helpful votes are withdrawn."""
    from cocreate.errors import DomainError
    from cocreate.ideas.models import Comment, Idea, IdeaRevision, Vote
    from cocreate.ideas.services.votes import do_withdraw_vote
    from cocreate.moderation.kinds import kind_of
    from cocreate.moderation.models import VISIBLE_STATES, ModerationCase, State
    from cocreate.reviews.models import HelpfulVote, Review, ReviewRevision, UGCItem, UGCPhoto

    for vote in session.scalars(select(Vote).where(Vote.user_id == actor.id)).all():
        idea = session.get(Idea, vote.idea_id)
        try:
            with session.begin_nested():
                do_withdraw_vote(session, actor=actor, idea=idea)
        except DomainError:  # voting closed (shipped, merged): remove it and keep the counter true
            session.execute(delete(Vote).where(Vote.id == vote.id))
            session.execute(update(Idea).where(Idea.id == idea.id).values(vote_count=Idea.vote_count - 1))
    for helpful in session.scalars(select(HelpfulVote).where(HelpfulVote.user_id == actor.id)).all():
        column = Review.helpful_count if helpful.helpful else Review.unhelpful_count
        session.execute(update(Review).where(Review.id == helpful.review_id).values({column: column - 1}))
        session.delete(helpful)
    for model in (Idea, Comment, Review, UGCItem):
        for obj in session.scalars(select(model).where(model.author_id == actor.id)).all():
            kind = kind_of(obj)
            if obj.moderation_state in VISIBLE_STATES:
                kind.on_visibility(session, obj, False)
            kind.erase(obj)
            obj.moderation_state = State.REMOVED.value
            session.execute(
                update(ModerationCase)
                .where(ModerationCase.kind == kind.name, ModerationCase.object_id == obj.id)
                .values(title="", excerpt="", is_open=False)
            )
    mine = select(Idea.id).where(Idea.author_id == actor.id)
    session.execute(delete(IdeaRevision).where(IdeaRevision.idea_id.in_(mine)))
    reviews = select(Review.id).where(Review.author_id == actor.id)
    session.execute(delete(ReviewRevision).where(ReviewRevision.review_id.in_(reviews)))
    items = select(UGCItem.id).where(UGCItem.author_id == actor.id)
    for photo in session.scalars(select(UGCPhoto).where(UGCPhoto.item_id.in_(items))).all():
        (uploads / Path(photo.name).name).unlink(missing_ok=True)
        session.delete(photo)
    session.flush()
