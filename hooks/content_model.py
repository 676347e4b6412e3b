"""Content model: read and check every entry once per build; check links with their lines.

Problems are logged compiler-style (`docs/faq/x.sl.md:7: problem (fix)`) on the `mkdocs` logger,
so `mkdocs build --strict` counts them; problems that make the site wrong stop the build even
without `--strict`. static-i18n runs every event once per language: the catalog is read in the
first pass only and every message is logged once per build.

The catalog is read from MkDocs' own file list (`on_files`), so that it knows exactly the pages
MkDocs builds: `exclude_docs`, `draft_docs` and files other plugins add or drop all count.
"""

from __future__ import annotations

import logging
import os
import re

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import set_exclusions

from helpfirst import checks, links, listings, registry
from helpfirst.content import source_uri
from helpfirst.problems import Problem
from helpfirst.project import mkdocs_sources

log = logging.getLogger("mkdocs.hooks.content_model")

_ID_ATTRIBUTE = re.compile(r"""\sid=["']([^"']+)["']""")

# Per language pass: links found in each page's source, anchors found in each built page. A
# link a listing directive makes names its directive; an authored one has "".
_links: list[tuple[str, str, int, str, str]] = []  # (display path, page uri, line, target, made by)
_anchors: dict[str, set[str]] = {}
# `mkdocs serve` builds drafts, `mkdocs build` leaves them out (set by on_startup).
_command = {"serving": False}


def on_startup(command, dirty):
    """Remember whether drafts are shown: `mkdocs serve` builds them."""
    _command["serving"] = command == "serve"


# After static-i18n (-100) has switched the config to the language of this pass.
@event_priority(-110)
def on_config(config):
    """Start of a language pass; in the first pass, start a new build's state."""
    i18n = config.plugins.get("i18n")
    _links.clear()
    _anchors.clear()
    if _first_pass(i18n):
        state = registry.reset()
        if i18n is not None:
            state.languages = list(i18n.build_languages)
            state.default_lang = i18n.default_language
        else:
            state.languages = [config.theme.get("language") or "en"]
            state.default_lang = state.languages[0]
    state = registry.state
    state.lang = i18n.current_language if i18n is not None else state.default_lang
    return config


# After other plugins (0) have added or dropped files, before static-i18n (-100) keeps only
# this pass's language: its later passes hold the other languages' files only inside its own
# `alternates`, so every language's files are seen together here and nowhere after.
@event_priority(-90)
def on_files(files, config):
    """In the first pass, read and check all content from MkDocs' file list."""
    state = registry.state
    if state.catalog is not None:
        return files
    # MkDocs computes the inclusion of files other plugins added only after on_files.
    set_exclusions(files, config)
    checked = checks.check_content(
        mkdocs_sources(files, _command["serving"]),
        config.docs_dir,
        state.languages,
        state.default_lang,
        (config.extra or {}).get("kb"),
        checks.display_config_path(config.config_file_path),
        os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml")),
    )
    state.settings, state.catalog, state.files = checked.settings, checked.catalog, checked.files
    for problem in checked.problems + checked.translation_warnings:
        report(problem)
    stop = checks.fatal_summary(checked.problems)
    if stop:
        raise PluginError(stop)
    return files


def on_page_markdown(markdown, page, config, files):
    """Remember the links the author wrote in this page's source, with their line numbers,
    and those its listing directives make in this language, at the directive's line."""
    catalog = registry.state.catalog
    if catalog is None:
        return markdown
    entry = _entry_of(page.file.src_uri)
    if entry is None:
        return markdown
    for line, target in links.find_links(entry.body, entry.body_line):
        _links.append((entry.display_path, entry.default_uri, line, target, ""))
    state = registry.state
    meta = state.catalog.meta(entry.id, state.lang) if entry.id else {}
    for line, target, directive in listings.directive_links(
        entry.body,
        entry.body_line,
        entry.default_uri,
        state.lang,
        state.catalog,
        state.settings["featured"],
        meta,
        state.settings["listing_page_size"],
    ):
        _links.append((entry.display_path, entry.default_uri, line, target, directive))
    return markdown


def on_page_content(html, page, config, files):
    """Remember which anchors the built page offers to links from other pages."""
    _anchors[source_uri(page.file.src_uri)] = set(_ID_ATTRIBUTE.findall(html))
    return html


# Before static-i18n (-100) starts the next language's pass, which resets this pass's state.
@event_priority(0)
def on_post_build(config):
    """Judge every internal link and anchor of this language pass."""
    files = registry.state.files
    for display_path, page_uri, line, target, directive in _links:
        problem = links.judge(display_path, page_uri, line, target, files, _anchors, directive)
        if problem:
            report(problem)


def report(problem: Problem) -> None:
    """Log a problem once per build; fatal ones as errors, others as warnings."""
    state = registry.state
    text = str(problem)
    if text in state.reported:
        return
    state.reported.add(text)
    (log.error if problem.fatal else log.warning)(text)


def _entry_of(src_uri: str):
    """The catalog entry (any language) whose source is `src_uri`."""
    versions = registry.state.catalog.versions(source_uri(src_uri))
    return next((entry for entry in versions.values() if entry.src_uri == src_uri), None)


def _first_pass(i18n) -> bool:
    """True at the start of a build, before any language pass has read the content."""
    # static-i18n sets `building` for the passes after the first; a single-language build
    # (scripts/kb.py build --lang) sets it from the start, with no catalog read yet.
    return i18n is None or not getattr(i18n, "building", False) or registry.state.catalog is None
