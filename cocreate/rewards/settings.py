"""What the configuration says about rewards, from the current app (or the defaults in scripts without
one). Kept apart so that services.py does not reach into Flask itself. Every vote and post asks; the
settings are built once per set of configured values (tests change them on the fly)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from flask import current_app, has_app_context

from cocreate.rewards.catalog import Tier, tiers


@dataclass(frozen=True)
class Settings:
    tiers: tuple[Tier, ...]
    milestones: tuple[int, ...]
    early_supporters: int
    trusted_tier: str | None  # this tier and above skip pre-moderation; None: nobody by tier

    @classmethod
    def from_config(cls, config) -> Settings:
        all_tiers = tiers(config)
        trusted = str(config.get("REWARDS_TRUSTED_TIER") or "").strip()
        return cls(
            tiers=all_tiers,
            milestones=tuple(sorted(config.get("REWARDS_MILESTONES") or ())),
            early_supporters=int(config.get("REWARDS_EARLY_SUPPORTERS", 10)),
            trusted_tier=trusted if trusted in {t.name for t in all_tiers} else None,
        )


_KEYS = ("TIER_POINTS", "REWARDS_MILESTONES", "REWARDS_EARLY_SUPPORTERS", "REWARDS_TRUSTED_TIER")


def settings() -> Settings:
    if has_app_context():
        config = current_app.config
        return _built(tuple(_hashable(config.get(k)) for k in _KEYS))
    from cocreate.config import Config

    return Settings.from_config({k: getattr(Config, k) for k in dir(Config) if k.isupper()})


@lru_cache(maxsize=32)
def _built(values: tuple) -> Settings:
    return Settings.from_config(dict(zip(_KEYS, values, strict=True)))


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value
