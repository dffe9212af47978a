"""Product pages, writing reviews, helpful votes, product management and order imports."""

from __future__ import annotations

from flask import abort, flash, redirect, request, send_file, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from cocreate.errors import DomainError, InvalidInput
from cocreate.extensions import db
from cocreate.ideas.models import Board
from cocreate.media import MAX_BYTES, stored_path, uploads_dir
from cocreate.moderation.access import can_see
from cocreate.moderation.models import VISIBLE_STATES, State
from cocreate.moderation.queries import case_for, sentiment_mix
from cocreate.reviews import bp, hooks, services
from cocreate.reviews import queries as q
from cocreate.reviews.forms import OrdersForm, ProductForm, ReviewForm
from cocreate.reviews.models import Review
from cocreate.reviews.services.products import check_product_manager
from cocreate.web.anonymous_cache import anonymous_cache
from cocreate.web.forms import show_on_form
from cocreate.web.rendering import is_htmx, render
from cocreate.web.routing import allow_large_bodies

PRODUCT_TEMPLATE = "reviews/product.html"
CSV_MAX_BYTES = 1_500_000


def _product(slug: str):
    return q.product_by_slug(db.session, slug) or abort(404, "No such product.")


@bp.get("/products")
@anonymous_cache
def products():
    """Products, best rated (Bayesian average) first."""
    return render("reviews/products.html", products=q.products_ranked(db.session))


@bp.get("/p/<slug>")
@anonymous_cache
def product(slug: str):
    """A product with its rating summary and reviews."""
    product = _product(slug)
    sort = request.args.get("sort", "helpful")
    page = q.product_reviews(
        db.session, product, sort=sort, cursor=request.args.get("cursor") or None, viewer=current_user
    )
    block = "review_rows" if request.args.get("cursor") else "review_list"
    held = page.my_review is not None and page.my_review.moderation_state not in VISIBLE_STATES
    return render(
        PRODUCT_TEMPLATE,
        block=block,
        product=product,
        page=page,
        sort=sort,
        sorts=q.REVIEW_SORT_LABELS,
        items=[] if block == "review_rows" else q.gallery(db.session, product=product, limit=8),
        my_case=case_for(db.session, "review", page.my_review.id) if held else None,
        review_mix=None
        if block == "review_rows"
        else sentiment_mix(db.session, Review, Review.product_id == product.id),
        rewarded=hooks.rewarded(db.session, "review", [r.id for r in page.reviews]),
    )


@bp.route("/p/<slug>/review", methods=["GET", "POST"])
@login_required
def write_review(slug: str):
    """Write a review, or change the one already written."""
    product = _product(slug)
    mine = db.session.scalar(
        select(Review).where(
            Review.product_id == product.id,
            Review.author_id == current_user.id,
            Review.moderation_state != State.REMOVED.value,  # removed: a new review is written in its place
        )
    )
    form = ReviewForm(obj=mine if request.method == "GET" else None)
    if request.method == "GET" and mine:
        form.rating.data = str(mine.rating)
    if form.validate_on_submit():
        fields = {k: getattr(form, k).data or "" for k in ("rating", "title", "body", "pros", "cons")}
        try:
            if mine:
                saved = services.do_edit_review(db.session, actor=current_user, review=mine, **fields)
            else:
                saved = services.do_write_review(db.session, actor=current_user, product=product, **fields)
        except DomainError as exc:
            show_on_form(form, exc, "title")
        else:
            db.session.commit()
            if saved.moderation_state not in VISIBLE_STATES:
                flash("Thank you! Your review will appear once a moderator has looked at it.", "success")
            else:
                flash("Your review is updated." if mine else "Thanks! Your review is published.", "success")
            return redirect(url_for("reviews.product", slug=product.slug, sort="new"))
    return render(
        "reviews/review_form.html", product=product, form=form, mine=mine
    ), 422 if form.errors else 200


@bp.post("/reviews/<int:review_id>/helpful")
@login_required
def helpful(review_id: int):
    """Answer "was this review helpful?" (htmx swaps the answer box)."""
    review = db.session.get(Review, review_id)
    if review is None or not can_see(review, current_user):
        abort(404, "No such review.")
    answer = request.form.get("helpful")
    if answer not in ("yes", "no"):
        raise InvalidInput("Answer yes or no.")
    services.do_helpful_vote(db.session, actor=current_user, review=review, helpful=answer == "yes")
    db.session.commit()
    if is_htmx():
        return render("reviews/_helpful.html", review=review, answer=answer == "yes")
    return redirect(url_for("reviews.product", slug=review.product.slug) + f"#review-{review.id}")


@bp.route("/manage/products", methods=["GET", "POST"])
@login_required
def manage_products():
    """Add products and import orders (product team and admins)."""
    check_product_manager(current_user)
    form, orders_form = ProductForm(prefix="product"), OrdersForm(prefix="orders")
    boards = db.session.scalars(select(Board).order_by(Board.name)).all()
    form.board_id.choices = [SelectChoice("", "No board")] + [SelectChoice(str(b.id), b.name) for b in boards]
    if form.validate_on_submit():
        try:
            created = services.do_create_product(
                db.session,
                actor=current_user,
                name=form.name.data,
                description=form.description.data or "",
                board_id=int(form.board_id.data) if (form.board_id.data or "").isdigit() else None,
                image_data=form.image.data.read(MAX_BYTES + 1) if form.image.data else None,
                uploads=uploads_dir(),
                moderation=form.moderation.data or "post",
            )
        except DomainError as exc:
            show_on_form(form, exc, "name")
        else:
            db.session.commit()
            flash(f"“{created.name}” added.", "success")
            return redirect(url_for("reviews.product", slug=created.slug))
    status = 422 if form.errors else 200
    return render(
        "reviews/manage.html", form=form, orders_form=orders_form, products=q.products_ranked(db.session)
    ), status


@bp.get("/media/<name>")
def media(name: str):
    """An uploaded image, as the type we re-encoded it to; never interpreted as anything else."""
    found = stored_path(name, uploads_dir())
    if found is None:
        abort(404, "No such image.")
    path, content_type = found
    response = send_file(path, mimetype=content_type, max_age=31_536_000, conditional=True)
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Content-Disposition"] = "inline"
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@bp.post("/manage/orders")
@login_required
def import_orders():
    """Upload order records so that matching reviews show "Verified purchase"."""
    check_product_manager(current_user)
    orders_form = OrdersForm(prefix="orders")
    if not orders_form.validate_on_submit():
        raise InvalidInput("; ".join(e for errors in orders_form.errors.values() for e in errors))
    raw = orders_form.orders.data.read(CSV_MAX_BYTES + 1)
    if len(raw) > CSV_MAX_BYTES:
        abort(413, "Order files are at most 1.5 MB; split larger ones or use `flask reviews import-orders`.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(
            "The file is not UTF-8 text. Export it from your spreadsheet as CSV (UTF-8)."
        ) from None
    result = services.do_import_orders(db.session, actor=current_user, text=text)
    db.session.commit()
    flash(
        f"Imported {result.added} orders ({result.duplicates} already known); "
        f"{result.reviews_verified} reviews are now verified purchases.",
        "success",
    )
    for error in result.errors:
        flash(error, "error")
    return redirect(url_for("reviews.manage_products"))


@bp.post("/reviews/<int:review_id>/delete")
@login_required
def delete_review(review_id: int):
    """The author deletes their review: out of the product's rating, its points taken back."""
    review = db.session.get(Review, review_id) or abort(404, "No such review.")
    product = review.product
    services.do_remove_review(db.session, actor=current_user, review=review)
    db.session.commit()
    flash("Your review is deleted.", "success")
    return redirect(url_for("reviews.product", slug=product.slug))


allow_large_bodies(bp, frozenset({"reviews.manage_products"}), "IMAGE_MAX_UPLOAD")  # a product's image
