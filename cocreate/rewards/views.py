"""My rewards (balance, tier, badges, history), leaderboards, and the admin's rules and adjustments."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from cocreate.accounts.models import User
from cocreate.errors import DomainError, InvalidInput, NotAllowed
from cocreate.extensions import db
from cocreate.rewards import bp, services
from cocreate.rewards import queries as q
from cocreate.rewards.catalog import BADGES, RULES
from cocreate.web.rendering import render

PERIODS = {"all": ("All time", None), "30d": ("Last 30 days", 30)}


@bp.get("/rewards")
@login_required
def mine():
    """Balance, tier and the way to the next, badges, and every ledger entry with its reason."""
    page = q.history(db.session, current_user.id, cursor=request.args.get("cursor") or None)
    return render(
        "rewards/mine.html",
        block="history_rows" if request.args.get("cursor") else None,
        standing=q.standing(db.session, current_user.id),
        page=page,
        rules=RULES,
        badges=BADGES,
    )


@bp.post("/rewards/leaderboards")
@login_required
def leaderboard_visibility():
    """Appear on leaderboards, or not."""
    services.do_set_leaderboard_visibility(
        db.session, actor=current_user, visible=request.form.get("visible") == "1"
    )
    db.session.commit()
    flash("Saved.", "success")
    return redirect(url_for("rewards.mine"))


@bp.get("/leaderboard")
def leaderboard():
    """Who earned the most, all time or lately, overall or on one board."""
    from cocreate.ideas.queries import visible_boards

    period = request.args.get("period", "all")
    if period not in PERIODS:
        period = "all"
    boards = visible_boards(db.session, current_user)
    board = next((b for b in boards if b.slug == request.args.get("board")), None)
    leaders = q.leaderboard(db.session, days=PERIODS[period][1], board_id=board.id if board else None)
    return render(
        "rewards/leaderboard.html",
        block="leaders",
        leaders=leaders,
        period=period,
        periods=PERIODS,
        boards=boards,
        board=board,
    )


def _check_admin() -> None:
    if not current_user.is_admin:
        raise NotAllowed("Only admins manage rewards.")


def _int(name: str, *, optional: bool = False) -> int | None:
    raw = (request.form.get(name) or "").strip()
    if optional and raw == "":
        return None
    try:
        return int(raw)
    except ValueError:
        raise InvalidInput("Enter a whole number.", field=name) from None


@bp.route("/admin/rewards", methods=["GET", "POST"])
@login_required
def admin():
    """Rule values and daily caps; point adjustments with a reason the person sees."""
    _check_admin()
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        which = request.form.get("form")
        try:
            message = _save_rule() if which == "rule" else _adjust()
        except DomainError as exc:
            db.session.rollback()
            if exc.status == 403:
                raise
            errors[which or "rule"], status = exc.message, 422
        else:
            db.session.commit()
            flash(message, "success")
            return redirect(url_for("rewards.admin"))
    rules = [(r, *services.effective_rule(db.session, r.name)) for r in RULES.values()]
    return render("rewards/admin.html", rules=rules, errors=errors, form=request.form), status


def _save_rule() -> str:
    name = request.form.get("rule", "")
    services.do_set_rule(
        db.session,
        actor=current_user,
        name=name,
        points=_int("points"),
        daily_cap=_int("daily_cap", optional=True),
        enabled=request.form.get("enabled") == "1",
    )
    return f"“{RULES[name].label}” saved."


def _adjust() -> str:
    username = (request.form.get("username") or "").strip().lstrip("@")
    person = db.session.scalar(select(User).where(func.lower(User.username) == username.lower()))
    if person is None:
        raise InvalidInput("No one goes by that username.", field="username")
    services.do_adjust(
        db.session,
        actor=current_user,
        user=person,
        amount=_int("amount"),
        reason=request.form.get("reason", ""),
    )
    return f"Points adjusted for {person.display_name}."


@bp.get("/rewards/badges")
def badges():
    """What each badge is for."""
    if not BADGES:
        abort(404)
    return render("rewards/badges.html", badges=BADGES)


@bp.get("/go/<kind>/<int:object_id>")
def source(kind: str, object_id: int):
    """Where a ledger entry's contribution lives (reviews sit on their product's page)."""
    from cocreate.moderation.access import can_see
    from cocreate.moderation.kinds import kinds
    from cocreate.web.templating import content_url

    if kind not in kinds():
        abort(404, "Nothing like that here.")
    obj = kinds()[kind].load(db.session, object_id)
    if obj is None or not can_see(obj, current_user):
        abort(404, "That contribution is not available.")
    return redirect(content_url(kind, obj))
