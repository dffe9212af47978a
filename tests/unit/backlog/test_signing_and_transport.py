"""Standard Webhooks signatures (the spec's own test vector) and the guarded transport."""

import time

import pytest

from cocreate.backlog import signing, transport

SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID, SPEC_TIME, SPEC_BODY = "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, b'{"test": 2432232314}'


def test_signatures_match_the_standard_webhooks_test_vector():
    assert (
        signing.sign(SPEC_SECRET, SPEC_ID, SPEC_TIME, SPEC_BODY)
        == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    )
    found = signing.headers(SPEC_SECRET, SPEC_ID, SPEC_BODY, timestamp=SPEC_TIME)
    assert signing.verify(SPEC_SECRET, found, SPEC_BODY, now=SPEC_TIME + 60) == SPEC_ID


def test_forged_stale_and_incomplete_signatures_are_refused_with_a_reason():
    secret = signing.new_secret()
    assert secret.startswith("whsec_") and secret != signing.new_secret()
    body = b'{"status":"shipped"}'
    good = signing.headers(secret, "msg_1", body)
    assert signing.verify(secret, good, body) == "msg_1"
    cases = {
        "another body": (good, b'{"status":"declined"}'),
        "another secret": (signing.headers(signing.new_secret(), "msg_1", body), body),
        "old": (signing.headers(secret, "msg_1", body, timestamp=int(time.time()) - 301), body),
        "future": (signing.headers(secret, "msg_1", body, timestamp=int(time.time()) + 301), body),
        "no signature": ({**good, "webhook-signature": ""}, body),
        "odd timestamp": ({**good, "webhook-timestamp": "yesterday"}, body),
        "long id": (signing.headers(secret, "m" * 121, body), body),
    }
    refused = []
    for label, (found, raw) in cases.items():
        try:
            signing.verify(secret, found, raw)
        except signing.BadSignature:
            refused.append(label)
    assert refused == list(cases)
    # Several signatures (a secret being rotated): one matching is enough.
    both = {**good, "webhook-signature": "v1,AAAA " + good["webhook-signature"]}
    assert signing.verify(secret, both, body) == "msg_1"


@pytest.mark.parametrize(
    "address, is_public",
    [
        ("8.8.8.8", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.0.5", False),
        ("169.254.169.254", False),
        ("::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("100.64.0.1", False),
        ("224.0.0.1", False),
        ("2606:4700:4700::1111", True),
    ],
)
def test_only_global_addresses_are_public(address, is_public):
    assert transport.public(address) is is_public


def test_urls_and_hosts_are_checked_before_anything_is_sent():
    for bad in (
        "ftp://example.com/x",
        "javascript:alert(1)",
        "https://",
        "not a url",
        "http://user:pw@example.com/",
        "http://example.com:99999/",
    ):
        with pytest.raises(transport.Refused):
            transport.check_url(bad)
    assert transport.check_url("https://Example.com/hook?x=1") == ("https", "example.com", 443, "/hook?x=1")
    with pytest.raises(transport.Refused, match="private, loopback"):
        transport.resolve("127.0.0.1", 80, frozenset())
    with pytest.raises(transport.Refused):
        transport.resolve("localhost", 80, frozenset())
    assert transport.resolve("127.0.0.1", 80, frozenset({"127.0.0.1"})) == "127.0.0.1"
    with pytest.raises(transport.Unreachable):
        transport.resolve("no-such-host.invalid", 80, frozenset())


def test_post_reaches_an_allowed_local_receiver_and_says_when_it_is_down(receiver):
    receiver.respond(201, {"ok": True})
    answer = transport.post(receiver.url + "/hook", b"{}", {"X-Test": "1"}, frozenset({"127.0.0.1"}))
    assert (answer.status, answer.body) == (201, '{"ok": true}')
    assert receiver.requests[0].path == "/hook" and receiver.requests[0].headers["x-test"] == "1"
    with pytest.raises(transport.Refused):  # not allowed: nothing is sent
        transport.post(receiver.url + "/hook", b"{}", {}, frozenset())
    assert len(receiver.requests) == 1
    receiver.stop()
    with pytest.raises(transport.Unreachable):
        transport.post(receiver.url + "/hook", b"{}", {}, frozenset({"127.0.0.1"}))
