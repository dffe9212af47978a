"""A moderator returned someone's contribution: they hear it at once, with the reason and where to fix it
(the reason showed only on the contribution's own page before)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from cocreate.events import ContentRejected, subscribe
from cocreate.notifications.services import notify

WHAT = {"idea": "idea", "comment": "comment", "review": "review", "ugc": "story"}


def _title_and_fix_url(kind: str, obj) -> tuple[str, str]:
    if kind == "idea":
        return obj.title, f"/i/{obj.id}/edit"
    if kind == "comment":
        words = " ".join(obj.body.split())
        return (words[:60] + "…") if len(words) > 60 else words, f"/comments/{obj.id}/edit"
    if kind == "review":
        return obj.title, f"/p/{obj.product.slug}/review"
    return obj.title, f"/ugc/{obj.id}/edit"


@subscribe(ContentRejected)
def on_returned(session: Session, event: ContentRejected) -> None:
    from cocreate.moderation.kinds import kinds
    from cocreate.moderation.models import REJECT_REASONS
    from cocreate.moderation.queries import case_for

    obj = kinds()[event.kind].load(session, event.object_id)
    if obj is None:
        return
    title, url = _title_and_fix_url(event.kind, obj)
    case = case_for(session, event.kind, event.object_id)
    reason = REJECT_REASONS.get(event.reason, "")
    note = f" “{case.reject_note}”" if case is not None and case.reject_note else ""
    message = (
        f"A moderator returned your {WHAT[event.kind]} “{title}”: {reason}.{note} "
        "Change it and it goes back to the moderators."
    )
    notify(session, event.author_id, "content.returned", message, url)
