"""Demo surveys, a kiosk and a little staff capture, so that the KPI dashboard has something to show: NPS
after reviews, CSAT and CES at a kiosk, with answers over the last eighteen months that slowly improve."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.db import utcnow
from cocreate.ideas.models import Board, Idea
from cocreate.insights import surveys
from cocreate.insights.kiosks import do_create_kiosk
from cocreate.insights.models import SurveyResponse
from cocreate.reviews.models import Product

ANSWERS = 600
DAYS = 540


def generate_surveys(session: Session, seed: int = 42) -> int:
    """Returns how many answers were made (0 when the demo lacks its team account or boards)."""
    rng = random.Random(seed)
    team = session.scalar(select(User).where(User.email == "product@demo.cocreate"))
    board = session.scalar(select(Board).where(Board.is_private.is_(False)).order_by(Board.id))
    members = list(session.scalars(select(User.id).where(User.role == "member").order_by(User.id).limit(400)))
    if team is None or board is None or not members:
        return 0
    kiosk, _ = do_create_kiosk(session, actor=team, name="Berlin Mitte store", board=board)
    nps = surveys.do_create_survey(session, actor=team, kind="nps", moment="review")
    csat = surveys.do_create_survey(session, actor=team, kind="csat", moment="kiosk")
    ces = surveys.do_create_survey(
        session,
        actor=team,
        kind="ces",
        moment="kiosk",
        question="How easy was it to find what you needed today?",
    )
    surveys.do_create_survey(session, actor=team, kind="csat", moment="shipped")
    now = utcnow()
    rows = []
    for _ in range(ANSWERS):
        age = rng.random() * DAYS
        lift = (DAYS - age) / DAYS  # newer answers are a little happier
        survey = rng.choices([nps, csat, ces], weights=[5, 3, 2])[0]
        low, high = survey.survey_kind.scale
        score = min(
            high, max(low, round(rng.gauss(low + (high - low) * (0.55 + 0.25 * lift), (high - low) / 5)))
        )
        at_kiosk = survey is not nps
        rows.append(
            {
                "survey_id": survey.id,
                "user_id": None if at_kiosk else rng.choice(members),
                "kiosk_id": kiosk.id if at_kiosk else None,
                "subject": "",
                "score": score,
                "comment": "",
                "channel": "kiosk" if at_kiosk else rng.choices(["web", "api"], weights=[4, 1])[0],
                "via": kiosk.name if at_kiosk else "",
                "created_at": now - timedelta(days=age),
            }
        )
    session.execute(insert(SurveyResponse), rows)
    # The demo member has a question waiting about a product, as after a purchase.
    mia = session.scalar(select(User).where(User.email == "member@demo.cocreate"))
    product = session.scalar(select(Product).order_by(Product.id))
    if mia is not None and product is not None:
        surveys.invite(session, nps, [mia.id], f"product:{product.id}", product.name)
    # A few ideas a store employee wrote down for customers.
    session.execute(
        update(Idea)
        .where(Idea.id % 40 == 0, Idea.channel == "web")
        .values(channel="staff", recorded_by_id=team.id, via=team.display_name)
    )
    # Where the other channels came in: the ideas mailbox, the store, the mobile app.
    for channel, via in (("email", "ideas@demo.cocreate"), ("kiosk", kiosk.name), ("api", "CoCreate iOS")):
        session.execute(update(Idea).where(Idea.channel == channel, Idea.via == "").values(via=via))
    return len(rows)
