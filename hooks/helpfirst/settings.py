"""The site owner's settings under `extra.kb` in mkdocs.yml: declared once below (`Settings`,
`WidgetSettings`) with their types, defaults and checks, validated once per build, and every
mistake reported at the line of its key (`mkdocs.yml:131: extra.kb.listing_page_size: ...`)."""

from __future__ import annotations

import copy
import ipaddress
import re
from collections.abc import Callable
from dataclasses import Field, dataclass, field, fields
from typing import TypeVar
from urllib.parse import urlsplit

from helpfirst import html_policy
from helpfirst.config_lines import ConfigLines
from helpfirst.content import valid_id
from helpfirst.problems import Problem

FEEDBACK_MODES = ("off", "local")
#: An order number as shops write them: 48213, SO-48213, A1234567.
ORDER_PATTERN = r"(?:[A-Za-z]{1,4}-?)?[0-9]{4,12}"
#: Entries per page of a section's listing: a section with more is listed over several pages,
#: so that no page grows with the knowledge base.
LISTING_PAGE_SIZE = 100
STRUCTURED_DATA_TYPES = ("FAQPage", "HowTo", "BreadcrumbList", "WebSite", "Organization")
_EMAIL = re.compile(r"^[^@\s?&#/]+@[^@\s?&#/]+\.[^@\s?&#/]+$")
# Named groups, comments, inline flags and \A \Z anchors mean something else (or nothing) in
# JavaScript's RegExp.
_PYTHON_ONLY = re.compile(r"\(\?(?:P|#|[aiLmsux-]+[:)])|\\[AZ]")
_ENDPOINT = re.compile(r"^https?://[^\s/?#]+[^\s]*$")
# A host name in its ASCII (IDNA) form: labels of letters, digits and inner hyphens.
_HOST = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.?$"
)
# What a path and query may hold as written (RFC 3986), a % only before two hex digits.
_URL_TEXT = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$")


def validate(
    raw: object, languages: list[str], lines: ConfigLines | None = None
) -> tuple[Settings, list[Problem]]:
    """Return (settings with defaults filled in, problems naming the exact key path, each at
    its line in `lines`: line 1 of mkdocs.yml without them)."""
    lines = lines or ConfigLines()
    problems: list[Problem] = []

    def report(key: str, message: str, fix: str) -> None:
        problems.append(lines.problem(f"extra.kb.{key}" if key else "extra.kb", message, fix))

    settings = _read(Settings, raw, _At("", report, tuple(languages)))
    return settings, problems


_G = TypeVar("_G", bound="_Group")


# --- the checks, one per kind of setting -----------------------------------------------------

#: A check turns what is written at a key into the setting's value, reporting what is wrong.
Check = Callable[[object, "_At"], object]


@dataclass(frozen=True)
class _At:
    """A key under `extra.kb` (`""` for extra.kb itself), to report a mistake there."""

    key: str
    report: Callable[[str, str, str], None]  # (key below extra.kb, message, fix)
    languages: tuple[str, ...]

    def bad(self, message: str, fix: str) -> None:
        """Report a mistake at this key."""
        self.report(self.key, message, fix)

    def below(self, name: object) -> _At:
        """The key `name` under this one."""
        return _At(f"{self.key}.{name}" if self.key else str(name), self.report, self.languages)


def _organization(value: object, at: _At) -> dict:
    """The publisher's name, url and logo; none is empty."""
    if not value:
        return {}
    if not isinstance(value, dict):
        at.bad("must be a group of settings", "write name, url and logo under it")
        return {}
    return value


def _email(value: object, at: _At) -> str:
    """An address that fits a mailto: link; none is empty."""
    if value and (not isinstance(value, str) or not _EMAIL.match(value)):
        at.bad(f"'{value}' is not an email address", "write it as name@example.com")
        return ""
    return value or ""  # type: ignore[return-value]


def _feedback(value: object, at: _At) -> str:
    """One of FEEDBACK_MODES; YAML reads a bare `off` as false."""
    if value is False:
        return "off"
    if value not in FEEDBACK_MODES:
        at.bad(f"'{value}' is not a feedback mode", "use off or local")
        return "off"
    return value


@dataclass(frozen=True)
class InsightsSettings:
    """`extra.kb.insights`: mode is one of insights.MODES; endpoint is the https address in
    endpoint mode, else empty."""

    mode: str = "off"
    endpoint: str = ""


def _insights(value: object, at: _At) -> InsightsSettings:
    """off (YAML reads a bare `off` as false), log, or a group `endpoint: https://…`."""
    if value is False or value == "off":
        return InsightsSettings()
    if value == "log":
        return InsightsSettings(mode="log")
    fix = "write off, log, or endpoint: https://insights.example.com/events under it"
    if not isinstance(value, dict):
        at.bad(f"'{value}' is not an insights mode", fix)
        return InsightsSettings()
    for key in value:
        if key != "endpoint":
            at.below(key).bad("unknown setting", "allowed: endpoint")
    endpoint = value.get("endpoint")
    problem, own_fix = _https_problem(endpoint)
    if problem:
        at.below("endpoint").bad(f"'{endpoint}' {problem}", own_fix or fix)
        return InsightsSettings()
    return InsightsSettings(mode="endpoint", endpoint=endpoint)  # type: ignore[arg-type]


def _https_problem(text: object) -> tuple[str, str]:
    """Why `text` cannot be where the browser sends events, as (problem, fix; "" for the
    setting's own fix), or ("", "") when it can: an https address with a host, and nothing
    in it that a browser would rewrite or that would send more than the events."""
    if not isinstance(text, str) or not text.lower().startswith("https://"):
        # Events leave the reader's browser only over https.
        return "is not an https address", ""
    if any(char.isspace() or not char.isprintable() for char in text):
        return "holds a space or a control character", "write the address without them"
    try:
        parts = urlsplit(text)
    except ValueError:
        return "is not a well-formed address", "check the brackets around an IPv6 address"
    try:
        port = parts.port
    except ValueError:
        port = 0
    if "#" in text:
        return "has a fragment (#…)", "leave out the # and what follows it"
    if "@" in parts.netloc:
        # A user name or password would be sent with every event, and seen by every reader.
        return "holds a user name or password", "leave out the part before @"
    if not parts.hostname or not _is_host(parts.hostname):
        return "has no valid host name", "write it as https://insights.example.com/events"
    if port == 0:
        return "has a port that is not 1 to 65535", "leave the port out, or give one in that range"
    if not _URL_TEXT.match(parts.path + ("?" + parts.query if parts.query else "")):
        return (
            "holds characters an address cannot hold as written",
            "percent-encode them, for example a space as %20",
        )
    return "", ""


def _is_host(host: str) -> bool:
    """A DNS name (international names in their IDNA form) or an IP address."""
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return bool(_HOST.match(ascii_host))


def _entry_ids(value: object, at: _At) -> list:
    """A list of entry ids (whether they name entries is checked with the catalog)."""
    if not value:
        return []
    if not isinstance(value, list):
        at.bad("must be a list of entry ids", "write it as [id-one, id-two]")
        return []
    return value


def _categories(value: object, at: _At) -> dict:
    """Category ids mapped to one name, or to a name in every language."""
    if not value:
        return {}
    if not isinstance(value, dict):
        at.bad("must map category ids to names", "see mkdocs.yml for the form")
        return {}
    for category, labels in value.items():
        if isinstance(labels, str):
            continue
        if not isinstance(labels, dict):
            at.below(category).bad("must map languages to names", "en: Name")
            continue
        for lang in at.languages:
            if not labels.get(lang):
                at.below(category).below(lang).bad(
                    "missing name in this language",
                    f"add '{lang}: ...' under categories.{category}",
                )
    return value


def _page_size(value: object, at: _At) -> int:
    """A whole number of entries, at least 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        at.bad(
            f"'{value}' is not a number of entries",
            f"write a whole number such as {LISTING_PAGE_SIZE}, or leave it out",
        )
        return LISTING_PAGE_SIZE
    return value


def _switch(value: object, at: _At) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        name = at.key.rsplit(".", 1)[-1]
        at.bad("must be true or false", f"write {name}: true, or leave it out")
        return False
    return value


def _structured_data(value: object, at: _At) -> dict[str, bool]:
    """Every type of STRUCTURED_DATA_TYPES, on unless switched off with `false`."""
    switches = value or {}
    if not isinstance(switches, dict):
        at.bad("must map types to true/false", "for example HowTo: false")
        switches = {}
    for name, switch in switches.items():
        if name not in STRUCTURED_DATA_TYPES:
            at.below(name).bad("unknown type", f"use one of {', '.join(STRUCTURED_DATA_TYPES)}")
        elif not isinstance(switch, bool):
            at.below(name).bad(
                "must be true or false", f"write '{name}: false' to leave it out, or 'true'"
            )
    return {name: switches.get(name) is not False for name in STRUCTURED_DATA_TYPES}


def _sections(value: object, at: _At) -> list[str]:
    """Section folders of entries: faq, guides, templates."""
    allowed = ("faq", "guides", "templates")
    if value is None:
        return []
    if not isinstance(value, list):
        at.bad("must be a list of sections", f"for example [{allowed[0]}]")
        return []
    kept = []
    for index, item in enumerate(value):
        if item not in allowed:
            item_at = _At(f"{at.key}[{index}]", at.report, at.languages)
            item_at.bad(f"'{item}' is not a section", f"use {', '.join(allowed)}")
        else:
            kept.append(item)
    return kept


def _http_address(value: object, at: _At) -> str:
    """An http(s) address; none is empty."""
    value = value or ""
    if not isinstance(value, str) or (value and not _ENDPOINT.match(value)):
        at.bad(
            f"'{value}' is not an http(s) address",
            "write it as https://forms.example.com/support, or leave it out to use email",
        )
        return ""
    return value


def _order_pattern(value: object, at: _At) -> str:
    """A regular expression that Python and JavaScript read alike and that needs a digit."""
    problem = _pattern_problem(value)
    if problem:
        at.bad(problem, r"for example (?:[A-Za-z]{1,4}-?)?[0-9]{4,12}")
        return ORDER_PATTERN
    return value  # type: ignore[return-value]


def _topics(value: object, at: _At) -> dict[str, list[str]]:
    """Topic names mapped to lists of entry ids; a wrong topic is left out."""
    if not isinstance(value, dict):
        at.bad("must map topic names to lists of entry ids", "account: [id-one]")
        value = {}
    topics = {}
    for name, ids in value.items():
        if not isinstance(name, str) or not valid_id(name):
            at.below(name).bad("a topic name is lower-case words joined by -", "account")
        elif not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            at.below(name).bad("must be a list of entry ids", "[id-one, id-two]")
        else:
            topics[name] = ids
    return topics


def _pages(value: object, at: _At) -> dict[str, str]:
    """Address patterns of the host site mapped to a topic; a wrong pattern is left out."""
    if not isinstance(value, dict):
        at.bad("must map address patterns to topics", '"/account/*": account')
        value = {}
    pages = {}
    for pattern, topic in value.items():
        if not isinstance(pattern, str) or not pattern.startswith(("/", "*")):
            at.below(pattern).bad("a pattern is a path on the host site", '"/account/*"')
        elif not isinstance(topic, str):
            at.below(pattern).bad("must name one topic", "a topic or category id")
        else:
            pages[pattern] = topic
    return pages


def _html(value: object, at: _At) -> dict:
    """Elements and attributes allowed beyond the HTML policy (helpfirst.html_policy)."""
    return html_policy.validate(value or {}, at.report)


def _pattern_problem(pattern: object) -> str:
    """Why an order-number pattern cannot be used, or "" when it can."""
    if not isinstance(pattern, str) or not pattern:
        return "must be a regular expression"
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        return f"'{pattern}' is not a regular expression: {error}"
    if compiled.fullmatch(""):
        return f"'{pattern}' matches an empty text, so every message would have an order number"
    if _PYTHON_ONLY.search(pattern):
        # The browser runs the same pattern with JavaScript's RegExp.
        return f"'{pattern}' uses syntax that JavaScript does not share with Python"
    return ""


# --- the declaration -------------------------------------------------------------------------


def setting(default: object, check: Check):
    """A declared setting: its default (copied for each site) and the check of what is written.

    A setting that is written is always checked, even when empty: each check decides what an
    empty value means."""
    return field(default_factory=lambda: copy.deepcopy(default), metadata={"check": check})


class _Group:
    """A group of declared settings, read as typed attributes (`settings.featured`)."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        """The declared settings (each subclass is a dataclass)."""
        return fields(cls)  # type: ignore[arg-type]

    @classmethod
    def _names(cls) -> tuple[str, ...]:
        return tuple(item.name for item in cls._fields())


# Dataclasses rather than MkDocs' config option classes: the checks stay plain functions that
# run without MkDocs, and each mistake is reported with the project's wording at its key path,
# which MkDocs' options (one message per top-level option, in their own words) cannot give.
@dataclass(frozen=True)
class WidgetSettings(_Group):
    """`extra.kb.widget`: the help widget that other sites embed (see the README)."""

    #: Where the contact form posts; empty: the reader writes an email instead.
    form_endpoint: str = setting("", _http_address)
    order_pattern: str = setting(ORDER_PATTERN, _order_pattern)
    #: Entries suggested before anything is typed, by topic (every category is a topic too).
    topics: dict[str, list[str]] = setting({}, _topics)
    #: Paths of the embedding site ("*" is any text) and the topic suggested there.
    pages: dict[str, str] = setting({}, _pages)


def _widget(value: object, at: _At) -> WidgetSettings:
    """`extra.kb.widget`, with defaults; each mistake reported under its key path."""
    if value and not isinstance(value, dict):
        at.bad("must be a group of settings", "see the README's help widget section")
        value = None
    return _read(WidgetSettings, value, at)


@dataclass(frozen=True)
class Settings(_Group):
    """`extra.kb`: everything a site owner tunes."""

    #: The publisher in structured data: name, url, logo.
    organization: dict = setting({}, _organization)
    #: "Was this page helpful?": off, or local (the answer stays in the reader's browser).
    feedback: str = setting("local", _feedback)
    support_email: str = setting("", _email)
    #: The most useful entries, shown first on every language's home page.
    featured: list[str] = setting([], _entry_ids)
    #: Category ids and their names in each language.
    categories: dict[str, str | dict[str, str]] = setting({}, _categories)
    listing_page_size: int = setting(LISTING_PAGE_SIZE, _page_size)
    #: A translation older than its source says so on its page.
    stale_notice: bool = setting(False, _switch)
    #: schema.org types in each page's head; each is on unless switched off.
    structured_data: dict[str, bool] = setting(
        dict.fromkeys(STRUCTURED_DATA_TYPES, True), _structured_data
    )
    widget: WidgetSettings = setting(WidgetSettings(), _widget)
    #: Where the site and the widget send their events: off, log or an endpoint (README:
    #: Insights).
    insights: InsightsSettings = setting(InsightsSettings(), _insights)
    #: HTML allowed in entries beyond the policy: {"tags": [...], "attributes": {...}}.
    html: dict = setting({"tags": [], "attributes": {}, "image_hosts": []}, _html)
    #: Sections (faq, guides, templates) left out of the twins, llms.txt and the content API.
    machine_readable_exclude: list[str] = setting([], _sections)


def _read(group: type[_G], raw: object, at: _At) -> _G:
    """A group of declared settings from what is written: each written setting checked, the
    others at their defaults, an unknown key reported."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        at.bad("must be a group of settings", "see the README for the settings")
        raw = {}
    names = group._names()
    for key in raw:
        if key not in names:
            at.below(key).bad("unknown setting", f"allowed: {', '.join(sorted(names))}")
    values = {
        item.name: item.metadata["check"](raw[item.name], at.below(item.name))
        for item in group._fields()
        if item.name in raw
    }
    return group(**values)
