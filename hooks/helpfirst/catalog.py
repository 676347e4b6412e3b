"""The catalog: every entry of the knowledge base in every language, checked as a whole.

Built once per build from MkDocs' own file list (helpfirst.sources): a file that MkDocs leaves
out (exclude_docs, draft_docs) is no entry, and is named in `left_out` so that a translation of
it, or a language whose version of a page is left out, is told apart from a mistake. Per-file
checks live in `content`; this module adds
the checks that need all files at once (duplicate ids, related ids, translations without a
source, translations that disagree with their source) and answers listing questions for a
language (which entries, in which language, in which category).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from helpfirst import placeholders, read_cache
from helpfirst.content import (
    INHERITED_KEYS,
    Entry,
    check_entry,
    parse_entry,
    source_uri,
    split_language,
)
from helpfirst.problems import ContentError, Problem
from helpfirst.read_cache import ReadCache
from helpfirst.sources import SourceFile


@dataclass
class Catalog:
    """All entries by id and language, with the problems found while reading them."""

    default_lang: str
    languages: list[str]
    categories: dict
    entries: dict[str, dict[str, Entry]] = field(default_factory=dict)  # id -> lang -> Entry
    pages: dict[str, dict[str, Entry]] = field(default_factory=dict)  # default uri -> lang -> Entry
    # Pages the build makes that no file holds (the later pages of long section listings), in
    # the same form as `pages`.
    generated: dict[str, dict[str, Entry]] = field(default_factory=dict)
    # Answers worked out from the entries (which do not change once read), kept for the pages
    # that ask again: see listings.category_pages.
    memo: dict = field(default_factory=dict, repr=False, compare=False)
    problems: list[Problem] = field(default_factory=list)
    # Markdown files MkDocs leaves out: default uri -> lang -> display path.
    left_out: dict[str, dict[str, str]] = field(default_factory=dict)

    def entry(self, entry_id: str, lang: str) -> tuple[Entry | None, bool]:
        """The entry in `lang`, else its default-language source; the flag tells a fallback.

        None when `lang`'s own version is left out: static-i18n then gives that language no
        page at all (the left-out file still takes the page's place in its pass, so the
        default language's text is not shown instead)."""
        versions = self.entries.get(entry_id, {})
        if lang in versions:
            return versions[lang], False
        if versions and lang in self.left_out.get(next(iter(versions.values())).default_uri, {}):
            return None, False
        return versions.get(self.default_lang), True

    def has_page(self, default_uri: str, lang: str) -> bool:
        """True when `lang`'s site has the page whose source is `default_uri` (its own version
        or the default language's), False when it has none or its version is left out."""
        versions = self.versions(default_uri)
        if lang in versions:
            return True
        return self.default_lang in versions and lang not in self.left_out.get(default_uri, {})

    def is_left_out(self, entry_id: str) -> bool:
        """True for the id of an entry whose source MkDocs leaves out (exclude_docs,
        draft_docs): it is not on the site, and ids naming it are skipped, not reported."""
        return entry_id not in self.entries and any(
            PurePosixPath(uri).stem == entry_id and self.default_lang in langs
            for uri, langs in self.left_out.items()
        )

    def versions(self, default_uri: str) -> dict[str, Entry]:
        """lang -> Entry of every real version of the page whose source is `default_uri`."""
        return self.file_versions(default_uri) or self.generated.get(default_uri, {})

    def file_versions(self, default_uri: str) -> dict[str, Entry]:
        """The same, of the files in the docs folder only (no generated page)."""
        if default_uri in self.pages:
            return self.pages[default_uri]
        entry_id = PurePosixPath(default_uri).stem
        versions = self.entries.get(entry_id) or {}
        if versions and next(iter(versions.values())).default_uri == default_uri:
            return versions
        return {}

    def meta(self, entry_id: str, lang: str) -> dict:
        """Front matter of the entry in `lang`, completed with keys inherited from the source."""
        entry, _ = self.entry(entry_id, lang)
        if entry is None:
            return {}
        source = self.entries[entry_id].get(self.default_lang)
        merged = dict(entry.meta)
        if source is not None and source is not entry:
            for key in INHERITED_KEYS:
                if key not in merged and key in source.meta:
                    merged[key] = source.meta[key]
        return merged

    def listing(self, lang: str, kind: str | None = None) -> list[tuple[Entry, bool]]:
        """Every entry (of one kind) as shown in `lang`, sorted by title; flag = fallback."""
        shown = []
        for entry_id in self.entries:
            entry, fallback = self.entry(entry_id, lang)
            if entry is None or (kind and entry.kind != kind):
                continue
            shown.append((entry, fallback))
        shown.sort(key=lambda pair: ((pair[0].title or pair[0].id).casefold(), pair[0].id))
        return shown

    def category_label(self, category: str, lang: str) -> str:
        """A category's name in `lang`, falling back to the default language, then the id."""
        labels = self.categories.get(category) or {}
        if isinstance(labels, str):
            return labels
        return labels.get(lang) or labels.get(self.default_lang) or category

    def is_fatal(self) -> bool:
        """True when a problem makes the built site wrong."""
        return any(problem.fatal for problem in self.problems)


def load_catalog(
    files: Iterable[SourceFile],
    languages: list[str],
    default_lang: str,
    categories: dict,
    display_root: str | Path | None = None,
    *,
    cache: ReadCache | None = None,
) -> Catalog:
    """Read and check every published Markdown source of `files` (MkDocs' own file list);
    with a `cache`, a source whose bytes were parsed before is not parsed again."""
    root = os.path.abspath(display_root) if display_root else os.getcwd()
    catalog = Catalog(default_lang=default_lang, languages=languages, categories=categories)
    for file in sorted(files, key=lambda file: file.src_uri):
        if not file.src_uri.endswith(".md"):
            continue
        path = Path(file.abs_path)
        src_uri = file.src_uri
        display = _display(file.abs_path, root)
        _, lang = split_language(src_uri, languages)
        # A draft `mkdocs serve` shows is built in the default language's pass only.
        shown_in = default_lang if file.draft_shown else None
        if not file.published or (shown_in and (lang or default_lang) != shown_in):
            if lang is not None or source_uri(src_uri) == src_uri:
                catalog.left_out.setdefault(source_uri(src_uri), {})[lang or default_lang] = display
            continue
        if shown_in:
            for other in languages:
                if other != shown_in:
                    catalog.left_out.setdefault(source_uri(src_uri), {}).setdefault(other, display)
        if lang is None:
            if source_uri(src_uri) != src_uri:
                catalog.problems.append(
                    Problem(
                        display,
                        1,
                        f"unknown language '{src_uri.rsplit('.', 2)[-2]}' in the file name",
                        f"use one of {', '.join(languages)}, or add the language to mkdocs.yml",
                    )
                )
                continue
            lang = default_lang
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            catalog.problems.append(
                Problem(display, 1, f"not UTF-8 text ({error.reason})", "save it as UTF-8", True)
            )
            continue
        parsed = _parse(src_uri, display, text, lang, cache)
        if isinstance(parsed, Problem):
            catalog.problems.append(parsed)
            continue
        _add(catalog, parsed)
    _check_all(catalog)
    catalog.problems.sort()
    return catalog


def _display(path: str, root: str) -> str:
    """`path` relative to the folder `root` (absolute), '/'-separated, as messages show it."""
    prefix = root.rstrip(os.sep) + os.sep
    if path.startswith(prefix) and os.path.normpath(path) == path:
        return path[len(prefix) :].replace(os.sep, "/")
    return os.path.relpath(path, root).replace(os.sep, "/")


def _parse(
    src_uri: str, display: str, text: str, lang: str, cache: ReadCache | None
) -> Entry | Problem:
    """One source read into an entry, or the problem that stops it from being read; from the
    cache when these four arguments were read before."""

    def parse() -> Entry | Problem:
        try:
            return parse_entry(src_uri, display, text, lang)
        except ContentError as error:
            return error.problem

    if cache is None:
        return parse()
    return cache.result(read_cache.key("parse_entry", src_uri, display, text, lang), parse)


def _add(catalog: Catalog, entry: Entry) -> None:
    """Place one parsed entry, reporting an id used twice."""
    if entry.kind == "page":
        catalog.pages.setdefault(entry.default_uri, {})[entry.lang] = entry
        return
    versions = catalog.entries.setdefault(entry.id, {})
    other = versions.get(entry.lang)
    if other is not None and other.default_uri != entry.default_uri:
        catalog.problems.append(
            Problem(
                entry.display_path,
                1,
                f"duplicate id '{entry.id}': {other.display_path} uses it too",
                "ids are shared by the whole help centre; rename one of the files",
                fatal=True,
            )
        )
        return
    versions[entry.lang] = entry


def _check_all(catalog: Catalog) -> None:
    """Checks that need the whole catalog."""
    default = catalog.default_lang
    for _entry_id, versions in sorted(catalog.entries.items()):
        source = versions.get(default)
        for _lang, entry in sorted(versions.items()):
            catalog.problems += check_entry(entry, catalog.categories, default)
            if source is None:
                catalog.problems.append(_without_source(entry, catalog))
                continue
            if entry is not source:
                catalog.problems += _check_translation(entry, source)
            catalog.problems += _check_related(entry, catalog)
            if entry.kind == "template":
                subjects = entry.meta.get("subjects")
                subject_lines = {
                    index: line
                    for (key, index), line in entry.item_lines.items()
                    if key == "subjects"
                }
                catalog.problems += placeholders.check_template(
                    entry.display_path,
                    subjects if isinstance(subjects, list) else [],
                    subject_lines,
                    entry.body,
                    entry.body_line,
                )
    for versions in catalog.pages.values():
        for entry in versions.values():
            if default not in versions:
                catalog.problems.append(_without_source(entry, catalog))
            catalog.problems += check_entry(entry, catalog.categories, default)


def _without_source(entry: Entry, catalog: Catalog) -> Problem:
    """A translation whose default-language source is missing, or left out of the site."""
    default = catalog.default_lang
    left_out = catalog.left_out.get(entry.default_uri, {}).get(default)
    if left_out:
        return Problem(
            entry.display_path,
            1,
            f"translation of {left_out}, which exclude_docs or draft_docs leave out of the site",
            "leave this file out too (a pattern such as faq/x.*.md), or publish the source",
            fatal=True,
        )
    return Problem(
        entry.display_path,
        1,
        "translation without a source",
        f"add the {default} source {entry.default_uri} or rename this file",
        fatal=True,
    )


def _check_translation(entry: Entry, source: Entry) -> list[Problem]:
    """A translation's structural keys must agree with its source's."""
    problems = []
    for key in ("category", "related"):
        if key in entry.meta and key in source.meta and entry.meta[key] != source.meta[key]:
            problems.append(
                Problem(
                    entry.display_path,
                    entry.line_of(key),
                    f"'{key}' differs from the source {source.display_path}",
                    f"remove '{key}' here (it is taken from the source) or make it the same",
                )
            )
    return problems


def _check_related(entry: Entry, catalog: Catalog) -> list[Problem]:
    """Every id in `related` must name another entry of the knowledge base."""
    related = entry.meta.get("related")
    if not isinstance(related, list):
        return []
    problems = []
    for index, item in enumerate(related):
        # Before the existence check, which the entry's own id always passes.
        if item == entry.id:
            problems.append(
                Problem(
                    entry.display_path,
                    entry.item_lines.get(("related", index), entry.line_of("related")),
                    f"entry '{item}' lists itself in related",
                    "remove it: related holds the ids of other entries",
                )
            )
            continue
        # An entry left out of the site is skipped: it appears once it is published.
        if not isinstance(item, str) or item in catalog.entries or catalog.is_left_out(item):
            continue
        line = entry.item_lines.get(("related", index), entry.line_of("related"))
        # Sorted only for a problem: every entry of a large knowledge base has related ids.
        near = difflib.get_close_matches(item, sorted(catalog.entries), n=1)
        hint = (
            f"did you mean '{near[0]}'?" if near else "use the file name of an entry, without .md"
        )
        problems.append(
            Problem(entry.display_path, line, f"related entry '{item}' does not exist", hint)
        )
    return problems
