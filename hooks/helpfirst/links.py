"""Finding the links an author wrote in Markdown, with their line numbers, and judging them."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from helpfirst import source_lines
from helpfirst.content import source_uri
from helpfirst.problems import Problem
from helpfirst.sources import SiteFiles

_INLINE_CODE = re.compile(r"(`+)(?:.+?)\1")
# [text](target "title") and ![alt](target); the target may be wrapped in <>.
_INLINE_LINK = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)"
)
# [label]: target "title"; not a footnote's text, `[^1]: text`.
_REFERENCE = re.compile(r"^[ ]{0,3}\[(?!\^)[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
# An id attribute in rendered HTML.
_ID_ATTRIBUTE = re.compile(r"""\sid=["']([^"']+)["']""")


def find_links(markdown: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, target) for every inline or reference link outside code."""
    found = []
    for number, line, kind in source_lines.walk(markdown, first_line):
        if kind != source_lines.TEXT or "[" not in line:  # every link starts with a `[`
            continue
        text = _INLINE_CODE.sub("", line)
        for match in _INLINE_LINK.finditer(text):
            found.append((number, match.group(1)))
        reference = _REFERENCE.match(text)
        if reference:
            found.append((number, reference.group(1)))
    return found


def anchor_ids(html: str) -> set[str]:
    """The ids a rendered body offers to links (`id="..."` after white space): what
    `_ID_ATTRIBUTE.findall` finds, tried only where an `id=` is (most of a page has none)."""
    found: set[str] = set()
    position = 0
    while True:
        at = html.find("id=", position + 1)  # a match starts with the white space before it
        if at == -1:
            return found
        match = _ID_ATTRIBUTE.match(html, at - 1)
        if match:
            found.add(match.group(1))
            position = match.end()
        else:
            position = at


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


def judge(
    display_path: str,
    page_uri: str,
    line: int,
    target: str,
    files: SiteFiles,
    anchors: dict[str, set[str]],
    directive: str = "",
) -> Problem | None:
    """A Problem for a broken internal link or anchor, else None.

    `files` holds what the site publishes (MkDocs' file list, with generated pages): a file
    that is in docs/ but left out by exclude_docs or draft_docs is not there. `anchors` maps
    each page's default-language source (`faq/x.md`) to the ids its built HTML offers in the
    language being checked. A link that the listing directive `directive` made is reported at
    the directive, with what to do about a listing.
    """
    found = _judge(page_uri, target, files, anchors)
    if found is None:
        return None
    message, fix = found
    if directive:
        message = f"<!-- kb:{directive} --> makes a {message}"
        fix = "add the page or heading the listing links to, or take the directive out of this page"
    return Problem(display_path, line, message, fix)


def _judge(
    page_uri: str, target: str, files: SiteFiles, anchors: dict[str, set[str]]
) -> tuple[str, str] | None:
    """What is wrong with a link as if an author wrote it, and how to fix it; None if nothing."""
    if is_external(target):
        return None
    path, anchor = resolve(target, page_uri)
    if not path:
        if anchor and anchor not in anchors.get(page_uri, set()):
            return f"no heading '#{anchor}' on this page", "check the anchor"
        return None
    if path in files.left_out or source_uri(path) in files.left_out:
        return (
            f"link to '{target}', which exclude_docs or draft_docs leave out of the site",
            "remove the link until that page is published",
        )
    if path.endswith(".md"):
        default = source_uri(path)
        if default != path:
            return (
                f"link to a translation file '{target}'",
                f"link to {posixpath.basename(default)}: each language links to its own version",
            )
        if path not in files.published:
            return (
                f"link to '{target}', which does not exist",
                "check the file name and folder, relative to this file",
            )
        if anchor and anchor not in anchors.get(path, set()):
            return (
                f"link to '{target}': that page has no heading '#{anchor}'",
                "check the anchor against the target page's headings in this language",
            )
        return None
    folder = files.is_folder(path)
    if folder or path.endswith("/") or path not in files.published:
        suggestion = path.rstrip("/") + ("/index.md" if folder else ".md")
        suggestion = posixpath.relpath(suggestion, posixpath.dirname(page_uri) or ".")
        return (
            f"link to '{target}', which is not a file of the help centre",
            f"link to the Markdown file, such as {suggestion}",
        )
    return None
