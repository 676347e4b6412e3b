"""Heading structure: a page's headings never skip a level (`#`, then `##`, not `###`).

Screen readers list and navigate a page by its headings; a jump from level 1 to level 3 reads
as a missing section (WCAG 1.3.1). Source headings are read with their lines, outside code.
"""

from __future__ import annotations

import re

from helpfirst import source_lines
from helpfirst.content import Entry
from helpfirst.problems import Problem

# An ATX heading at the start of a line; indented ones belong to lists, admonitions or code.
_ATX = re.compile(r"^(#{1,6})(?:[ \t]|$)")


def levels(body: str, first_line: int = 1) -> list[tuple[int, int]]:
    """(line number, level) of every ATX heading in `body` outside code fences."""
    found = []
    for number, line, kind in source_lines.walk(body, first_line):
        match = _ATX.match(line) if kind == source_lines.TEXT else None
        if match:
            found.append((number, len(match.group(1))))
    return found


def check(entry: Entry) -> list[Problem]:
    """A warning for each heading more than one level below the heading before it.

    The page's title is its level-1 heading (the theme writes one from the title when the
    source has none), so the first heading may be `##` at most.
    """
    problems = []
    previous = 1
    for number, level in levels(entry.body, entry.body_line):
        if level > previous + 1:
            problems.append(
                Problem(
                    entry.display_path,
                    number,
                    f"heading level {level} follows level {previous}, skipping a level",
                    f"make it '{'#' * (previous + 1)}', or add the heading it belongs under",
                )
            )
        previous = level
    return problems


def check_all(sources) -> list[Problem]:
    """Heading problems of every entry in `sources` (an iterable of lang -> Entry maps)."""
    return [
        problem for versions in sources for entry in versions.values() for problem in check(entry)
    ]
