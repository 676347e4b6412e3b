"""Email-template placeholders: the one documented set, and finding unknown ones with lines."""

from __future__ import annotations

import difflib
import re

from helpfirst import source_lines
from helpfirst.problems import Problem

#: The documented placeholders (AUTHORING.md), the same in every language.
KNOWN = (
    "company",
    "customer portal",
    "name",
    "email",
    "code",
    "link",
    "product",
    "order number",
    "date",
    "expiry",
    "support email",
    "support phone",
    "agent name",
)

# Words in square brackets; a Markdown link's text ("[text](url)") is not a placeholder.
_BRACKETED = re.compile(r"\[([^\[\]\n]{1,40})\](?!\()")


def unknown_in(text: str) -> list[tuple[str, str | None]]:
    """Every bracketed word in `text` that is not a known placeholder, with a suggestion."""
    found = []
    for match in _BRACKETED.finditer(text):
        word = match.group(1)
        if word in KNOWN or not re.search(r"[^\W\d_]", word):
            continue
        near = difflib.get_close_matches(word.lower(), KNOWN, n=1, cutoff=0.6)
        found.append((word, near[0] if near else None))
    return found


def check_template(path: str, subjects: list, subject_lines: dict, body: str, body_line: int):
    """Problems for unknown placeholders in a template's subject lines and fenced bodies."""
    problems = []
    places = [
        (subject_lines.get(index, 1), subject)
        for index, subject in enumerate(subjects)
        if isinstance(subject, str)
    ]
    places += [
        (number, line)
        for number, line, kind in source_lines.walk(body, body_line)
        if kind == source_lines.CODE
    ]
    for line, text in places:
        for word, near in unknown_in(text):
            fix = f"did you mean [{near}]?" if near else "see the placeholder table in AUTHORING.md"
            problems.append(Problem(path, line, f"unknown placeholder [{word}]", fix))
    return problems
