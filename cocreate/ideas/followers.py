"""Closing the loop: when an idea's status changes, everyone who voted for it or discussed it hears about
it, in the app and by e-mail (at once, or in the daily digest, as each person prefers: notifications/loop.py
keeps the preferences and the digests)."""

from __future__ import annotations

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.events import StatusChanged, subscribe
from cocreate.ideas.models import Comment, Idea, Vote
from cocreate.notifications.models import NotificationPreference
from cocreate.notifications.services import notify_many
from cocreate.outbox.services import enqueue_emails

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
