"""Who may see and do what on boards and ideas. Services call these; templates only mirror them."""

from __future__ import annotations

from datetime import datetime, timedelta

from cocreate.accounts.models import User
from cocreate.errors import NotAllowed, NotFound
from cocreate.ideas.models import Board, Comment, Idea
from cocreate.moderation.access import can_see, can_view_private


def can_view_board(board: Board, user: User | None) -> bool:
    """Public boards: everyone. Private boards: admins and the chosen roles."""
    return not board.is_private or can_view_private(board.allowed_role_set, user)


def check_view_board(board: Board | None, user: User | None) -> Board:
    """The board, or NotFound: a private board does not reveal that it exists."""
    if board is None or not can_view_board(board, user):
        raise NotFound("No such board.")
    return board


def check_view_idea(idea: Idea | None, user: User | None) -> Idea:
    """The idea, or NotFound when it is missing, on a board this person cannot see, or held by moderation
    (its author and moderators still see it)."""
    if idea is None or not can_see(idea, user):  # can_see asks whether the board may be seen too
        raise NotFound("No such idea.")
    return idea


def check_member(user: User | None, action: str) -> User:
    """A signed-in person, or NotAllowed."""
    if user is None or not user.is_authenticated:
        raise NotAllowed(f"Sign in to {action}.")
    return user


def can_edit_idea(idea: Idea, user: User | None, *, now: datetime, window: timedelta) -> bool:
    """Moderators always; the author within the edit window, or any time to fix a returned idea."""
    if user is None or not user.is_authenticated or idea.moderation_state == "removed":
        return False
    if user.is_moderator:
        return True
    if user.id != idea.author_id:
        return False
    return now - idea.created_at <= window or idea.moderation_state == "rejected"


def can_edit_comment(comment: Comment, user: User | None, *, now: datetime, window: timedelta) -> bool:
    """The author, within the edit window, or any time to fix a comment moderators returned."""
    if user is None or not user.is_authenticated or user.id != comment.author_id:
        return False
    if comment.moderation_state == "removed":
        return False
    return now - comment.created_at <= window or comment.moderation_state == "rejected"


def can_change_status(user: User | None) -> bool:
    """Product people, moderators and admins move ideas through statuses."""
    return bool(user and user.is_authenticated and user.is_staff)


def is_team(user: User | None) -> bool:
    """Product people and admins: the ranking, its weights, the backlog, KPIs, surveys, kiosks, sentiment.
    Moderators curate what is published; they do not weigh the product team's priorities."""
    return bool(user and user.is_authenticated and user.is_team)


def check_team(user: User | None, what: str = "see and tune the ranking") -> User:
    """A product person or an admin, or NotAllowed."""
    if not is_team(user):
        raise NotAllowed(f"Only the product team and admins {what}.")
    return user


def check_admin(user: User | None) -> User:
    """An administrator, or NotAllowed."""
    if user is None or not user.is_authenticated or not user.is_admin:
        raise NotAllowed("Only administrators can do this.")
    return user
