"""Documents waiting for the transaction to commit: read in it, written to the index after it (service.py)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy.orm import Session

from cocreate.search.documents import load_documents


def documents_for(session: Session, keys: set[str]) -> dict:
    """Fresh documents for "kind:id" keys, read in this transaction (None: remove from the index)."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for key in keys:
        kind, _, object_id = key.partition(":")
        by_kind[kind].append(int(object_id))
    docs = {}
    with session.no_autoflush:
        for kind, ids in by_kind.items():
            for object_id, doc in load_documents(session, kind, ids).items():
                docs[f"{kind}:{object_id}"] = doc
    return docs
