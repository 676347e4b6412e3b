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

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, set_exclusions

from helpfirst import checks, links, listings
from helpfirst.adapter.state import BuildState
from helpfirst.problems import Problem
from helpfirst.project import mkdocs_sources
from helpfirst.read_cache import ReadCache

log = logging.getLogger("mkdocs.hooks.content_model")


def read_content(
    state: BuildState,
    files: Files,
    config,
    serving: bool,
    cache: ReadCache | None = None,
    prepared: tuple | None = None,
) -> None:
    """Read and check all content from MkDocs' file list, once per build; stop the build on a
    problem that would make the site wrong. With a `cache`, what was read and checked of each
    source before is reused (helpfirst.read_cache); `prepared` is what another process read
    and checked (`content_arguments`, then the result), taken when its arguments are these."""
    if state.catalog is not None:
        return
    # MkDocs computes the inclusion of files other plugins added only after on_files.
    set_exclusions(files, config)
    arguments = content_arguments(files, config, serving, state.languages, state.default_lang)
    if prepared is not None and prepared[0] == arguments:
        checked = prepared[1]
    else:
        checked = checks.check_content(*arguments, cache=cache)
    state.settings, state.catalog, state.files = checked.settings, checked.catalog, checked.files
    for problem in checked.problems + checked.translation_warnings:
        report(state, problem)
    stop = checks.fatal_summary(checked.problems)
    if stop:
        raise PluginError(stop)


def content_arguments(
    files: Files, config, serving: bool, languages: list[str], default_lang: str
) -> tuple:
    """What checks.check_content reads and checks, from MkDocs' file list and config."""
    return (
        mkdocs_sources(files, serving),
        config.docs_dir,
        languages,
        default_lang,
        (config.extra or {}).get("kb"),
        checks.display_config_path(config.config_file_path),
        os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml")),
    )


def collect_links(state: BuildState, src_uri: str) -> None:
    """Remember the links the author wrote in this page's source, with their line numbers,
    and those its listing directives make in this language, at the directive's line."""
    if state.catalog is None:
        return
    entry = state.page(src_uri).own(src_uri)
    if entry is None:
        return
    found = state.current.links
    for line, target in links.find_links(entry.body, entry.body_line):
        found.append((entry.display_path, entry.default_uri, line, target, ""))
    meta = state.catalog.meta(entry.id, state.lang) if entry.id else {}
    for line, target, directive in listings.directive_links(
        entry.body,
        entry.body_line,
        entry.default_uri,
        state.lang,
        state.catalog,
        state.settings.featured,
        meta,
        state.settings.listing_page_size,
    ):
        found.append((entry.display_path, entry.default_uri, line, target, directive))


def collect_anchors(state: BuildState, default_uri: str, html: str) -> None:
    """Remember which anchors the built page offers to links from other pages."""
    state.current.anchors[default_uri] = links.anchor_ids(html)


def judge_links(state: BuildState) -> None:
    """Judge every internal link and anchor of this language pass."""
    for display_path, page_uri, line, target, directive in state.current.links:
        problem = links.judge(
            display_path, page_uri, line, target, state.files, state.current.anchors, directive
        )
        if problem:
            report(state, problem)


def report(state: BuildState, problem: Problem) -> None:
    """Log a problem once per build; fatal ones as errors, others as warnings."""
    text = str(problem)
    if text in state.reported:
        return
    state.reported.add(text)
    (log.error if problem.fatal else log.warning)(text)
