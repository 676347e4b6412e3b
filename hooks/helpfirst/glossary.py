"""The terminology glossary: one preferred term per concept, per language, and the variants
that authors are steered away from.

A glossary is a YAML file per language, `glossary/<lang>.yml` beside mkdocs.yml (outside
`docs/`, so it is never a page). Each key is the preferred term; its list holds discouraged
variants. Variants match whole words, ignoring case; a `*` at the end of a word matches any
ending, for languages that inflect (`portal* strank` matches `portalu strank`)::

    customer portal: [client portal, customer area]
    stopnja odpiranja: [odpiranost*]

Keywords are not checked: they exist to hold the words customers use, variants included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from helpfirst import source_lines
from helpfirst.content import Entry
from helpfirst.problems import Problem

_INLINE_CODE = re.compile(r"(`+).+?\1")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_COMMENT = re.compile(r"<!--.*?-->")


@dataclass(frozen=True)
class Term:
    """One discouraged variant and the term to write instead."""

    variant: str
    preferred: str
    pattern: re.Pattern


@dataclass
class Glossary:
    """One language's terms, read from `path` (as shown in messages)."""

    path: str
    terms: list[Term]

    def find(self, text: str) -> list[tuple[str, Term]]:
        """(text as written, term) for every discouraged variant in `text`, in order."""
        found = []
        for term in self.terms:
            found += [(match.group(0), term) for match in term.pattern.finditer(text)]
        return found


def compose_yaml(
    path: Path, display_path: str, hint: str
) -> tuple[yaml.Node | None, list[Problem]]:
    """The YAML node tree of a file beside the glossary (None for an empty file), or the
    problem that it is not valid YAML, at the line where the parser stopped."""
    try:
        return yaml.compose(path.read_text(encoding="utf-8")), []
    except UnicodeDecodeError as error:
        return None, [
            Problem(display_path, 1, f"not UTF-8 text ({error.reason})", "save it as UTF-8")
        ]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return None, [Problem(display_path, line, "not valid YAML", hint)]


def load(path: Path, display_path: str) -> tuple[Glossary, list[Problem]]:
    """Read one glossary file; problems in it are located like content problems."""
    node, problems = compose_yaml(path, display_path, "write 'term: [variant, variant]'")
    if problems:
        return Glossary(display_path, []), problems
    terms = []
    if node is None:
        return Glossary(display_path, []), problems
    if not isinstance(node, yaml.MappingNode):
        problems.append(
            Problem(display_path, 1, "must map terms to variants", "term: [variant, variant]")
        )
        return Glossary(display_path, []), problems
    for key, value in node.value:
        line = key.start_mark.line + 1
        variants = value.value if isinstance(value, yaml.SequenceNode) else None
        if not isinstance(key, yaml.ScalarNode) or not str(key.value).strip() or variants is None:
            problems.append(
                Problem(
                    display_path,
                    line,
                    "each term needs a list of variants",
                    f"write '{key.value}: [variant, variant]'",
                )
            )
            continue
        for variant in variants:
            text = str(getattr(variant, "value", "")).strip()
            if not isinstance(variant, yaml.ScalarNode) or not text:
                problems.append(
                    Problem(
                        display_path,
                        variant.start_mark.line + 1,
                        "a variant must be a word or phrase",
                        "remove it",
                    )
                )
                continue
            terms.append(Term(text, str(key.value).strip(), _pattern(text)))
    return Glossary(display_path, terms), problems


def check(entry: Entry, glossary: Glossary) -> list[Problem]:
    """A warning for each discouraged variant in the entry's summary, subjects and text."""
    lines: list[tuple[int, str]] = []
    summary = entry.meta.get("summary")
    if isinstance(summary, str):
        lines.append((entry.line_of("summary"), summary))
    for index, subject in enumerate(entry.meta.get("subjects") or []):
        if isinstance(subject, str):
            lines.append((entry.item_lines.get(("subjects", index), 1), subject))
    for number, line, kind in source_lines.walk(entry.body, entry.body_line):
        if kind == source_lines.TEXT:
            lines.append(
                (number, _COMMENT.sub("", _LINK_TARGET.sub("]", _INLINE_CODE.sub("", line))))
            )
    problems = []
    for number, text in lines:
        for written, term in glossary.find(text):
            problems.append(
                Problem(
                    entry.display_path,
                    number,
                    f"'{written}' is not the glossary term",
                    f"write '{term.preferred}', as {glossary.path} says",
                )
            )
    return problems


def _pattern(variant: str) -> re.Pattern:
    """Whole words, any case, any spacing; `*` at a word's end matches any ending."""
    words = []
    for word in variant.split():
        stem = word.rstrip("*")
        words.append(re.escape(stem) + (r"\w*" if word.endswith("*") else ""))
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)
