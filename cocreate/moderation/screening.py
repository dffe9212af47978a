"""Screening what people write before it is stored: watched words, link and repetition heuristics.

`screen` returns the text (with replaced words swapped) and the reasons, if any, to hold it for a moderator.
A blocked word raises InvalidInput, so nothing is stored and the person sees which word to change.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.db import utcnow
from cocreate.errors import InvalidInput
from cocreate.moderation.models import TextFingerprint, WatchedWord

LINK_RE = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>()]+")
MAX_LINKS = 3  # more than this in one text goes to the queue
NEW_ACCOUNT = timedelta(days=1)  # accounts younger than this are queued for any link at all
REPEATED_CHARS_RE = re.compile(r"(\S)\1{11,}")  # the same character 12 times: "!!!!!!!!!!!!", "aaaaaaaaaaaa"
REPEATED_WORDS_RE = re.compile(r"(?i)\b(\w+)(?:\W+\1\b){5,}")  # the same word 6 times in a row
DUPLICATE_WINDOW = timedelta(days=1)
DUPLICATE_MIN_LENGTH = 20  # "Thanks!" twice is not spam
DEFAULT_REPLACEMENT = "***"


@dataclass
class Screening:
    fields: dict[str, str]
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (QUEUE_REASONS key, detail)

    @property
    def hold(self) -> bool:
        return bool(self.reasons)


def word_pattern(word: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)", re.IGNORECASE)


def _digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.lower().split()).encode()).hexdigest()


def screen(session: Session, author: User, fields: dict[str, str], *, trusted: bool = False) -> Screening:
    """Apply watched words to every field, then the heuristics to the whole text. Trusted people (staff)
    are still blocked and replaced, but never held."""
    result = Screening(dict(fields))
    words = session.scalars(select(WatchedWord).order_by(WatchedWord.word)).all()
    for word in words:
        pattern = word_pattern(word.word)
        for name, text in result.fields.items():
            if not text or not pattern.search(text):
                continue
            if word.action == "block":
                raise InvalidInput(f"“{word.word}” is not allowed here. Please rephrase.", field=name)
            if word.action == "replace":
                result.fields[name] = pattern.sub(word.replacement or DEFAULT_REPLACEMENT, text)
            elif word.action == "queue" and not any(r == ("watched_word", word.word) for r in result.reasons):
                result.reasons.append(("watched_word", word.word))
    text = "\n".join(t for t in result.fields.values() if t)
    links = len(LINK_RE.findall(text))
    if links > MAX_LINKS:
        result.reasons.append(("links", f"{links} links"))
    elif links and author.created_at and utcnow() - author.created_at < NEW_ACCOUNT:
        result.reasons.append(("links", "link from a new account"))
    if REPEATED_CHARS_RE.search(text) or REPEATED_WORDS_RE.search(text):
        result.reasons.append(("repetition", "repeated characters or words"))
    if len(text) >= DUPLICATE_MIN_LENGTH:
        now, digest = utcnow(), _digest(text)
        seen = session.scalar(
            select(TextFingerprint.id)
            .where(
                TextFingerprint.author_id == author.id,
                TextFingerprint.digest == digest,
                TextFingerprint.created_at > now - DUPLICATE_WINDOW,
            )
            .limit(1)
        )
        if seen:
            result.reasons.append(("repetition", "same text posted again within a day"))
        # Only the last day matters: forget this person's older digests as we add one (indexed, small).
        session.execute(
            delete(TextFingerprint).where(
                TextFingerprint.author_id == author.id, TextFingerprint.created_at <= now - DUPLICATE_WINDOW
            )
        )
        session.add(TextFingerprint(author_id=author.id, digest=digest, created_at=now))
    if trusted:
        result.reasons.clear()
    return result
