"""Rules, tiers and badges in one place. Admins change rule values and caps (reward_rules); tier thresholds
and the milestones come from the configuration."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    name: str
    label: str  # shown in the ledger: "Idea proposed"
    points: int
    daily_cap: int | None  # points per person per day from this rule; None: no cap
    help: str


RULES: dict[str, Rule] = {
    r.name: r
    for r in (
        Rule("idea_proposed", "Idea proposed", 10, 30, "An idea of yours is published."),
        Rule(
            "idea_milestone",
            "Idea reached a milestone",
            20,
            None,
            "Others' votes take an idea past a milestone.",
        ),
        Rule("idea_planned", "Idea planned", 50, None, "The product team plans your idea."),
        Rule("idea_shipped", "Idea shipped", 250, None, "Your idea ships: the creator's reward."),
        Rule(
            "early_supporter",
            "Early supporter of a shipped idea",
            25,
            None,
            "You were among the first voters of an idea that shipped.",
        ),
        Rule("review_published", "Review published", 15, 45, "A review of yours is published."),
        Rule("review_helpful", "Review found helpful", 2, 20, "Someone found your review helpful."),
        Rule("ugc_approved", "Story or photo approved", 20, 60, "A story or photo of yours is approved."),
        Rule("ugc_featured", "Story or photo featured", 50, None, "The moderators feature your story."),
        Rule(
            "beta_feedback_accepted",
            "Beta feedback accepted",
            30,
            150,
            "A product team accepts your beta feedback.",
        ),
        Rule("survey_answered", "Survey answered", 5, 15, "You answer a survey."),
    )
}
ADJUSTMENT = "adjustment"  # an admin's correction; not a rule, never capped
LABELS = {**{r.name: r.label for r in RULES.values()}, ADJUSTMENT: "Adjustment by an admin"}


@dataclass(frozen=True)
class Tier:
    name: str
    label: str
    points: int  # lifetime points to reach it
    vote_bonus: int  # extra open votes on boards with a vote budget
    flag_weight: int  # what one flag counts towards hiding
    beta_priority: int  # higher goes first on beta waitlists that ask for tier priority


DEFAULT_TIERS = (
    Tier("member", "Member", 0, 0, 1, 0),
    Tier("contributor", "Contributor", 100, 2, 1, 1),
    Tier("insider", "Insider", 500, 5, 2, 2),
    Tier("co_creator", "Co-creator", 2000, 10, 3, 3),
)
TIER_NAMES = tuple(t.name for t in DEFAULT_TIERS)


def tiers(config: dict | None = None) -> tuple[Tier, ...]:
    """The tiers, with thresholds from COCREATE_TIER_POINTS ("100,500,2000") when set."""
    points = (config or {}).get("TIER_POINTS")
    if not points:
        return DEFAULT_TIERS
    values = [0, *points]
    return tuple(
        Tier(t.name, t.label, v, t.vote_bonus, t.flag_weight, t.beta_priority)
        for t, v in zip(DEFAULT_TIERS, values, strict=True)
    )


def tier_for(lifetime: int, all_tiers: tuple[Tier, ...] = DEFAULT_TIERS) -> Tier:
    reached = [t for t in all_tiers if lifetime >= t.points]
    return reached[-1] if reached else all_tiers[0]


def next_tier(tier: Tier, all_tiers: tuple[Tier, ...] = DEFAULT_TIERS) -> Tier | None:
    later = [t for t in all_tiers if t.points > tier.points]
    return later[0] if later else None


@dataclass(frozen=True)
class Badge:
    name: str
    label: str
    criteria: str


BADGES: dict[str, Badge] = {
    b.name: b
    for b in (
        Badge("first_idea", "First idea", "Your first idea was published."),
        Badge("first_shipped", "First shipped idea", "An idea of yours shipped."),
        Badge(
            "top_reviewer",
            "Top reviewer of the month",
            "You published the most reviews in a calendar month (ties: most found helpful).",
        ),
        Badge("helpful_streak", "Helpful streak", "Your reviews were found helpful on 5 days in a row."),
        Badge("featured_creator", "Featured creator", "A story or photo of yours was featured."),
    )
}
HELPFUL_STREAK_DAYS = 5
DEFAULT_MILESTONES = (10, 50, 100, 500)
DEFAULT_EARLY_SUPPORTERS = 10
