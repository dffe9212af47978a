"""The app's request class (cocreate/web/request.py) parses small URL-encoded forms itself: it must answer
exactly what Werkzeug's parser answers, and refuse what Werkzeug refuses."""

from __future__ import annotations

import io

import pytest
from flask import Request
from werkzeug.exceptions import ClientDisconnected, RequestEntityTooLarge

from cocreate.web.request import SMALL_FORM, URLENCODED, CoCreateRequest

BODIES = [
    b"",
    b"csrf_token=abc.def-ghi_jkl&importance=nice",
    b"a=1&a=2&a=",
    b"a=1&b=%FF&c",  # a bad escape, a key without a value
    b"a=%zz&&b=+x+&=1&c==2",
    b"title=%E2%80%9CTrail+maps%E2%80%9D+%F0%9F%97%BA&body=line%0D%0Aline",
    b"a=\xff\xfe",  # not UTF-8: Werkzeug answers an empty form
    b"na%00me=va%00lue;x=1",
    b"k=" + b"v" * 5000,
    "name=Zoë&city=Kraków".encode(),
]


def _environ(body: bytes, content_type: str = URLENCODED, length: str | None = None) -> dict:
    return {
        "REQUEST_METHOD": "POST",
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(len(body)) if length is None else length,
        "wsgi.input": io.BytesIO(body),
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "PATH_INFO": "/",
    }


@pytest.mark.parametrize("body", BODIES)
def test_a_small_form_parses_as_werkzeugs_parser_parses_it(app, body):
    with app.app_context():
        ours = CoCreateRequest(_environ(body))
        theirs = Request(_environ(body))
        assert list(ours.form.items(multi=True)) == list(theirs.form.items(multi=True))
        assert not ours.files and not theirs.files
        assert ours.get_data() == theirs.get_data() == b""  # the body was read, as Werkzeug leaves it


def test_the_app_uses_it_and_a_view_sees_the_form(app):
    assert app.request_class is CoCreateRequest
    with app.test_request_context("/", method="POST", data={"importance": "critical", "x": ["1", "2"]}):
        from flask import request

        assert request.form["importance"] == "critical" and request.form.getlist("x") == ["1", "2"]


@pytest.mark.parametrize("body", [b"a=1&a=2&n=42&bad=x&empty=", b"x=" + b"1" * 70_000])  # ours, Werkzeug's
def test_get_answers_as_werkzeugs_form_does_for_names_there_and_not(app, body):
    """FormValues.get (the request's form and query string) skips the exception Werkzeug's get catches for
    a missing name, and gives the same answers: the first value, the default, a type's conversion or the
    default where it fails; a missing name asked for with [] is still Werkzeug's 400."""
    from werkzeug.exceptions import BadRequestKeyError

    from cocreate.web.request import FormValues

    with app.app_context():
        ours = CoCreateRequest(_environ(body))
        theirs = Request(_environ(body))
        assert type(ours.form) is FormValues and type(ours.args) is FormValues
        for name in ("a", "n", "bad", "empty", "x", "missing"):
            for default in (None, "", "nice"):
                assert ours.form.get(name, default) == theirs.form.get(name, default)
                assert ours.form.get(name, default, type=int) == theirs.form.get(name, default, type=int)
            assert ours.args.get(name) is None
        with pytest.raises(BadRequestKeyError):
            ours.form["missing"]


def test_a_form_beyond_the_content_limit_is_413_without_reading_it(app):
    body = b"a=" + b"x" * 100
    with app.app_context():
        request = CoCreateRequest(_environ(body))
        request.max_content_length = 50
        with pytest.raises(RequestEntityTooLarge):
            request.form  # noqa: B018
        assert request.environ["wsgi.input"].tell() == 0


def test_a_body_shorter_than_its_length_is_a_client_disconnect(app):
    with app.app_context(), pytest.raises(ClientDisconnected):
        CoCreateRequest(_environ(b"a=1", length="10")).form  # noqa: B018


@pytest.mark.parametrize(
    "environ",
    [
        _environ(b"a=1", content_type=URLENCODED + "; charset=utf-8"),  # options: Werkzeug's way
        _environ(b"a=" + b"x" * SMALL_FORM),  # larger than SMALL_FORM
        _environ(b"a=1", length=""),  # no length
        dict(_environ(b"a=1"), HTTP_TRANSFER_ENCODING="chunked"),
    ],
)
def test_other_bodies_take_werkzeugs_way_with_the_same_answer(app, environ, monkeypatch):
    taken = []
    original = Request._load_form_data
    monkeypatch.setattr(Request, "_load_form_data", lambda self: taken.append(1) or original(self))
    body = environ["wsgi.input"].getvalue()
    with app.app_context():
        ours = CoCreateRequest(environ)
        form = ours.form.to_dict()
        theirs = Request(dict(environ, **{"wsgi.input": io.BytesIO(body)}))
        assert taken and form == theirs.form.to_dict()


def test_a_multipart_form_is_werkzeugs(app):
    with app.test_request_context(
        "/", method="POST", data={"caption": "Trail", "photo": (io.BytesIO(b"\x89PNG"), "p.png")}
    ):
        from flask import request

        assert request.form["caption"] == "Trail" and request.files["photo"].filename == "p.png"


def test_the_body_read_before_the_form_is_still_parsed(app):
    with app.app_context():
        request = CoCreateRequest(_environ(b"a=1&b=2"))
        assert request.get_data() == b"a=1&b=2"
        assert request.form.to_dict() == {"a": "1", "b": "2"}
