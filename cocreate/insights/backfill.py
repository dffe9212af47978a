"""Re-tag every contribution's sentiment: keyset batches read from the database, analysed on every core, and
written back with one executemany UPDATE per batch."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cocreate.insights.sentiment import Thresholds, analyze

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
    for text in texts:
        result = analyze(text, limits)
        out.append((result.polarity, result.subjectivity, result.label))
    return out


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
    run = pool.map if pool else map
    try:
        for model in tagged_models():
            for rows in _batches(session, model, batch):
                texts = ["\n".join(str(v or "") for v in row[1:]).strip() for row in rows]
                size = max(1, -(-len(texts) // workers))
                chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
                results = [r for part in run(_analyze_all, chunks, [limits] * len(chunks)) for r in part]
                session.execute(
                    update(model),
                    [
                        {"id": row[0], "polarity": p, "subjectivity": s, "sentiment": label}
                        for row, (p, s, label) in zip(rows, results, strict=True)
                    ],
                )
                session.commit()
                done += len(rows)
                progress(len(rows))
    finally:
        if pool:
            pool.shutdown()
    return done
