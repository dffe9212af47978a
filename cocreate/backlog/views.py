"""Admins connect boards to backlogs; the product team sends ideas; backlogs send status changes back."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from cocreate.backlog import bp, services
from cocreate.backlog.forms import AllowedHostForm, ConnectorForm
from cocreate.backlog.inbound import InboundError, apply_inbound
from cocreate.backlog.models import AllowedHost, Connector
from cocreate.errors import DomainError, InvalidInput
from cocreate.extensions import db
from cocreate.ideas.access import check_admin, check_view_idea
from cocreate.ideas.models import Board, Idea
from cocreate.web.forms import show_on_form
from cocreate.web.rendering import render
from cocreate.web.signatures import csrf

MAX_INBOUND = 64 * 1024


def _admin_page(form: ConnectorForm | None = None, host_form: AllowedHostForm | None = None, status=200):
    connectors = db.session.scalars(select(Connector).order_by(Connector.board_id, Connector.id)).all()
    hosts = db.session.scalars(select(AllowedHost).order_by(AllowedHost.host)).all()
    form = form or _connector_form()
    return render(
        "backlog/admin.html",
        form=form,
        host_form=host_form or AllowedHostForm(prefix="host"),
        connectors=connectors,
        hosts=hosts,
    ), status


def _connector_form() -> ConnectorForm:
    form = ConnectorForm(prefix="c")
    form.board_id.choices = [(b.id, b.name) for b in db.session.scalars(select(Board).order_by(Board.name))]
    return form


@bp.route("/admin/backlog", methods=["GET", "POST"])
@login_required
def admin():
    """Connectors per board, their secrets and delivery state; the hosts allowed on private networks."""
    check_admin(current_user)
    form = _connector_form()
    if form.validate_on_submit():
        board = db.session.get(Board, form.board_id.data) or abort(404, "No such board.")
        try:
            connector = services.do_create_connector(
                db.session,
                actor=current_user,
                board=board,
                kind=form.kind.data,
                name=form.name.data,
                url=form.url.data,
                project=form.project.data or "",
                token=form.token.data or "",
                events=form.events.data or [],
                auto_send=form.auto_send.data,
            )
        except DomainError as exc:
            show_on_form(form, exc, "url")
        else:
            db.session.commit()
            flash(f"“{connector.name}” connected to {board.name}.", "success")
            return redirect(url_for("backlog.admin", _anchor=f"connector-{connector.id}"))
    return _admin_page(form, status=422 if form.errors else 200)


@bp.post("/admin/backlog/<int:connector_id>/enabled")
@login_required
def set_enabled(connector_id: int):
    """Switch a connector on or off."""
    connector = db.session.get(Connector, connector_id) or abort(404, "No such connector.")
    enabled = request.form.get("enabled") == "1"
    services.do_set_enabled(db.session, actor=current_user, connector=connector, enabled=enabled)
    db.session.commit()
    flash(f"“{connector.name}” is {'on' if enabled else 'off'}.", "success")
    return redirect(url_for("backlog.admin"))


@bp.post("/admin/backlog/<int:connector_id>/delete")
@login_required
def delete(connector_id: int):
    """Remove a connector."""
    connector = db.session.get(Connector, connector_id) or abort(404, "No such connector.")
    services.do_delete_connector(db.session, actor=current_user, connector=connector)
    db.session.commit()
    flash("Connector removed.", "success")
    return redirect(url_for("backlog.admin"))


@bp.post("/admin/backlog/hosts")
@login_required
def allow_host():
    """Allow a host on a private network."""
    check_admin(current_user)
    form = AllowedHostForm(prefix="host")
    if form.validate_on_submit():
        try:
            services.do_allow_host(db.session, actor=current_user, host=form.host.data)
        except DomainError as exc:
            show_on_form(form, exc, "host")
        else:
            db.session.commit()
            flash(f"{form.host.data.strip().lower()} is allowed.", "success")
            return redirect(url_for("backlog.admin"))
    return _admin_page(host_form=form, status=422)


@bp.post("/admin/backlog/hosts/<int:host_id>/delete")
@login_required
def remove_host(host_id: int):
    """Stop allowing a host."""
    allowed = db.session.get(AllowedHost, host_id) or abort(404, "No such host.")
    services.do_remove_allowed_host(db.session, actor=current_user, allowed=allowed)
    db.session.commit()
    flash(f"{allowed.host} is no longer allowed.", "success")
    return redirect(url_for("backlog.admin"))


@bp.post("/i/<int:idea_id>/backlog")
@login_required
def send(idea_id: int):
    """Send an idea to its board's backlog."""
    idea = check_view_idea(db.session.get(Idea, idea_id), current_user)
    try:
        services.do_send_to_backlog(db.session, actor=current_user, idea=idea)
    except DomainError as exc:
        db.session.rollback()
        if exc.status in (403, 404):
            raise
        flash(exc.message, "error")
        return redirect(url_for("ideas.idea", idea_id=idea.id)), 303
    db.session.commit()
    flash("Sent to the backlog. The link appears here once the backlog answers.", "success")
    return redirect(url_for("ideas.idea", idea_id=idea.id)), 303


@bp.post("/backlog/inbound/<int:connector_id>")
@csrf.exempt  # authenticated by the Standard Webhooks signature instead
def inbound(connector_id: int):
    """A backlog tells us an item's status: signed, recent, never applied twice."""
    if (request.content_length or 0) > MAX_INBOUND:
        return jsonify(error="The body is larger than 64 KB."), 413
    raw = request.get_data(cache=False)
    if len(raw) > MAX_INBOUND:
        return jsonify(error="The body is larger than 64 KB."), 413
    try:
        result = apply_inbound(db.session, connector_id, dict(request.headers.items()), raw)
    except InboundError as exc:
        db.session.rollback()
        return jsonify(error=exc.message), exc.status
    except DomainError as exc:
        db.session.rollback()
        return jsonify(error=exc.message, field=exc.field), 422 if isinstance(
            exc, InvalidInput
        ) else exc.status
    except IntegrityError:  # the same message at the same moment from a retrying sender
        db.session.rollback()
        return jsonify(error="This webhook-id was already received."), 409
    db.session.commit()
    return jsonify(result), 200
