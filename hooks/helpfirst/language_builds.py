"""Building one language of the site on its own, and merging such builds into the full site.

A large knowledge base can build each language in its own CI job. static-i18n builds the
default language first and then every other language in a loop from its `on_post_build`,
re-running MkDocs' build with `current_language` set and `building` true. A single-language
build enters that loop at one language: it sets both before the build, so static-i18n renders
that language only, while every language stays configured (hreflang, the language switcher and
sitemaps still name them all).

Each language build writes its own pages, 404 page and sitemap; the default language's build
also writes `robots.txt`; every build writes the same theme assets. The only file that needs
combining is the Material search index, which static-i18n assembles from every language's
entries: `merge` does the same with static-i18n's own de-duplication. The result is
byte-for-byte the full build (a test holds them together).
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from helpfirst.adapter.events import Adapter
    from helpfirst.build_cache import Inputs
    from helpfirst.page_cache import PageCache
    from helpfirst.page_renders import KeptBuild
    from helpfirst.project import Project
    from helpfirst.read_cache import ReadCache

#: Material's search index, which static-i18n fills with the entries of every language.
SEARCH_INDEX = "search/search_index.json"


class MergeError(Exception):
    """The language builds disagree about a file they both wrote."""


def build_language(
    config_file: str | Path,
    lang: str,
    site_dir: str | Path,
    keep: bool = False,
    pages: PageCache | None = None,
    reading: ReadCache | None = None,
    terms: ReadCache | None = None,
    prepared: tuple | None = None,
) -> KeptBuild | None:
    """Build only `lang` into `site_dir` (raises MkDocs' Abort on a strict-mode failure); with
    `keep`, the MkDocs objects its pages were rendered with, to render them again
    (helpfirst.page_renders); with `pages`, reusing the unchanged pages it holds
    (helpfirst.page_cache); with `reading` and `terms`, what reading and checking each source
    gave before, and the terms counted in each search document (helpfirst.read_cache); with
    `prepared`, the content as another process read and checked it
    (helpfirst.adapter.content_model.read_content)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from helpfirst import page_cache, page_renders

    config = load_config(str(config_file), site_dir=str(site_dir))
    i18n = config.plugins.get("i18n")
    if i18n is None or lang not in i18n.build_languages:
        known = ", ".join(i18n.build_languages) if i18n is not None else "none"
        raise ValueError(f"'{lang}' is not a language this site builds (it builds: {known})")
    i18n.current_language = lang
    i18n.building = True
    keeper = page_renders.Keeper(lang) if keep else None
    if keeper is not None:
        config.plugins[page_renders.KEEPER] = keeper
    adapter = _adapter(config)
    reuse: contextlib.AbstractContextManager = contextlib.nullcontext()
    if pages is not None and adapter is not None and not page_cache.reads_other_files(config):
        reuse = page_cache.reusing(pages, lambda: adapter.state)
    elif pages is not None:
        pages.enabled = False
    if adapter is not None:
        adapter.read_cache, adapter.search_memo, adapter.prepared = reading, terms, prepared
    config.plugins.on_startup(command="build", dirty=False)
    try:
        with reuse:
            build(config)
    finally:
        config.plugins.on_shutdown()
        if adapter is not None:
            adapter.read_cache = adapter.search_memo = adapter.prepared = None
    return keeper.kept() if keeper is not None else None


def _adapter(config) -> Adapter | None:
    """The project's adapter, loaded by MkDocs as a hook (hooks/helpfirst_hooks.py); None for
    a site without it."""
    from helpfirst.adapter.events import Adapter

    for module in (config.get("hooks") or {}).values():
        adapter = getattr(module, "_adapter", None)
        if isinstance(adapter, Adapter):
            return adapter
    return None


def build_languages(
    config_file: str | Path,
    targets: dict[str, Path],
    cache_dir: Path | None = None,
    report: Callable[[str], None] = print,
    scratch: bool = False,
    jobs: int = 1,
) -> None:
    """Build each language of `targets` into its folder, or copy it from `cache_dir` when its
    key is there (helpfirst.build_cache); keep every new build in the cache, and reuse the
    unchanged pages of the language's last build there (helpfirst.page_cache). `scratch`: the
    folders are the build's own, read once and deleted; the cache's files may be hard-linked
    into them. Up to `jobs` languages are built side by side, each in a process of its own."""
    from helpfirst import build_cache
    from helpfirst.project import load_project

    project = load_project(config_file)
    for lang in targets:
        if lang not in project.languages:
            known = ", ".join(project.languages)
            raise ValueError(f"'{lang}' is not a language this site builds (it builds: {known})")
    inputs = None
    cache = Path(cache_dir) if cache_dir is not None else None
    if cache is not None:
        inputs = build_cache.project_inputs(project.config, project.languages, project.default_lang)
    global _PREPARED
    prepared = None
    pending = []
    for lang, site_dir in targets.items():
        job = language_job(project, str(config_file), lang, Path(site_dir), cache, inputs, scratch)
        if job.key is not None and cache is not None and inputs is not None:
            if build_cache.restore(cache, lang, job.key, job.site_dir, link=scratch):
                report(f"{lang}: unchanged, reused from {cache}")
                continue
            if lang == project.default_lang:
                # Only now is the content read; the builds then take it as read here.
                prepared, settings = _read_settings(project, cache, inputs.code)
                if settings is not None:
                    second = build_cache.settings_key(
                        inputs, project.languages, project.default_lang, settings
                    )
                    job.key = build_cache.keys(job.key, second)
                    if build_cache.restore(cache, lang, second, job.site_dir, link=scratch):
                        # Under the files' key too: the next build, if nothing changes,
                        # copies it without reading the content.
                        build_cache.rekey(cache, lang, job.key)
                        report(f"{lang}: unchanged, reused from {cache}")
                        continue
        pending.append(job)
    if jobs <= 1 or len(pending) <= 1:
        _PREPARED = prepared
        try:
            for job in pending:
                report(_build_job(job))
        finally:
            _PREPARED = None
        return
    if prepared is None:
        prepared = _read_once(project, cache, inputs.code if inputs is not None else "")
    _PREPARED = prepared
    import concurrent.futures
    import logging.handlers
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    workers = min(jobs, len(pending))
    # Every process reads and checks the same content: what they log comes here, and each
    # message is shown once, by this process's handlers, as one build shows it.
    logger = logging.getLogger("mkdocs")
    queue = context.Queue()
    listener = logging.handlers.QueueListener(queue, _Once(logger))
    listener.start()
    try:
        with concurrent.futures.ProcessPoolExecutor(
            workers,
            mp_context=context,
            initializer=_log_to,
            initargs=(queue, logger.getEffectiveLevel()),
        ) as pool:
            for line in pool.map(_build_job, pending):
                report(line)
    finally:
        listener.stop()
        _PREPARED = None


#: The content as this process read and checked it before starting the languages' processes,
#: which are forked with it (`_read_once`); None in any other process.
_PREPARED: tuple | None = None


def _read_settings(project, cache: Path, code: str) -> tuple[tuple | None, dict | None]:
    """Read and check the content (`_read_once`); with it, every language's widget settings
    text as the default language's build writes it (helpfirst.widget.settings_text, with the
    site address of that build's configuration), or None when the content could not be read or
    has problems: the build reports them."""
    from mkdocs.exceptions import MkDocsException

    from helpfirst.widget import settings_text

    try:
        config = _default_config(project)
        prepared = _read_once(project, cache, code, config)
    except (MkDocsException, OSError, ValueError):
        return None, None
    if prepared is None:
        return None, None
    checked = prepared[1]
    if checked.problems or checked.translation_warnings:
        return prepared, None
    settings = {
        lang: settings_text(
            checked.settings, checked.catalog, lang, project.default_lang, config.site_url or ""
        )
        for lang in project.languages
    }
    return prepared, settings


def _default_config(project):
    """The configuration as the plugins leave it for a build of the default language."""
    from mkdocs.config import load_config

    config = load_config(str(project.config.config_file_path))
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        i18n.current_language, i18n.building = project.default_lang, True
    return config.plugins.on_config(config)


def _read_once(project, cache: Path | None, code: str, config=None) -> tuple | None:
    """Read and check the content as each language's build would (its arguments, then the
    result): once here, for every process started after, rather than once in each (`config`:
    `_default_config`, when read already)."""
    from mkdocs.structure.files import get_files, set_exclusions

    from helpfirst import build_cache, checks
    from helpfirst.adapter import content_model
    from helpfirst.read_cache import ReadCache

    # The file list as a build of the default language has it when the content is read: the
    # configuration as the plugins leave it, the docs and the theme's files.
    if config is None:
        config = _default_config(project)
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    set_exclusions(files, config)
    arguments = content_model.content_arguments(
        files, config, False, project.languages, project.default_lang
    )
    memo = ReadCache.load(cache / build_cache.READING, code) if cache is not None else None
    checked = checks.check_content(*arguments, cache=memo)
    if memo is not None and cache is not None and not memo.unchanged():
        memo.save(cache / build_cache.READING)
    return arguments, checked


def _log_to(queue, level: int) -> None:
    """In a language's process: send MkDocs' messages from `level` up to the process that
    started it."""
    import logging.handlers

    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.addHandler(logging.handlers.QueueHandler(queue))
    logger.setLevel(level)


class _Once(logging.Handler):
    """Hands each message, the first time it comes, to the handlers of `logger`."""

    def __init__(self, logger: logging.Logger) -> None:
        super().__init__()
        self.logger = logger
        self.seen: set[tuple[int, str]] = set()

    def emit(self, record: logging.LogRecord) -> None:
        message = (record.levelno, record.getMessage())
        if message in self.seen:
            return
        self.seen.add(message)
        for handler in self.logger.handlers:
            if record.levelno >= handler.level:
                handler.handle(record)


@dataclass
class LanguageJob:
    """One language to build, as a process of its own is given it."""

    config_file: str
    lang: str
    site_dir: Path
    cache: Path | None
    scratch: bool
    key: str | None = None  # the language's key in the cache (helpfirst.build_cache)
    base: str | None = None  # what its pages' keys share (helpfirst.page_cache)
    code: str = ""  # the salt of its memo of reading and checking (helpfirst.read_cache)


def language_job(
    project: Project,
    config_file: str,
    lang: str,
    site_dir: Path,
    cache: Path | None,
    inputs: Inputs | None,
    scratch: bool = False,
) -> LanguageJob:
    """The job of building `lang` of `project` into `site_dir`, through `cache` when one is
    given (`inputs`: the project's, helpfirst.build_cache.project_inputs)."""
    from helpfirst import build_cache

    job = LanguageJob(config_file, lang, Path(site_dir), cache, scratch)
    if cache is not None and inputs is not None:
        job.key = build_cache.language_key(inputs, lang, project.languages, project.default_lang)
        job.base = build_cache.page_base(inputs, lang)
        job.code = inputs.code
    return job


@dataclass
class LanguageBuilt:
    """A language built by `build_job`: what it kept of MkDocs' objects, and what it used of
    the cache (to keep in it: `keep_in_cache`)."""

    kept: KeptBuild | None
    pages: PageCache | None
    reading: ReadCache | None
    terms: ReadCache | None

    def counts(self) -> str:
        """How many pages were rendered and reused ("" without a page cache)."""
        if self.pages is None or not self.pages.enabled:
            return ""
        return f"{self.pages.rendered} pages rendered, {len(self.pages.reused)} reused"


def build_job(job: LanguageJob, keep: bool = False) -> LanguageBuilt:
    """Build one language, reusing its unchanged pages and the memos of reading and of search
    terms from the cache (`keep`: as build_language's); nothing is kept in the cache yet."""
    from helpfirst import build_cache, page_cache
    from helpfirst.read_cache import ReadCache

    pages = reading = terms = None
    folder = job.cache / job.lang if job.cache is not None else None
    if folder is not None and job.base is not None:
        pages = page_cache.PageCache(folder, job.base, link=job.scratch)
        if _PREPARED is None:  # else the content was read and checked before
            reading = ReadCache.load(folder.parent / build_cache.READING, job.code)
        terms = ReadCache.load(folder / build_cache.TERMS, job.code)
    kept = build_language(
        job.config_file,
        job.lang,
        job.site_dir,
        keep=keep,
        pages=pages,
        reading=reading,
        terms=terms,
        prepared=_PREPARED,
    )
    return LanguageBuilt(kept, pages, reading, terms)


def keep_in_cache(job: LanguageJob, built: LanguageBuilt) -> None:
    """Keep a good build of `job` in its cache: the site under its key, its pages' records,
    and the memos that changed. ValueError names the cache when it cannot be written."""
    from helpfirst import build_cache

    if job.cache is None:
        return
    folder = job.cache / job.lang
    reading, terms = built.reading, built.terms
    if terms is not None and not terms.unchanged():
        terms.save(folder / build_cache.TERMS)
    if job.key is not None:
        # A language built after another in the same process reads nothing: the build state
        # keeps what the first read (helpfirst.adapter.events.Adapter._first_pass).
        if reading is not None and reading.hits + reading.misses and not reading.unchanged():
            reading.save(job.cache / build_cache.READING)
        build_cache.store(job.cache, job.lang, job.key, job.site_dir, built.pages, link=job.scratch)


def _build_job(job: LanguageJob) -> str:
    """Build one language (reusing its unchanged pages from the cache), keep it in the cache;
    the line that reports it."""
    built = build_job(job)
    keep_in_cache(job, built)
    counts = built.counts()
    return f"{job.lang}: built ({counts})" if counts else f"{job.lang}: built"


def part_language(part: Path, languages: list[str], default_lang: str) -> str:
    """Which language a single-language build in `part` holds (others live under `<lang>/`)."""
    for lang in languages:
        if lang != default_lang and (part / lang).is_dir():
            return lang
    return default_lang


def merge(
    parts: list[Path],
    site_dir: Path,
    combine: dict[str, Callable[[list[bytes]], bytes]],
    move: bool = False,
) -> None:
    """Copy every part into `site_dir`, in order; a file written by several parts must be the
    same in each, unless `combine` names it (it then gets every part's bytes, in order). With
    `move`, the parts are the build's own, emptied here: what no earlier part holds is moved
    (a file, or a whole folder such as a language's own, renamed on one file system)."""
    import filecmp

    from helpfirst.build_cache import files_below

    if site_dir.exists():
        shutil.rmtree(site_dir)
    pending: dict[str, list[bytes]] = {}
    for part in parts:
        for name in combine:
            if (part / name).is_file():
                pending.setdefault(name, []).append((part / name).read_bytes())
                if move:
                    (part / name).unlink()
    if move:
        for part in parts:
            _move_into(part, site_dir, part)
    else:
        owners: dict[str, Path] = {}
        folders: set[str] = set()
        for part in parts:
            for name in sorted(files_below(part)):
                path, target = part / name, site_dir / name
                if name in combine:
                    continue
                if name in owners:
                    if not filecmp.cmp(path, target, shallow=False):
                        raise MergeError(_disagree(name, f"{owners[name]} and {part}"))
                    continue
                owners[name] = part
                if str(target.parent) not in folders:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(str(target.parent))
                shutil.copyfile(path, target)
    for name, blobs in pending.items():
        target = site_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(combine[name](blobs))


def _move_into(source: Path, target: Path, part: Path) -> None:
    """Move the folder `source` of `part` to `target`, or into it where it exists already:
    each file both hold must be the same."""
    import filecmp

    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(source, target)
        return
    for entry in sorted(source.iterdir()):
        there = target / entry.name
        if entry.is_dir() and there.is_dir():
            _move_into(entry, there, part)
        elif not there.exists():
            shutil.move(entry, there)
        elif entry.is_dir() or there.is_dir() or not filecmp.cmp(entry, there, shallow=False):
            name = entry.relative_to(part).as_posix()
            raise MergeError(_disagree(name, f"{part} and an earlier part"))


def _disagree(name: str, parts: str) -> str:
    return (
        f"{name}: {parts} wrote different files "
        "(only the search index is combined; build every part from one commit)"
    )


def search_index_combiner(i18n) -> Callable[[list[bytes]], bytes]:
    """Join the parts' Material search indexes as static-i18n does after a full build."""

    def combine(blobs: list[bytes]) -> bytes:
        indexes = [json.loads(blob) for blob in blobs]
        docs = [doc for index in indexes for doc in index["docs"]]
        i18n.reconfigure_search_duplicates(docs)
        # Material's own serialisation of the index (material/plugins/search/plugin.py).
        data = {"config": indexes[0]["config"], "docs": docs}
        return json.dumps(data, separators=(",", ":"), default=str).encode("utf-8")

    return combine
