"""The preview server (`kb serve`): the site built once, served on the loopback interface, and
rebuilt after every save; open pages reload themselves.

Each language is built on its own into a folder of its own (helpfirst.language_builds), and the
served site is their merge, so it equals `kb build` byte for byte. A save rebuilds only the
languages it can change: a translation (`faq/x.sl.md`) its own language; a file of the default
language (a fallback and the source every translation is checked against), a file of no
language, the configuration or the theme's overrides every language. A language whose build
fails keeps its last good pages.

Each language is built through a build cache, as `kb build --cache` builds it
(helpfirst.language_builds.build_job): a rebuild reads and renders only the pages whose inputs
changed, puts the others back from the last good build, and keeps the new build in the cache.
The cache is a folder of the server's work folder unless one is named (`kb serve --cache`);
one that cannot keep a build is emptied of that language, whose pages are all rendered next
time: a damaged cache is never a failure of the server.

A save that changes only existing Markdown pages is shown first on its own: each language whose
last build made a page of the file renders that page again in-process with the MkDocs objects
that build kept (helpfirst.page_renders; a page that build reused from the cache was never
read, and is read here first, like any other), the new HTML replaces the served page and open pages
reload; then the languages are rebuilt as above, which brings listings, search indexes, widget
answers, twins and sitemaps up to date. A page that cannot be rendered on its own (front matter
with a problem, a page event that fails or warns) waits for the rebuild, which shows the
problems. The pages shown at once are written to the served site only, never to a language's
folder: a rebuild that fails serves that language's last good pages again.

The reload script and the problems banner are added to HTML pages as they are sent, never
written to the site: the folder being served is exactly the built site (after each rebuild).
"""

from __future__ import annotations

import contextlib
import html
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from helpfirst import page_renders

log = logging.getLogger("helpfirst.preview")

#: The path of the server's change events (Server-Sent Events); no built page can have it.
EVENTS_PATH = "/__kb_serve__/events"
#: How often the sources are looked at, in seconds.
POLL_SECONDS = 0.1
#: Seconds between keep-alive comments on an idle event stream.
KEEPALIVE_SECONDS = 15.0

_SCRIPT = (
    "<script>(function(){{var g={generation};"
    'var s=new EventSource("{path}");'
    "s.onmessage=function(e){{if(Number(e.data)!==g){{s.close();location.reload();}}}};"
    "}})();</script>"
)
_BANNER = (
    '<div id="kb-serve-problems" role="alert" style="position:fixed;top:0;left:0;right:0;'
    "z-index:10000;max-height:50vh;overflow:auto;margin:0;padding:1em;background:#b00020;"
    'color:#fff;font:14px/1.4 monospace;white-space:pre-wrap">'
    "<strong>The last save did not build:</strong>\n{problems}</div>"
)

_NOT_BUILT = (
    b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not built</title>'
    b"</head><body><p>No page is built at this address.</p></body></html>"
)


@dataclass
class State:
    """What the server shows: the generation of the site (raised on every rebuild, so open
    pages reload) and the problems of the last build (shown as a banner until fixed)."""

    generation: int = 0
    problems: list[str] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, problems: list[str]) -> None:
        with self.changed:
            self.generation += 1
            self.problems = list(problems)
            self.changed.notify_all()


def decorate(page: bytes, generation: int, problems: list[str]) -> bytes:
    """An HTML page as served: the reload script (and the banner of `problems`) before
    `</body>`, or at the end when the page has none."""
    extra = _SCRIPT.format(generation=int(generation), path=EVENTS_PATH)
    if problems:
        text = "\n".join(html.escape(problem) for problem in problems)
        extra = _BANNER.format(problems=text) + extra
    data = extra.encode("utf-8")
    at = page.rfind(b"</body>")
    if at < 0:
        return page + data
    return page[:at] + data + page[at:]


def languages_to_rebuild(
    changed: dict[str, str], docs_dir: Path, languages: list[str], default_lang: str
) -> list[str]:
    """The languages that changed paths (absolute, as strings, each "added", "removed" or
    "changed") can change, in site order. A file added or removed changes every language's
    links to its versions (hreflang, the language switcher, sitemaps); a changed one, the
    languages whose builds read it (helpfirst.build_cache.languages_reached)."""
    from helpfirst.build_cache import languages_reached

    affected: set[str] = set()
    docs = docs_dir.resolve()
    for name, how in changed.items():
        path = Path(name)
        if how != "changed" or not path.is_relative_to(docs):
            return list(languages)
        src_uri = path.relative_to(docs).as_posix()
        affected.update(languages_reached(src_uri, languages, default_lang))
    return [lang for lang in languages if lang in affected]


def _forget_hooks() -> None:
    """Make the next configuration load the hooks afresh. MkDocs keeps each hook module it
    loaded for the life of the process (an `lru_cache` on `config_options.Hooks._load_hook`),
    and with it the state the project's hooks keep between the language passes of one build
    (the catalog): a rebuild must read the sources again."""
    from mkdocs.config import config_options

    config_options.Hooks._load_hook.cache_clear()


class Preview:
    """The built site of a project, kept up to date with its sources."""

    def __init__(
        self,
        config_file: str | Path,
        work: Path,
        report: Callable[[str], None] = print,
        cache: Path | None = None,
    ):
        from helpfirst.project import load_project

        self.config_file = Path(config_file).resolve()
        self.work = Path(work)
        self.report = report
        # Each language is built through a build cache, as `kb build --cache` builds it: a
        # rebuild renders only the pages whose inputs changed. By default the cache lives and
        # dies with the work folder.
        self.cache = Path(cache) if cache is not None else self.work / "cache"
        # What each language's last build rendered and reused (helpfirst.language_builds).
        self.counts: dict[str, str] = {}
        project = load_project(self.config_file)
        self.languages = project.languages
        self.default_lang = project.default_lang
        self.docs_dir = project.docs_dir.resolve()
        self.watched_roots = self._roots(project.config)
        self.site = self.work / "site"
        self.parts = {lang: self.work / "parts" / lang for lang in self.languages}
        self.state = State()
        # Each language's last good build, to render a changed page again.
        self.kept: dict[str, page_renders.KeptBuild] = {}
        self._combine = {}
        i18n = project.config.plugins.get("i18n")
        if i18n is not None:
            from helpfirst import language_builds

            self._combine[language_builds.SEARCH_INDEX] = language_builds.search_index_combiner(
                i18n
            )
        self._snapshot = self.snapshot()

    def _roots(self, config) -> list[Path]:
        from helpfirst.build_cache import config_files

        roots = [self.docs_dir, *config_files(self.config_file)]
        if config.theme.custom_dir:
            roots.append(Path(config.theme.custom_dir))
        roots += [Path(hook) for hook in config.get("hooks") or []]
        return [root.resolve() for root in roots]

    def snapshot(self) -> dict[str, tuple[int, int]]:
        """Every watched file with its modification time and size."""
        found: dict[str, tuple[int, int]] = {}
        for root in self.watched_roots:
            if root.is_file():
                stat = root.stat()
                found[str(root)] = (stat.st_mtime_ns, stat.st_size)
                continue
            for folder, _dirs, names in os.walk(root):
                for name in names:
                    path = os.path.join(folder, name)
                    try:
                        stat = os.stat(path)
                    except FileNotFoundError:
                        continue
                    found[path] = (stat.st_mtime_ns, stat.st_size)
        return found

    def changes(self) -> dict[str, str]:
        """The watched files "added", "removed" or "changed" since the last look."""
        now = self.snapshot()
        before = self._snapshot
        self._snapshot = now
        found = {}
        for path in now.keys() | before.keys():
            if path not in before:
                found[path] = "added"
            elif path not in now:
                found[path] = "removed"
            elif now[path] != before[path]:
                found[path] = "changed"
        return found

    def build(self, languages: list[str] | None = None) -> list[str]:
        """Rebuild `languages` (default: all), merge the site and publish it; the problems."""
        from helpfirst import language_builds

        problems: list[str] = []
        _forget_hooks()
        project, inputs = self._inputs()
        for lang in languages or self.languages:
            problems += [
                problem
                for problem in self._build_language(lang, project, inputs)
                if problem not in problems
            ]
        ready = [self.parts[lang] for lang in self.languages if self.parts[lang].is_dir()]
        fresh = self.work / "site.new"
        try:
            language_builds.merge(ready, fresh, self._combine)
        except language_builds.MergeError as error:
            problems.append(str(error))
        else:
            old = self.work / "site.old"
            if self.site.exists():
                self.site.rename(old)
            fresh.rename(self.site)
            shutil.rmtree(old, ignore_errors=True)
        self.state.publish(problems)
        return problems

    def _inputs(self):
        """The project as it is now and its inputs (helpfirst.build_cache.project_inputs), or
        (None, None) when it cannot be loaded: its languages' builds then tell why."""
        from helpfirst import build_cache
        from helpfirst.project import load_project

        try:
            project = load_project(self.config_file)
            inputs = build_cache.project_inputs(
                project.config, project.languages, project.default_lang
            )
        except Exception as error:  # whatever is wrong, the builds report it
            log.info("building without the cache (%s)", error)
            return None, None
        return project, inputs

    def _build_language(self, lang: str, project=None, inputs=None) -> list[str]:
        from helpfirst import language_builds

        target = self.parts[lang]
        fresh = target.with_name(f"{lang}.new")
        shutil.rmtree(fresh, ignore_errors=True)
        # The last build's objects are let go first: one language's build in memory at a time.
        self.kept.pop(lang, None)
        self.counts.pop(lang, None)
        cache = self.cache if inputs is not None else None
        # The part is the preview's own, read by the merge only: the cache's files may be
        # hard-linked into it.
        job = language_builds.language_job(
            project, str(self.config_file), lang, fresh, cache, inputs, scratch=True
        )
        log = page_renders.ProblemLog()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(log)
        try:
            built = language_builds.build_job(job, keep=True)
        except Exception as error:  # any failure of a build leaves the last good pages served
            message = str(error).strip() or type(error).__name__
            if message not in log.messages:
                log.messages.append(message)
            shutil.rmtree(fresh, ignore_errors=True)
            return log.messages or [f"{lang}: the build failed"]
        finally:
            logger.removeHandler(log)
        self._keep_in_cache(job, built)
        shutil.rmtree(target, ignore_errors=True)
        fresh.rename(target)
        if built.kept is not None:
            self.kept[lang] = built.kept
        self.counts[lang] = built.counts()
        return log.messages

    def _keep_in_cache(self, job, built) -> None:
        """Keep a language's good build in the cache. A damaged cache that cannot keep it (a
        file where a folder should be) is emptied of that language and given it again; a cache
        that still cannot is told in the terminal, and the server goes on."""
        from helpfirst import language_builds

        for attempt in (1, 2):
            try:
                language_builds.keep_in_cache(job, built)
                return
            except (OSError, ValueError) as error:
                folder = self.cache / job.lang
                with contextlib.suppress(OSError):
                    if folder.is_dir() and not folder.is_symlink():
                        shutil.rmtree(folder)
                    else:
                        folder.unlink(missing_ok=True)
                if attempt == 2:
                    self.report(f"{job.lang}: not kept in the build cache ({error})")

    def show_pages(self, changed: dict[str, str]) -> tuple[list[str], list[str]] | None:
        """When `changed` holds only changed Markdown pages, render each again in every
        language whose last build rendered it, serve the new pages and publish them; the
        pages (below docs/) and the languages shown, or None when the save needs the rebuild
        first (anything else changed, a page with a problem, a render that failed)."""
        sources = page_renders.changed_pages(changed, self.docs_dir)
        kept = [self.kept[lang] for lang in self.languages if lang in self.kept]
        if not sources or not kept:
            return None
        names = [Path(source).relative_to(self.docs_dir).as_posix() for source in sources]
        raw_settings = (kept[0].config.get("extra") or {}).get("kb")
        for source in sources:
            problems = page_renders.source_problems(
                source, self.docs_dir, self.languages, self.default_lang, raw_settings
            )
            if problems:
                log.info("%s: shown after the rebuild (%s)", ", ".join(names), problems[0])
                return None
        pages: dict[str, bytes] = {}
        shown = []
        for build in kept:
            try:
                rendered = page_renders.render_again(build, sources, self.work / "pages")
            except page_renders.RenderError as error:
                # Its page objects may be half rendered: the rebuild keeps new ones.
                self.kept.pop(build.lang, None)
                log.info("%s: shown after the rebuild (%s)", ", ".join(names), error)
                return None
            if rendered:
                pages.update(rendered)
                shown.append(build.lang)
        if not pages:
            return None
        for name, data in sorted(pages.items()):
            _replace(self.site / name, data)
        with self.state.changed:
            problems = list(self.state.problems)
        self.state.publish(problems)
        return names, shown

    def after_save(self, changed: dict[str, str]) -> list[str]:
        """Show the saved pages at once where they can be, then rebuild the languages the save
        reaches and publish the site; the problems. Both steps are reported."""
        languages = languages_to_rebuild(changed, self.docs_dir, self.languages, self.default_lang)
        started = time.perf_counter()
        try:
            shown = self.show_pages(changed)
        except Exception as error:  # the rebuild below shows the site as it builds
            log.info("the saved pages are shown after the rebuild (%s)", error)
            shown = None
        if shown is not None:
            names, shown_languages = shown
            seconds = time.perf_counter() - started
            self.report(
                f"page {', '.join(names)} shown in {seconds:.2f} s ({', '.join(shown_languages)}); "
                f"rebuilding {', '.join(languages)}"
            )
        problems = self.build(languages)
        seconds = time.perf_counter() - started
        status = f"{len(problems)} problem(s)" if problems else "ok"
        self.report(f"rebuilt {self.described(languages)} in {seconds:.2f} s: {status}")
        return problems

    def described(self, languages: list[str]) -> str:
        """The languages with what their last builds rendered and reused:
        `en (1 pages rendered, 49 reused), sl (...)`."""
        return ", ".join(
            f"{lang} ({self.counts[lang]})" if self.counts.get(lang) else lang for lang in languages
        )

    def watch(self, stop: threading.Event) -> None:
        """Rebuild after every save until `stop` is set."""
        while not stop.wait(POLL_SECONDS):
            changed = self.changes()
            if not changed:
                continue
            # A file both added and removed meanwhile counts as added: every language.
            # Let a save that writes several files finish.
            time.sleep(POLL_SECONDS)
            for path, how in self.changes().items():
                changed[path] = how if changed.get(path, how) == how else "added"
            self.after_save(changed)


def _replace(target: Path, data: bytes) -> None:
    """Write `target` whole or not at all: the server never sends a half-written page."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = target.with_name(f".{target.name}.new")
    fresh.write_bytes(data)
    os.replace(fresh, target)


def serve(
    preview: Preview, server: ThreadingHTTPServer, ready: Callable[[str], None] = print
) -> None:
    """Serve `preview` with `server` (make_server) until interrupted, rebuilding after saves;
    the caller closes the server."""
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    ready(f"serving http://127.0.0.1:{server.server_address[1]}/")
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()


def make_server(preview: Preview, port: int) -> ThreadingHTTPServer:
    """An HTTP server of the preview on the loopback interface (port 0: any free port)."""

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(preview.site), **kwargs)

        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            pass

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def do_GET(self):
            if self.path.split("?", 1)[0] == EVENTS_PATH:
                return self._events()
            target = Path(self.translate_path(self.path))
            if target.is_dir() and self.path.split("?", 1)[0].endswith("/"):
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                return self._page(target)
            return super().do_GET()

        def send_error(self, code, message=None, explain=None):
            if code != HTTPStatus.NOT_FOUND or self.command != "GET":
                return super().send_error(code, message, explain)
            # Not built (yet): a page that shows the problems and reloads after the next build.
            self._page(None, HTTPStatus.NOT_FOUND)

        def _page(self, target: Path | None, status: HTTPStatus = HTTPStatus.OK):
            with preview.state.changed:
                generation = preview.state.generation
                problems = list(preview.state.problems)
            page = target.read_bytes() if target is not None else _NOT_BUILT
            body = decorate(page, generation, problems)
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _events(self):
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            state = preview.state
            seen = None
            try:
                self.wfile.write(b"retry: 250\n\n")
                while True:
                    with state.changed:
                        if state.generation == seen:
                            state.changed.wait(KEEPALIVE_SECONDS)
                        generation = state.generation
                    if generation != seen:
                        self.wfile.write(f"data: {generation}\n\n".encode("ascii"))
                        seen = generation
                    else:
                        self.wfile.write(b": idle\n\n")
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    return server
