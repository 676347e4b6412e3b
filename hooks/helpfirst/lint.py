"""Every content check without building the site: what `mkdocs build --strict` reports, found in
a second, plus the glossary's advice.

Link anchors need each page's HTML ids, so every page is rendered as its language shows it
(listing directives expanded, with the project's Markdown extensions): no theme, no output. The
same rendering is judged against the HTML policy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import markdown

from helpfirst import (
    checks,
    glossary,
    html_policy,
    links,
    listings,
    scaffold,
    source_lines,
    synonyms,
)
from helpfirst.catalog import Catalog
from helpfirst.content import Entry
from helpfirst.problems import Problem
from helpfirst.project import Project

GLOSSARY_DIR = "glossary"


@dataclass
class Findings:
    """Problems the build reports (a strict build fails on any), and warnings: translations
    that differ from their sources, the glossary's advice and text left to write."""

    problems: list[Problem] = field(default_factory=list)
    advice: list[Problem] = field(default_factory=list)


def lint(project: Project) -> Findings:
    """Run every content check of the build, then the glossary, on `project`."""
    checked = project.check()
    findings = Findings(problems=list(checked.problems))
    # As in the build: when a file cannot be read, links are not judged.
    if not checks.fatal_summary(checked.problems):
        findings.problems += _link_problems(project, checked)
    findings.problems += _synonym_problems(project, checked.catalog)
    findings.problems = _unique(findings.problems)
    findings.advice = _unique(
        checked.translation_warnings
        + _glossary_problems(project, checked.catalog)
        + _leftovers(checked.catalog)
    )
    return findings


def shown_entries(catalog: Catalog, lang: str) -> list[Entry]:
    """Every source shown on `lang`'s site: its own version, or the default one (not when
    `lang`'s own version is left out: static-i18n then builds no page there)."""
    shown = []
    for versions in list(catalog.entries.values()) + list(catalog.pages.values()):
        entry = versions.get(lang)
        if entry is None:
            default = versions.get(catalog.default_lang)
            left_out = catalog.left_out.get(default.default_uri, {}) if default else {}
            entry = None if lang in left_out else default
        if entry is not None:
            shown.append(entry)
    return sorted(shown, key=lambda entry: entry.src_uri)


def _link_problems(project: Project, checked: checks.Checked) -> list[Problem]:
    """Judge every link of every language's pages, those that listing directives make too,
    against the anchors of that language, and every page body against the HTML policy."""
    config = project.config
    catalog, settings = checked.catalog, checked.settings
    renderer = markdown.Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
    )
    policy = html_policy.from_settings(settings)
    page_size = settings.listing_page_size
    problems = []
    for lang in project.languages:
        shown = shown_entries(catalog, lang)
        sources = {entry.default_uri: entry for entry in shown}
        pages = {entry.default_uri: entry.body for entry in shown}
        # The later pages of long listings, which links from the home page and pagers reach.
        for uri, versions in catalog.generated.items():
            if lang in versions:
                folder = uri.split("/", 1)[0]
                pages[uri] = listings.listing_page_markdown(versions[lang], folder)
        anchors = {}
        for uri, body in pages.items():
            versions = catalog.versions(uri)
            entry_id = next(iter(versions.values())).id if versions else ""
            meta = catalog.meta(entry_id, lang) if entry_id else {}
            text = listings.expand(body, uri, lang, catalog, settings.featured, meta, page_size)
            # As the build: anchors are read from the body the policy lets through.
            sanitised = policy.sanitise(renderer.reset().convert(text))
            anchors[uri] = links.anchor_ids(sanitised.html)
            entry = sources.get(uri)
            if entry is not None:
                problems += html_policy.problems(
                    sanitised.findings, entry.display_path, entry.body, entry.body_line
                )
        for entry in shown:
            meta = catalog.meta(entry.id, lang) if entry.id else {}
            found = [
                (line, target, "") for line, target in links.find_links(entry.body, entry.body_line)
            ]
            found += listings.directive_links(
                entry.body,
                entry.body_line,
                entry.default_uri,
                lang,
                catalog,
                settings.featured,
                meta,
                page_size,
            )
            for line, target, directive in found:
                problem = links.judge(
                    entry.display_path,
                    entry.default_uri,
                    line,
                    target,
                    checked.files,
                    anchors,
                    directive,
                )
                if problem:
                    problems.append(problem)
    return problems


def _glossary_problems(project: Project, catalog: Catalog) -> list[Problem]:
    """Glossary warnings for every file in a language that has a glossary."""
    found = []
    for lang in project.languages:
        path = project.root / GLOSSARY_DIR / f"{lang}.yml"
        if not path.is_file():
            continue
        terms, problems = glossary.load(path, project.display(path))
        found += problems
        for versions in list(catalog.entries.values()) + list(catalog.pages.values()):
            if lang in versions:
                found += glossary.check(versions[lang], terms)
    return found


def _synonym_problems(project: Project, catalog: Catalog) -> list[Problem]:
    """Problems in the synonym files beside the glossary (`synonyms.check`), checked against
    the searchable text of each language's own entries."""
    found = []
    for lang, path in synonyms.files(project.root / GLOSSARY_DIR).items():
        shown = project.display(path)
        if lang not in project.languages:
            found.append(
                Problem(
                    shown,
                    1,
                    f"this site has no language '{lang}'",
                    "name the file synonyms.<lang>.yml for one of: " + ", ".join(project.languages),
                )
            )
            continue
        sets, problems = synonyms.load(path, shown)
        texts = [
            _searchable_text(versions[lang])
            for versions in catalog.entries.values()
            if lang in versions and versions[lang].kind != "page"
        ]
        found += problems + synonyms.check(sets, lang, shown, texts)
    return found


def _searchable_text(entry: Entry) -> str:
    """An entry's words as search reads them: title, keywords, summary and text."""
    keywords = entry.meta.get("keywords") or []
    if isinstance(keywords, str):
        keywords = [keywords]
    parts = [entry.title or "", *map(str, keywords), str(entry.meta.get("summary") or "")]
    return "\n".join([*parts, entry.body])


def _leftovers(catalog: Catalog) -> list[Problem]:
    """Text that `kb.py new` left for the author to write."""
    found = []
    for versions in list(catalog.entries.values()) + list(catalog.pages.values()):
        for entry in versions.values():
            lines = [(entry.line_of("summary"), str(entry.meta.get("summary", "")))]
            lines += [
                (entry.item_lines.get(("subjects", index), 1), str(subject))
                for index, subject in enumerate(entry.meta.get("subjects") or [])
            ]
            lines += [
                (number, line) for number, line, _ in source_lines.walk(entry.body, entry.body_line)
            ]
            found += [
                Problem(
                    entry.display_path,
                    number,
                    "text left to write",
                    f"replace the '{scaffold.MARKER}' text",
                )
                for number, text in lines
                if scaffold.MARKER in text
            ]
    return found


def _unique(problems: list[Problem]) -> list[Problem]:
    """Each message once (links are judged once per language), in file and line order."""
    seen, unique = set(), []
    for problem in sorted(problems):
        if str(problem) not in seen:
            seen.add(str(problem))
            unique.append(problem)
    return unique
