"""The insights event format (helpfirst.insights): scrubbing, encoding and reading events."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qsl

import pytest

from helpfirst import insights
from helpfirst.insights import Event, EventError

VECTORS = Path(__file__).resolve().parent.parent / "vectors" / "insights_scrub.json"


@pytest.mark.parametrize(
    "row", json.loads(VECTORS.read_text(encoding="utf-8"))["rows"], ids=lambda row: row["input"]
)
def test_scrub_follows_the_shared_vectors(row):
    assert insights.scrub(row["input"]) == row["output"]


def test_scrubbed_text_keeps_no_digit_run_address_or_card():
    text = insights.scrub("pay 5555 5555 5555 4444, order 77777, write x1@y.si or 1234-5678")
    assert text == "pay , order #, write @ or #-#"


def test_an_event_survives_encoding_and_reading_back():
    fields = {
        "v": "1",
        "t": "sent",
        "s": "k3j4h5",
        "l": "sl",
        "w": "widget",
        "seen": ["reset-password", "order-number"],
        "m": "mailto",
    }
    query = insights.encode(fields)
    assert query == "v=1&t=sent&s=k3j4h5&l=sl&w=widget&seen=reset-password%2Corder-number&m=mailto"
    assert insights.read(dict(parse_qsl(query))) == Event(
        type="sent",
        visit="k3j4h5",
        lang="sl",
        where="widget",
        seen=("reset-password", "order-number"),
        method="mailto",
    )


def test_encoding_leaves_out_what_is_empty_and_escapes_as_the_browser():
    """No `seen=` for an email sent before any answer was read (the browser sends none), and
    the characters encodeURIComponent keeps are kept (tests/browser/test_insights_js.py holds
    the two sides together)."""
    fields = {"v": "1", "t": "sent", "s": "a", "l": "sl", "w": "widget", "seen": [], "m": "copy"}
    assert insights.encode(fields) == "v=1&t=sent&s=a&l=sl&w=widget&m=copy"
    fields = {"v": "1", "t": "search", "s": "a", "l": "sl", "w": "site", "q": "(č!) *'~ a&b=c"}
    assert insights.encode(fields) == ("v=1&t=search&s=a&l=sl&w=site&q=(%C4%8D!)%20*'~%20a%26b%3Dc")


def test_text_is_scrubbed_again_when_read():
    event = insights.read(
        {"v": "1", "t": "search", "s": "a", "l": "en", "w": "site", "q": "order 123456", "n": "0"}
    )
    assert (event.query, event.results) == ("order #", 0)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"v": "2"}, "v: version '2' is not 1"),
        (
            {"t": "click"},
            "t: 'click' is not one of start, search, open, answer, compose, sent, vote",
        ),
        ({"q": None}, "q: missing for a search event"),
        ({"s": "a b"}, "s: 'a b' is not a visit id"),
        ({"l": "<b>"}, "l: '<b>' is not a language code"),
        ({"w": "app"}, "w: 'app' is not site or widget"),
        ({"n": "-1"}, "n: '-1' is not a number"),
        ({"n": "1234567"}, "n: '1234567' is not a number"),
        ({"e": "Reset Password"}, "e: 'Reset Password' is not an entry id"),
        ({"seen": "a,<b>"}, "seen: '<b>' is not an entry id"),
        ({"m": "fax"}, "m: 'fax' is not one of mailto, post, copy"),
        ({"vote": "maybe"}, "vote: 'maybe' is not yes or no"),
    ],
)
def test_a_wrong_key_is_named(change, message):
    fields = {"v": "1", "t": "search", "s": "a", "l": "en", "w": "site", "q": "x", "n": "3"}
    fields.update(change)
    with pytest.raises(EventError) as caught:
        insights.read(fields)
    assert str(caught.value) == message
