"""Idea board actions (check_* validates, do_* changes state and emits events). No Flask here."""

from cocreate.ideas.services.boards import do_create_board, do_update_board
from cocreate.ideas.services.comments import do_add_comment, do_edit_comment
from cocreate.ideas.services.ideas import do_create_idea, do_edit_idea
from cocreate.ideas.services.removal import do_remove_comment, do_remove_idea
from cocreate.ideas.services.statuses import do_change_status
from cocreate.ideas.services.votes import do_change_importance, do_vote, do_withdraw_vote

__all__ = [
    "do_add_comment",
    "do_change_importance",
    "do_change_status",
    "do_create_board",
    "do_create_idea",
    "do_edit_comment",
    "do_edit_idea",
    "do_remove_comment",
    "do_remove_idea",
    "do_update_board",
    "do_vote",
    "do_withdraw_vote",
]
