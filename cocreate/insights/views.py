"""Sentiment trends for product teams: per product and per board, charted by month."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_login import current_user, login_required

from cocreate.errors import DomainError, NotAllowed
from cocreate.extensions import db
from cocreate.ideas.access import check_view_idea
from cocreate.ideas.models import Comment, Idea
from cocreate.ideas.queries import board_by_slug
from cocreate.insights import shipped  # also subscribes the invitation to StatusChanged
from cocreate.insights.queries import sentiment_mix, sentiment_trend
from cocreate.reviews.models import Review, UGCItem
from cocreate.reviews.queries import product_by_slug
from cocreate.web.rendering import render

bp = Blueprint("insights", __name__)


@bp.get("/insights/sentiment")
@login_required
def sentiment():
    """Monthly sentiment of a product's reviews and stories, or of a board's ideas and comments."""
    if not current_user.is_staff:
        raise NotAllowed("Sentiment trends are for the product team, moderators and admins.")
    product_slug, board_slug = request.args.get("product"), request.args.get("board")
    if product_slug:
        product = product_by_slug(db.session, product_slug) or abort(404, "No such product.")
        subject, series = (
            product.name,
            [
                ("Reviews", sentiment_trend(db.session, Review, Review.product_id == product.id)),
                ("Stories", sentiment_trend(db.session, UGCItem, UGCItem.product_id == product.id)),
            ],
        )
        mix = sentiment_mix(db.session, Review, Review.product_id == product.id)
    elif board_slug:
        board = board_by_slug(db.session, board_slug) or abort(404, "No such board.")
        subject = board.name
        series = [
            ("Ideas", sentiment_trend(db.session, Idea, Idea.board_id == board.id)),
            (
                "Comments",
                sentiment_trend(
                    db.session,
                    Comment,
                    Comment.idea_id.in_(db.select(Idea.id).where(Idea.board_id == board.id)),
                ),
            ),
        ]
        mix = sentiment_mix(db.session, Idea, Idea.board_id == board.id)
    else:
        abort(400, "Choose a product (?product=) or a board (?board=).")
    chart = {
        name: {
            "months": [p.month for p in points],
            "average": [p.average for p in points],
            "negative": [p.negative for p in points],
            "neutral": [p.neutral for p in points],
            "positive": [p.positive for p in points],
        }
        for name, points in series
    }
    return render("insights/sentiment.html", subject=subject, series=series, chart=chart, mix=mix)


@bp.route("/i/<int:idea_id>/rate", methods=["GET", "POST"])
@login_required
def rate_shipped(idea_id: int):
    """The one question that follows a shipped idea, for its supporters."""
    idea = db.session.get(Idea, idea_id) or abort(404, "No such idea.")
    error = None
    if request.method == "POST":
        try:
            shipped.do_rate(
                db.session,
                actor=current_user,
                idea=idea,
                score=request.form.get("score"),
                comment=request.form.get("comment", ""),
            )
        except DomainError as exc:
            db.session.rollback()
            if exc.status in (403, 404):
                raise
            error = exc.message
        else:
            db.session.commit()
            flash("Thank you! The team reads every answer.", "success")
            return redirect(url_for("ideas.idea", idea_id=idea.id), 303)
    check_view_idea(idea, current_user)
    return render(
        "insights/rate.html",
        idea=idea,
        question=shipped.QUESTION,
        scale=shipped.SCALE,
        error=error,
        summary=shipped.summary(db.session, idea.id),
    ), 422 if error else 200


from cocreate.insights import kiosk_admin, kpi_views, survey_views  # noqa: E402,F401  (routes on this blueprint)
