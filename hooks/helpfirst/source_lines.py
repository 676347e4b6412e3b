"""Walking Markdown source line by line with real line numbers, knowing what is inside a code
fence. One walker for every check that reads source (titles, links, placeholders)."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Fences may be indented (inside list items, as pymdownx.superfences allows).
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")

TEXT, FENCE, CODE = "text", "fence", "code"


def walk(body: str, first_line: int = 1) -> Iterator[tuple[int, str, str]]:
    """Yield (line number, line, kind): kind is TEXT, FENCE (an opening or closing fence line)
    or CODE (a line inside a fenced block)."""
    fence = None
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        opener = _FENCE.match(line)
        if fence is None:
            if opener:
                fence = opener.group(1)
                yield number, line, FENCE
            else:
                yield number, line, TEXT
            continue
        stripped = line.strip()
        # A fence closes with the same character, at least as long, and nothing else.
        if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
            fence = None
            yield number, line, FENCE
        else:
            yield number, line, CODE
