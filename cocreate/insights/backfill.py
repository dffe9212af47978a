"""Re-tag every contribution's sentiment: keyset batches read from the database, analysed on every core, and
written back with one executemany UPDATE per batch."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from cocreate.sentiment import Thresholds, analyze

BATCH = 4_000


def tagged_models() -> list[type]:
    from cocreate.ideas.models import Comment, Idea
    from cocreate.reviews.models import Review, UGCItem

    return [Idea, Comment, Review, UGCItem]


def count_texts(session: Session) -> int:
    return sum(session.scalar(select(func.count(model.id))) for model in tagged_models())


def _analyze_all(texts: list[str], limits: Thresholds) -> list[tuple[float, float, str]]:
    """Runs in a worker process."""
    out = []
    for value in texts:
        result = analyze(value, limits)
        out.append((result.polarity, result.subjectivity, result.label))
    return out


def write_tags(session: Session, model, tags: list[tuple[int, float, float, str]]) -> None:
    """Store (id, polarity, subjectivity, label) for many rows: one UPDATE … FROM (VALUES …) on PostgreSQL,
    an executemany elsewhere."""
    if not tags:
        return
    if session.get_bind().dialect.name == "postgresql":
        table = model.__table__
        params = {}
        for n, (row_id, p, s, label) in enumerate(tags):
            params.update({f"i{n}": row_id, f"p{n}": p, f"s{n}": s, f"l{n}": label})
        # The first row's casts give the VALUES list its column types.
        first = "(CAST(:i0 AS INTEGER), CAST(:p0 AS FLOAT8), CAST(:s0 AS FLOAT8), CAST(:l0 AS VARCHAR))"
        rows_sql = ", ".join([first] + [f"(:i{n}, :p{n}, :s{n}, :l{n})" for n in range(1, len(tags))])
        session.execute(
            text(
                f"UPDATE {table.name} AS t SET polarity = v.p, subjectivity = v.s, sentiment = v.l "  # noqa: S608
                f"FROM (VALUES {rows_sql}) AS v(id, p, s, l) WHERE t.id = v.id"
            ),
            params,
        )
        return
    session.execute(
        update(model),
        [{"id": i, "polarity": p, "subjectivity": s, "sentiment": label} for i, p, s, label in tags],
    )


def _batches(session: Session, model, batch: int) -> Iterator[list]:
    columns = [getattr(model, f) for f in model.SENTIMENT_FIELDS]
    last = 0
    while True:
        rows = session.execute(
            select(model.id, *columns).where(model.id > last).order_by(model.id).limit(batch)
        ).all()
        if not rows:
            return
        last = rows[-1][0]
        yield rows


def backfill(
    session: Session,
    limits: Thresholds,
    *,
    workers: int = 2,
    batch: int = BATCH,
    progress: Callable[[int], None] = lambda n: None,
) -> int:
    """Tag everything; commits after each batch so a long run can be stopped and resumed safely."""
    done = 0
    context = multiprocessing.get_context("spawn")  # no inherited database connections in the workers
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context) if workers > 1 else None

    def start(rows) -> list:
        """Hand a batch to the workers (or analyse it here); returns futures or finished results."""
        texts = ["\n".join(str(v or "") for v in row[1:]).strip() for row in rows]
        if pool is None:
            return [_analyze_all(texts, limits)]
        size = max(1, -(-len(texts) // workers))
        return [pool.submit(_analyze_all, texts[i : i + size], limits) for i in range(0, len(texts), size)]

    def finish(model, rows, pending) -> int:
        results = [r for part in pending for r in (part if isinstance(part, list) else part.result())]
        write_tags(session, model, [(row[0], *result) for row, result in zip(rows, results, strict=True)])
        session.commit()
        progress(len(rows))
        return len(rows)

    try:
        for model in tagged_models():
            previous = None  # (rows, pending): analysed while the next batch is read, written after
            for rows in _batches(session, model, batch):
                pending = start(rows)
                if previous:
                    done += finish(model, *previous)
                previous = (rows, pending)
            if previous:
                done += finish(model, *previous)
    finally:
        if pool:
            pool.shutdown()
    return done
