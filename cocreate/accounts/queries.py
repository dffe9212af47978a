"""Reads about people: the admins' list of everyone, searched, filtered and paged."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from cocreate.accounts.models import Role, User

PEOPLE_PAGE = 50
MAX_PAGE = 10_000


@dataclass
class PeoplePage:
    people: list[User]
    total: int
    page: int
    pages: int


def people_page(session: Session, *, search: str = "", role: str | None = None, page: int = 1) -> PeoplePage:
    """People whose name, username or e-mail holds `search` (any case), of one role or all, staff first
    then by name; a page at a time with how many there are."""
    conditions = []
    words = " ".join(search.split())[:100]
    if words:
        lowered = words.lower()
        conditions.append(
            or_(
                *(
                    func.lower(column).contains(lowered, autoescape=True)  # % and _ are plain characters
                    for column in (User.display_name, User.username, User.email)
                )
            )
        )
    if role in {r.value for r in Role}:
        conditions.append(User.role == role)
    total = session.scalar(select(func.count(User.id)).where(*conditions))
    pages = max(1, -(-total // PEOPLE_PAGE))
    page = max(1, min(page, pages, MAX_PAGE))
    staff_first = case((User.role == Role.ADMIN.value, 0), (User.role == Role.MEMBER.value, 2), else_=1)
    people = list(
        session.scalars(
            select(User)
            .where(*conditions)
            .order_by(staff_first, func.lower(User.display_name), User.id)
            .offset((page - 1) * PEOPLE_PAGE)
            .limit(PEOPLE_PAGE)
        )
    )
    return PeoplePage(people, total, page, pages)
