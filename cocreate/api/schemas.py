"""The JSON Schemas of the API's objects and inputs, for the OpenAPI document (cocreate/api/openapi.py).
They describe what cocreate/api/views/ returns; schemathesis checks that they agree."""

from __future__ import annotations

from cocreate.channels import Channel
from cocreate.ideas.models import Importance, Status
from cocreate.ideas.services.comments import COMMENT_MAX
from cocreate.ideas.services.ideas import BODY_MAX, TITLE_MAX, TITLE_MIN
from cocreate.insights.models import SurveyKind
from cocreate.insights.surveys import COMMENT_MAX as ANSWER_COMMENT_MAX
from cocreate.reviews.services.reviews import BODY_MAX as REVIEW_BODY_MAX
from cocreate.reviews.services.reviews import PROS_CONS_MAX
from cocreate.reviews.services.reviews import TITLE_MAX as REVIEW_TITLE_MAX

STRING, INT, BOOL = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
TIME = {"type": "string", "format": "date-time"}
OPT_TIME = {"type": ["string", "null"], "format": "date-time"}
CHANNELS = [c.value for c in Channel]
KINDS = [k.value for k in SurveyKind]
SENTIMENT = {"type": "string", "enum": ["negative", "neutral", "positive"]}
PERSON = {
    "type": "object",
    "required": ["username", "display_name"],
    "properties": {"username": STRING, "display_name": STRING},
}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties: dict, required: list[str] | None = None) -> dict:
    return {"type": "object", "properties": properties, "required": required or list(properties)}


def page_of(name: str) -> dict:
    return obj({"items": {"type": "array", "items": ref(name)}, "next_cursor": {"type": ["string", "null"]}})


IDEA_TEXT = {
    "title": {"type": "string", "minLength": TITLE_MIN, "maxLength": TITLE_MAX},
    "body": {"type": "string", "maxLength": BODY_MAX},
    "tags": {"type": "array", "items": STRING, "maxItems": 5},
}

SCHEMAS = {
    "Problem": obj(
        {
            "type": STRING,
            "title": STRING,
            "status": INT,
            "detail": STRING,
            "errors": {"type": "array", "items": obj({"field": STRING, "message": STRING})},
        },
        ["type", "title", "status", "detail"],
    ),
    "Board": obj(
        {
            "slug": STRING,
            "name": STRING,
            "description": STRING,
            "private": BOOL,
            "idea_count": INT,
            "vote_budget": {"type": ["integer", "null"]},
            "tags": {"type": "array", "items": obj({"slug": STRING, "name": STRING})},
            "url": STRING,
        }
    ),
    "IdeaSummary": obj(
        {
            "id": INT,
            "title": STRING,
            "excerpt": STRING,
            "status": {"type": "string", "enum": [s.value for s in Status]},
            "vote_count": INT,
            "comment_count": INT,
            "author": STRING,
            "tags": {"type": "array", "items": STRING},
            "created_at": TIME,
            "my_vote": {"type": ["string", "null"]},
            "url": STRING,
        }
    ),
    "Idea": obj(
        {
            "id": INT,
            "board": STRING,
            "title": STRING,
            "body": STRING,
            "body_html": STRING,
            "status": {"type": "string", "enum": [s.value for s in Status]},
            "moderation_state": STRING,
            "vote_count": INT,
            "comment_count": INT,
            "sentiment": SENTIMENT,
            "channel": {"type": "string", "enum": CHANNELS},
            "via": STRING,
            "author": PERSON,
            "tags": {"type": "array", "items": STRING},
            "merged_into": {"type": ["integer", "null"]},
            "created_at": TIME,
            "edited_at": OPT_TIME,
            "my_vote": {"type": ["string", "null"]},
            "url": STRING,
        }
    ),
    "IdeaInput": {
        "type": "object",
        "additionalProperties": False,
        "required": ["title"],
        "properties": IDEA_TEXT,
    },
    "IdeaEdit": {"type": "object", "additionalProperties": False, "properties": IDEA_TEXT},
    "VoteInput": {
        "type": "object",
        "additionalProperties": False,
        "properties": {"importance": {"type": "string", "enum": [i.value for i in Importance]}},
    },
    "Vote": obj({"idea_id": INT, "importance": STRING, "vote_count": INT}),
    "Comment": obj(
        {
            "id": INT,
            "idea_id": INT,
            "parent_id": {"type": ["integer", "null"]},
            "body": STRING,
            "body_html": STRING,
            "author": PERSON,
            "moderation_state": STRING,
            "sentiment": SENTIMENT,
            "channel": {"type": "string", "enum": CHANNELS},
            "via": STRING,
            "created_at": TIME,
            "edited_at": OPT_TIME,
        }
    ),
    "CommentInput": {
        "type": "object",
        "additionalProperties": False,
        "required": ["body"],
        "properties": {
            "body": {"type": "string", "minLength": 1, "maxLength": COMMENT_MAX},
            "parent_id": {"type": "integer", "minimum": 1},
        },
    },
    "Product": obj(
        {
            "slug": STRING,
            "name": STRING,
            "description": STRING,
            "review_count": INT,
            "average_rating": {"type": ["number", "null"]},
            "url": STRING,
        }
    ),
    "Review": obj(
        {
            "id": INT,
            "product": STRING,
            "rating": {"type": "integer", "minimum": 1, "maximum": 5},
            "title": STRING,
            "body": STRING,
            "pros": STRING,
            "cons": STRING,
            "verified_purchase": BOOL,
            "helpful_count": INT,
            "moderation_state": STRING,
            "sentiment": SENTIMENT,
            "channel": {"type": "string", "enum": CHANNELS},
            "via": STRING,
            "author": PERSON,
            "created_at": TIME,
        }
    ),
    "ReviewInput": {
        "type": "object",
        "additionalProperties": False,
        "required": ["rating", "title"],
        "properties": {
            "rating": {"type": "integer", "minimum": 1, "maximum": 5},
            "title": {"type": "string", "minLength": 3, "maxLength": REVIEW_TITLE_MAX},
            "body": {"type": "string", "maxLength": REVIEW_BODY_MAX},
            "pros": {"type": "string", "maxLength": PROS_CONS_MAX},
            "cons": {"type": "string", "maxLength": PROS_CONS_MAX},
        },
    },
    "BetaProgram": obj(
        {
            "slug": STRING,
            "name": STRING,
            "description": STRING,
            "state": {"type": "string", "enum": ["open", "closed", "finished"]},
            "capacity": INT,
            "seats_taken": INT,
            "opens_at": TIME,
            "closes_at": TIME,
            "min_tier": STRING,
            "terms_version": INT,
            "consents": {"type": "array", "items": STRING},
            "questions": {
                "type": "array",
                "items": obj({"key": STRING, "label": STRING, "choices": {"type": "array", "items": STRING}}),
            },
            "my_signup": {
                "oneOf": [
                    {"type": "null"},
                    obj(
                        {
                            "status": STRING,
                            "signed_up_at": TIME,
                            "waitlist_position": {"type": ["integer", "null"]},
                        }
                    ),
                ]
            },
            "url": STRING,
        }
    ),
    "SignupInput": {
        "type": "object",
        "additionalProperties": False,
        "required": ["terms_version"],
        "properties": {
            "terms_version": INT,
            "consents": {"type": "array", "items": STRING, "maxItems": 50},
            "answers": {"type": "object", "additionalProperties": STRING, "maxProperties": 50},
        },
    },
    "Me": obj(
        {
            "username": STRING,
            "display_name": STRING,
            "role": {"type": "string", "enum": ["member", "moderator", "product", "admin"]},
            "member_since": TIME,
            "points": INT,
            "balance": INT,
            "tier": STRING,
            "badges": {"type": "array", "items": STRING},
            "contributions": obj({"ideas": INT, "votes": INT, "comments": INT, "reviews": INT}),
            "token": {"oneOf": [{"type": "null"}, obj({"name": STRING, "scope": STRING})]},
            "url": STRING,
        }
    ),
    "RankedIdea": obj(
        {
            "rank": INT,
            "idea_id": INT,
            "title": STRING,
            "status": STRING,
            "vote_count": INT,
            "score": {"type": "number"},
            "url": STRING,
        }
    ),
    "MyVote": obj(
        {
            "idea_id": INT,
            "title": STRING,
            "status": {"type": "string", "enum": [s.value for s in Status]},
            "importance": {"type": "string", "enum": [i.value for i in Importance]},
            "channel": {"type": "string", "enum": CHANNELS},
            "via": STRING,
            "created_at": TIME,
            "url": STRING,
        }
    ),
    "SurveyInvitation": obj(
        {
            "id": INT,
            "kind": {"type": "string", "enum": KINDS},
            "question": STRING,
            "about": STRING,
            "scale": obj({"min": INT, "max": INT, "low_label": STRING, "high_label": STRING}),
            "asked_at": TIME,
        }
    ),
    "AnswerInput": {
        "type": "object",
        "additionalProperties": False,
        "required": ["score"],
        "properties": {
            "score": {"type": "integer", "minimum": 0, "maximum": 10, "description": "within the scale"},
            "comment": {"type": "string", "maxLength": ANSWER_COMMENT_MAX},
        },
    },
    "SurveyAnswer": obj(
        {
            "invitation_id": INT,
            "kind": {"type": "string", "enum": KINDS},
            "score": INT,
            "comment": STRING,
            "channel": {"type": "string", "enum": CHANNELS},
            "via": STRING,
            "answered_at": TIME,
        }
    ),
    "Story": obj(
        {
            "id": INT,
            "product": {"type": ["string", "null"]},
            "campaign": {"type": ["string", "null"]},
            "title": STRING,
            "story": STRING,
            "story_html": STRING,
            "video_url": {"type": ["string", "null"]},
            "photos": {"type": "array", "items": obj({"url": STRING, "width": INT, "height": INT})},
            "moderation_state": STRING,
            "featured": BOOL,
            "sentiment": SENTIMENT,
            "channel": {"type": "string", "enum": CHANNELS},
            "via": STRING,
            "author": PERSON,
            "created_at": TIME,
            "url": STRING,
        }
    ),
    "StoryInput": {
        "type": "object",
        "additionalProperties": False,
        "required": ["title"],
        "properties": {
            "title": {"type": "string", "minLength": 3, "maxLength": 120},
            "story": {"type": "string", "maxLength": 10000},
            "video_url": {
                # Forms send a field left blank as an empty value: that means no video, as on the web.
                "anyOf": [{"type": "string", "format": "uri"}, {"type": "string", "maxLength": 0}],
                "description": "YouTube or Vimeo; empty or left out for none",
            },
            "photos": {
                "type": "array",
                "maxItems": 4,
                "items": {"type": "string", "format": "binary"},
                "description": "JPEG, PNG or WebP, up to 8 MB each",
            },
        },
    },
}
for _name in ("IdeaSummary", "Idea", "MyVote", "Comment", "Review", "RankedIdea", "Story"):
    SCHEMAS[_name + "Page"] = page_of(_name)
for _name in ("Board", "Product", "BetaProgram", "SurveyInvitation"):
    SCHEMAS[_name + "List"] = obj({"items": {"type": "array", "items": ref(_name)}})
