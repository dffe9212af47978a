"""The KPI dashboard for product teams, and each chart's data as CSV."""

from __future__ import annotations

import csv
import io

from flask import Response, abort, request
from flask_login import current_user, login_required
from sqlalchemy import select

from cocreate.extensions import db
from cocreate.ideas.access import check_team
from cocreate.ideas.models import Board
from cocreate.insights import bp, kpi
from cocreate.web.csv_cells import safe_cell
from cocreate.web.rendering import render


def _filters() -> tuple[kpi.Filters, list[str]]:
    board = None
    slug = (request.args.get("board") or "").strip()
    if slug:
        board = db.session.scalar(select(Board).where(Board.slug == slug[:200]))
        if board is None:
            abort(404, "No such board.")
    return kpi.Filters.parse(request.args, board)


@bp.get("/team/kpi")
@login_required
def kpi_dashboard():
    """Channels, funnels, time to ship, survey scores, sentiment, contributors and beta fill, with filters."""
    check_team(current_user, "see the KPIs")
    filters, notes = _filters()
    charts = kpi.dashboard(db.session, filters)
    return render(
        "insights/kpi.html",
        charts=charts,
        specs={c.key: c.spec() for c in charts},
        filters=filters,
        notes=notes,
        boards=db.session.scalars(select(Board).order_by(Board.name)).all(),
    )


@bp.get("/team/kpi.csv")
@login_required
def kpi_csv():
    """One chart's data as CSV (cells that look like formulas are escaped)."""
    check_team(current_user, "see the KPIs")
    build = kpi.CHARTS.get(request.args.get("chart", ""))
    if build is None:
        abort(404, f"Choose a chart: {', '.join(kpi.CHARTS)}.")
    filters, _ = _filters()
    chart = build(db.session, filters)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(chart.columns)
    for row in chart.rows:
        writer.writerow([safe_cell(v) if isinstance(v, str) else v for v in row])
    name = f"cocreate-{chart.key}-{filters.since}-{filters.until}.csv"
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
