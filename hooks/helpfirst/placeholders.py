"""Email-template placeholders: the one documented set, and finding unknown ones with lines."""

from __future__ import annotations

import difflib
import re

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
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


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


def fenced_lines(body: str, first_line: int):
    """Yield (line number, text) of every line inside a fenced code block of `body`."""
    fence = None
    for offset, line in enumerate(body.split("\n")):
        opener = _FENCE.match(line)
        if fence is None:
            if opener:
                fence = opener.group(1)
            continue
        if line.strip().startswith(fence) and line.strip().strip(fence[0]) == "":
            fence = None
            continue
        yield first_line + offset, line


def check_template(path: str, subjects: list, subject_lines: dict, body: str, body_line: int):
    """Problems for unknown placeholders in a template's subject lines and fenced bodies."""
    problems = []
    places = [
        (subject_lines.get(index, 1), subject)
        for index, subject in enumerate(subjects)
        if isinstance(subject, str)
    ]
    places += list(fenced_lines(body, body_line))
    for line, text in places:
        for word, near in unknown_in(text):
            fix = f"did you mean [{near}]?" if near else "see the placeholder table in AUTHORING.md"
            problems.append(Problem(path, line, f"unknown placeholder [{word}]", fix))
    return problems
