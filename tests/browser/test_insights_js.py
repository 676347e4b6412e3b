"""assets/kb/insights.js in real Chromium: its scrubbing gives Python's results
(helpfirst.insights.scrub) on every shared vector row and on seeded random text, and it
defines no global name.

The script is injected into a blank page (no network: every request is aborted)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from helpfirst.insights import encode, scrub

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
INSIGHTS_JS = (ROOT / "overrides/assets/kb/insights.js").read_text(encoding="utf-8")
VECTORS = json.loads((ROOT / "tests/vectors/insights_scrub.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def insights(browser):
    """A blank page with insights.js loaded, shared by this module's tests."""
    context = browser.new_context()
    context.route("**/*", lambda route: route.abort())
    page = context.new_page()
    page.set_content("<!doctype html><meta charset=utf-8><title>insights</title>")
    page.add_script_tag(content=INSIGHTS_JS)
    yield page
    context.close()


def _js_scrub(page, texts):
    return page.evaluate(
        "texts => texts.map(t => self[Symbol.for('helpfirst.insights')].scrub(t))", texts
    )


def test_js_scrubs_every_vector_row_as_python(insights):
    """Every shared row gives its output in JavaScript too."""
    rows = VECTORS["rows"]
    got = _js_scrub(insights, [row["input"] for row in rows])
    wrong = [
        (r["input"], r["output"], g) for r, g in zip(rows, got, strict=True) if g != r["output"]
    ]
    assert wrong == []


def test_js_scrubs_random_text_as_python(insights):
    """Seeded random text of digits, separators, @, every kind of space and astral
    characters: the same result on both sides."""
    rng = random.Random(17)
    alphabet = (
        "0123456789 -@.ab_xyčš\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2009\u200a"
        "\u2028\u2029\u202f\u205f\u3000\ufeff\u200b😀𝐀"
    )
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 140))) for _ in range(3000)]
    got = _js_scrub(insights, texts)
    wrong = [(t, scrub(t), g) for t, g in zip(texts, got, strict=True) if scrub(t) != g]
    assert wrong[:5] == []


def test_script_keeps_nothing_and_defines_no_global(insights):
    """The API is found by its Symbol only and cannot be replaced (that nothing is stored is
    checked on the real site: tests/deploy/test_insights.py)."""
    state = insights.evaluate(
        """() => {
            const api = self[Symbol.for('helpfirst.insights')];
            const visit = api.visit({mode: 'log', url: 'https://help.example/insights/e',
                                     lang: 'sl', where: 'widget'});
            visit.record('search', {q: 'geslo 12345', n: 0});
            visit.record('vote', {e: 'x', vote: 'no'});
            visit.flush();
            let replaced = true;
            try { self[Symbol.for('helpfirst.insights')] = {}; } catch (e) { replaced = false; }
            return {
                frozen: Object.isFrozen(api),
                same: self[Symbol.for('helpfirst.insights')] === api,
                names: Object.keys(self).filter(k => /insight/i.test(k)),
            };
        }"""
    )
    assert state == {
        "frozen": True,
        "same": True,
        "names": [],
    }


def _urls_fetched(page, steps: str, arg=None) -> list[str]:
    """The addresses the page's `fetch` is called with while `steps` (JavaScript that can read
    `arg`) run. Keepalive requests pass by Playwright's routing, so the calls are what is read."""
    return page.evaluate(
        """(arg) => {
            const sent = [];
            const fetch = self.fetch;
            self.fetch = (url, init) => { sent.push(String(url)); return fetch(url, init); };
            try {
                STEPS
            } finally {
                self.fetch = fetch;
            }
            return sent;
        }""".replace("STEPS", steps),
        arg,
    )


def test_a_search_shown_again_is_one_search(insights):
    """The same query with the same count right after itself (a results list that updates twice)
    is sent once; after another kind of event it is a search of its own again. (Keepalive
    requests pass by Playwright's routing, so the page's fetch calls are what is read.)"""
    sent = _urls_fetched(
        insights,
        """
        const visit = self[Symbol.for('helpfirst.insights')].visit(
            {mode: 'log', url: 'https://help.example/insights/e', lang: 'sl'});
        visit.record('search', {q: 'geslo', n: 3}); visit.flush();
        visit.record('search', {q: 'geslo', n: 3}); visit.flush();
        visit.record('search', {q: 'geslo', n: 4}); visit.flush();
        visit.record('open', {p: 1, e: 'password-reset'});
        visit.record('search', {q: 'geslo', n: 4}); visit.flush();
        """,
    )
    kinds = [(url.split("t=")[1].split("&")[0], "n=4" in url) for url in sent]
    assert kinds == [("search", False), ("search", True), ("open", False), ("search", True)]


def test_log_mode_query_strings_are_python_encodes(insights):
    """The query strings the browser sends in log mode are what helpfirst.insights.encode
    writes for the same event (scripts/bench/insights_log.py writes its logs with it): the
    same key order, the same escaping, and no empty `seen`."""
    query = "(č!) *'~ a&b=c 😀 +%"
    reason = "too long; see [1]"
    sent = _urls_fetched(
        insights,
        """
        const [query, reason] = arg;
        const visit = self[Symbol.for('helpfirst.insights')].visit(
            {mode: 'log', url: 'https://help.example/insights/e', lang: 'sl', where: 'widget'});
        visit.record('search', {q: query, n: 2}); visit.flush();
        visit.record('sent', {m: 'copy', seen: []}); visit.flush();
        visit.record('sent', {m: 'post', seen: ['a-b', 'c']}); visit.flush();
        visit.record('vote', {e: 'a-b', vote: 'no', r: reason}); visit.flush();
        """,
        [query, reason],
    )
    visit = parse_qs(urlsplit(sent[0]).query)["s"][0]
    base = {"v": "1", "s": visit, "l": "sl", "w": "widget"}
    expected = [
        {**base, "t": "search", "q": scrub(query), "n": 2},
        {**base, "t": "sent", "m": "copy", "seen": []},
        {**base, "t": "sent", "m": "post", "seen": ["a-b", "c"]},
        {**base, "t": "vote", "e": "a-b", "vote": "no", "r": scrub(reason)},
    ]
    assert [url.split("?", 1)[1] for url in sent] == [encode(fields) for fields in expected]
