"""What a person's tier lets them do, asked at the moment of a write by the packages below rewards: a vote's
weight and budget (ideas), a flag's weight and pre-moderation (moderation). The rewards package answers
(rewards/perks.py), and sits above them (it credits points for ideas, reviews and moderation's decisions);
create_app declares the direction once (register_feature_hooks: answered_by(rewards.perks)), so none of
them imports rewards."""

from __future__ import annotations

from types import ModuleType

from sqlalchemy.orm import Session

_answers: ModuleType | None = None


def answered_by(perks: ModuleType) -> None:
    """The module that knows the tiers (rewards/perks.py)."""
    global _answers
    _answers = perks


def _perks() -> ModuleType:
    if _answers is None:
        raise RuntimeError("no tiers known: create_app() registers rewards.perks (register_feature_hooks)")
    return _answers


def tier_name(session: Session, user) -> str:
    """The tier of a loaded person (as read with them at sign-in, else asked now)."""
    return _perks().tier_of_user(session, user).name


def vote_bonus(session: Session, user_id: int) -> int:
    """Votes beyond a board's budget that the person's tier gives."""
    return _perks().vote_bonus(session, user_id)


def flag_weight(session: Session, user_id: int) -> int:
    """How much the person's flag counts towards hiding a contribution."""
    return _perks().flag_weight(session, user_id)


def skips_moderation(session: Session, user_id: int) -> bool:
    """Trusted contributors' posts are published without pre-moderation."""
    return _perks().skips_moderation(session, user_id)
