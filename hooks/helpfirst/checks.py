"""Every content check of a build, as plain functions: the adapter
(`helpfirst.adapter.content_model`) runs them during a build, `scripts/kb.py lint` runs them
without one. Both print the same `path:line` messages."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from helpfirst import headings, listings, sources, translation_checks, widget
from helpfirst import settings as site_settings
from helpfirst.catalog import Catalog, load_catalog
from helpfirst.config_lines import ConfigLines
from helpfirst.problems import Problem
from helpfirst.read_cache import ReadCache


@dataclass
class Checked:
    """What reading and checking a knowledge base gives: settings, catalog and problems, and
    the differences of translations from their sources (warnings: `kb.py lint` fails on them
    with `--strict` only)."""

    settings: site_settings.Settings
    catalog: Catalog
    problems: list[Problem] = field(default_factory=list)
    translation_warnings: list[Problem] = field(default_factory=list)
    # What links may point at: the published files and generated pages (helpfirst.sources).
    files: sources.SiteFiles = field(default_factory=sources.SiteFiles)


def check_content(
    files: list[sources.SourceFile],
    docs_dir: str,
    languages: list[str],
    default_lang: str,
    raw_settings: object,
    config_path: str,
    project_root: str,
    *,
    cache: ReadCache | None = None,
) -> Checked:
    """Validate `extra.kb`, refuse symbolic links, read and check every published source of
    MkDocs' file list `files`, place the later listing pages, check the featured and widget
    ids. `config_path` is mkdocs.yml as messages show it, relative to the working directory:
    problems with settings are reported at their lines there. With a `cache`, what was read and
    checked of each source before is reused (the same results, see helpfirst.read_cache)."""
    lines = ConfigLines.read(config_path)
    settings, problems = site_settings.validate(raw_settings, languages, lines)
    real, link_problems = sources.real_files(files, docs_dir, project_root)
    catalog = load_catalog(
        real, languages, default_lang, settings.categories, display_root=project_root, cache=cache
    )
    catalog.generated, page_problems = listings.listing_pages(catalog, settings.listing_page_size)
    problems = problems + link_problems + catalog.problems + page_problems
    problems += _check_featured(settings, catalog, lines)
    problems += widget.check_topics(settings.widget, catalog, lines)
    problems += headings.check_all(
        [*catalog.entries.values(), *catalog.pages.values()], cache=cache
    )
    # Translations are compared only when every file could be read.
    warnings = (
        [] if fatal_summary(problems) else translation_checks.check_catalog(catalog, cache=cache)
    )
    return Checked(
        settings=settings,
        catalog=catalog,
        problems=problems,
        translation_warnings=warnings,
        files=sources.site_files(real, catalog.generated),
    )


def fatal_summary(problems: list[Problem]) -> str | None:
    """The closing line for problems that stop the build, or None when there are none."""
    fatal = [problem for problem in problems if problem.fatal]
    if not fatal:
        return None
    return (
        f"{len(fatal)} problem{'s' if len(fatal) > 1 else ''} above stop the build: "
        "fix them and build again"
    )


def display_config_path(config_file: str | None) -> str:
    """mkdocs.yml as authors see it: relative to the working directory."""
    return os.path.relpath(config_file or "mkdocs.yml")


def _check_featured(
    settings: site_settings.Settings, catalog: Catalog, lines: ConfigLines
) -> list[Problem]:
    """Every featured id must name an entry."""
    problems = []
    for index, entry_id in enumerate(settings.featured):
        if entry_id not in catalog.entries and not catalog.is_left_out(entry_id):
            problems.append(
                lines.problem(
                    f"extra.kb.featured[{index}]",
                    f"unknown entry '{entry_id}'",
                    "use the file name of an entry, without .md",
                )
            )
    return problems
