"""Moderation actions: flags and auto-hide, decisions from the queue, resubmission, watched words.

Feature services call `initial_state`, `after_create` and `after_edit` so that every contribution enters the
queue the same way. Every decision writes an AuditEntry in the same transaction.
"""

from __future__ import annotations

from sqlalchemy import case as sql_case
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cocreate.accounts import perks
from cocreate.accounts.models import User
from cocreate.db import dialect_insert, utcnow
from cocreate.errors import Conflict, InvalidInput, NotAllowed, NotFound
from cocreate.events import (
    ContentApproved,
    ContentFlagged,
    ContentHidden,
    ContentRejected,
    ContentRemoved,
    UGCApproved,
    UGCFeatured,
    emit,
)
from cocreate.moderation.access import board_allows, can_see, check_moderator
from cocreate.moderation.kinds import Kind, kind_of, kinds
from cocreate.moderation.models import (
    FLAG_REASONS,
    REJECT_REASONS,
    VISIBLE_STATES,
    AuditEntry,
    Flag,
    ModerationCase,
    State,
)
from cocreate.moderation.screening import Screening
from cocreate.reindex import touch

DEFAULT_FLAG_THRESHOLD = 3
NOTE_MAX = 1_000
ACTIONS = {"approve": State.APPROVED, "reject": State.REJECTED, "feature": State.FEATURED}


def flag_weight(session: Session, user: User, threshold: int) -> int:
    """How much one person's flag counts: staff flags hide at once; members count by their tier."""
    return threshold if user.is_staff else min(threshold, perks.flag_weight(session, user.id))


# --- entering the queue -------------------------------------------------------------------------------------


def initial_state(screening: Screening, *, pre: bool, trusted: bool) -> str:
    """Pending when the place is pre-moderated or the screening held the text; trusted people skip both."""
    if trusted:
        return State.APPROVED.value
    return State.PENDING.value if pre or screening.hold else State.APPROVED.value


def _ensure_case(session: Session, kind: Kind, obj, reason: str) -> ModerationCase:
    """The object's case, created if missing; concurrent creators meet on the unique constraint."""
    insert = dialect_insert(session)
    title, excerpt = kind.preview(obj)
    session.execute(
        insert(ModerationCase)
        .values(
            title=title[:200],
            excerpt=excerpt[:400],
            sentiment=obj.sentiment or "neutral",
            kind=kind.name,
            object_id=obj.id,
            author_id=obj.author_id,
            is_open=False,
            reason=reason,
            opened_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["kind", "object_id"])
    )
    return session.execute(
        select(ModerationCase)
        .where(ModerationCase.kind == kind.name, ModerationCase.object_id == obj.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()


def _open(session: Session, obj, reason: str, detail: str) -> ModerationCase:
    kind = kind_of(obj)
    case = _ensure_case(session, kind, obj, reason)
    case.title, case.excerpt = (v[:limit] for v, limit in zip(kind.preview(obj), (200, 400), strict=True))
    case.sentiment = obj.sentiment or "neutral"
    if not case.is_open:
        case.is_open, case.opened_at, case.closed_at = True, utcnow(), None
        case.reason, case.detail = reason, detail[:200]
    return case


def _screening_reason(screening: Screening, fallback: str) -> tuple[str, str]:
    if screening.reasons:
        return screening.reasons[0][0], "; ".join(d for _, d in screening.reasons)
    return fallback, ""


def after_create(session: Session, obj, screening: Screening) -> None:
    """Open a case for a contribution that starts pending (call after flush, so it has an id)."""
    if obj.moderation_state == State.PENDING.value:
        _open(session, obj, *_screening_reason(screening, "pre_moderation"))


def after_edit(session: Session, obj, actor: User, screening: Screening) -> None:
    """An author changed a contribution: a returned one goes back to the queue; a published one whose new
    text trips the screening is held; a pending one just gets a fresh preview."""
    state = obj.moderation_state
    if state == State.REJECTED.value or (state in VISIBLE_STATES and screening.hold):
        before = state
        obj.moderation_state = State.PENDING.value
        if before in VISIBLE_STATES:
            kind_of(obj).on_visibility(session, obj, False)
        reason, detail = _screening_reason(screening, "resubmitted")
        case = _open(session, obj, reason, detail)
        if before == State.REJECTED.value:
            case.reason, case.detail = "resubmitted", detail
        _log(session, actor, "resubmit", obj, before, obj.moderation_state, "", "")
    elif state in (State.PENDING.value, State.HIDDEN.value):
        _open(session, obj, "resubmitted", "")


# --- flags --------------------------------------------------------------------------------------------------


def do_flag(
    session: Session, *, actor: User | None, obj, reason: str, note: str = "", threshold: int
) -> Flag:
    """Report a contribution; once the weight of distinct flaggers reaches the threshold it is hidden."""
    if actor is None or not actor.is_authenticated:
        raise NotAllowed("Sign in to flag.")
    if not can_see(obj, actor):
        raise NotFound("No such contribution.")
    kind = kind_of(obj)
    if obj.moderation_state not in VISIBLE_STATES:
        raise NotFound("This is already with the moderators.")
    if obj.author_id == actor.id:
        raise NotAllowed("You cannot flag your own contribution.")
    if reason not in FLAG_REASONS:
        raise InvalidInput("Choose why you are flagging this.", field="reason")
    note = (note or "").strip()
    if len(note) > 500:
        raise InvalidInput("Keep the note under 500 characters.", field="note")
    weight = flag_weight(session, actor, threshold)
    flag = Flag(kind=kind.name, object_id=obj.id, user_id=actor.id, reason=reason, note=note, weight=weight)
    try:
        with session.begin_nested():
            session.add(flag)
    except IntegrityError:
        raise Conflict("You have already flagged this. Thank you, the moderators will look at it.") from None
    case = _ensure_case(session, kind, obj, "flags")
    total = session.execute(
        update(ModerationCase)
        .where(ModerationCase.id == case.id)
        .values(
            flag_count=ModerationCase.flag_count + 1,
            flag_weight=ModerationCase.flag_weight + weight,
            reason=sql_case((ModerationCase.is_open, ModerationCase.reason), else_="flags"),
            detail=sql_case((ModerationCase.is_open, ModerationCase.detail), else_=""),
            is_open=True,
            closed_at=None,
        )
        .returning(ModerationCase.flag_weight)
    ).scalar_one()
    session.expire(case)
    emit(
        session,
        ContentFlagged(
            actor_id=actor.id,
            kind=kind.name,
            object_id=obj.id,
            author_id=obj.author_id,
            reason=reason,
            weight=weight,
        ),
    )
    if total >= threshold:
        _auto_hide(session, kind, obj, total)
    return flag


def _auto_hide(session: Session, kind: Kind, obj, total: int) -> None:
    """Hide once: the conditional UPDATE succeeds for exactly one of any number of concurrent flaggers."""
    table = kind.model
    before = obj.moderation_state  # visible (the UPDATE below only matches visible rows)
    hidden = session.execute(
        update(table)
        .where(table.id == obj.id, table.moderation_state.in_(VISIBLE_STATES))
        .values(moderation_state=State.HIDDEN.value)
        .returning(table.moderation_state)
    ).first()
    if hidden is None:
        return
    session.expire(obj, ["moderation_state"])
    kind.on_visibility(session, obj, False)
    touch(session, obj)  # a Core UPDATE: tell search to drop it after commit
    _log(session, None, "auto_hide", obj, before, State.HIDDEN.value, "flags", f"flag weight {total}")
    emit(
        session,
        ContentHidden(
            actor_id=None, kind=kind.name, object_id=obj.id, author_id=obj.author_id, flag_weight=total
        ),
    )


# --- removal by the author ---------------------------------------------------------------------------------


def do_remove_own(session: Session, *, actor: User | None, obj) -> None:
    """The author takes their contribution down: it leaves every list, count and search, its text is erased,
    its points are reversed (ContentRemoved), open flags and its case are closed, and the moderation log
    records it. Feature services call this after their own part (an idea's votes, a story's photos)."""
    if actor is None or not actor.is_authenticated:
        raise NotAllowed("Sign in to remove what you wrote.")
    kind = kind_of(obj)
    session.refresh(obj, ["moderation_state"], with_for_update=True)  # two removals at once: one wins
    if obj.author_id != actor.id or obj.moderation_state == State.REMOVED.value or not can_see(obj, actor):
        raise NotFound("There is nothing of yours here to remove.")
    before = obj.moderation_state
    was_visible = before in VISIBLE_STATES
    if was_visible:
        kind.on_visibility(session, obj, False)
    obj.moderation_state = State.REMOVED.value
    kind.erase(obj)
    session.execute(
        update(ModerationCase)
        .where(ModerationCase.kind == kind.name, ModerationCase.object_id == obj.id)
        .values(title="", excerpt="", is_open=False, closed_at=utcnow())
    )
    session.execute(
        update(Flag)
        .where(Flag.kind == kind.name, Flag.object_id == obj.id, Flag.resolved.is_(False))
        .values(resolved=True)
    )
    touch(session, obj)
    _log(session, actor, "author_removed", obj, before, State.REMOVED.value, "", "")
    session.flush()
    emit(
        session,
        ContentRemoved(
            actor_id=actor.id,
            kind=kind.name,
            object_id=obj.id,
            author_id=obj.author_id,
            was_visible=was_visible,
        ),
    )


# --- decisions ----------------------------------------------------------------------------------------------


def do_moderate(
    session: Session, *, actor: User | None, obj, action: str, reason: str = "", note: str = ""
) -> ModerationCase:
    """Approve, reject (with a reason the author sees) or feature a contribution; closes its case."""
    check_moderator(actor)
    if obj is None or not board_allows(obj, actor):  # a private board's things are for its roles only
        raise NotFound("That contribution no longer exists.")
    kind = kind_of(obj)
    if action not in ACTIONS:
        raise InvalidInput("Choose approve, reject or feature.", field="action")
    if action == "feature" and kind.name != "ugc":
        raise InvalidInput("Only stories and photos can be featured.", field="action")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise InvalidInput(f"Notes are at most {NOTE_MAX:,} characters.", field="note")
    if action == "reject":
        if reason not in REJECT_REASONS:
            raise InvalidInput("Choose a reason for rejecting, so the author can fix it.", field="reason")
        if reason == "other" and not note:
            raise InvalidInput("Say what the author should change.", field="note")
    case = _ensure_case(session, kind, obj, "flags")
    session.refresh(obj, ["moderation_state"])  # the state as of the lock, not as first loaded
    if obj.moderation_state == State.REMOVED.value:
        raise Conflict("Its author removed this; there is nothing left to decide.")
    before, after = obj.moderation_state, ACTIONS[action].value
    if before == after and not case.is_open:
        raise Conflict(f"Already {State(after).label.lower()}.")
    was_visible, now_visible = before in VISIBLE_STATES, after in VISIBLE_STATES
    obj.moderation_state = after
    if kind.name == "ugc":
        obj.featured_at = utcnow() if after == State.FEATURED.value else None
    if was_visible != now_visible:
        kind.on_visibility(session, obj, now_visible)
    now = utcnow()
    case.is_open, case.closed_at, case.flag_count, case.flag_weight = False, now, 0, 0
    case.reject_reason = reason if action == "reject" else None
    case.reject_note = note if action == "reject" else ""
    session.execute(
        update(Flag)
        .where(Flag.kind == kind.name, Flag.object_id == obj.id, Flag.resolved.is_(False))
        .values(resolved=True)
    )
    _log(session, actor, action, obj, before, after, reason if action == "reject" else "", note)
    session.flush()
    _emit_decision(session, actor, kind, obj, action, reason, was_visible)
    return case


def _emit_decision(session, actor, kind, obj, action, reason, was_visible) -> None:
    base = {"actor_id": actor.id}
    if action == "reject":
        emit(
            session,
            ContentRejected(
                **base,
                kind=kind.name,
                object_id=obj.id,
                author_id=obj.author_id,
                reason=reason,
                was_visible=was_visible,
            ),
        )
    elif kind.name == "ugc":
        emit(session, UGCApproved(**base, item_id=obj.id, author_id=obj.author_id))
        if action == "feature":
            emit(session, UGCFeatured(**base, item_id=obj.id, author_id=obj.author_id))
    else:
        emit(session, ContentApproved(**base, kind=kind.name, object_id=obj.id, author_id=obj.author_id))


def do_moderate_many(
    session: Session,
    *,
    actor: User | None,
    case_ids: list[int],
    action: str,
    reason: str = "",
    note: str = "",
) -> int:
    """The same decision on several queued cases (each audited on its own); returns how many changed."""
    check_moderator(actor)
    if not case_ids:
        raise InvalidInput("Select at least one item.", field="case_ids")
    if len(case_ids) > 200:
        raise InvalidInput("Decide at most 200 items at once.", field="case_ids")
    done = 0
    cases = session.scalars(select(ModerationCase).where(ModerationCase.id.in_(case_ids))).all()
    for case in cases:
        obj = kinds()[case.kind].load(session, case.object_id)
        if obj is None or (action == "feature" and case.kind != "ugc"):
            continue
        try:
            with session.begin_nested():
                do_moderate(session, actor=actor, obj=obj, action=action, reason=reason, note=note)
        except (Conflict, NotFound):
            continue
        done += 1
    return done


def _log(session, actor, action, obj, before, after, reason, note) -> None:
    session.add(
        AuditEntry(
            actor_id=actor.id if actor else None,
            action=action,
            kind=kind_of(obj).name,
            object_id=obj.id,
            before={"state": before},
            after={"state": after},
            reason=reason,
            note=note,
        )
    )
