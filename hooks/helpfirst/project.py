"""A project as the scripts see it: mkdocs.yml read by MkDocs itself, so a script agrees with
the build on the docs folder, the languages and the Markdown extensions."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from helpfirst import checks, sources
from helpfirst.read_cache import ReadCache


@dataclass
class Project:
    """The facts of one project that the scripts need."""

    config: MkDocsConfig
    root: Path  # the folder of mkdocs.yml
    docs_dir: Path
    languages: list[str]  # built languages, as the i18n plugin lists them
    default_lang: str
    config_path: str  # mkdocs.yml as shown in messages

    @property
    def raw_settings(self) -> object:
        """extra.kb as written, before validation."""
        return (self.config.get("extra") or {}).get("kb")

    def source_files(self) -> list[sources.SourceFile]:
        """The docs as `mkdocs build` lists them (exclude_docs and draft_docs applied).

        Files that other plugins add or drop in their `on_files` are seen by the build only:
        running those events needs the build that comes with them."""
        from mkdocs.structure.files import get_files

        return mkdocs_sources(get_files(self.config), serving=False)

    def check(self, cache: ReadCache | None = None) -> checks.Checked:
        """Every content check of the build on this project's docs, without building (with a
        `cache`, what was read and checked of each unchanged source before is reused)."""
        return checks.check_content(
            self.source_files(),
            str(self.docs_dir),
            self.languages,
            self.default_lang,
            self.raw_settings,
            self.config_path,
            str(self.root),
            cache=cache,
        )

    def display(self, path: Path) -> str:
        """A path as messages show it: relative to the project."""
        return os.path.relpath(path, self.root).replace(os.sep, "/")


def load_project(config_file: str | Path = "mkdocs.yml", **overrides) -> Project:
    """Read `config_file` with MkDocs (plugins and hooks are loaded, nothing is built)."""
    from mkdocs.config import load_config

    # MkDocs logs its own configuration notes at INFO; the scripts print only their findings.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(str(config_file), **overrides)
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        default = i18n.default_language
        languages = list(i18n.build_languages)
    else:
        default = config.theme.get("language") or "en"
        languages = [default]
    return Project(
        config=config,
        root=Path(config.config_file_path).resolve().parent,
        docs_dir=Path(config.docs_dir),
        languages=languages,
        default_lang=default,
        config_path=checks.display_config_path(config.config_file_path),
    )


def mkdocs_sources(files, serving: bool) -> list[sources.SourceFile]:
    """MkDocs' `Files` as `SourceFile` records: every file read from disk, published when the
    command builds it (`mkdocs serve` shows drafts, `mkdocs build` leaves them out), as
    mkdocs.commands.build decides with `InclusionLevel.is_in_serve` / `is_included`."""
    from mkdocs.structure.files import InclusionLevel

    return [
        sources.SourceFile(
            src_uri=file.src_uri,
            abs_path=file.abs_src_path,
            published=file.inclusion.is_in_serve() if serving else file.inclusion.is_included(),
            draft_shown=serving and file.inclusion == InclusionLevel.DRAFT,
        )
        for file in files
        if file.abs_src_path is not None and file.generated_by is None
    ]
