"""How each person wants to hear about the ideas they follow (e-mail at once or a daily digest), and the
digests themselves. Who is told when an idea's status changes: ideas/followers.py."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.db import utcnow
from cocreate.notifications.models import Notification, NotificationPreference
from cocreate.outbox.services import enqueue_email


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
