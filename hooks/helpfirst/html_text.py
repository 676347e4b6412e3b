"""Plain text of rendered page HTML, as a reader sees it: for search documents."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content is no text for a reader (scripts, styles) or is page furniture
# (the permalink sign after each heading, buttons such as "copy").
_SKIPPED = frozenset({"script", "style", "template", "button", "svg"})
_SKIPPED_CLASSES = frozenset({"headerlink"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
# Elements that end a line of text: words on either side must not run together.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr",
        "ul",
    }
)  # fmt: skip
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")
_LINES = re.compile(r"\s*\n\s*")


class _TextParser(HTMLParser):
    """Collects text outside skipped elements, with a line break at block boundaries."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if tag in _BLOCKS:
                self.parts.append("\n")
            return
        classes = set((dict(attrs).get("class") or "").split())
        if self._skip_stack or tag in _SKIPPED or classes & _SKIPPED_CLASSES:
            self._skip_stack.append(tag)
            return
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if self._skip_stack:
            if tag in self._skip_stack:
                while self._skip_stack and self._skip_stack.pop() != tag:
                    pass
            return
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip_stack:
            self.parts.append(data)


def plain_text(html: str) -> str:
    """The visible text of an HTML fragment: one line per block, spaces collapsed."""
    parser = _TextParser()
    parser.feed(html or "")
    parser.close()
    text = _SPACE.sub(" ", "".join(parser.parts))
    return _LINES.sub("\n", text).strip()
