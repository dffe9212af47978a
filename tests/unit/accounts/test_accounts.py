"""Registration rules, password hashing, authentication, session versions and roles."""

import pytest

from cocreate.accounts.models import Role
from cocreate.accounts.services import authenticate, do_register, do_set_role, do_sign_out_everywhere
from cocreate.errors import Conflict, InvalidInput, NotAllowed
from tests.factories import UserFactory

GOOD = {"email": "Ada@Example.com", "username": "ada_l", "password": "a long enough password"}


def test_register_normalises_email_and_hashes_with_scrypt(session):
    user = do_register(session, **GOOD)
    assert user.email == "ada@example.com"
    assert user.password_hash.startswith("scrypt:")
    assert GOOD["password"] not in user.password_hash
    assert user.role == "member"
    assert authenticate(session, email="ADA@example.com ", password=GOOD["password"]) == user
    assert authenticate(session, email="ada@example.com", password="wrong password!") is None
    assert authenticate(session, email="nobody@example.com", password="whatever it is") is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"email": ""}, "email"),
        ({"username": "a"}, "username"),
        ({"username": "has space"}, "username"),
        ({"username": "x" * 31}, "username"),
        ({"password": "short"}, "password"),
        ({"password": "p" * 201}, "password"),
        ({"display_name": "d" * 81}, "display_name"),
    ],
)
def test_bad_registration_input(session, changes, field):
    with pytest.raises(InvalidInput) as info:
        do_register(session, **{**GOOD, **changes})
    assert info.value.field == field


def test_duplicate_email_or_username_is_a_conflict(session):
    do_register(session, **GOOD)
    with pytest.raises(Conflict):
        do_register(session, **{**GOOD, "username": "other_name"})
    with pytest.raises(Conflict):
        do_register(session, **{**GOOD, "email": "other@example.com", "username": "ADA_L"})


def test_sign_out_everywhere_changes_the_login_token(session):
    user = UserFactory()
    token = user.get_id()
    do_sign_out_everywhere(session, user)
    assert user.get_id() != token


def test_only_admins_change_roles(session):
    member, admin = UserFactory(), UserFactory(role="admin")
    with pytest.raises(NotAllowed):
        do_set_role(session, actor=member, user=member, role=Role.ADMIN)
    do_set_role(session, actor=admin, user=member, role=Role.PRODUCT)
    assert member.role == "product"
