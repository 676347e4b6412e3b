"""Finding the links an author wrote in Markdown, with their line numbers, and judging them."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from helpfirst import source_lines

_INLINE_CODE = re.compile(r"(`+)(?:.+?)\1")
# [text](target "title") and ![alt](target); the target may be wrapped in <>.
_INLINE_LINK = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)"
)
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")


def find_links(markdown: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, target) for every inline or reference link outside code."""
    found = []
    for number, line, kind in source_lines.walk(markdown, first_line):
        if kind != source_lines.TEXT:
            continue
        text = _INLINE_CODE.sub("", line)
        for match in _INLINE_LINK.finditer(text):
            found.append((number, match.group(1)))
        reference = _REFERENCE.match(text)
        if reference:
            found.append((number, reference.group(1)))
    return found


def is_external(target: str) -> bool:
    """True for links that leave the site (a scheme such as https: or mailto:, or //host)."""
    parts = urlsplit(target)
    return bool(parts.scheme) or target.startswith("//")


def resolve(target: str, page_uri: str) -> tuple[str, str]:
    """(docs-relative path, anchor) that a relative link from `page_uri` points at.

    The path is "" for a link to an anchor on the same page.
    """
    parts = urlsplit(target)
    path = unquote(parts.path)
    if not path:
        return "", parts.fragment
    if path.startswith("/"):
        joined = path.lstrip("/")
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), path))
    return joined, unquote(parts.fragment)
