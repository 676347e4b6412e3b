"""Rendered HTML fragments as a small tree of elements and text, with the text a reader sees.

Python-Markdown writes well-formed HTML (and the HTML policy cleans what authors write), so a
tokenizer of a few regular expressions is enough: it reads tags, attributes, text and character
references as the standard library's `html.parser` does, in about half its time (every page is
parsed once for its search document and structured data; a test holds the two parsers to the
same trees). Character references are decoded into text; comments, declarations, `<script>`,
`<style>` and `<template>` are not part of what a reader sees and are dropped while parsing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: Elements whose content is never shown as text.
UNSEEN = frozenset({"script", "style", "template"})
#: Elements that start a new line of text: their text is separated from their neighbours'.
BLOCK = frozenset(
    "address article aside blockquote br dd details div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot "
    "th thead tr ul".split()
)
#: The class of the "¶" link that the toc extension appends to headings.
PERMALINK_CLASS = "headerlink"
#: Page furniture that is no text of the page: buttons (such as "copy") and icons.
FURNITURE = frozenset({"button", "svg"})
# HTML collapses ASCII whitespace only: a no-break space or U+2028 is text and stays.
_SPACE = re.compile(r"[ \t\n\r\f]+")
#: Elements whose content is raw text up to their end tag (html.parser's CDATA elements).
_RAW_TEXT = frozenset({"script", "style"})
# A markup item: a comment, a declaration or processing instruction, a bogus end tag (`</ >`,
# dropped as html.parser drops it), an end tag, or a start
# tag (its name, then its attributes up to `>`, quoted values may hold `>`).
_MARKUP = re.compile(
    r"""<!--.*?(?:-->|$)"""
    r"""|<[!?][^>]*>?"""
    r"""|</(?:>|[^a-zA-Z>][^>]*>)"""
    r"""|</([a-zA-Z][^\t\n\r\f />\x00]*)[^>]*>"""
    r"""|<([a-zA-Z][^\t\n\r\f />\x00]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""",
    re.S,
)
_ATTRIBUTE = re.compile(
    r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?"""
)


@dataclass(slots=True)
class Element:
    """One element: its tag, attributes and children (elements and text strings, in order)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def elements(self) -> list[Element]:
        """The child elements, without the text between them."""
        return [child for child in self.children if isinstance(child, Element)]

    def has_class(self, name: str) -> bool:
        """True when `name` is one of the element's classes."""
        return name in self.attrs.get("class", "").split()


def parse(html: str) -> Element:
    """The tree of an HTML fragment, under a root element with the tag ""."""
    # One loop with its state in local names (this runs over every tag of every page, twice):
    # an end tag closes the nearest open element of that name, and a stray end tag is
    # ignored, so the tree is always whole.
    root = Element("")
    open_elements = [root]
    children = root.children  # of the innermost open element
    unseen: tuple[str, int] | None = None  # (tag, depth) while dropping content
    position = 0
    for match in _MARKUP.finditer(html):
        start, end = match.span()
        if start < position:  # inside the raw text of a script or style, skipped
            continue
        if start > position and unseen is None:
            data = html[position:start]
            children.append(unescape(data) if "&" in data else data)
        position = end
        end_tag, start_tag, attributes = match.groups()
        if end_tag:
            tag = end_tag.lower()
        elif start_tag:
            tag = start_tag.lower()
            attrs, closed = _attributes(attributes) if attributes else ({}, False)
            if closed:  # `<br/>`: an element that is never open
                if unseen is None and tag not in UNSEEN:
                    children.append(Element(tag, attrs))
            elif unseen is not None:
                if tag == unseen[0]:
                    unseen = (tag, unseen[1] + 1)
            elif tag in UNSEEN:
                unseen = (tag, 1)
            else:
                element = Element(tag, attrs)
                children.append(element)
                if tag not in VOID:
                    open_elements.append(element)
                    children = element.children
            if tag not in _RAW_TEXT or closed:
                continue
            closing = re.compile(rf"</\s*{tag}\s*>", re.I).search(html, position)
            position = closing.end() if closing else len(html)
        else:
            continue
        # The end of `tag`: its end tag, or the end of a script's or style's raw text.
        if unseen is not None:
            if tag == unseen[0]:
                unseen = (tag, unseen[1] - 1) if unseen[1] > 1 else None
            continue
        for depth in range(len(open_elements) - 1, 0, -1):
            if open_elements[depth].tag == tag:
                del open_elements[depth:]
                children = open_elements[-1].children
                break
    if position < len(html) and unseen is None:
        data = html[position:]
        children.append(unescape(data) if "&" in data else data)
    return root


def _attributes(text: str) -> tuple[dict[str, str], bool]:
    """The attributes of a start tag as html.parser reads them (names in lower case, values
    unquoted and decoded, a name without a value gives ""), and whether the tag closes itself
    (`<br/>`; the slash of an unquoted value, `href=x/`, does not)."""
    found = {}
    text = " " + text
    rest = 0
    for match in _ATTRIBUTE.finditer(text):
        name, _, value = match.groups("")
        if value[:1] in ("'", '"') and value[:1] == value[-1:]:
            value = value[1:-1]
        found[name.lower()] = unescape(value) if "&" in value else value
        rest = match.end()
    return found, text[rest:].endswith("/")


def text(node: Element | str, skip=lambda element: False) -> str:
    """The text a reader sees, with whitespace collapsed; `skip(element)` leaves elements out."""
    parts: list[str] = []
    _collect(node, parts, skip)
    return _SPACE.sub(" ", "".join(parts)).strip(" ")


def is_permalink(element: Element) -> bool:
    """True for the "¶" link that the toc extension appends to headings."""
    return element.tag == "a" and element.has_class(PERMALINK_CLASS)


def reader_text(html: str | Element) -> str:
    """The words of a rendered page (its HTML, or its tree from `parse`) as a reader reads
    them: no permalinks, buttons or icons."""
    tree = parse(html) if isinstance(html, str) else html
    return text(tree, skip=lambda e: is_permalink(e) or e.tag in FURNITURE)


def _collect(node: Element | str, parts: list[str], skip) -> None:
    """Append the text of `node` to `parts`, a space around block elements."""
    if isinstance(node, str):
        parts.append(node)
        return
    if skip(node):
        return
    block = node.tag in BLOCK
    if block:
        parts.append(" ")
    for child in node.children:
        _collect(child, parts, skip)
    if block:
        parts.append(" ")
