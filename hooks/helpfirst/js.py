"""Scripts served smaller without a minifier: the lines of a JavaScript source without their
indentation, without the comments and blank lines between them, and without the spaces between
two tokens of a line that would read as the same two tokens without them; nothing else.

Every line that holds code stays a line of its own, so automatic semicolon insertion reads the
same line breaks, and every token stays as written. A space stays between two name or number
characters, wherever two operator characters meet (`a + +b`, `x / /re/`, `a < !--b`), after a
number before a `.`, and between a regular expression and a name; spaces next to a comment
stay. A line that begins inside a template literal or a string (after a `\\` line continuation)
is kept as it is, and so is anything after the start of a comment on a line with code (`x(); //
why` keeps its comment). To know where each line begins and where its tokens are, the source is
read as a tokenizer would: strings, templates with their `${...}` substitutions, comments and
regular expressions, told from a division by the token before the `/`, as minifiers do (acorn
reading every served script and its source to the same tokens guards that guess: a regular
expression read as a division would lose its spaces). Something that is not closed is refused
with its line.

No minifier library is used: rjsmin, the usual one for Python, reads template literals only in
part, and a template read as code would be stripped inside, changing the text it holds.
"""

from __future__ import annotations

import bisect
import re

# One token of code at a time (a `/` is told apart from a regular expression by `_REGEX`).
_SPACE = re.compile(r"[\s\ufeff]+")
_LINE_COMMENT = re.compile(r"//[^\n\r\u2028\u2029]*")
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_STRINGS = {
    quote: re.compile(rf"{quote}(?:[^{quote}\\\n\r]|\\(?:\r\n|[\s\S]))*{quote}") for quote in "\"'"
}
_NUMBER = re.compile(r"\.?\d(?:[\w.]|(?<=[eE])[+-])*")
# (Non-ASCII spaces and line breaks, such as U+00A0 and U+2028, end a name.)
_NAME = re.compile(r"#?(?:[\w$]|[^\x00-\x7f\s\ufeff]|\\u(?:\{[0-9a-fA-F]+\}|[0-9a-fA-F]{4}))+")
_PUNCTUATOR = re.compile(r"\+\+|--|[^\s\w$`'\"]")
_REGEX = re.compile(r"/(?:[^/\\\[\n\r]|\\[^\n\r]|\[(?:[^\]\\\n\r]|\\[^\n\r])*\])+/[\w$]*")
# A template's text up to its end or its next substitution.
_TEMPLATE_TEXT = re.compile(r"(?:[^`\\$]|\\[\s\S]|\$(?!\{))*")
# What `_scan` remembers as the token before a `/` after a number, string, template or regular
# expression: the `/` divides.
_LITERAL = "0"
# After these names a `/` starts a regular expression; after any other name, a division.
_BEFORE_EXPRESSION = frozenset(
    "await case delete do else in instanceof new of return throw typeof void yield".split()
)
# After these punctuators a `/` is a division; after any other, a regular expression (after a
# `}`, a block's end is taken to be more likely than an object literal's).
_BEFORE_DIVISION = frozenset([")", "]", "++", "--"])
_KINDS = {_NUMBER: "number", _NAME: "name", _PUNCTUATOR: "punctuator", _REGEX: "regex"}
# The characters of operators: a space between two of them stays.
_OPERATOR = frozenset("+-*/%&|^!~<>=?.:")
# JavaScript's line terminators: a space that holds one stays.
_LINE_BREAK = re.compile(r"[\n\r\u2028\u2029]")


class ScriptError(ValueError):
    """A script cannot be read as JavaScript: something in it is not closed."""


def strip(source: str) -> str:
    """`source` without whole-line comments, blank lines and leading indentation, and without
    trailing whitespace after code; every line with code keeps its line break, and a line that
    begins inside a template literal or a string is kept unchanged."""
    lines = _Lines(source)
    code, comments, spaces, _ = _scan(source, lines)
    removed = [
        (start, end)
        for start, end, first, last in comments
        # Nothing but comments on the lines it spans (a line begun in a literal is kept whole).
        if all(flag is False for flag in code[first : last + 1])
    ]
    removed = sorted(removed + spaces)
    out = []
    ends = [start - 1 for start in lines.starts[1:]] + [len(source.removesuffix("\n"))]
    first = 0  # the spans before it end before this line: no later line needs them either
    for index, (start, end) in enumerate(zip(lines.starts, ends, strict=True)):
        while first < len(removed) and removed[first][1] <= start:
            first += 1
        if code[index] is None:  # inside a literal
            out.append(source[start:end])
            continue
        text = _without(source, start, end, removed, first).lstrip(" \t")
        if index + 1 == len(ends) or code[index + 1] is not None:  # the line ends in code
            text = text.rstrip(" \t")
        if text.strip():
            out.append(text)
    return "\n".join(out) + ("\n" if out and source.endswith("\n") else "")


class _Lines:
    """Where each line of a source begins (lines end at `\\n`)."""

    def __init__(self, source: str) -> None:
        self.starts = [0] + [match.end() for match in re.finditer("\n", source)]
        if source.endswith("\n"):
            self.starts.pop()  # no line after the last line break

    def of(self, offset: int) -> int:
        """The index of the line that holds `offset`."""
        return bisect.bisect_right(self.starts, offset) - 1


def template_texts(source: str) -> list[tuple[int, int, bool, bool]]:
    """The texts of the template literals of `source`, between their backticks and their
    substitutions, as (start, end, whether a substitution is before, whether one is after)."""
    return _scan(source, _Lines(source))[3]


def _scan(source: str, lines: _Lines) -> tuple[list, list, list, list]:
    """Per line: None when it begins inside a literal, else whether code is on it; every
    comment as (start, end, first line, last line); the spaces between two tokens on a line
    that the tokens do not need (`_apart`) as (start, end); and the texts of the template
    literals (`template_texts`)."""
    code: list[bool | None] = [False] * len(lines.starts)
    comments = []
    spaces: list[tuple[int, int]] = []
    texts: list[tuple[int, int, bool, bool]] = []
    substituted = False  # whether the template text being read follows a substitution
    # The last token of code as (kind, text), and the space after it on its line, if any.
    last: tuple[str, str] | None = None
    space: tuple[int, int] | None = None
    substitutions: list[int] = []  # per open `${`, the `{` not yet closed within it
    before = ""  # the last token of code, to tell a regular expression from a division
    templates: list[int] = []  # where each open template literal begins
    position = 0
    in_template = False
    while position < len(source):
        start = position
        if in_template:
            text = _TEMPLATE_TEXT.match(source, position)  # it matches, if only the empty text
            position = text.end() if text else position
            texts.append((start, position, substituted, source.startswith("${", position)))
            if source.startswith("`", position):
                position += 1
                in_template, before = False, _LITERAL
                templates.pop()
                last = ("template", "`")
            elif source.startswith("${", position):
                position += 2
                in_template = False
                substitutions.append(0)
                before = "{"
                last = ("punctuator", "{")
            else:
                raise ScriptError(
                    _problem(lines, templates[-1], "a template literal is not closed", "`")
                )
            _mark(code, lines, start, position, literal=True)
            continue
        blank = _SPACE.match(source, position)
        if blank:
            position = blank.end()
            within_line = _LINE_BREAK.search(blank.group()) is None
            space = (start, position) if last and within_line else None
            last = last if within_line else None
            continue
        char = source[position]
        if source.startswith("//", position) or source.startswith("/*", position):
            match = (_LINE_COMMENT if source[position + 1] == "/" else _BLOCK_COMMENT).match(
                source, position
            )
            if match is None:
                raise ScriptError(_problem(lines, start, "a comment is not closed", "*/"))
            position = match.end()
            comments.append((start, position, lines.of(start), lines.of(position - 1)))
            last = space = None  # the spaces around a comment stay
            continue
        if char == "`":
            if space and not _apart(last, ("template", "`")):
                spaces.append(space)
            last = space = None
            templates.append(position)
            position += 1
            in_template, substituted = True, False
            _mark(code, lines, start, position, literal=False)
            continue
        match = _token(source, position, before)
        if match is None:
            what = "a string" if char in "\"'" else "a regular expression"
            raise ScriptError(_problem(lines, start, f"{what} is not closed", char))
        position = match.end()
        token = match.group()
        kind = "string" if char in _STRINGS else _KINDS[match.re]
        if space and not _apart(last, (kind, token)):
            spaces.append(space)
        last, space = (kind, token), None
        if token == "{" and substitutions:
            substitutions[-1] += 1
        elif token == "}" and substitutions:
            if substitutions[-1] == 0:
                substitutions.pop()
                in_template = substituted = True
            else:
                substitutions[-1] -= 1
        _mark(code, lines, start, position, literal=char in "\"'")
        before = token if match.re in (_NAME, _PUNCTUATOR) else _LITERAL
    return code, comments, spaces, texts


def _apart(before: tuple[str, str] | None, after: tuple[str, str]) -> bool:
    """Whether the tokens `before` and `after`, (kind, text), need a space between them: when
    they would read as other tokens without it (`a in`, `1 .x`, `a + +b`, `x / /re/`,
    `/re/ in`, `a < !--b`), and, to be safe, wherever two operator characters meet or a
    regular expression follows a name."""
    if before is None:
        return True
    (kind, text), (next_kind, next_text) = before, after
    end, start = text[-1], next_text[0]
    if _word(end) and (_word(start) or next_kind in ("number", "regex")):
        return True
    if kind == "number" and start == ".":
        return True
    if kind == "regex" and _word(start):
        return True
    return end in _OPERATOR and start in _OPERATOR


def _word(char: str) -> bool:
    """Whether `char` can be part of a name or a number."""
    return char.isalnum() or char in "_$\\#" or ord(char) > 0x7F


def _token(source: str, position: int, before: str) -> re.Match | None:
    """The token of code at `position`: a string, a number, a name, a regular expression or a
    punctuator; None for a string or regular expression that is not closed."""
    char = source[position]
    if char in _STRINGS:
        return _STRINGS[char].match(source, position)
    if char == "/" and _expression_allowed(before):
        return _REGEX.match(source, position)
    for pattern in (_NUMBER, _NAME, _PUNCTUATOR):
        match = pattern.match(source, position)
        if match:
            return match
    return None


def _expression_allowed(before: str) -> bool:
    """Whether a `/` after the token `before` starts a regular expression."""
    if not before:
        return True
    if before == _LITERAL:
        return False
    if _NAME.fullmatch(before):
        return before in _BEFORE_EXPRESSION
    return before not in _BEFORE_DIVISION


def _mark(code: list[bool | None], lines: _Lines, start: int, end: int, literal: bool) -> None:
    """Code from `start` to `end` is on its lines; in a literal, the lines it continues on begin
    inside it."""
    first = lines.of(start)
    last = lines.of(end - 1)
    if code[first] is not None:
        code[first] = True
    for index in range(first + 1, last + 1):
        code[index] = None if literal else True


def _without(
    source: str, start: int, end: int, removed: list[tuple[int, int]], first: int = 0
) -> str:
    """The text from `start` to `end` without the parts inside the `removed` spans (sorted by
    their start; those before `first` are not looked at)."""
    pieces = []
    position = start
    for index in range(first, len(removed)):
        span_start, span_end = removed[index]
        if span_start >= end:
            break  # every later span starts later still
        if span_end <= position:
            continue
        pieces.append(source[position : max(span_start, position)])
        position = min(span_end, end)
    pieces.append(source[position:end])
    return "".join(pieces)


def _problem(lines: _Lines, offset: int, problem: str, closing: str) -> str:
    """A problem at the line of `offset`, with how to fix it."""
    return f"line {lines.of(offset) + 1}: {problem} (close it with {closing})"
