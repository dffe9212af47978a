"""Importing order records (CSV: email, product, order_date) so that reviews can say "Verified purchase"."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from cocreate.accounts.models import User
from cocreate.accounts.services import EMAIL_RE
from cocreate.errors import InvalidInput
from cocreate.reviews.models import OrderRecord, Product, Review
from cocreate.reviews.services.products import check_product_manager
from cocreate.storable import storable

MAX_ROWS = 100_000
COLUMNS = ("email", "product", "order_date")


@dataclass
class OrderImport:
    added: int = 0
    duplicates: int = 0
    reviews_verified: int = 0
    errors: list[str] = field(default_factory=list)  # "line 7: …", at most 50


def do_import_orders(session: Session, *, actor: User | None, text: str) -> OrderImport:
    """Import orders on behalf of a product person or admin (the web upload)."""
    check_product_manager(actor)
    return import_orders(session, text)


def import_orders(session: Session, text: str) -> OrderImport:
    """Add the valid rows, skip rows already imported, report the rest by line; mark matching reviews.

    Trusted callers only (the CLI runs with shell access); the web goes through do_import_orders."""
    if not storable(text):
        raise InvalidInput("The file holds NUL characters or invalid Unicode: it is not a CSV text file.")
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or [c.strip().lower() for c in reader.fieldnames][:3] != list(COLUMNS):
        raise InvalidInput("The first line must be the header: email,product,order_date")
    products = {p.slug: p.id for p in session.scalars(select(Product))}
    result = OrderImport()
    seen: set[tuple[str, int, date]] = set()
    rows = []
    for line, row in enumerate(reader, start=2):
        if line - 1 > MAX_ROWS:
            raise InvalidInput(f"At most {MAX_ROWS:,} rows per import; split the file.")
        email = (row.get("email") or "").strip().lower()
        slug = (row.get("product") or "").strip().lower()
        try:
            ordered = date.fromisoformat((row.get("order_date") or "").strip())
        except ValueError:
            ordered = None
        problem = (
            "not an e-mail address"
            if not EMAIL_RE.match(email)
            else f"unknown product “{slug}”"
            if slug not in products
            else "order_date must be YYYY-MM-DD"
            if ordered is None
            else None
        )
        if problem:
            if len(result.errors) < 50:
                result.errors.append(f"line {line}: {problem}")
            continue
        key = (email, products[slug], ordered)
        if key not in seen:
            seen.add(key)
            rows.append(key)
    emails = sorted({r[0] for r in rows})
    existing: set[tuple] = set()
    for chunk in _chunks(emails):
        existing.update(
            session.execute(
                select(OrderRecord.email, OrderRecord.product_id, OrderRecord.order_date).where(
                    OrderRecord.email.in_(chunk)
                )
            ).all()
        )
    new = [r for r in rows if r not in existing]
    result.duplicates = len(rows) - len(new)
    for chunk in _chunks(new):
        session.execute(
            insert(OrderRecord), [{"email": e, "product_id": p, "order_date": d} for e, p, d in chunk]
        )
    result.added = len(new)
    emails_by_product: dict[int, set[str]] = {}
    for email, product_id, _ in new:
        emails_by_product.setdefault(product_id, set()).add(email)
    for product_id, product_emails in emails_by_product.items():
        for chunk in _chunks(sorted(product_emails)):
            result.reviews_verified += session.execute(
                update(Review)
                .where(
                    Review.product_id == product_id,
                    Review.verified_purchase.is_(False),
                    Review.author_id.in_(select(User.id).where(User.email.in_(chunk))),
                )
                .values(verified_purchase=True)
            ).rowcount
    return result


def _chunks(items: list, size: int = 1_000):
    """Slices small enough for any database's limit on bound parameters."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
