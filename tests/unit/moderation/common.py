"""What the moderation tests share: people past the new-account rules, events and audit entries by name."""

from datetime import timedelta

from sqlalchemy import func, select

from cocreate.db import utcnow
from cocreate.events import EventRecord
from cocreate.moderation.models import AuditEntry
from tests.factories import UserFactory

OLD = utcnow() - timedelta(days=30)  # accounts past the "new account" link rule


def people(n, **kw):
    return [UserFactory(created_at=OLD, **kw) for _ in range(n)]


def events_named(session, name):
    return session.scalar(select(func.count(EventRecord.id)).where(EventRecord.name == name))


def audit_log(session, action):
    return session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()
