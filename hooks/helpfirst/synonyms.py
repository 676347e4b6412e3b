"""Synonym sets that authors control: words customers use for the same thing, one file per
language, `glossary/synonyms.<lang>.yml` beside the glossary. Each item is a set of words or
phrases that mean the same in this help centre::

    - [subject line, subject, title]
    - [unsubscribe, opt out]

They apply when a reader searches, never when the index is built: a query that has one member
of a set (its words in order, after analysis) also looks for the others' words, at
`search.SYNONYM_BOOST`. The build puts each set into the language's payload already analysed,
as lists of terms (`analysed`), so the browser and Python expand a query alike.

`kb lint` checks them (`check`): a file for a language the site does not have, a member that
is no word, a member in two sets (or twice in one), and a set whose words stand in more than
half of the language's entries, which would make every query that has one of them match
nearly everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from helpfirst.analysis import analyse
from helpfirst.glossary import compose_yaml
from helpfirst.problems import Problem
from helpfirst.search import contains_run

FILE_PATTERN = re.compile(r"^synonyms\.([^.]+)\.yml$")
_FORMAT_HINT = "write '- [word, other word]', one set a line"


@dataclass(frozen=True)
class Member:
    """One word or phrase of a set, with its line in the file."""

    text: str
    line: int


@dataclass(frozen=True)
class SynonymSet:
    """Words or phrases that mean the same; `line` is where the set starts."""

    line: int
    members: tuple[Member, ...]


def path_for(glossary_dir: Path, lang: str) -> Path:
    """Where a language's synonym sets live: `glossary/synonyms.<lang>.yml`."""
    return glossary_dir / f"synonyms.{lang}.yml"


def files(glossary_dir: Path) -> dict[str, Path]:
    """The synonym files in `glossary_dir`, by the language their name says."""
    if not glossary_dir.is_dir():
        return {}
    found = {}
    for path in sorted(glossary_dir.iterdir()):
        match = FILE_PATTERN.match(path.name)
        if match and path.is_file():
            found[match.group(1)] = path
    return found


def load(path: Path, display_path: str) -> tuple[list[SynonymSet], list[Problem]]:
    """Read one synonym file; problems in it are located as `path:line`."""
    node, problems = compose_yaml(path, display_path, _FORMAT_HINT)
    if problems or node is None:
        return [], problems
    if not isinstance(node, yaml.SequenceNode):
        line = node.start_mark.line + 1
        return [], [Problem(display_path, line, "must be a list of synonym sets", _FORMAT_HINT)]
    sets = []
    for item in node.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.SequenceNode):
            problems.append(
                Problem(display_path, line, "a synonym set must be a list", _FORMAT_HINT)
            )
            continue
        members = []
        for value in item.value:
            text = str(getattr(value, "value", "")).strip()
            member_line = value.start_mark.line + 1
            if not isinstance(value, yaml.ScalarNode) or not text:
                problems.append(
                    Problem(
                        display_path, member_line, "a synonym must be a word or phrase", "remove it"
                    )
                )
                continue
            members.append(Member(text, member_line))
        if len(members) < 2:
            problems.append(
                Problem(
                    display_path,
                    line,
                    "a synonym set needs two or more members",
                    "add one or remove the set",
                )
            )
            continue
        sets.append(SynonymSet(line, tuple(members)))
    return sets, problems


def analysed(sets: list[SynonymSet], lang: str) -> list[list[list[str]]]:
    """The sets as the payload holds them: each member as its terms (members that analyse to
    nothing, only stop words, are left out; so is a set left with fewer than two)."""
    result = []
    for synonym_set in sets:
        members = []
        for member in synonym_set.members:
            terms = analyse(member.text, lang)
            if terms and terms not in members:
                members.append(terms)
        if len(members) >= 2:
            result.append(members)
    return result


def check(sets: list[SynonymSet], lang: str, display_path: str, texts: list[str]) -> list[Problem]:
    """Duplicate members and sets that would match more than half of `texts` (one string per
    entry of the language, its searchable text)."""
    problems = []
    seen: dict[tuple[str, ...], int] = {}
    analysed_sets = [[analyse(m.text, lang) for m in s.members] for s in sets]
    for synonym_set, members in zip(sets, analysed_sets, strict=True):
        for member, terms in zip(synonym_set.members, members, strict=True):
            if not terms:
                problems.append(
                    Problem(
                        display_path,
                        member.line,
                        f"'{member.text}' has only stop words, so it finds nothing",
                        "use a word that says what the reader means",
                    )
                )
                continue
            key = tuple(terms)
            if key in seen:
                problems.append(
                    Problem(
                        display_path,
                        member.line,
                        f"'{member.text}' is already a synonym on line {seen[key]}",
                        "keep each word in one set: merge the sets or remove it",
                    )
                )
                continue
            seen[key] = member.line
    entries = [analyse(text, lang) for text in texts]
    for synonym_set, members in zip(sets, analysed_sets, strict=True):
        matched = sum(1 for terms in entries if any(contains_run(terms, m) for m in members))
        if entries and matched * 2 > len(entries):
            problems.append(
                Problem(
                    display_path,
                    synonym_set.line,
                    f"this set's words stand in {matched} of {len(entries)} entries, "
                    "so a search with one of them finds nearly everything",
                    "keep only words that name one thing",
                )
            )
    return problems
