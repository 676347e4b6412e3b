"""Heading structure: a page's headings never skip a level (`#`, then `##`, not `###`).

Screen readers list and navigate a page by its headings; a jump from level 1 to level 3 reads
as a missing section (WCAG 1.3.1). Source headings are read with their lines, outside code.
"""

from __future__ import annotations

import re

from helpfirst import read_cache, source_lines
from helpfirst.content import Entry
from helpfirst.problems import Problem
from helpfirst.read_cache import ReadCache

# An ATX heading at the start of a line; indented ones belong to lists, admonitions or code.
_ATX = re.compile(r"^(#{1,6})(?:[ \t]|$)")
# A setext underline (level 1 with =, level 2 with -) at the start of a line: Markdown reads it
# so under the first line of a block; elsewhere a line of three or more - is a rule.
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
# An HTML heading written in content, and what hides one: code spans and one-line comments.
_HTML = re.compile(r"<h([1-6])(?=[\s/>])", re.IGNORECASE)
_NOT_MARKUP = re.compile(r"(`+)(?:(?!\1).)+\1|<!--.*?-->")
_INDENTED = re.compile(r"^(?: {4}|\t)")


def levels(body: str, first_line: int = 1) -> list[tuple[int, int]]:
    """(line number, level) of every heading in `body` outside code: ATX (`## Title`), setext
    (a title underlined with === or ---, on the title's line) and HTML (`<h2>`)."""
    found = []
    starts_block = True  # whether the line begins a block of Markdown
    title = None  # the line before, when it is text that begins a block
    for number, line, kind in source_lines.walk(body, first_line):
        atx, underline = _ATX.match(line), _SETEXT.match(line)
        if kind != source_lines.TEXT or not line.strip():
            starts_block, title = True, None
            continue
        if _INDENTED.match(line):
            # Code, or a paragraph's continuation: nothing that the next line could underline.
            starts_block, title = False, None
            continue
        if atx:
            found.append((number, len(atx.group(1))))
        elif underline and title is not None:
            found.append((title, 1 if underline.group(1)[0] == "=" else 2))
        elif "<" in line:  # (most lines hold no HTML)
            text = _NOT_MARKUP.sub("", line)
            found += [(number, int(level)) for level in _HTML.findall(text)]
        # Headings and rules end a block; other text continues one.
        rule = underline is not None and len(underline.group(1)) >= 3 and line[0] == "-"
        ended = atx is not None or rule or (underline is not None and title is not None)
        title = number if starts_block and not ended else None
        starts_block = ended
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


def check_all(sources, *, cache: ReadCache | None = None) -> list[Problem]:
    """Heading problems of every entry in `sources` (an iterable of lang -> Entry maps); with a
    `cache`, a body checked before (at the same path and line) is not checked again."""
    return [
        problem
        for versions in sources
        for entry in versions.values()
        for problem in _check(entry, cache)
    ]


def _check(entry: Entry, cache: ReadCache | None) -> list[Problem]:
    """`check(entry)`, from the cache when it has the answer for what `check` reads."""
    if cache is None:
        return check(entry)
    key = read_cache.key("headings", entry.display_path, entry.body_line, entry.body)
    return cache.result(key, lambda: check(entry))
