"""A small, deterministic CSS minifier for the stylesheets the site serves as they are written
(the help widget's panel.css): it drops comments and the whitespace that CSS does not read, and
nothing else, so the browser reads the same rules.

It never touches a quoted string, never removes a space inside a selector or a value other than
around commas (`.a :hover` and `calc(1px - 2px)` keep theirs), and joins `name : value` only in
declarations (a segment that ends with `;` or `}`), not in selectors (one that ends with `{`).
"""

from __future__ import annotations

import re

# A comment, a quoted string (escapes included), or a run of anything else.
_TOKEN = re.compile(r"""/\*.*?(?:\*/|\Z)|"(?:\\.|[^"\\])*"?|'(?:\\.|[^'\\])*'?|[^/"']+|/""", re.S)
_SPACE = re.compile(r"\s+")
_COMMA = re.compile(r" ?, ?")
_COLON = re.compile(r" ?: ?")
_SEGMENT_END = re.compile(r"([{};])")


def minify(css: str) -> str:
    """`css` without comments and without the whitespace that means nothing."""
    out: list[str] = []
    segment: list[tuple[str, bool]] = []  # (text, is a quoted string) up to the next { } or ;
    for match in _TOKEN.finditer(css):
        token = match.group()
        if token.startswith("/*"):
            _add(segment, " ", False)  # a comment separates what is on either side
        elif token[0] in "\"'":
            _add(segment, token, True)
        else:
            for piece in _SEGMENT_END.split(token):
                if piece not in ("{", "}", ";"):
                    _add(segment, piece, False)
                    continue
                text = _segment(segment, declaration=piece != "{")
                if piece == "}" and not text and out and out[-1].endswith(";"):
                    out[-1] = out[-1][:-1]  # the last declaration of a block needs no `;`
                out.append(text + piece)
                segment = []
    out.append(_segment(segment, declaration=False))
    return "".join(out)


def _add(segment: list[tuple[str, bool]], text: str, quoted: bool) -> None:
    """Add text to a segment, joined to the text before it unless either is a string."""
    if not text:
        return
    if not quoted and segment and not segment[-1][1]:
        segment[-1] = (segment[-1][0] + text, False)
    else:
        segment.append((text, quoted))


def _segment(pieces: list[tuple[str, bool]], declaration: bool) -> str:
    """A selector, at-rule prelude or declaration with its meaningless whitespace removed: runs
    of whitespace become one space, none around commas, none at either end, and in a
    declaration none around the colon after its name."""
    texts = []
    colon_done = not declaration
    for text, quoted in pieces:
        if not quoted:
            text = _COMMA.sub(",", _SPACE.sub(" ", text))
            if not colon_done and ":" in text:
                text = _COLON.sub(":", text, count=1)
                colon_done = True
        texts.append(text)
    return "".join(texts).strip()
