"""The content model: reading one Markdown source into an `Entry`, and checking its front matter.

Nothing here knows about MkDocs. A source is read exactly as MkDocs reads it (a `---` block at
the very top is front matter), but a block that MkDocs would silently drop (YAML that does not
parse, a mapping that is not a mapping) becomes a located `Problem` instead.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import yaml

from helpfirst import source_lines
from helpfirst.problems import ContentError, Problem

# The same opening/closing rule as mkdocs.utils.meta, so a file means what MkDocs thinks it means.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
# A block that closes on the line after it opens is empty front matter, not an unclosed one
# (MkDocs reads no front matter there), so the missing keys are what an author is told.
_EMPTY_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n()(?:\.{3}|-{3})[ \t]*\n")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$")
#: A translation's record of its source's version (see helpfirst.translations).
SOURCE_HASH = re.compile(r"^[0-9a-f]{8}$")
# Invisible characters that Python's str.splitlines() takes for line ends, as static-i18n does
# when it reads a page: the line would be broken there on the site, silently.
_LINE_SEPARATORS = re.compile("[\u2028\u2029]")
_SEPARATOR_NAMES = {"\u2028": "U+2028 LINE SEPARATOR", "\u2029": "U+2029 PARAGRAPH SEPARATOR"}

#: What a translation is compared with its source on (helpfirst.translation_checks), as an
#: `accept` in its front matter names them.
ACCEPT_CHECKS = (
    "numbers",
    "links",
    "headings",
    "fences",
    "subjects",
    "placeholders",
    "admonitions",
)
_ACCEPT_KEYS = ("check", "value", "reason")

#: Content sections: folder under docs/ -> entry kind, and back.
SECTIONS = {"faq": "faq", "guides": "guide", "templates": "template"}
SECTION_OF_KIND = {kind: folder for folder, kind in SECTIONS.items()}


@dataclass(frozen=True)
class Key:
    """One front-matter key's rule: accepted Python types and a human name for messages."""

    types: tuple
    description: str


_TEXT = Key((str,), "a text")
_LIST = Key((list,), "a list, for example [one, two]")
_DATE = Key((datetime.date,), "a date written YYYY-MM-DD")
_FLAG = Key((bool,), "true or false")
_SOURCE_HASH = Key((str,), "8 hexadecimal digits in quotes")
_ACCEPT = Key((list,), "a list of accepted differences, such as [{check: numbers, ...}]")

_COMMON = {
    "summary": _TEXT,
    "category": _TEXT,
    "keywords": Key((list, str), "a list of words and phrases"),
    "related": _LIST,
    "updated": _DATE,
    "structured_data": _FLAG,
    "machine_readable": _FLAG,
    "source_hash": _SOURCE_HASH,
    "accept": _ACCEPT,
}

#: kind -> (allowed keys, required keys)
SCHEMAS: dict[str, tuple[dict[str, Key], tuple[str, ...]]] = {
    "faq": (_COMMON, ("summary", "category")),
    "guide": (_COMMON, ("summary", "category")),
    "template": ({**_COMMON, "subjects": _LIST}, ("summary", "subjects")),
    # Home, section and other pages: Material's own keys are allowed; nothing is required.
    "page": (
        {
            "title": _TEXT,
            "summary": _TEXT,
            "description": _TEXT,
            "hide": _LIST,
            "structured_data": _FLAG,
            "machine_readable": _FLAG,
            "source_hash": _SOURCE_HASH,
            "accept": _ACCEPT,
            "search": Key((dict,), "a mapping"),
            "template": _TEXT,
        },
        (),
    ),
}

#: Keys that a translation inherits from its default-language source when it leaves them out.
INHERITED_KEYS = ("category", "related", "updated", "structured_data", "machine_readable")


@dataclass
class Entry:
    """One Markdown source in one language."""

    src_uri: str  # path below docs/, e.g. "faq/customer-portal.sl.md"
    display_path: str  # path shown to authors, e.g. "docs/faq/customer-portal.sl.md"
    lang: str
    id: str  # stable id shared by every language ("customer-portal"); "" for section pages
    kind: str  # "faq", "guide", "template" or "page"
    meta: dict = field(default_factory=dict)
    key_lines: dict = field(default_factory=dict)  # front-matter key -> line number
    item_lines: dict = field(default_factory=dict)  # (key, index) -> line of a list item
    title: str | None = None
    title_line: int = 0
    body: str = ""
    body_line: int = 1  # line number of the first line of `body`
    problems: list = field(default_factory=list)  # found while reading the source

    @property
    def default_uri(self) -> str:
        """The src_uri of the default-language source this file belongs to."""
        return source_uri(self.src_uri)

    def line_of(self, key: str) -> int:
        """The line of a front-matter key, or of the front matter's start when it is absent."""
        return self.key_lines.get(key, 1)


def valid_id(entry_id: str) -> bool:
    """True for an id made of lower-case letters, digits and single hyphens."""
    return bool(_ID.match(entry_id))


def split_language(src_uri: str, languages: list[str]) -> tuple[str, str | None]:
    """Split `faq/x.sl.md` into (`faq/x.md`, `sl`); a file without a known suffix gives None."""
    folders = src_uri.split("/")
    parts = folders[-1].split(".")
    renamed = ".".join(parts[:-2] + parts[-1:])
    if any(part in ("", ".", "..") for part in folders) or renamed in ("", "."):
        # Not as MkDocs names sources: the path as pathlib reads it.
        path = PurePosixPath(src_uri)
        parts = path.name.split(".")
        if len(parts) >= 3 and parts[-2] in languages:
            return str(path.with_name(".".join(parts[:-2] + parts[-1:]))), parts[-2]
        return src_uri, None
    if len(parts) >= 3 and parts[-2] in languages:
        return "/".join(folders[:-1] + [renamed]), parts[-2]
    return src_uri, None


# Asked for every page and link many times per build: remembered per file name.
@functools.cache
def source_uri(src_uri: str) -> str:
    """The default-language file name for any src_uri (`faq/x.sl.md` -> `faq/x.md`)."""
    path = PurePosixPath(src_uri)
    parts = path.name.split(".")
    if len(parts) >= 3 and re.fullmatch(r"[a-z]{2}(?:[-_][A-Za-z]{2,4})*", parts[-2]):
        return str(path.with_name(".".join(parts[:-2] + parts[-1:])))
    return src_uri


def kind_and_id(default_uri: str) -> tuple[str, str]:
    """Classify a default-language src_uri: (`faq`, `customer-portal`) or (`page`, "")."""
    path = PurePosixPath(default_uri)
    if len(path.parts) == 2 and path.parts[0] in SECTIONS and path.stem != "index":
        return SECTIONS[path.parts[0]], path.stem
    return "page", ""


def parse_entry(src_uri: str, display_path: str, text: str, lang: str) -> Entry:
    """Read one source. Raises `ContentError` when the front matter cannot be read at all."""
    default_uri = source_uri(src_uri)
    kind, entry_id = kind_and_id(default_uri)
    entry = Entry(src_uri=src_uri, display_path=display_path, lang=lang, id=entry_id, kind=kind)
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    entry.problems = line_separator_problems(text, display_path)
    # Read on as if they were spaces (they stop the build), so that they cause nothing else.
    text = _LINE_SEPARATORS.sub(" ", text)
    body, body_line = text, 1
    match = _FRONT_MATTER.match(text) or _EMPTY_FRONT_MATTER.match(text)
    if match:
        _read_front_matter(entry, match.group(1))
        body = text[match.end() :]
        body_line = text[: match.end()].count("\n") + 1
    elif text.startswith("---") and re.match(r"^-{3}[ \t]*\n", text):
        raise ContentError(
            Problem(
                display_path,
                1,
                "front matter is not closed",
                "end the settings block with a line of three dashes: ---",
                fatal=True,
            )
        )
    entry.body, entry.body_line = body, body_line
    entry.title, entry.title_line = _first_heading(body, body_line)
    return entry


def line_separator_problems(text: str, display_path: str) -> list[Problem]:
    """A fatal problem for each raw U+2028 or U+2029 in `text`, at the line and column an
    editor shows (only line feeds end a line there)."""
    problems = []
    for match in _LINE_SEPARATORS.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        character = match.group()
        problems.append(
            Problem(
                display_path,
                line,
                f"invisible {_SEPARATOR_NAMES[character]} at column {column} would break the "
                "line there on the site",
                f"remove it, or write &#x{ord(character):x}; where it must stay",
                fatal=True,
            )
        )
    return problems


def _read_front_matter(entry: Entry, source: str) -> None:
    """Parse YAML front matter into entry.meta, recording the line of every key and list item."""
    try:
        try:
            node, data = _parse_yaml(source, _FAST_LOADER)
        except yaml.YAMLError:
            # PyYAML's own parser says what is wrong in its words (and decides, as before, on
            # anything the two parsers might judge differently).
            node, data = _parse_yaml(source, yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for 1-based lines, +1 for the opening ---
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ContentError(
            Problem(
                entry.display_path,
                line,
                f"front matter is not valid YAML: {problem}",
                "check the indentation and quote values that contain ': ' or start with [ or *",
                fatal=True,
            )
        ) from None
    if data is None:
        return
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise ContentError(
            Problem(
                entry.display_path,
                2,
                "front matter must be a list of 'key: value' settings",
                "write one setting per line, such as 'summary: ...'",
                fatal=True,
            )
        )
    # A key YAML reads as a number, a date, true/false or null is no setting of ours: say so at
    # its line, and keep it out of the settings (nothing downstream expects a key that is not
    # a text).
    entry.meta = {key: value for key, value in data.items() if isinstance(key, str)}
    for key_node, value_node in node.value:
        if key_node.tag != _YAML_TEXT:
            entry.problems.append(
                Problem(
                    entry.display_path,
                    key_node.start_mark.line + 2,
                    f"unknown key '{key_node.value}'",
                    "write setting names as words, such as 'summary'",
                )
            )
            continue
        entry.key_lines[str(key_node.value)] = key_node.start_mark.line + 2
        if isinstance(value_node, yaml.SequenceNode):
            for index, item in enumerate(value_node.value):
                entry.item_lines[(str(key_node.value), index)] = item.start_mark.line + 2


def _parse_yaml(source: str, loader_class) -> tuple:
    """(root node, value) of a YAML document in one parse: the node tree gives the lines, the
    same tree gives the values."""
    loader = loader_class(source)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


# libyaml's parser when PyYAML is built with it, as MkDocs reads front matter: the same nodes,
# lines and values as PyYAML's own parser, several times faster on a large knowledge base.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_TEXT = "tag:yaml.org,2002:str"


def _first_heading(body: str, first_line: int) -> tuple[str | None, int]:
    """The text and line of the first level-1 ATX heading outside code fences."""
    for number, line, kind in source_lines.walk(body, first_line):
        heading = _H1.match(line) if kind == source_lines.TEXT else None
        if heading:
            return heading.group(1).strip(), number
    return None, 0


def check_entry(entry: Entry, categories: dict, default_lang: str) -> list[Problem]:
    """Schema checks of one entry on its own: what reading it found, then ids, keys, types,
    required keys, categories."""
    problems: list[Problem] = list(entry.problems)
    path = entry.display_path
    allowed, required = SCHEMAS[entry.kind]
    if entry.kind != "page" and not valid_id(entry.id):
        problems.append(
            Problem(
                path,
                1,
                f"'{entry.id}' is not a valid id",
                "rename the file with lower-case letters, digits and hyphens only",
                fatal=True,
            )
        )
    written = set(entry.meta)  # a key of the wrong type is reported as such, not as missing
    for key, value in list(entry.meta.items()):
        rule = allowed.get(key)
        if rule is None:
            problems.append(
                Problem(
                    path, entry.line_of(key), f"unknown key '{key}'", _suggest_key(key, allowed)
                )
            )
            continue
        if not isinstance(value, rule.types) or (bool in rule.types) != isinstance(value, bool):
            problems.append(
                Problem(
                    path,
                    entry.line_of(key),
                    f"'{key}' must be {rule.description}, not {_describe(value)}",
                    f"write '{key}' as {rule.description}",
                )
            )
            # Nothing downstream may use a value of the wrong type.
            del entry.meta[key]
            continue
        if key == "accept":
            continue  # checked as a whole below
        if isinstance(value, list):
            for index, item in enumerate(value):
                if not isinstance(item, str) or not item.strip():
                    problems.append(
                        Problem(
                            path,
                            entry.item_lines.get((key, index), entry.line_of(key)),
                            f"item {index + 1} of '{key}' must be a text, not {_describe(item)}",
                            'quote it, for example "2 steps"',
                        )
                    )
            entry.meta[key] = [item for item in value if isinstance(item, str) and item.strip()]
        if isinstance(value, str) and not value.strip():
            problems.append(
                Problem(path, entry.line_of(key), f"'{key}' is empty", f"give '{key}' a value")
            )
    is_translation = entry.lang != default_lang
    problems += _check_source_hash(entry, is_translation)
    problems += _check_accept(entry, is_translation)
    for key in required:
        if key in written:
            continue
        if is_translation and key in INHERITED_KEYS:
            continue
        problems.append(
            Problem(
                path,
                1,
                f"missing required key '{key}'",
                f"add '{key}: ...' to the front matter ({_REQUIRED_HINTS[key]})",
            )
        )
    category = entry.meta.get("category")
    if isinstance(category, str) and category.strip() and category not in categories:
        known = sorted(categories)
        near = difflib.get_close_matches(category, known, n=1)
        hint = f"did you mean '{near[0]}'?" if near else f"use one of: {', '.join(known)}"
        problems.append(
            Problem(path, entry.line_of("category"), f"unknown category '{category}'", hint)
        )
    if entry.kind != "page" and entry.title is None:
        problems.append(
            Problem(
                path,
                entry.body_line,
                "no title heading",
                "start the text with a line such as '# How do I reset my password?'",
            )
        )
    return problems


def _check_source_hash(entry: Entry, is_translation: bool) -> list[Problem]:
    """`source_hash` only in translations, and only as scripts/kb.py writes it."""
    value = entry.meta.get("source_hash")
    if not isinstance(value, str):
        return []
    line = entry.line_of("source_hash")
    if not is_translation:
        del entry.meta["source_hash"]
        return [
            Problem(
                entry.display_path,
                line,
                "'source_hash' belongs in translations only",
                "remove it: this file is the source that translations record",
            )
        ]
    if not SOURCE_HASH.match(value):
        del entry.meta["source_hash"]
        return [
            Problem(
                entry.display_path,
                line,
                f"'source_hash' must be 8 hexadecimal digits, not '{value}'",
                f"let the tool write it: scripts/kb.py translations --update {entry.display_path}",
            )
        ]
    return []


def _check_accept(entry: Entry, is_translation: bool) -> list[Problem]:
    """`accept` only in translations, as a list of {check, value, reason}; in entry.meta, an item
    that is not valid becomes None (so the others keep their places and lines)."""
    value = entry.meta.get("accept")
    if not isinstance(value, list):
        return []
    path = entry.display_path
    if not is_translation:
        del entry.meta["accept"]
        return [
            Problem(
                path,
                entry.line_of("accept"),
                "'accept' belongs in translations only",
                "remove it: differences are accepted in the translation that has them",
            )
        ]
    problems: list[Problem] = []
    kept: list[dict | None] = []
    for index, item in enumerate(value):
        line = entry.item_lines.get(("accept", index), entry.line_of("accept"))
        problem = _accept_problem(item, index)
        if problem:
            problems.append(Problem(path, line, *problem))
            kept.append(None)
        else:
            kept.append({key: item[key] for key in _ACCEPT_KEYS if key in item})
    entry.meta["accept"] = kept
    return problems


def _accept_problem(item: object, index: int) -> tuple[str, str] | None:
    """What is wrong with one item of `accept` (message, fix), or None."""
    where = f"item {index + 1} of 'accept'"
    example = '{check: numbers, value: "SI-12345", reason: localised order number}'
    if not isinstance(item, dict):
        return f"{where} must be a group of settings, not {_describe(item)}", f"write {example}"
    for key in item:
        if key not in _ACCEPT_KEYS:
            return f"{where}: unknown key '{key}'", f"use {', '.join(_ACCEPT_KEYS)}"
    check = item.get("check")
    if check not in ACCEPT_CHECKS:
        near = difflib.get_close_matches(str(check), ACCEPT_CHECKS, n=1)
        fix = f"did you mean '{near[0]}'?" if near else f"use one of {', '.join(ACCEPT_CHECKS)}"
        if "check" not in item:
            return f"{where} has no 'check'", f"add check: one of {', '.join(ACCEPT_CHECKS)}"
        return f"{where}: unknown check {_describe(check)}", fix
    if "value" in item and not (isinstance(item["value"], str) and item["value"].strip()):
        return (
            f"{where}: 'value' must be a text, not {_describe(item['value'])}",
            'quote it, for example value: "5"',
        )
    reason = item.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        return f"{where} has no reason", "add reason: why the translation differs here"
    return None


# What each required key holds (every required key of SCHEMAS has one).
_REQUIRED_HINTS = {
    "summary": "one or two sentences that answer the question",
    "category": "one of the categories in mkdocs.yml under extra.kb.categories",
    "subjects": "a list of subject lines",
}


def _suggest_key(key: str, allowed: dict) -> str:
    """A fix for an unknown key: the nearest allowed key, or the whole list."""
    near = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
    if near:
        return f"did you mean '{near[0]}'?"
    return f"allowed keys: {', '.join(sorted(allowed))}"


def _describe(value: object) -> str:
    """A plain-language name of a YAML value's type, for messages."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, str):
        return f"the text '{value}'" if len(value) < 40 else "a text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of settings"
    if value is None:
        return "nothing"
    return type(value).__name__
