"""What a person's tier lets them do, for the rest of the platform to honour (votes, flags, moderation,
beta waitlists). Reads only."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from cocreate.rewards.catalog import Tier
from cocreate.rewards.models import RewardAccount
from cocreate.rewards.settings import settings

# Asked on every vote and post (the rate limit's room): built once.
_TIER = select(RewardAccount.tier).where(RewardAccount.user_id == bindparam("user_id"))


def tier_of(session: Session, user_id: int | None) -> Tier:
    """The person's tier (Member when they have no account row yet)."""
    return tier_named(session.scalar(_TIER, {"user_id": user_id}) if user_id else None)


def tier_rank(session: Session, user) -> int:
    """The person's tier as a rank: 0 for Member, 1 for Contributor and so on (the web's rate limits)."""
    tier = tier_of_user(session, user)
    return [t.name for t in settings().tiers].index(tier.name)


def tier_of_user(session: Session, user) -> Tier:
    """The tier of a loaded person: as read with them at sign-in (User.known_tier), else asked now."""
    if user.tier_is_known:
        return tier_named(user.known_tier)
    return tier_of(session, user.id)


def tier_named(name: str | None) -> Tier:
    """The tier of this name; Member for none (no account row yet) or a name no longer configured."""
    all_tiers = settings().tiers
    return next((t for t in all_tiers if t.name == name), all_tiers[0])


def vote_bonus(session: Session, user_id: int) -> int:
    return tier_of(session, user_id).vote_bonus


def flag_weight(session: Session, user_id: int) -> int:
    return tier_of(session, user_id).flag_weight


def beta_priority(session: Session, user_id: int) -> int:
    return tier_of(session, user_id).beta_priority


def skips_moderation(session: Session, user_id: int) -> bool:
    """Trusted contributors: the configured tier (REWARDS_TRUSTED_TIER) and above."""
    config = settings()
    if config.trusted_tier is None:
        return False
    order = [t.name for t in config.tiers]
    return order.index(tier_of(session, user_id).name) >= order.index(config.trusted_tier)
