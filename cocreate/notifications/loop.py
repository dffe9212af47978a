"""Closing the loop: when an idea's status changes, everyone who voted for it or discussed it hears about
it, in the app and by e-mail (at once, or in a daily digest, as each person prefers)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.db import utcnow
from cocreate.events import StatusChanged, subscribe
from cocreate.notifications.models import Notification, NotificationPreference
from cocreate.notifications.services import notify_many
from cocreate.outbox.services import enqueue_email, enqueue_emails

STATUS_WORDS = {
    "open": "is open again",
    "under_review": "is under review",
    "planned": "is planned",
    "in_progress": "is in progress",
    "shipped": "has shipped",
    "declined": "was declined",
}


def followers(session: Session, idea_id: int, exclude: int | None) -> list[tuple[int, str, bool, bool]]:
    """(user id, e-mail, e-mail updates on, digest on) for each voter and commenter, once each."""
    from cocreate.ideas.models import Comment, Vote

    people = union(
        select(Vote.user_id.label("uid")).where(Vote.idea_id == idea_id),
        select(Comment.author_id.label("uid")).where(Comment.idea_id == idea_id),
    ).subquery()
    rows = session.execute(
        select(User.id, User.email, NotificationPreference.email_updates, NotificationPreference.daily_digest)
        .join(people, people.c.uid == User.id)
        .outerjoin(NotificationPreference, NotificationPreference.user_id == User.id)
        .order_by(User.id)
    ).all()
    return [
        (uid, email, True if updates is None else updates, bool(digest))
        for uid, email, updates, digest in rows
        if uid != exclude
    ]


@subscribe(StatusChanged)
def on_status_changed(session: Session, event: StatusChanged) -> None:
    from cocreate.ideas.models import Idea

    idea = session.get(Idea, event.idea_id)
    if idea is None:
        return
    words = STATUS_WORDS.get(event.new_status, f"is now {event.new_status}")
    message = f"“{idea.title}” {words}." + (f" {event.note}" if event.note else "")
    link = f"/i/{idea.id}"  # the idea page (ideas.idea); no request here to build it from
    people = followers(session, idea.id, exclude=event.actor_id)
    if not people:
        return
    notify_many(session, [uid for uid, *_ in people], "idea.status", message, link)
    subject = f"“{idea.title[:120]}” {words}"
    text = f"An idea you supported {words}.\n\n{message}\n\nSee it here:"
    enqueue_emails(
        session,
        [
            {"to": email, "subject": subject, "text": text, "link": link}
            for _, email, updates, digest in people
            if updates and not digest
        ],
    )


def do_set_preferences(
    session: Session, *, user: User, email_updates: bool, daily_digest: bool
) -> NotificationPreference:
    """Save how this person wants to hear about the ideas they follow."""
    pref = session.get(NotificationPreference, user.id) or NotificationPreference(user_id=user.id)
    pref.email_updates, pref.daily_digest = email_updates, daily_digest
    session.add(pref)
    return pref


def preferences(session: Session, user_id: int) -> NotificationPreference:
    return session.get(NotificationPreference, user_id) or NotificationPreference(
        user_id=user_id, email_updates=True, daily_digest=False
    )


def queue_digests(session: Session, now: datetime | None = None) -> int:
    """One e-mail per digest reader with what happened since their last digest; returns how many queued."""
    from cocreate.branding.queries import current

    brand_name = current(session).name
    now = now or utcnow()
    readers = session.execute(
        select(NotificationPreference, User.email)
        .join(User, User.id == NotificationPreference.user_id)
        .where(NotificationPreference.daily_digest.is_(True), NotificationPreference.email_updates.is_(True))
    ).all()
    queued = 0
    for pref, email in readers:
        since = pref.last_digest_at or datetime.min.replace(tzinfo=now.tzinfo)
        items = session.scalars(
            select(Notification.message)
            .where(
                Notification.user_id == pref.user_id,
                Notification.created_at > since,
                Notification.created_at <= now,
            )
            .order_by(Notification.created_at)
            .limit(100)
        ).all()
        pref.last_digest_at = now
        if not items:
            continue
        enqueue_email(
            session,
            to=email,
            subject=f"Your {brand_name} digest: {len(items)} update{'s' if len(items) != 1 else ''}",
            text="Here is what happened to the ideas you follow:\n\n"
            + "\n".join(f"- {m}" for m in items)
            + "\n\nAll your notifications:",
            link="/notifications",
            key=f"digest:{pref.user_id}:{now.isoformat()}",
        )
        queued += 1
    return queued
