"""What the ideas package asks of the packages above it, declared once: create_app (register_feature_hooks)
fills each hook with the answering package's function, so ideas imports none of them.

- vote_weight: what a vote cast now adds to its idea's priority, worked out before it is written (the
  backlog's ranking rule, backlog/ranking.py's new_vote_weight; the board's weights come loaded with it);
- idea_panels: what other features show on an idea's page (its place in the team's backlog, its rating once
  shipped), each a function of (session, idea, viewer) giving the template's value under its name.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session


def _unset(*_args, **_kwargs):
    raise RuntimeError("cocreate.ideas.hooks are filled by create_app() (register_feature_hooks)")


vote_weight: Callable[[Any, str, str, float | None, datetime], float] = _unset
idea_panels: dict[str, Callable[[Session, Any, Any], Any]] = {}


def weigh_votes_with(rule: Callable[[Any, str, str, float | None, datetime], float]) -> None:
    global vote_weight
    vote_weight = rule


def show_on_idea_page(name: str, panel: Callable[[Session, Any, Any], Any]) -> None:
    idea_panels[name] = panel
