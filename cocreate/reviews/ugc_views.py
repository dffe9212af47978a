"""Campaign pages and galleries, sharing stories and photos, and editing them after moderation."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from cocreate.db import utcnow
from cocreate.errors import DomainError
from cocreate.extensions import db
from cocreate.media import MAX_BYTES, uploads_dir
from cocreate.moderation.access import can_see, is_moderator
from cocreate.moderation.models import FLAG_REASONS, VISIBLE_STATES
from cocreate.moderation.queries import case_for
from cocreate.reviews import bp, hooks, services
from cocreate.reviews import queries as q
from cocreate.reviews.forms import CampaignForm, UGCForm
from cocreate.reviews.services.products import check_product_manager
from cocreate.reviews.services.ugc import PHOTOS_MAX
from cocreate.web.anonymous_cache import anonymous_cache
from cocreate.web.forms import show_on_form
from cocreate.web.rendering import render
from cocreate.web.routing import allow_large_bodies


@bp.get("/campaigns")
@anonymous_cache
def campaigns():
    """Running, upcoming and past campaigns."""
    return render("reviews/campaigns.html", campaigns=q.campaigns(db.session), today=utcnow().date())


@bp.get("/campaigns/<slug>")
@anonymous_cache
def campaign(slug: str):
    """A campaign's brief and its gallery of approved items, featured first."""
    found = q.campaign_by_slug(db.session, slug) or abort(404, "No such campaign.")
    return render(
        "reviews/campaign.html",
        campaign=found,
        items=q.gallery(db.session, campaign=found, limit=60),
        today=utcnow().date(),
    )


def _submitted(form: UGCForm) -> dict | None:
    """The share form's fields for the UGC services, or None while it is not (validly) submitted. A body over
    the upload limit never gets here: Werkzeug answers 413 while the CSRF check reads it."""
    if not form.validate_on_submit():
        return None
    files = [f for f in (form.photos.data or []) if f and f.filename]
    if len(files) > PHOTOS_MAX:
        form.photos.errors.append(f"Add at most {PHOTOS_MAX} photos.")
        return None
    return {
        "title": form.title.data,
        "story": form.story.data or "",
        "video_url": form.video_url.data,
        "photos": [f.read(MAX_BYTES + 1) for f in files],
        "uploads": uploads_dir(),
    }


allow_large_bodies(bp, frozenset({"reviews.share", "reviews.edit_ugc"}), "UGC_MAX_UPLOAD")  # several photos


@bp.route("/share", methods=["GET", "POST"])
@login_required
def share():
    """Share a story, photos or a video about a product (?product=) or for a campaign (?campaign=)."""
    product = (
        q.product_by_slug(db.session, request.args.get("product", ""))
        if request.args.get("product")
        else None
    )
    campaign = (
        q.campaign_by_slug(db.session, request.args.get("campaign", ""))
        if request.args.get("campaign")
        else None
    )
    if product is None and campaign is None:
        abort(404, "Choose a product or a campaign to share about.")
    form = UGCForm()
    fields = _submitted(form)
    if fields is not None:
        try:
            item = services.do_submit_ugc(
                db.session, actor=current_user, product=product, campaign=campaign, **fields
            )
        except DomainError as exc:
            show_on_form(form, exc, "title")
        else:
            db.session.commit()
            if item.moderation_state in VISIBLE_STATES:
                flash("Thank you for sharing! It is published.", "success")
            else:
                flash(
                    "Thank you for sharing! A moderator will look at it soon; you will see it here.",
                    "success",
                )
            return redirect(url_for("reviews.ugc_item", item_id=item.id))
    return render(
        "reviews/ugc_form.html",
        form=form,
        product=product,
        campaign=campaign,
        item=None,
        today=utcnow().date(),
    ), 422 if form.errors else 200


def _item(item_id: int):
    item = q.ugc_for_page(db.session, item_id)
    if item is None or not can_see(item, current_user):
        abort(404, "No such story.")
    return item


@bp.get("/ugc/<int:item_id>")
def ugc_item(item_id: int):
    """One story with its photos and video link; its author and moderators also see it while held."""
    item = _item(item_id)
    held = item.moderation_state not in VISIBLE_STATES
    return render(
        "reviews/ugc_item.html",
        item=item,
        case=case_for(db.session, "ugc", item.id) if held or is_moderator(current_user) else None,
        flag_reasons=FLAG_REASONS,
        rewarded=bool(hooks.rewarded(db.session, "ugc", [item.id])),
    )


@bp.route("/ugc/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def edit_ugc(item_id: int):
    """The author fixes what they shared; a returned item goes back to the moderators."""
    item = _item(item_id)
    if item.author_id != current_user.id:
        abort(403, "You can only edit what you shared.")
    form = UGCForm(obj=item if request.method == "GET" else None)
    fields = _submitted(form)
    if fields is not None:
        try:
            services.do_edit_ugc(db.session, actor=current_user, item=item, **fields)
        except DomainError as exc:
            show_on_form(form, exc, "title")
        else:
            db.session.commit()
            flash("Saved. It goes back to the moderators if it was returned.", "success")
            return redirect(url_for("reviews.ugc_item", item_id=item.id))
    case = case_for(db.session, "ugc", item.id)
    return render(
        "reviews/ugc_form.html",
        form=form,
        product=item.product,
        campaign=item.campaign,
        item=item,
        case=case,
        today=utcnow().date(),
    ), 422 if form.errors else 200


@bp.route("/manage/campaigns", methods=["GET", "POST"])
@login_required
def manage_campaigns():
    """Start a campaign (product team and admins)."""
    check_product_manager(current_user)
    form = CampaignForm()
    products = q.products_ranked(db.session)
    form.product_id.choices = [SelectChoice("", "No product")] + [
        SelectChoice(str(p.id), p.name) for p in products
    ]
    if form.validate_on_submit():
        product = next((p for p in products if str(p.id) == form.product_id.data), None)
        try:
            created = services.do_create_campaign(
                db.session,
                actor=current_user,
                title=form.title.data,
                brief=form.brief.data,
                starts_on=form.starts_on.data,
                ends_on=form.ends_on.data,
                product=product,
            )
        except DomainError as exc:
            show_on_form(form, exc, "title")
        else:
            db.session.commit()
            flash(f"Campaign “{created.title}” created.", "success")
            return redirect(url_for("reviews.campaign", slug=created.slug))
    return render(
        "reviews/manage_campaigns.html", form=form, campaigns=q.campaigns(db.session), today=utcnow().date()
    ), 422 if form.errors else 200


@bp.post("/ugc/<int:item_id>/delete")
@login_required
def delete_ugc(item_id: int):
    """The author deletes their story: out of galleries and search, photos deleted, points taken back."""
    item = _item(item_id)
    where = (
        url_for("reviews.campaign", slug=item.campaign.slug)
        if item.campaign
        else url_for("reviews.product", slug=item.product.slug)
    )
    services.do_remove_ugc(db.session, actor=current_user, item=item, uploads=uploads_dir())
    db.session.commit()
    flash("Your story is deleted.", "success")
    return redirect(where)
