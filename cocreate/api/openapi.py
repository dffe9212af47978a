"""The OpenAPI 3.1 document of /api/v1. tests/web/api/test_openapi.py checks that it lists every route of
the blueprint and schemathesis checks that the answers match it."""

from __future__ import annotations

from functools import cache

from cocreate.api.schemas import SCHEMAS, STRING, ref
from cocreate.ideas.models import Status

PROBLEM = {"application/problem+json": {"schema": ref("Problem")}}
REASONS = {
    "400": "The request is malformed (a bad cursor, limit or filter, or a body that is not JSON).",
    "401": "No valid token (or session) for an action that needs one.",
    "403": "Not allowed: the role, the token's scope or a missing CSRF token.",
    "404": "No such thing, or not visible to you.",
    "409": "It clashes with the current state (already voted, voting closed, beta full...).",
    "413": "The body is too large.",
    "415": "The body is not JSON (multipart/form-data when sharing a story).",
    "422": "A field is missing or not valid; `errors` names it.",
    "429": "Too many requests; see Retry-After.",
}
READ_ERRORS = ("400", "401", "403", "404", "429")
WRITE_ERRORS = ("400", "401", "403", "404", "409", "413", "415", "422", "429")


def _responses(ok: str, schema: dict | None, errors) -> dict:
    out: dict = {}
    if ok == "204":
        out["204"] = {"description": "Done."}
    else:
        out[ok] = {"description": "OK", "content": {"application/json": {"schema": schema}}}
    for code in errors:
        out[code] = {"description": REASONS[code], "content": PROBLEM}
    return out


def op(
    summary: str,
    ok: str,
    schema: dict | None,
    *,
    params=(),
    body: str | None = None,
    body_type: str = "application/json",
    write: bool = False,
    also_created: bool = False,
) -> dict:
    spec = {
        "summary": summary,
        "parameters": [ref_param(p) for p in params],
        "responses": _responses(ok, schema, WRITE_ERRORS if write else READ_ERRORS),
    }
    if also_created:
        spec["responses"]["201"] = {
            "description": "Created",
            "content": {"application/json": {"schema": schema}},
        }
    if body:
        spec["requestBody"] = {"required": True, "content": {body_type: {"schema": ref(body)}}}
    return spec


def ref_param(name: str) -> dict:
    return {"$ref": f"#/components/parameters/{name}"}


PARAMETERS = {
    "slug": {"name": "slug", "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}},
    "idea_id": {
        "name": "idea_id",
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 0},
    },
    "cursor": {
        "name": "cursor",
        "in": "query",
        "description": "next_cursor of the previous page",
        "schema": STRING,
    },
    "limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
    "sort": {
        "name": "sort",
        "in": "query",
        "schema": {"type": "string", "enum": ["hot", "top", "new", "trending"]},
    },
    "review_sort": {
        "name": "sort",
        "in": "query",
        "schema": {"type": "string", "enum": ["helpful", "new", "highest", "lowest"]},
    },
    "status": {
        "name": "status",
        "in": "query",
        "schema": {"type": "string", "enum": [s.value for s in Status]},
    },
    "tag": {"name": "tag", "in": "query", "schema": STRING},
    "invitation_id": {
        "name": "invitation_id",
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 0},
    },
    "item_id": {
        "name": "item_id",
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 0},
    },
}


@cache
def document() -> dict:
    """The whole document (built once per process)."""
    page = ("cursor", "limit")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "CoCreate API",
            "version": "1",
            "description": "Ideas, votes, comments, reviews, stories with photos, beta sign-ups and "
            "survey answers for apps, kiosks and scripts. "
            "Authenticate with a personal access token (profile → Access tokens) as "
            "`Authorization: Bearer <token>`. Read tokens can only read. Errors are RFC 9457 problem "
            "details. Lists are paginated with `next_cursor`. Rate limits answer 429 with Retry-After.",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"token": []}, {}],
        "paths": {
            "/openapi.json": {
                "get": {"summary": "This document", "responses": {"200": {"description": "OK"}}}
            },
            "/docs": {
                "get": {
                    "summary": "This document as a page to read (HTML, Swagger UI)",
                    "responses": {"200": {"description": "OK", "content": {"text/html": {}}}},
                }
            },
            "/me": {"get": op("You: standing and contributions", "200", ref("Me"))},
            "/me/ideas": {"get": op("Ideas you proposed", "200", ref("IdeaPage"), params=page)},
            "/me/votes": {"get": op("Your votes", "200", ref("MyVotePage"), params=page)},
            "/me/comments": {"get": op("Comments you wrote", "200", ref("CommentPage"), params=page)},
            "/me/reviews": {"get": op("Reviews you wrote", "200", ref("ReviewPage"), params=page)},
            "/me/stories": {"get": op("Stories you shared", "200", ref("StoryPage"), params=page)},
            "/boards": {"get": op("Boards you can see", "200", ref("BoardList"))},
            "/boards/{slug}/ideas": {
                "get": op(
                    "A board's ideas",
                    "200",
                    ref("IdeaSummaryPage"),
                    params=("slug", "sort", "status", "tag", *page),
                ),
                "post": op(
                    "Propose an idea", "201", ref("Idea"), params=("slug",), body="IdeaInput", write=True
                ),
            },
            "/boards/{slug}/ranking": {
                "get": op(
                    "The product team's ranking of a board",
                    "200",
                    ref("RankedIdeaPage"),
                    params=("slug", *page),
                )
            },
            "/ideas/{idea_id}": {
                "get": op("An idea", "200", ref("Idea"), params=("idea_id",)),
                "patch": op(
                    "Edit an idea", "200", ref("Idea"), params=("idea_id",), body="IdeaEdit", write=True
                ),
            },
            "/ideas/{idea_id}/vote": {
                "put": op(
                    "Vote, or change importance",
                    "200",
                    ref("Vote"),
                    params=("idea_id",),
                    body="VoteInput",
                    write=True,
                    also_created=True,
                ),
                "delete": op("Withdraw your vote", "204", None, params=("idea_id",), write=True),
            },
            "/ideas/{idea_id}/comments": {
                "get": op("An idea's comments", "200", ref("CommentPage"), params=("idea_id", *page)),
                "post": op(
                    "Comment", "201", ref("Comment"), params=("idea_id",), body="CommentInput", write=True
                ),
            },
            "/products": {"get": op("Products", "200", ref("ProductList"))},
            "/products/{slug}/reviews": {
                "get": op(
                    "A product's reviews", "200", ref("ReviewPage"), params=("slug", "review_sort", *page)
                ),
                "post": op(
                    "Review a product", "201", ref("Review"), params=("slug",), body="ReviewInput", write=True
                ),
            },
            "/beta/programs": {"get": op("Beta programs", "200", ref("BetaProgramList"))},
            "/beta/programs/{slug}/signup": {
                "post": op(
                    "Join a beta", "201", ref("BetaProgram"), params=("slug",), body="SignupInput", write=True
                ),
                "delete": op("Leave a beta", "204", None, params=("slug",), write=True),
            },
            "/surveys": {
                "get": op("Questions you were asked", "200", ref("SurveyInvitationList"), params=("limit",))
            },
            "/surveys/{invitation_id}/answer": {
                "post": op(
                    "Answer a question (once)",
                    "201",
                    ref("SurveyAnswer"),
                    params=("invitation_id",),
                    body="AnswerInput",
                    write=True,
                )
            },
            "/products/{slug}/stories": {
                "get": op("A product's stories and photos", "200", ref("StoryPage"), params=("slug", *page)),
                "post": op(
                    "Share a story with photos",
                    "201",
                    ref("Story"),
                    params=("slug",),
                    body="StoryInput",
                    body_type="multipart/form-data",
                    write=True,
                ),
            },
            "/stories/{item_id}": {"get": op("A story", "200", ref("Story"), params=("item_id",))},
        },
        "components": {
            "schemas": SCHEMAS,
            "parameters": PARAMETERS,
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
        },
    }
