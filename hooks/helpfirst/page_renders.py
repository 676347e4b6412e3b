"""Rendering single pages of a finished language build again, in-process (`kb serve`).

A build of one language (helpfirst.language_builds) can keep its MkDocs objects: the config
with its plugins, the files, the navigation and the template environment, exactly as its pages
were rendered with them (`Keeper`, a plugin whose handlers run after every other one). A changed
Markdown source is then rendered again with those objects: a new pass of the language is
started with the plugins' `on_config`, as static-i18n itself starts every language pass on the
same config (each plugin resets its pass there; the project's adapter sets the pass's language
and an empty collection), and MkDocs' own per-page steps run the page events.

Only the page's HTML is made: nothing of the end of a build runs again (`on_post_build`: the
search indexes, widget answers, twins, sitemaps and the 404 pages), so a page event run again
collects into a pass that is never written. The full rebuild that follows brings everything
else up to date, with hooks loaded afresh.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel

from helpfirst.content import check_entry, parse_entry, split_language
from helpfirst.problems import ContentError
from helpfirst.settings import validate

#: The name the keeping plugin is added under (no plugin of a site can have it).
KEEPER = "helpfirst-kept-build"


class RenderError(Exception):
    """A page could not be rendered on its own; the full rebuild shows what is wrong."""


@dataclass
class KeptBuild:
    """The MkDocs objects of one finished language build."""

    lang: str
    config: Any  # MkDocsConfig, as the pages were rendered with it
    files: Any  # Files
    nav: Any  # Navigation
    env: Any  # jinja2.Environment

    def pages_of(self, source: str) -> list[File]:
        """The files this build rendered as pages from the source file at the real path
        `source` (none, one, or one per language a fallback shows it in)."""
        name = os.path.basename(source)
        # Names first: resolving every file's path would cost more than rendering the page.
        return [
            file
            for file in self.files.documentation_pages(inclusion=InclusionLevel.is_included)
            if file.abs_src_path
            and file.page is not None
            and os.path.basename(file.abs_src_path) == name
            and os.path.realpath(file.abs_src_path) == source
        ]


class Keeper(BasePlugin):
    """Keeps the config, files, navigation and template environment of the build it is added
    to, as the pages were rendered with them."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self._seen: dict[str, Any] = {}

    # After every other handler: the navigation and files as they are at the end of the event.
    @event_priority(-1000)
    def on_nav(self, nav, config, files):
        self._seen.update(config=config, nav=nav, files=files)
        return nav

    # After every other handler: the environment the pages are rendered in.
    @event_priority(-1000)
    def on_env(self, env, config, files):
        self._seen["env"] = env
        return env

    def kept(self) -> KeptBuild | None:
        """What the build rendered its pages with (None when it stopped before)."""
        if {"config", "nav", "files", "env"} - self._seen.keys():
            return None
        seen = self._seen
        return KeptBuild(self.lang, seen["config"], seen["files"], seen["nav"], seen["env"])


def changed_pages(changed: dict[str, str], docs_dir: Path) -> list[str]:
    """The real paths of the changed Markdown sources of `changed` (absolute paths, each
    "added", "removed" or "changed"), when a save changed nothing else; else none. Anything
    added or removed, or a change outside docs/ (configuration, templates, hooks, strings) or
    of another file, changes other pages too: it needs the full rebuild."""
    docs = docs_dir.resolve()
    pages = []
    for name, how in changed.items():
        path = Path(name)
        if how != "changed" or path.suffix != ".md" or not path.is_relative_to(docs):
            return []
        pages.append(os.path.realpath(path))
    return sorted(pages)


def source_problems(
    path: str, docs_dir: Path, languages: list[str], default_lang: str, raw_settings: object
) -> list[str]:
    """What the project's own reading of one changed source finds in it on its own (front
    matter, keys, categories): a page with any is left to the full build, which reports them
    at their lines."""
    docs = docs_dir.resolve()
    src_uri = Path(path).relative_to(docs).as_posix()
    display = Path(path).relative_to(docs.parent).as_posix()
    lang = split_language(src_uri, languages)[1] or default_lang
    try:
        entry = parse_entry(src_uri, display, Path(path).read_text(encoding="utf-8"), lang)
    except ContentError as error:
        return [str(error)]
    except (OSError, UnicodeDecodeError) as error:
        return [f"{display}: {error}"]
    settings, _problems = validate(raw_settings, languages)
    return [str(problem) for problem in check_entry(entry, settings.categories, default_lang)]


def render_again(kept: KeptBuild, sources: list[str], scratch: Path) -> dict[str, bytes]:
    """The pages the build in `kept` rendered from `sources` (real paths), rendered again from
    the files as they are now: their paths below the site and their bytes. Raises RenderError
    when a page cannot be rendered or its events log a warning or an error."""
    files = [file for source in sources for file in kept.pages_of(source)]
    if not files:
        return {}
    from mkdocs.commands import build as mkdocs_build

    problems = ProblemLog()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(problems)
    rendered: dict[str, bytes] = {}
    try:
        config = _start_pass(kept)
        doc_files = kept.files.documentation_pages(inclusion=InclusionLevel.is_included)
        scratch.mkdir(parents=True, exist_ok=True)
        for number, file in enumerate(files):
            page = file.page
            assert page is not None  # pages_of gives files with pages only
            mkdocs_build._populate_page(page, config, kept.files)
            target = scratch / f"{kept.lang}-{number}.html"
            target.unlink(missing_ok=True)
            built_at = file.abs_dest_path
            # MkDocs writes the page where the file says; here, to a scratch file.
            file.abs_dest_path = str(target)
            try:
                mkdocs_build._build_page(
                    page, config, doc_files, kept.nav, kept.env, excluded=False
                )
            finally:
                file.abs_dest_path = built_at
            if not target.is_file():
                raise RenderError(f"{file.src_uri}: the page came out empty")
            rendered[file.dest_uri] = target.read_bytes()
            target.unlink()
    except RenderError:
        raise
    except Exception as error:  # any failure of a page event: the full rebuild tells it
        raise RenderError(f"{type(error).__name__}: {error}") from error
    finally:
        logger.removeHandler(problems)
    if problems.messages:
        raise RenderError(problems.messages[0])
    return rendered


def _start_pass(kept: KeptBuild):
    """Start a pass of the kept build's language on its config, as static-i18n starts each of
    its language passes: the language set, then every plugin's `on_config`."""
    config = kept.config
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        i18n.current_language = kept.lang
        i18n.building = True
    return config.plugins.on_config(config)


class ProblemLog(logging.Handler):
    """The warnings and errors MkDocs logs while it is attached (to the `mkdocs` logger)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
