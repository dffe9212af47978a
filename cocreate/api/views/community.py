"""Surveys the caller was asked (and answering them), and stories with photos about products."""

from __future__ import annotations

from flask import request, url_for
from flask_login import current_user

from cocreate.api import bp
from cocreate.api.gate import origin
from cocreate.api.inputs import Field, json_object, limit_arg, text_arg
from cocreate.api.problems import ApiError
from cocreate.api.views.catalog import product_or_404
from cocreate.api.views.shapes import link, when
from cocreate.errors import NotFound
from cocreate.extensions import db
from cocreate.ideas.access import check_member
from cocreate.insights import surveys
from cocreate.insights.models import SurveyInvitation, SurveyResponse
from cocreate.media import MAX_BYTES, uploads_dir
from cocreate.moderation.access import can_see
from cocreate.reviews import queries as q
from cocreate.reviews.models import UGCItem
from cocreate.reviews.services.ugc import PHOTOS_MAX, do_submit_ugc
from cocreate.storable import storable
from cocreate.web.pagination import decode_cursor, encode_cursor
from cocreate.web.routing import allow_large_bodies

STORY_FIELDS = ("title", "story", "video_url")
MAX_OFFSET = 100_000


allow_large_bodies(bp, frozenset({"api.share_story"}), "UGC_MAX_UPLOAD")  # photos, as the web's share form


def _invitation(inv: SurveyInvitation) -> dict:
    kind = inv.survey.survey_kind
    low, high = kind.scale
    low_label, high_label = surveys.anchors(inv.survey)
    return {
        "id": inv.id,
        "kind": kind.value,
        "question": inv.survey.question,
        "about": inv.subject_title or "",
        "scale": {
            "min": low,
            "max": high,
            "low_label": low_label,
            "high_label": high_label,
        },
        "asked_at": when(inv.created_at),
    }


@bp.get("/surveys")
def my_surveys():
    """The questions you were asked and have not answered yet, newest first."""
    user = check_member(current_user, "see your questions")
    return {"items": [_invitation(inv) for inv in surveys.pending(db.session, user, limit=limit_arg(50))]}


ANSWER_FIELDS = {"score": Field(int, required=True), "comment": Field(str, max_length=surveys.COMMENT_MAX)}


@bp.post("/surveys/<int:invitation_id>/answer")
def answer_survey(invitation_id: int):
    """Answer one question, once; it is stamped with the API channel and earns the survey points."""
    user = check_member(current_user, "answer a question")
    invitation = surveys.invitation_for(db.session, user, invitation_id)
    data = json_object(ANSWER_FIELDS)
    response = surveys.do_answer(
        db.session,
        actor=user,
        invitation=invitation,
        score=data["score"],
        comment=data.get("comment", ""),
        origin=origin(),
    )
    db.session.commit()
    response = db.session.get(SurveyResponse, response.id)
    return {
        "invitation_id": invitation_id,
        "kind": invitation.survey.kind,
        "score": response.score,
        "comment": response.comment,
        "channel": response.channel,
        "via": response.via,
        "answered_at": when(response.created_at),
    }, 201


def story_shape(item: UGCItem) -> dict:
    return {
        "id": item.id,
        "product": item.product.slug if item.product else None,
        "campaign": item.campaign.slug if item.campaign else None,
        "title": item.title,
        "story": item.story,
        "story_html": item.story_html,
        "video_url": item.video_url,
        "photos": [
            {"url": link(url_for("reviews.media", name=p.name)), "width": p.width, "height": p.height}
            for p in item.photos
        ],
        "moderation_state": item.moderation_state,
        "featured": item.moderation_state == "featured",
        "sentiment": item.sentiment,
        "channel": item.channel,
        "via": item.via,
        "author": {"username": item.author.username, "display_name": item.author.display_name},
        "created_at": when(item.created_at),
        "url": link(f"/ugc/{item.id}"),
    }


@bp.get("/products/<slug>/stories")
def list_stories(slug: str):
    """A product's published stories and photos, featured first, newest next."""
    product = product_or_404(slug)
    cursor = text_arg("cursor", 400)
    offset = decode_cursor(cursor, int)[0] if cursor else 0
    if not 0 <= offset <= MAX_OFFSET:
        raise ApiError(400, "That page link is not valid any more; start from the first page.")
    limit = limit_arg()
    items = q.gallery(db.session, product=product, limit=limit + 1, offset=offset)
    nxt = encode_cursor(offset + limit, 0) if len(items) > limit else None
    return {"items": [story_shape(item) for item in items[:limit]], "next_cursor": nxt}


def _name(field) -> str:
    """A field name fit to echo back (multipart names can be missing or hold anything)."""
    return field[:60] if isinstance(field, str) and storable(field) else "(unnamed)"


def _story_form() -> dict:
    """The multipart form of a new story: known text fields once each, up to PHOTOS_MAX photos."""
    if request.mimetype != "multipart/form-data":
        raise ApiError(415, "Send the story as multipart/form-data (fields title, story, video_url, photos).")
    unknown = [k for k in request.form if k not in STORY_FIELDS] + [k for k in request.files if k != "photos"]
    errors = [{"field": _name(k), "message": "Unknown field."} for k in unknown[:10]]
    values: dict = {}
    for name in STORY_FIELDS:
        given = request.form.getlist(name)
        if len(given) > 1:
            errors.append({"field": name, "message": "Send this field once."})
        elif given and not storable(given[0]):
            errors.append({"field": name, "message": "Contains a NUL character or invalid Unicode."})
        elif given:
            values[name] = given[0]
    if "title" not in values and not any(e["field"] == "title" for e in errors):
        errors.append({"field": "title", "message": "This field is required."})
    files = [f for f in request.files.getlist("photos") if f]
    if len(files) > PHOTOS_MAX:
        errors.append({"field": "photos", "message": f"Add at most {PHOTOS_MAX} photos."})
    if errors:
        raise ApiError(
            422, errors[0]["message"] if len(errors) == 1 else "Some fields are not valid.", errors
        )
    values["photos"] = [f.read(MAX_BYTES + 1) for f in files]
    return values


@bp.post("/products/<slug>/stories")
def share_story(slug: str):
    """Share a story, photos (JPEG, PNG or WebP) or a video link about a product; a moderator publishes it."""
    product = product_or_404(slug)
    user = check_member(current_user, "share a story or photos")
    fields = _story_form()
    item = do_submit_ugc(
        db.session,
        actor=user,
        product=product,
        title=fields["title"],
        story=fields.get("story", ""),
        video_url=fields.get("video_url") or None,
        photos=fields["photos"],
        uploads=uploads_dir(),
        origin=origin(),
    )
    db.session.commit()
    item = q.ugc_for_page(db.session, item.id)
    return story_shape(item), 201, {"Location": url_for("api.get_story", item_id=item.id)}


@bp.get("/stories/<int:item_id>")
def get_story(item_id: int):
    """One story; while it waits for a moderator only its author (and moderators) can read it."""
    item = q.ugc_for_page(db.session, item_id) if item_id else None
    if item is None or not can_see(item, current_user):
        raise NotFound("No such story.")
    return story_shape(item)
