"""Content model: read and check every entry once per build; check links with their lines.

Problems are logged compiler-style (`docs/faq/x.sl.md:7: problem (fix)`) on the `mkdocs` logger,
so `mkdocs build --strict` counts them; problems that make the site wrong stop the build even
without `--strict`. static-i18n runs every event once per language: the catalog is read in the
first pass only and every message is logged once per build.
"""

from __future__ import annotations

import logging
import os
import re

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from helpfirst import checks, links, registry
from helpfirst.content import source_uri
from helpfirst.problems import Problem

log = logging.getLogger("mkdocs.hooks.content_model")

_ID_ATTRIBUTE = re.compile(r"""\sid=["']([^"']+)["']""")

# Per language pass: links found in each page's source, anchors found in each built page.
_links: list[tuple[str, str, int, str]] = []  # (display path, page default uri, line, target)
_anchors: dict[str, set[str]] = {}


# After static-i18n (-100) has switched the config to the language of this pass.
@event_priority(-110)
def on_config(config):
    """Start of a language pass; in the first pass, read and check all content."""
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
        checked = checks.check_content(
            config.docs_dir,
            state.languages,
            state.default_lang,
            (config.extra or {}).get("kb"),
            checks.display_config_path(config.config_file_path),
            os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml")),
        )
        state.settings, state.catalog = checked.settings, checked.catalog
        for problem in checked.problems + checked.translation_warnings:
            report(problem)
        stop = checks.fatal_summary(checked.problems)
        if stop:
            raise PluginError(stop)
    state = registry.state
    state.lang = i18n.current_language if i18n is not None else state.default_lang
    return config


def on_page_markdown(markdown, page, config, files):
    """Remember the links the author wrote in this page's source, with their line numbers."""
    catalog = registry.state.catalog
    if catalog is None:
        return markdown
    entry = _entry_of(page.file.src_uri)
    if entry is None:
        return markdown
    for line, target in links.find_links(entry.body, entry.body_line):
        _links.append((entry.display_path, entry.default_uri, line, target))
    return markdown


def on_page_content(html, page, config, files):
    """Remember which anchors the built page offers to links from other pages."""
    _anchors[source_uri(page.file.src_uri)] = set(_ID_ATTRIBUTE.findall(html))
    return html


# Before static-i18n (-100) starts the next language's pass, which resets this pass's state.
@event_priority(0)
def on_post_build(config):
    """Judge every internal link and anchor of this language pass."""
    docs_dir = config.docs_dir
    for display_path, page_uri, line, target in _links:
        problem = links.judge(display_path, page_uri, line, target, docs_dir, _anchors)
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
