"""Beta program actions (check_* validates, do_* changes state and emits events). No Flask here."""

from cocreate.beta.access import can_manage, check_manager
from cocreate.beta.services.feedback import do_decide_feedback, do_submit_feedback
from cocreate.beta.services.invitations import do_invite, invite_voters
from cocreate.beta.services.programs import (
    do_create_program,
    do_set_state,
    do_update_program,
    parse_consents,
    parse_questions,
)
from cocreate.beta.services.seats import (
    do_accept_terms,
    do_decide_signup,
    do_remove,
    do_sign_up,
    do_withdraw,
    signup_of,
    waitlist,
    waitlist_position,
)

__all__ = [
    "can_manage",
    "check_manager",
    "do_accept_terms",
    "do_create_program",
    "do_decide_feedback",
    "do_decide_signup",
    "do_invite",
    "do_remove",
    "do_set_state",
    "do_sign_up",
    "do_submit_feedback",
    "do_update_program",
    "do_withdraw",
    "invite_voters",
    "parse_consents",
    "parse_questions",
    "signup_of",
    "waitlist",
    "waitlist_position",
]
