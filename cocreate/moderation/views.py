"""The moderation queue, decisions (one or many), flags, watched words and the audit log."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_login import current_user, login_required

from cocreate.errors import DomainError, InvalidInput, NotAllowed
from cocreate.extensions import db
from cocreate.moderation import queries as q
from cocreate.moderation import services, watched_words
from cocreate.moderation.access import check_moderator
from cocreate.moderation.kinds import kinds
from cocreate.moderation.models import (
    FLAG_REASONS,
    QUEUE_REASONS,
    REJECT_REASONS,
    WORD_ACTIONS,
    ModerationCase,
    WatchedWord,
)
from cocreate.web.rendering import is_htmx, render

bp = Blueprint("moderation", __name__)
QUEUE_TEMPLATE = "moderation/queue.html"


def flag_threshold() -> int:
    return int(current_app.config.get("FLAG_HIDE_THRESHOLD", services.DEFAULT_FLAG_THRESHOLD))


FILTERS = ("kind", "reason", "age", "sentiment")


def _filters() -> dict[str, str | None]:
    return {k: request.args.get(k) or None for k in FILTERS}


def _filters_of_page() -> dict[str, str | None]:
    """The queue's filters as the page that sent an htmx request shows them (its address), known ones only."""
    from urllib.parse import parse_qs, urlsplit

    shown = parse_qs(urlsplit(request.headers.get("HX-Current-URL", "")).query)
    found = {k: (shown.get(k) or [None])[0] or None for k in FILTERS}
    try:
        q.check_filters(**found)
    except InvalidInput:
        return dict.fromkeys(FILTERS)
    return found


@bp.get("/moderation")
@login_required
def queue():
    """Open cases, oldest first, filtered by type, reason and age."""
    check_moderator(current_user)
    filters = _filters()
    cursor = request.args.get("cursor") or None
    page = q.queue(db.session, cursor=cursor, viewer=current_user, **filters)
    return render(
        QUEUE_TEMPLATE,
        block="case_rows" if cursor else "queue_list",
        page=page,
        filters=filters,
        active_filters={k: v for k, v in filters.items() if v},
        kinds=kinds(),
        ages=q.AGES,
        queue_reasons=QUEUE_REASONS,
        flag_reasons=FLAG_REASONS,
        reject_reasons=REJECT_REASONS,
    )


@bp.post("/moderation/cases/<int:case_id>")
@login_required
def decide(case_id: int):
    """Approve, reject or feature one queued item; htmx swaps its row for the outcome."""
    check_moderator(current_user)
    case = db.session.get(ModerationCase, case_id) or abort(404, "No such case.")
    obj = kinds()[case.kind].load(db.session, case.object_id)
    services.do_moderate(
        db.session,
        actor=current_user,
        obj=obj,
        action=request.form.get("action", ""),
        reason=request.form.get("reason", ""),
        note=request.form.get("note", ""),
    )
    db.session.commit()
    if is_htmx():
        row = q.rows_for(db.session, [case])[0]
        filters = _filters_of_page()
        total = q.open_count(db.session, viewer=current_user, **filters)
        return render(
            "moderation/_decided.html",
            row=row,
            kinds=kinds(),
            reject_reasons=REJECT_REASONS,
            total=total,  # the queue's count, swapped in place as well
            filtered=any(filters.values()),
        )
    flash("Decision saved.", "success")
    return redirect(request.referrer or url_for("moderation.queue"))


@bp.post("/moderation/bulk")
@login_required
def bulk():
    """The same decision on every selected item."""
    check_moderator(current_user)
    try:
        ids = [int(v) for v in request.form.getlist("case_ids")]
    except ValueError:
        raise InvalidInput("Those selections are not valid.") from None
    done = services.do_moderate_many(
        db.session,
        actor=current_user,
        case_ids=ids,
        action=request.form.get("action", ""),
        reason=request.form.get("reason", ""),
        note=request.form.get("note", ""),
    )
    db.session.commit()
    flash(f"{done} item{'s' if done != 1 else ''} decided.", "success")
    return redirect(url_for("moderation.queue", **{k: v for k, v in _filters().items() if v}))


@bp.post("/flag/<kind>/<int:object_id>")
@login_required
def flag(kind: str, object_id: int):
    """Report a contribution to the moderators."""
    if kind not in kinds():
        abort(404, "Nothing to flag there.")
    obj = kinds()[kind].load(db.session, object_id) or abort(404, "No such contribution.")
    services.do_flag(
        db.session,
        actor=current_user,
        obj=obj,
        reason=request.form.get("reason", ""),
        note=request.form.get("note", ""),
        threshold=flag_threshold(),
    )
    db.session.commit()
    if is_htmx():
        return render("moderation/_flagged.html")
    flash("Thank you. The moderators will take a look.", "success")
    return redirect(request.referrer or url_for("home.index"))


@bp.route("/moderation/words", methods=["GET", "POST"])
@login_required
def words():
    """Watched words: block, hold for review, or replace."""
    check_moderator(current_user)
    error, status = None, 200
    if request.method == "POST":
        try:
            entry = watched_words.do_add_watched_word(
                db.session,
                actor=current_user,
                word=request.form.get("word", ""),
                action=request.form.get("action", ""),
                replacement=request.form.get("replacement", ""),
            )
        except DomainError as exc:
            db.session.rollback()
            if exc.status == 403:
                raise
            error, status = exc.message, 422
        else:
            db.session.commit()
            flash(f"Now watching “{entry.word}”.", "success")
            return redirect(url_for("moderation.words"))
    return render(
        "moderation/words.html",
        words=q.watched_words(db.session),
        actions=WORD_ACTIONS,
        error=error,
        form=request.form,
    ), status


@bp.post("/moderation/words/<int:word_id>/delete")
@login_required
def delete_word(word_id: int):
    """Stop watching a word."""
    check_moderator(current_user)
    entry = db.session.get(WatchedWord, word_id) or abort(404, "No such watched word.")
    watched_words.do_remove_watched_word(db.session, actor=current_user, entry=entry)
    db.session.commit()
    flash(f"No longer watching “{entry.word}”.", "success")
    return redirect(url_for("moderation.words"))


@bp.get("/moderation/log")
@login_required
def log():
    """Every moderation decision, newest first (administrators only)."""
    if not current_user.is_admin:
        raise NotAllowed("Only administrators can read the moderation log.")
    page = q.audit_log(db.session, cursor=request.args.get("cursor") or None)
    return render("moderation/log.html", page=page, kinds=kinds(), REJECT_REASONS=REJECT_REASONS)
