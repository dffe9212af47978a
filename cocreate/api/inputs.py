"""Reading API input: a JSON object whose fields have the declared types, or a 4xx saying which field is
wrong. Nothing here trusts the client: unknown fields, wrong types and oversized lists are refused."""

from __future__ import annotations

from dataclasses import dataclass

from flask import request

from cocreate.api.problems import ApiError
from cocreate.storable import UNSTORABLE, storable


@dataclass(frozen=True, slots=True)
class Field:
    kind: type  # str, int, bool, list (of str) or dict (str to str)
    required: bool = False
    max_items: int = 50
    max_length: int | None = None  # a str's documented maxLength, checked as sent (before any trimming)


def json_object(spec: dict[str, Field]) -> dict:
    """The request's JSON object, checked against `spec`. Missing optional fields are left out."""
    if not request.is_json:
        raise ApiError(415, "Send a JSON object with 'Content-Type: application/json'.")
    data = request.get_json(silent=True)
    if data is None:
        raise ApiError(400, "The body is not valid JSON.")
    if not isinstance(data, dict):
        raise ApiError(422, "The body must be a JSON object.")
    errors = [{"field": k, "message": "Unknown field."} for k in data if k not in spec]
    for name, field in spec.items():
        if name not in data:
            if field.required:
                errors.append({"field": name, "message": "This field is required."})
            continue
        problem = _type_problem(data[name], field)
        if problem:
            errors.append({"field": name, "message": problem})
    if errors:
        raise ApiError(
            422, errors[0]["message"] if len(errors) == 1 else "Some fields are not valid.", errors
        )
    return data


def _type_problem(value, field: Field) -> str | None:
    problem = _kind_problem(value, field)
    if problem:
        return problem
    texts = value if field.kind is list else value.values() if field.kind is dict else [value]
    if any(isinstance(t, str) and not storable(t) for t in texts):
        return UNSTORABLE
    if field.max_length is not None and len(value) > field.max_length:
        return f"At most {field.max_length:,} characters."
    if field.kind is dict and not all(storable(k) for k in value):
        return UNSTORABLE
    return None


def _kind_problem(value, field: Field) -> str | None:
    if field.kind is str:
        return None if isinstance(value, str) else "Expected a string."
    if field.kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else "Expected an integer."
    if field.kind is bool:
        return None if isinstance(value, bool) else "Expected true or false."
    if field.kind is list:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "Expected a list of strings."
        return None if len(value) <= field.max_items else f"At most {field.max_items} items."
    if field.kind is dict:
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            return "Expected an object of strings."
        return None if len(value) <= field.max_items else f"At most {field.max_items} entries."
    raise TypeError(field.kind)


def _single(name: str) -> str | None:
    """A query parameter given once (or not at all): `?limit=5&limit=9` is a 400, not the first one."""
    given = request.args.getlist(name)
    if len(given) > 1:
        raise ApiError(400, f"Give {name} once.")
    return given[0] if given else None


def limit_arg(default: int = 20, maximum: int = 100) -> int:
    raw = _single("limit")
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, "limit is a whole number.") from None
    if not 1 <= value <= maximum:
        raise ApiError(400, f"limit is between 1 and {maximum}.")
    return value


def text_arg(name: str, max_len: int = 200) -> str | None:
    value = _single(name)
    if value is None:
        return None
    if value == "":
        raise ApiError(400, f"{name} is empty; leave it out instead.")
    if len(value) > max_len or not storable(value):
        raise ApiError(400, f"{name} is not valid.")
    return value
