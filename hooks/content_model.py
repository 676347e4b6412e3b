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

from helpfirst import links, registry, settings, widget
from helpfirst.catalog import load_catalog
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
    first_pass = i18n is None or not getattr(i18n, "building", False)
    _links.clear()
    _anchors.clear()
    if first_pass:
        state = registry.reset()
        if i18n is not None:
            state.languages = list(i18n.build_languages)
            state.default_lang = i18n.default_language
        else:
            state.languages = [config.theme.get("language") or "en"]
            state.default_lang = state.languages[0]
        config_path = os.path.relpath(config.config_file_path or "mkdocs.yml")
        state.settings, config_problems = settings.validate(
            (config.extra or {}).get("kb"), state.languages, config_path
        )
        project_root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        state.catalog = load_catalog(
            config.docs_dir,
            state.languages,
            state.default_lang,
            state.settings["categories"],
            display_root=project_root,
        )
        problems = config_problems + state.catalog.problems
        problems += _check_featured(state, config_path)
        problems += widget.check_topics(state.settings["widget"], state.catalog, config_path)
        for problem in problems:
            report(problem)
        fatal = [problem for problem in problems if problem.fatal]
        if fatal:
            raise PluginError(
                f"{len(fatal)} problem{'s' if len(fatal) > 1 else ''} above stop the build: "
                "fix them and build again"
            )
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
        problem = _judge(display_path, page_uri, line, target, docs_dir)
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


def _judge(display_path: str, page_uri: str, line: int, target: str, docs_dir: str):
    """A Problem for a broken internal link or anchor, else None."""
    if links.is_external(target):
        return None
    path, anchor = links.resolve(target, page_uri)
    if not path:
        if anchor and anchor not in _anchors.get(page_uri, set()):
            return Problem(
                display_path, line, f"no heading '#{anchor}' on this page", "check the anchor"
            )
        return None
    if path.endswith(".md"):
        default = source_uri(path)
        if default != path:
            return Problem(
                display_path,
                line,
                f"link to a translation file '{target}'",
                f"link to {os.path.basename(default)}: each language links to its own version",
            )
        if not os.path.isfile(os.path.join(docs_dir, path)):
            return Problem(
                display_path,
                line,
                f"link to '{target}', which does not exist",
                "check the file name and folder, relative to this file",
            )
        if anchor and anchor not in _anchors.get(path, set()):
            return Problem(
                display_path,
                line,
                f"link to '{target}': that page has no heading '#{anchor}'",
                "check the anchor against the target page's headings in this language",
            )
        return None
    full = os.path.join(docs_dir, path)
    if os.path.isdir(full) or path.endswith("/") or not os.path.exists(full):
        suggestion = path.rstrip("/") + ".md"
        if os.path.isdir(full):
            suggestion = path.rstrip("/") + "/index.md"
        suggestion = os.path.relpath(suggestion, os.path.dirname(page_uri) or ".")
        return Problem(
            display_path,
            line,
            f"link to '{target}', which is not a file of the help centre",
            f"link to the Markdown file, such as {suggestion}",
        )
    return None


def _check_featured(state, config_path: str) -> list[Problem]:
    """Every featured id must name an entry."""
    problems = []
    for index, entry_id in enumerate(state.settings["featured"]):
        if entry_id not in state.catalog.entries:
            problems.append(
                Problem(
                    config_path,
                    1,
                    f"extra.kb.featured[{index}]: unknown entry '{entry_id}'",
                    "use the file name of an entry, without .md",
                )
            )
    return problems
