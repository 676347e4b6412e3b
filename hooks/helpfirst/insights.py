"""Insights: the events the site and the widget send when `extra.kb.insights` is on, written
once here, and the scrubbing of what a reader typed before it leaves the browser.

An event is a handful of short keys. In `log` mode the browser asks for the empty file the build
ships at `insights/e` with the event as its query string (`/insights/e?v=1&t=search&…`), so any
static host's access log holds it; in `endpoint` mode it posts the same keys as JSON, and the
receiver writes one JSON object a line with a timestamp `ts` added. `kb insights` reads both
(helpfirst.tools.insights_report).

| key    | meaning                                                            | events        |
|--------|--------------------------------------------------------------------|---------------|
| `v`    | format version, `1`                                                | every event   |
| `t`    | type: start, search, open, answer, compose, sent, vote             | every event   |
| `s`    | visit id: random, held in memory, gone with the page or the widget | every event   |
| `l`    | language of the site or the widget                                 | every event   |
| `w`    | where: `site` or `widget`                                          | every event   |
| `q`    | the query, scrubbed (`scrub`)                                      | search        |
| `n`    | number of results shown                                            | search        |
| `p`    | position of the result opened, from 1                              | open          |
| `e`    | entry id                                                           | open, answer, vote |
| `seen` | ids of the answers read before the email, comma-separated          | sent          |
| `m`    | how the email left: mailto, post, copy                             | sent          |
| `vote` | "Was this page helpful?": yes or no                                | vote          |
| `r`    | the reader's reason, scrubbed                                      | vote          |

`start` is the widget's panel opened; `answer` an answer read in the widget; `compose` the
guided email opened; `sent` that email sent.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from helpfirst.content import valid_id

VERSION = "1"
#: Where the build ships the empty file that `log` mode asks for, below the site's root.
EVENT_PATH = "insights/e"
MODES = ("off", "log", "endpoint")
TYPES = ("start", "search", "open", "answer", "compose", "sent", "vote")
PLACES = ("site", "widget")
METHODS = ("mailto", "post", "copy")
VOTES = ("yes", "no")
#: The longest query or reason kept, in characters.
MAX_TEXT_LENGTH = 100
#: The most entry ids one `sent` event names.
MAX_SEEN = 20
#: Keys each type needs besides v, t, s, l and w.
NEEDS = {
    "start": (),
    "search": ("q", "n"),
    "open": ("e",),
    "answer": ("e",),
    "compose": (),
    "sent": ("m",),
    "vote": ("e", "vote"),
}
#: Every key, in the order `encode` writes them.
KEYS = ("v", "t", "s", "l", "w", "q", "n", "p", "e", "seen", "m", "vote", "r")

# The browser runs these same patterns (JavaScript RegExp), in this order: tests/vectors/
# insights_scrub.json holds both sides to the same results.
# 13 to 19 digits, each optionally followed by one space or hyphen: a payment card number.
_CARD = re.compile(r"(?:[0-9][ -]?){12,18}[0-9]")
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+")
_DIGITS = re.compile(r"[0-9]{4,}")
_SPACE = re.compile(r"\s+")
# What encodeURIComponent leaves as it is besides letters, digits and "-_.~" (which quote
# always leaves).
_URI_COMPONENT_SAFE = "!'()*"
_VISIT = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")


class EventError(ValueError):
    """An event that does not follow the format: the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class Event:
    """One event as read back from a log: text already scrubbed, numbers as numbers."""

    type: str
    visit: str
    lang: str
    where: str
    query: str = ""
    results: int = 0
    position: int = 0
    entry: str = ""
    seen: tuple[str, ...] = ()
    method: str = ""
    vote: str = ""
    reason: str = ""


def scrub(text: str) -> str:
    """What a reader typed, made safe to send: card-like numbers removed, email addresses
    to `@`, runs of four or more digits to `#`, spaces collapsed, at most MAX_TEXT_LENGTH
    characters."""
    text = _CARD.sub(" ", str(text))
    text = _EMAIL.sub("@", text)
    text = _DIGITS.sub("#", text)
    text = _SPACE.sub(" ", text).strip()
    return text[:MAX_TEXT_LENGTH].strip()


def encode(fields: Mapping[str, object]) -> str:
    """The query string of an event for `log` mode, as the browser writes it: keys in KEYS
    order, nothing empty, values percent-encoded as JavaScript's encodeURIComponent does
    (`seen` as a comma-separated list)."""
    parts = []
    for key in KEYS:
        value = fields.get(key)
        if isinstance(value, list | tuple):
            value = ",".join(value)
        if value is None or value == "":
            continue
        parts.append(f"{key}={quote(str(value), safe=_URI_COMPONENT_SAFE)}")
    return "&".join(parts)


def read(fields: Mapping[str, object]) -> Event:
    """An event from its keys (a log line's query string, or a JSON Lines record); raises
    EventError naming the first key that is wrong. Text is scrubbed again here, so that a
    sender that did not scrub cannot bring digits or addresses into a report."""
    get = fields.get
    version = get("v")
    if version != VERSION and str(version) != VERSION:
        raise EventError(f"v: version '{_shown(version)}' is not {VERSION}")
    kind = get("t")
    needs = NEEDS.get(kind) if isinstance(kind, str) else None
    if needs is None:
        raise EventError(f"t: '{_shown(kind)}' is not one of {', '.join(TYPES)}")
    for key in needs:
        if get(key) in (None, ""):
            raise EventError(f"{key}: missing for a {kind} event")
    visit, lang, where = get("s"), get("l"), get("w")
    if not isinstance(visit, str) or not _VISIT.match(visit):
        raise EventError(f"s: '{_shown(visit)}' is not a visit id")
    if not isinstance(lang, str) or not _is_lang(lang):
        raise EventError(f"l: '{_shown(lang)}' is not a language code")
    if where not in PLACES:
        raise EventError(f"w: '{_shown(where)}' is not site or widget")
    entry = get("e") or ""
    if entry and (not isinstance(entry, str) or not _is_id(entry)):
        raise EventError(f"e: '{_shown(entry)}' is not an entry id")
    method, vote = get("m") or "", get("vote") or ""
    if method and method not in METHODS:
        raise EventError(f"m: '{_shown(method)}' is not one of {', '.join(METHODS)}")
    if vote and vote not in VOTES:
        raise EventError(f"vote: '{_shown(vote)}' is not yes or no")
    query, reason, seen = get("q"), get("r"), get("seen")
    return Event(
        kind,  # type: ignore[arg-type]
        visit,
        lang,
        where,
        _scrubbed(str(query)) if query else "",
        _count(fields, "n"),
        _count(fields, "p"),
        entry,  # type: ignore[arg-type]
        _seen(seen) if seen else (),
        method,  # type: ignore[arg-type]
        vote,  # type: ignore[arg-type]
        _scrubbed(str(reason)) if reason else "",
    )


# A log repeats the same queries, languages and ids over and over: each is judged once.
@lru_cache(maxsize=65_536)
def _scrubbed(text: str) -> str:
    """`scrub`, remembered."""
    return scrub(text)


@lru_cache(maxsize=1024)
def _is_lang(text: str) -> bool:
    return bool(_LANG.match(text))


_is_id = lru_cache(maxsize=65_536)(valid_id)


def _count(fields: Mapping[str, object], key: str) -> int:
    """A whole number of at most six digits at `key`; 0 when absent."""
    value = fields.get(key)
    if value is None or value == "":
        return 0
    if type(value) is int and 0 <= value < 1_000_000:
        return value
    text = str(value)
    if isinstance(value, bool) or not text.isascii() or not text.isdigit() or len(text) > 6:
        raise EventError(f"{key}: '{_shown(value)}' is not a number")
    return int(text)


def _seen(value: object) -> tuple[str, ...]:
    """The entry ids of `seen`: a comma-separated text or a JSON list."""
    if value in (None, ""):
        return ()
    ids = value.split(",") if isinstance(value, str) else value
    if not isinstance(ids, list | tuple) or len(ids) > MAX_SEEN:
        raise EventError("seen: not a list of at most 20 entry ids")
    for entry in ids:
        if not isinstance(entry, str) or not _is_id(entry):
            raise EventError(f"seen: '{_shown(entry)}' is not an entry id")
    return tuple(dict.fromkeys(ids))


def _shown(value: object) -> str:
    """A wrong value as a message quotes it: short, on one line."""
    text = _SPACE.sub(" ", str(value))
    return text if len(text) <= 40 else text[:40] + "…"
