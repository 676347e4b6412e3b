"""The site owner's settings under `extra.kb` in mkdocs.yml, validated once per build."""

from __future__ import annotations

import re

from helpfirst import html_policy
from helpfirst.problems import Problem

FEEDBACK_MODES = ("off", "local")
#: The help widget's settings (`extra.kb.widget`) and their defaults.
WIDGET_DEFAULTS = {
    "form_endpoint": "",
    # An order number as shops write them: 48213, SO-48213, A1234567.
    "order_pattern": r"(?:[A-Za-z]{1,4}-?)?[0-9]{4,12}",
    "topics": {},
    "pages": {},
}
#: Entries per page of a section's listing: a section with more is listed over several pages,
#: so that no page grows with the knowledge base.
LISTING_PAGE_SIZE = 100
STRUCTURED_DATA_TYPES = ("FAQPage", "HowTo", "BreadcrumbList", "WebSite", "Organization")
_EMAIL = re.compile(r"^[^@\s?&#/]+@[^@\s?&#/]+\.[^@\s?&#/]+$")
_TOPIC = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Named groups, comments, inline flags and \A \Z anchors mean something else (or nothing) in
# JavaScript's RegExp.
_PYTHON_ONLY = re.compile(r"\(\?(?:P|#|[aiLmsux-]+[:)])|\\[AZ]")
_ENDPOINT = re.compile(r"^https?://[^\s/?#]+[^\s]*$")


def validate(raw: object, languages: list[str], config_path: str = "mkdocs.yml"):
    """Return (settings with defaults filled in, problems naming the exact key path)."""
    problems: list[Problem] = []

    def bad(key: str, message: str, fix: str) -> None:
        problems.append(Problem(config_path, 1, f"extra.kb.{key}: {message}", fix))

    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        bad("", "must be a group of settings", "see the README for the settings")
        raw = {}
    settings = {
        "organization": raw.get("organization") or {},
        "support_email": raw.get("support_email") or "",
        "feedback": raw.get("feedback", "local"),
        "featured": raw.get("featured") or [],
        "categories": raw.get("categories") or {},
        "structured_data": raw.get("structured_data") or {},
        "stale_notice": raw.get("stale_notice", False),
        "widget": raw.get("widget") or {},
        "listing_page_size": raw.get("listing_page_size", LISTING_PAGE_SIZE),
        "html": raw.get("html") or {},
    }
    known = set(settings)
    for key in raw:
        if key not in known:
            bad(str(key), "unknown setting", f"allowed: {', '.join(sorted(known))}")
    if settings["feedback"] is False:
        settings["feedback"] = "off"
    if settings["feedback"] not in FEEDBACK_MODES:
        bad("feedback", f"'{settings['feedback']}' is not a feedback mode", "use off or local")
        settings["feedback"] = "off"
    email = settings["support_email"]
    if email and (not isinstance(email, str) or not _EMAIL.match(email)):
        bad("support_email", f"'{email}' is not an email address", "write it as name@example.com")
        settings["support_email"] = ""
    if not isinstance(settings["featured"], list):
        bad("featured", "must be a list of entry ids", "write it as [id-one, id-two]")
        settings["featured"] = []
    categories = settings["categories"]
    if not isinstance(categories, dict):
        bad("categories", "must map category ids to names", "see mkdocs.yml for the form")
        settings["categories"] = {}
    else:
        for category, labels in categories.items():
            if isinstance(labels, str):
                continue
            if not isinstance(labels, dict):
                bad(f"categories.{category}", "must map languages to names", "en: Name")
                continue
            for lang in languages:
                if not labels.get(lang):
                    bad(
                        f"categories.{category}.{lang}",
                        "missing name in this language",
                        f"add '{lang}: ...' under categories.{category}",
                    )
    size = settings["listing_page_size"]
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        bad(
            "listing_page_size",
            f"'{size}' is not a number of entries",
            f"write a whole number such as {LISTING_PAGE_SIZE}, or leave it out",
        )
        settings["listing_page_size"] = LISTING_PAGE_SIZE
    if not isinstance(settings["stale_notice"], bool):
        bad("stale_notice", "must be true or false", "write stale_notice: true, or leave it out")
        settings["stale_notice"] = False
    switches = settings["structured_data"]
    if not isinstance(switches, dict):
        bad("structured_data", "must map types to true/false", "for example HowTo: false")
        switches = {}
    for name, value in switches.items():
        if name not in STRUCTURED_DATA_TYPES:
            bad(
                f"structured_data.{name}",
                "unknown type",
                f"use one of {', '.join(STRUCTURED_DATA_TYPES)}",
            )
        elif not isinstance(value, bool):
            bad(
                f"structured_data.{name}",
                "must be true or false",
                f"write '{name}: false' to leave it out, or 'true'",
            )
    # Every type is on unless switched off with `false`.
    settings["structured_data"] = {
        name: switches.get(name) is not False for name in STRUCTURED_DATA_TYPES
    }
    settings["widget"] = _validate_widget(settings["widget"], bad)
    settings["html"] = html_policy.validate(settings["html"], bad)
    return settings, problems


def _validate_widget(raw: object, bad) -> dict:
    """`extra.kb.widget`, with defaults; each mistake reported under its key path."""
    if not isinstance(raw, dict):
        bad("widget", "must be a group of settings", "see the README's help widget section")
        raw = {}
    widget = {**WIDGET_DEFAULTS, **raw}
    for key in raw:
        if key not in WIDGET_DEFAULTS:
            bad(
                f"widget.{key}", "unknown setting", f"allowed: {', '.join(sorted(WIDGET_DEFAULTS))}"
            )
            del widget[key]
    endpoint = widget["form_endpoint"] or ""
    if not isinstance(endpoint, str) or (endpoint and not _ENDPOINT.match(endpoint)):
        bad(
            "widget.form_endpoint",
            f"'{endpoint}' is not an http(s) address",
            "write it as https://forms.example.com/support, or leave it out to use email",
        )
        endpoint = ""
    widget["form_endpoint"] = endpoint
    pattern = widget["order_pattern"]
    problem = _pattern_problem(pattern)
    if problem:
        bad("widget.order_pattern", problem, r"for example (?:[A-Za-z]{1,4}-?)?[0-9]{4,12}")
        widget["order_pattern"] = WIDGET_DEFAULTS["order_pattern"]
    topics = widget["topics"]
    if not isinstance(topics, dict):
        bad("widget.topics", "must map topic names to lists of entry ids", "account: [id-one]")
        topics = {}
    clean_topics = {}
    for name, ids in topics.items():
        if not isinstance(name, str) or not _TOPIC.match(name):
            bad(f"widget.topics.{name}", "a topic name is lower-case words joined by -", "account")
        elif not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            bad(f"widget.topics.{name}", "must be a list of entry ids", "[id-one, id-two]")
        else:
            clean_topics[name] = ids
    widget["topics"] = clean_topics
    pages = widget["pages"]
    if not isinstance(pages, dict):
        bad("widget.pages", "must map address patterns to topics", '"/account/*": account')
        pages = {}
    clean_pages = {}
    for pattern, topic in pages.items():
        if not isinstance(pattern, str) or not pattern.startswith(("/", "*")):
            bad(f"widget.pages.{pattern}", "a pattern is a path on the host site", '"/account/*"')
        elif not isinstance(topic, str):
            bad(f"widget.pages.{pattern}", "must name one topic", "a topic or category id")
        else:
            clean_pages[pattern] = topic
    widget["pages"] = clean_pages
    return widget


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
