"""Staff capture: a team member records feedback a customer gave them (in the shop, on the phone) on the
customer's behalf. The idea or vote belongs to the customer, who earns its points and hears about its
progress; the staff member is kept as `recorded_by` and the channel is `staff`."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from cocreate.accounts.customers import find_or_add_customer
from cocreate.accounts.models import User
from cocreate.channels import Channel, Origin
from cocreate.errors import InvalidInput, NotAllowed
from cocreate.ideas.access import can_change_status, can_view_board, check_view_board, check_view_idea
from cocreate.ideas.models import Board, Idea, Importance, Vote
from cocreate.ideas.services.ideas import check_idea_text, do_create_idea
from cocreate.ideas.services.votes import do_vote
from cocreate.notifications.services import notify


def check_staff(actor: User | None) -> User:
    """The product team, moderators and admins record feedback for customers."""
    if not can_change_status(actor):
        raise NotAllowed("Only the product team, moderators and admins record feedback for customers.")
    return actor


def _customer(session: Session, staff: User, email: str, name: str, board: Board) -> User:
    customer, _ = find_or_add_customer(session, email=email, display_name=name)
    if customer.id == staff.id:
        raise InvalidInput("Record your own feedback as yourself, not on your own behalf.", field="email")
    if not can_view_board(board, customer):
        raise InvalidInput(
            "This customer cannot see this private board: record their feedback on a board they can see.",
            field="email",
        )
    return customer


def do_capture_idea(
    session: Session,
    *,
    actor: User | None,
    board: Board,
    customer_email: str,
    customer_name: str = "",
    title: str,
    body: str = "",
    tag_slugs: Sequence[str] = (),
) -> Idea:
    """Propose an idea for a customer; it is theirs, recorded by the staff member."""
    staff = check_staff(actor)
    check_view_board(board, staff)
    check_idea_text(title, body)  # the text's errors first: they are what the staff member is typing
    customer = _customer(session, staff, customer_email, customer_name, board)
    idea = do_create_idea(
        session,
        actor=customer,
        board=board,
        title=title,
        body=body,
        tag_slugs=tag_slugs,
        origin=Origin(Channel.STAFF, via=staff.display_name, recorded_by=staff.id),
    )
    notify(
        session,
        customer.id,
        "idea.captured",
        f"{staff.display_name} recorded your idea “{idea.title}”. Follow it and see who supports it here.",
        f"/i/{idea.id}",
    )
    return idea


def do_capture_vote(
    session: Session,
    *,
    actor: User | None,
    idea: Idea,
    customer_email: str,
    customer_name: str = "",
    importance: str = Importance.NICE.value,
) -> Vote:
    """Add a customer's support to an idea, as they told a staff member."""
    staff = check_staff(actor)
    check_view_idea(idea, staff)
    customer = _customer(session, staff, customer_email, customer_name, idea.board)
    vote = do_vote(
        session,
        actor=customer,
        idea=idea,
        importance=importance,
        origin=Origin(Channel.STAFF, via=staff.display_name, recorded_by=staff.id),
    )
    notify(
        session,
        customer.id,
        "vote.captured",
        f"{staff.display_name} added your support to “{idea.title}”. You will hear when it moves.",
        f"/i/{idea.id}",
    )
    return vote
