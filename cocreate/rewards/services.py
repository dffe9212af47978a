"""The ledger's writes: credits (idempotent, capped), reversals, admin adjustments and tiers (badges:
badges.py).

Every write locks the person's account row first, so that one person's credits are applied one at a time
(caps and tier changes stay exact under concurrency) while different people never wait for each other. The
balance is a counter updated in the same transaction as the ledger row (`balance = balance + n`).
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from cocreate.accounts.models import User
from cocreate.db import dialect_insert, utcnow
from cocreate.errors import InvalidInput, NotAllowed
from cocreate.events import TierChanged, emit
from cocreate.notifications.services import notify
from cocreate.prepared import Prepared, attach_as_stored
from cocreate.rewards.catalog import ADJUSTMENT, RULES, Rule, Tier, tier_for
from cocreate.rewards.models import LedgerEntry, RewardAccount, RuleSetting
from cocreate.rewards.settings import settings

MAX_ADJUSTMENT = 100_000


# --- rules --------------------------------------------------------------------------------------------------


def effective_rule(session: Session, name: str) -> tuple[Rule, bool]:
    """The rule with an admin's values applied, and whether it is switched on."""
    rule = RULES[name]
    row = session.get(RuleSetting, name)
    if row is None:
        return rule, True
    return Rule(rule.name, rule.label, row.points, row.daily_cap, rule.help), row.enabled


def do_set_rule(
    session: Session, *, actor: User, name: str, points: int, daily_cap: int | None, enabled: bool
) -> RuleSetting:
    """An admin sets a rule's points and daily cap (None: no cap), or switches it off."""
    _check_admin(actor)
    if name not in RULES:
        raise InvalidInput("There is no such rule.", field="rule")
    if not 0 <= points <= 10_000:
        raise InvalidInput("Points per event are between 0 and 10,000.", field="points")
    if daily_cap is not None and not 0 <= daily_cap <= 100_000:
        raise InvalidInput("A daily cap is between 0 and 100,000 points (empty for none).", field="daily_cap")
    row = session.get(RuleSetting, name) or RuleSetting(rule=name)
    row.points, row.daily_cap, row.enabled = points, daily_cap, enabled
    row.updated_by_id, row.updated_at = actor.id, utcnow()
    session.add(row)
    _audit(
        session, actor, "rule_changed", 0, {"rule": name}, {"points": points, "cap": daily_cap, "on": enabled}
    )
    return row


# --- accounts -----------------------------------------------------------------------------------------------


_accounts = RewardAccount.__table__
# Every credit (a vote past a milestone among them) reads and moves the person's account: prepared once.
_MOVE = Prepared(
    update(_accounts)
    .where(_accounts.c.user_id == bindparam("user_id"))
    .values(
        balance=_accounts.c.balance + bindparam("amount"),
        lifetime=_accounts.c.lifetime + bindparam("amount"),
        updated_at=bindparam("now"),
    )
    .returning(_accounts.c.balance, _accounts.c.lifetime, _accounts.c.updated_at)
)


@lru_cache(maxsize=2)
def _read_account(lock: bool) -> Prepared:
    query = select(*_accounts.columns).where(_accounts.c.user_id == bindparam("user_id"))
    return Prepared(query.with_for_update() if lock else query)


@lru_cache(maxsize=2)
def _open_account(insert) -> Prepared:
    """A new account, unless a concurrent transaction made it first (this database's insert())."""
    values = {"user_id": bindparam("user_id"), "updated_at": bindparam("now")}
    values.update(balance=0, lifetime=0, tier="member", hide_from_leaderboards=False)
    return Prepared(insert(_accounts).values(values).on_conflict_do_nothing(index_elements=["user_id"]))


def account(session: Session, user_id: int, *, lock: bool = False) -> RewardAccount:
    """The person's account, created on first use; locked (FOR UPDATE) when about to change it."""
    found = _read_account(lock).load(session, {"user_id": user_id}, RewardAccount)
    if found is None:
        _open_account(dialect_insert(session)).execute(session, {"user_id": user_id, "now": utcnow()})
        found = _read_account(lock).load(session, {"user_id": user_id}, RewardAccount)
    return found[0]


def _apply(session: Session, acct: RewardAccount, amount: int) -> None:
    """Move the cached counters with the ledger, then act on a tier change."""
    if amount:
        moved = _MOVE.first(session, {"user_id": acct.user_id, "amount": amount, "now": utcnow()})
        for name, value in zip(("balance", "lifetime", "updated_at"), moved, strict=True):
            set_committed_value(acct, name, value)
    _retier(session, acct)


def _retier(session: Session, acct: RewardAccount) -> None:
    config = settings()
    new = tier_for(acct.lifetime, config.tiers)
    if new.name == acct.tier:
        return
    order = [t.name for t in config.tiers]
    old = acct.tier if acct.tier in order else order[0]
    acct.tier = new.name
    person = session.identity_map.get(identity_key(User, acct.user_id))
    if person is not None and person.tier_is_known:
        person.known_tier = new.name  # the tier read at sign-in (User.known_tier) follows the change
    promoted = order.index(new.name) > order.index(old)
    if promoted:
        message = f"You are now {new.label}! {_perk_sentence(new)}"
    else:
        message = (
            f"Your tier is now {new.label}: some points were reversed, and your lifetime total "
            f"({acct.lifetime}) is below what the previous tier needs."
        )
    notify(session, acct.user_id, "tier.promoted" if promoted else "tier.demoted", message, "/rewards")
    emit(session, TierChanged(actor_id=None, user_id=acct.user_id, old_tier=old, new_tier=new.name))


def _perk_sentence(tier: Tier) -> str:
    perks = []
    if tier.vote_bonus:
        perks.append(f"{tier.vote_bonus} extra votes on boards with a vote budget")
    if tier.flag_weight > 1:
        perks.append(f"your flags count {tier.flag_weight}×")
    if tier.beta_priority:
        perks.append("priority on beta waitlists")
    if tier.name == settings().trusted_tier:
        perks.append("your contributions skip the moderation queue")
    return ("Perks: " + ", ".join(perks) + ".") if perks else ""


# --- credits ------------------------------------------------------------------------------------------------


def start_of_day(now: datetime) -> datetime:
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def credit(
    session: Session,
    *,
    user_id: int,
    rule: str,
    key: str,
    source: tuple[str, int] | None = None,
    board_id: int | None = None,
    actor_id: int | None = None,
    at: datetime | None = None,
) -> LedgerEntry | None:
    """Credit one event to one person, once: the same `key` delivered again does nothing (None).

    A key whose credit was reversed (the content was rejected, then approved again) credits anew. The
    rule's daily cap trims the amount, down to a zero entry that says so. `at` dates a replayed event."""
    found_rule, enabled = effective_rule(session, rule)
    if not enabled:
        return None
    acct = account(session, user_id, lock=True)
    series, key = key, _fresh_key(session, key)
    if key is None:
        return None
    amount, note, when = found_rule.points, "", at or utcnow()
    if found_rule.daily_cap is not None:
        day = start_of_day(when)
        today = session.scalar(
            select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(
                LedgerEntry.user_id == user_id,
                LedgerEntry.rule == rule,
                LedgerEntry.reverses_id.is_(None),
                LedgerEntry.created_at >= day,
                LedgerEntry.created_at < day + timedelta(days=1),
            )
        )
        room = max(0, found_rule.daily_cap - today)
        if amount > room:
            amount, note = room, f"Daily limit of {found_rule.daily_cap} points for this reached."
    values = dict(
        user_id=user_id,
        amount=amount,
        rule=rule,
        key=key,
        series=series,
        source_kind=source[0] if source else None,
        source_id=source[1] if source else None,
        board_id=board_id,
        reverses_id=None,
        note=note,
        actor_id=actor_id,
        created_at=when,
    )
    entry_id = _write_credit(dialect_insert(session)).scalar(session, values)
    if entry_id is None:
        return None  # the same delivery, committed by someone else first
    entry = attach_as_stored(session, LedgerEntry(id=entry_id, **values))
    _apply(session, acct, amount)
    return entry


@lru_cache(maxsize=2)
def _write_credit(insert) -> Prepared:
    """A ledger row, or nothing when its key is there already (this database's insert())."""
    columns = LedgerEntry.__table__.c
    return Prepared(
        insert(LedgerEntry.__table__)
        .values({c.key: bindparam(c.key) for c in columns if c.key != "id"})
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(columns.id)
    )


_REVERSAL = LedgerEntry.__table__.alias("reversal")


@lru_cache(maxsize=8)
def _standing(count: int) -> Prepared:
    """Asked on every vote for an idea past its first milestone: prepared once per number of keys. Found
    by the series index (tests/unit/rewards/test_ledger.py checks the plan): a bare `reverses_id IS NULL`
    let SQLite walk every credit of the ledger through the reverses_id index instead."""
    return Prepared(
        select(LedgerEntry.series).where(
            LedgerEntry.series.in_([bindparam(f"s{i}") for i in range(count)]),
            func.coalesce(LedgerEntry.reverses_id, 0) == 0,  # a credit, not a reversal
            ~select(_REVERSAL.c.id).where(_REVERSAL.c.reverses_id == LedgerEntry.id).exists(),
        )
    )


def standing_series(session: Session, series: list[str]) -> set[str]:
    """Which of these series have a credit that stands (not reversed): credit() would do nothing for them
    (see _fresh_key). One read for several keys."""
    rows = _standing(len(series)).rows(session, {f"s{i}": key for i, key in enumerate(series)})
    return {row[0] for row in rows}


def _fresh_key(session: Session, series: str) -> str | None:
    """`series` if unused; `series#n` if each earlier credit of the series was reversed; else None."""
    ids = session.scalars(select(LedgerEntry.id).where(LedgerEntry.series == series)).all()
    if not ids:
        return series
    reversed_ids = set(
        session.scalars(select(LedgerEntry.reverses_id).where(LedgerEntry.reverses_id.in_(ids)))
    )
    if any(i not in reversed_ids for i in ids):
        return None
    return f"{series}#{len(ids) + 1}"


def reverse_for(session: Session, *, user_id: int, source: tuple[str, int], why: str) -> int:
    """Compensate every unreversed credit that `source` earned this person; returns the points taken."""
    acct = account(session, user_id, lock=True)
    reversal = LedgerEntry.__table__.alias("reversal")
    rows = session.scalars(
        select(LedgerEntry)
        .outerjoin(reversal, reversal.c.reverses_id == LedgerEntry.id)
        .where(
            LedgerEntry.user_id == user_id,
            LedgerEntry.source_kind == source[0],
            LedgerEntry.source_id == source[1],
            LedgerEntry.reverses_id.is_(None),
            LedgerEntry.amount != 0,
            reversal.c.id.is_(None),
        )
        .order_by(LedgerEntry.id)
    ).all()
    taken = 0
    for row in rows:
        try:
            with session.begin_nested():
                session.add(
                    LedgerEntry(
                        user_id=user_id,
                        amount=-row.amount,
                        rule=row.rule,
                        key=f"reverse:{row.id}",
                        series=f"reverse:{row.id}",
                        source_kind=row.source_kind,
                        source_id=row.source_id,
                        board_id=row.board_id,
                        reverses_id=row.id,
                        note=why,
                    )
                )
        except IntegrityError:
            continue  # reversed concurrently
        taken += row.amount
    if taken:
        _apply(session, acct, -taken)
    return taken


def do_adjust(session: Session, *, actor: User, user: User, amount: int, reason: str) -> LedgerEntry:
    """An admin adds or removes points with a reason; recorded in the ledger and the audit log."""
    _check_admin(actor)
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise InvalidInput("Say why (at least 5 characters): the person sees it.", field="reason")
    if len(reason) > 500:
        raise InvalidInput("Keep the reason under 500 characters.", field="reason")
    if amount == 0 or abs(amount) > MAX_ADJUSTMENT:
        raise InvalidInput(
            f"An adjustment is between -{MAX_ADJUSTMENT:,} and {MAX_ADJUSTMENT:,}, not 0.", field="amount"
        )
    acct = account(session, user.id, lock=True)
    if acct.balance + amount < 0:
        raise InvalidInput(
            f"{user.display_name} has {acct.balance} points; an adjustment cannot take the balance below 0.",
            field="amount",
        )
    before = acct.balance
    key = f"adjustment:{user.id}:{secrets.token_hex(8)}"
    entry = LedgerEntry(
        user_id=user.id,
        amount=amount,
        rule=ADJUSTMENT,
        key=key,
        series=key,
        note=reason,
        actor_id=actor.id,
    )
    session.add(entry)
    session.flush()
    _apply(session, acct, amount)
    _audit(session, actor, "points_adjusted", user.id, {"balance": before}, {"balance": acct.balance}, reason)
    notify(
        session,
        user.id,
        "points.adjusted",
        f"An admin {'added' if amount > 0 else 'removed'} {abs(amount)} points: {reason}",
        "/rewards",
    )
    return entry


def do_set_leaderboard_visibility(session: Session, *, actor: User, visible: bool) -> RewardAccount:
    """A person chooses whether they appear on leaderboards."""
    acct = account(session, actor.id, lock=True)
    acct.hide_from_leaderboards = not visible
    return acct


# --- shared -------------------------------------------------------------------------------------------------


def _check_admin(actor: User | None) -> None:
    if actor is None or not actor.is_authenticated or not actor.is_admin:
        raise NotAllowed("Only admins can change points and rules.")


def _audit(
    session, actor: User, action: str, object_id: int, before: dict, after: dict, note: str = ""
) -> None:
    from cocreate.moderation.models import AuditEntry  # the one audit log, shared with moderation

    session.add(
        AuditEntry(
            actor_id=actor.id,
            action=action,
            kind="points",
            object_id=object_id,
            before=before,
            after=after,
            note=note,
        )
    )
