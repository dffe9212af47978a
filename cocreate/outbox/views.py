"""The delivery log for admins: every queued message, its attempts and the last error."""

from __future__ import annotations

from flask import abort, request
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from cocreate.extensions import db
from cocreate.outbox import bp
from cocreate.outbox.models import OutboxMessage
from cocreate.web.rendering import render

STATUSES = ("pending", "sent", "dead")


@bp.get("/admin/deliveries")
@login_required
def deliveries():
    """The latest 200 messages (optionally by status) with their attempts."""
    if not current_user.is_admin:
        abort(403, "Only admins see the delivery log.")
    status = request.args.get("status") if request.args.get("status") in STATUSES else None
    query = select(OutboxMessage).options(selectinload(OutboxMessage.tries))
    if status:
        query = query.where(OutboxMessage.status == status)
    messages = db.session.scalars(query.order_by(OutboxMessage.id.desc()).limit(200)).all()
    counts = dict(
        db.session.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all()
    )
    return render(
        "outbox/deliveries.html", messages=messages, counts=counts, status=status, statuses=STATUSES
    )
