"""Sentiment trends for product teams: per product and per board, charted by month."""

from __future__ import annotations

from flask import abort, request
from flask_login import current_user, login_required

from cocreate.extensions import db
from cocreate.ideas.access import check_team
from cocreate.ideas.models import Comment, Idea
from cocreate.ideas.queries import board_by_slug, visible_boards
from cocreate.insights import bp
from cocreate.insights.queries import sentiment_trend
from cocreate.moderation.queries import sentiment_mix
from cocreate.reviews.models import Review, UGCItem
from cocreate.reviews.queries import product_by_slug, products_ranked
from cocreate.web.rendering import render


@bp.get("/insights/sentiment")
@login_required
def sentiment():
    """Monthly sentiment of a product's reviews and stories, or of a board's ideas and comments."""
    check_team(current_user, "see sentiment trends")
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
        return _overview()
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


def _overview():
    """Every board and product with its overall mood, each leading to its trend."""
    boards = [
        (b, sentiment_mix(db.session, Idea, Idea.board_id == b.id))
        for b in visible_boards(db.session, current_user)
    ]
    products = [
        (p, sentiment_mix(db.session, Review, Review.product_id == p.id)) for p in products_ranked(db.session)
    ]
    return render("insights/sentiment_index.html", boards=boards, products=products)
