"""Watched words: the words and phrases screening blocks, holds for a moderator or replaces (screening.py
reads them); adding and removing one is logged."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.errors import Conflict, InvalidInput
from cocreate.moderation.access import check_moderator
from cocreate.moderation.models import WORD_ACTIONS, AuditEntry, WatchedWord


def do_add_watched_word(
    session: Session, *, actor: User | None, word: str, action: str, replacement: str = ""
) -> WatchedWord:
    """Watch a word or phrase (lower-cased; matched as a whole word, ignoring case)."""
    check_moderator(actor)
    word = " ".join((word or "").lower().split())
    if not 2 <= len(word) <= 100:
        raise InvalidInput("Watched words are 2–100 characters.", field="word")
    if action not in WORD_ACTIONS:
        raise InvalidInput("Choose block, queue or replace.", field="action")
    replacement = (replacement or "").strip()
    if len(replacement) > 100:
        raise InvalidInput("Replacements are at most 100 characters.", field="replacement")
    entry = WatchedWord(word=word, action=action, replacement=replacement, created_by_id=actor.id)
    try:
        with session.begin_nested():
            session.add(entry)
    except IntegrityError:
        raise Conflict(f"“{word}” is already watched.", field="word") from None
    session.add(
        AuditEntry(
            actor_id=actor.id,
            action="word_added",
            kind="word",
            object_id=entry.id,
            before={},
            after={"word": word, "action": action, "replacement": replacement},
        )
    )
    return entry


def do_remove_watched_word(session: Session, *, actor: User | None, entry: WatchedWord) -> None:
    """Stop watching a word."""
    check_moderator(actor)
    session.add(
        AuditEntry(
            actor_id=actor.id,
            action="word_removed",
            kind="word",
            object_id=entry.id,
            before={"word": entry.word, "action": entry.action, "replacement": entry.replacement},
            after={},
        )
    )
    session.delete(entry)
