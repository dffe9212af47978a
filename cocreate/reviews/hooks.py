"""What review and story pages ask of the packages above reviews, declared once: create_app
(register_feature_hooks) fills each hook, so reviews imports none of them.

- rewarded(session, kind, ids): which of these contributions earned their author points that still stand,
  for the disclosure beside them (rewards/queries.py's rewarded).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session


def _unset(*_args, **_kwargs):
    raise RuntimeError("cocreate.reviews.hooks are filled by create_app() (register_feature_hooks)")


rewarded: Callable[[Session, str, list[int]], set[int]] = _unset


def disclose_rewards_with(answer: Callable[[Session, str, list[int]], set[int]]) -> None:
    global rewarded
    rewarded = answer
