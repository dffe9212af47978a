"""Setting up and switching off in-store kiosks (product team and admins)."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from cocreate.errors import DomainError
from cocreate.extensions import db
from cocreate.ideas.access import check_team
from cocreate.ideas.models import Board
from cocreate.insights import bp
from cocreate.insights.kiosks import do_create_kiosk, do_revoke_kiosk
from cocreate.insights.models import Kiosk, SurveyResponse
from cocreate.web.rendering import render


def _page(new_token: str | None = None, error: str | None = None):
    kiosks = db.session.scalars(select(Kiosk).order_by(Kiosk.revoked_at.is_not(None), Kiosk.id.desc())).all()
    answers = dict(
        db.session.execute(
            select(SurveyResponse.kiosk_id, func.count())
            .where(SurveyResponse.kiosk_id.is_not(None))
            .group_by(SurveyResponse.kiosk_id)
        ).all()
    )
    return render(
        "insights/team_kiosks.html",
        kiosks=kiosks,
        answers=answers,
        boards=db.session.scalars(
            select(Board).where(Board.is_private.is_(False)).order_by(Board.name)
        ).all(),
        board_names=dict(db.session.execute(select(Board.id, Board.name)).all()),
        new_token=new_token,
        error=error,
        form=request.form if error else {},
    ), 422 if error else 200


@bp.route("/team/kiosks", methods=["GET", "POST"])
@login_required
def team_kiosks():
    """List kiosks; set up a new one (its token is shown once)."""
    check_team(current_user, "manage kiosks")
    if request.method == "GET":
        return _page()
    board = db.session.scalar(select(Board).where(Board.slug == (request.form.get("board") or "")[:200]))
    if board is None:
        return _page(error="Choose the board the kiosk's ideas go to.")
    try:
        kiosk, plain = do_create_kiosk(
            db.session, actor=current_user, name=request.form.get("name", ""), board=board
        )
    except DomainError as exc:
        db.session.rollback()
        if exc.status in (403, 404):
            raise
        return _page(error=exc.message)
    db.session.commit()
    flash(
        f"Kiosk “{kiosk.name}” is ready. Enter its token on the device now: it is shown only once.", "success"
    )
    return _page(new_token=plain)


@bp.post("/team/kiosks/<int:kiosk_id>/revoke")
@login_required
def revoke_kiosk(kiosk_id: int):
    """Switch a kiosk off (a lost or replaced device)."""
    check_team(current_user, "manage kiosks")
    kiosk = db.session.get(Kiosk, kiosk_id) if kiosk_id else None
    if kiosk is None:
        abort(404, "No such kiosk.")
    do_revoke_kiosk(db.session, actor=current_user, kiosk=kiosk)
    db.session.commit()
    flash(f"Kiosk “{kiosk.name}” is switched off; its token no longer works.", "success")
    return redirect(url_for("insights.team_kiosks"), 303)
