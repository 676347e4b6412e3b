"""The site owner's settings under `extra.kb` in mkdocs.yml, validated once per build."""

from __future__ import annotations

import re

from helpfirst.problems import Problem

FEEDBACK_MODES = ("off", "local")
STRUCTURED_DATA_TYPES = ("FAQPage", "HowTo", "BreadcrumbList", "WebSite", "Organization")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


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
    return settings, problems
