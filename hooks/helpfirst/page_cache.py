"""Reusing the unchanged pages of a language's earlier build (`kb build --cache DIR`).

A language whose inputs changed is built again (helpfirst.build_cache), but most of its pages
are the same as in its last build: one edited entry changes its own page and its translations'.
Each page rendered is kept with a key of everything it is made from; in the next build of the
language, a page whose key is the same is not read, converted or rendered again. Its HTML is
taken from the earlier build (when its bytes are still those kept: their digest is checked),
and what its events added to the language pass (its links and anchors, search document,
widget answer, twin: helpfirst.adapter.page_facts) is put back at the same step, so the end of
the pass writes what a full build writes.

A page's key holds:
- the language build's shared inputs (configuration, code, templates, packages, the path of every
  docs file: helpfirst.build_cache.project_inputs) and the language;
- the catalog's view of every page of the site: each entry's and page's path, language, id,
  kind, front matter and title, the generated listing pages and the files left out. That is
  what a page shows of the others (listings, related entries, neighbours, navigation,
  breadcrumbs, the language switcher), so a changed title or summary renders every page again;
- the page's own path, address and bytes, and the bytes of its default-language source (a
  translation's stale notice and translation state come from it).
An edited body changes only its own key and its translations'.

The files the build writes itself (twins, answers, indexes: helpfirst.adapter.output) are made
in full, and one with the bytes the last build kept, intact, is that kept file (a hard link into
the build's own scratch folder) rather than a new one: an edit writes only what it changed.

Only pages whose reading and rendering logged no warning or error are kept: such a page is
rendered (and reports) again in every build. A site whose Markdown extensions read other files
into a page (`pymdownx.snippets` and the like) reuses no page at all.

This relies on two MkDocs internals, wrapped while the language builds (see the README's list):
`mkdocs.commands.build._populate_page` (read a page, its Markdown and content events) and
`_build_page` (its context, template and writing), called once per page with the page first.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpfirst import build_cache
from helpfirst.adapter import output, page_facts
from helpfirst.adapter.state import BuildState
from helpfirst.content import source_uri
from helpfirst.page_renders import ProblemLog

#: The kept pages' records beside the kept site (helpfirst.build_cache's folder of a language).
RECORDS = build_cache.RECORDS
#: Bumped when a record's form changes: records of another form are not read.
FORMAT = 2
#: Markdown extensions that put other files' text into a page: a page's key cannot hold them.
READS_OTHER_FILES = ("pymdownx.snippets", "markdown_include", "mdx_include")


@dataclass
class PageRecord:
    """One rendered page, as the next build needs it to reuse the page."""

    key: str
    digest: str  # the page's HTML, hashed (helpfirst.build_cache.file_digest)
    meta: dict  # the page's front matter after its events (the navigation reads its title)
    title_from_render: str | None  # the first heading, which MkDocs takes as the title
    read: dict  # what the page's reading added to the pass (helpfirst.adapter.page_facts)
    rendered: dict = field(default_factory=dict)  # what its rendering added


@dataclass
class _Pending:
    """A page being read and rendered in this build."""

    key: str
    mark: Any = None
    read: dict = field(default_factory=dict)
    clean: bool = True  # no warning or error logged while reading or rendering it


class PageCache:
    """The kept pages of one language (`folder`: its folder in the cache, which holds the site
    of its last build in `site/`), and the pages this build renders, to keep next time."""

    def __init__(self, folder: Path, base: str, link: bool = False) -> None:
        self.folder = Path(folder)
        self.base = base  # the language build's shared inputs and language, hashed
        self.link = link  # place reused pages as hard links (into a build's own scratch folder)
        self.old = _load(self.folder / RECORDS)
        # What the kept site's files were when kept (build_cache.manifest): a page is reused
        # only while its file is intact.
        self.files = build_cache.manifest(self.folder) or {}
        self.kept: dict[str, PageRecord] = {}  # dest uri -> record, for the next build
        self.reused: dict[str, str] = {}  # dest uri -> digest of the pages reused
        # The other files the build writes itself (helpfirst.adapter.output) that it found with
        # the bytes kept: path -> digest.
        self.outputs: dict[str, str] = {}
        self.rendered = 0
        self._pending: dict[str, _Pending] = {}
        self._signature: str | None = None
        self._docs_dir = ""
        self.enabled = True

    # --- the two wrapped MkDocs steps ---------------------------------------------------------

    def read(self, state: BuildState, page, config) -> bool:
        """Before MkDocs reads `page`: True when it is reused (its reading's facts put back and
        the page given what other pages read of it); False when it is to be read."""
        file = page.file
        self._docs_dir = config.docs_dir
        key = self.key(state, page)
        record = self.old.get(file.dest_uri)
        versions = state.page(file.src_uri)
        kept = self.files.get(file.dest_uri)
        if (
            record is not None
            and record.key == key
            and kept is not None
            and kept[0] == record.digest
            and build_cache.intact(self._old_page(file.dest_uri), kept)
        ):
            page.markdown, page.content = "", ""
            page.meta = record.meta
            page._title_from_render = record.title_from_render
            page_facts.put_back(state, versions.default_uri, versions.id, record.read)
            self.reused[file.dest_uri] = record.digest
            self.kept[file.dest_uri] = record
            return True
        pending = _Pending(key)
        pending.mark = page_facts.mark(state, versions.default_uri, versions.id)
        self._pending[file.dest_uri] = pending
        return False

    def read_done(self, state: BuildState, page, clean: bool) -> None:
        """After MkDocs read `page`: keep what its reading added."""
        pending = self._pending[page.file.dest_uri]
        pending.read = page_facts.since(state, pending.mark)
        pending.clean = pending.clean and clean

    def render(self, state: BuildState, page) -> bool:
        """Before MkDocs renders `page`: True when it is reused (its rendering's facts put back
        and its HTML placed); False when it is to be rendered."""
        file = page.file
        versions = state.page(file.src_uri)
        if file.dest_uri in self.reused:
            record = self.kept[file.dest_uri]
            page_facts.put_back(state, versions.default_uri, versions.id, record.rendered)
            self._place(self._old_page(file.dest_uri), Path(file.abs_dest_path))
            return True
        pending = self._pending[file.dest_uri]
        pending.mark = page_facts.mark(state, versions.default_uri, versions.id)
        return False

    def render_done(self, state: BuildState, page, clean: bool) -> None:
        """After MkDocs rendered `page`: keep it for the next build when nothing was logged."""
        pending = self._pending.pop(page.file.dest_uri)
        self.rendered += 1
        if not (pending.clean and clean):
            return
        written = build_cache.file_digest(Path(page.file.abs_dest_path))
        if not written:  # MkDocs writes no file for an empty page
            return
        self.kept[page.file.dest_uri] = PageRecord(
            key=pending.key,
            digest=written,
            meta=page.meta,
            title_from_render=page._title_from_render,
            read=pending.read,
            rendered=page_facts.since(state, pending.mark),
        )

    # --- keys -----------------------------------------------------------------------------

    def key(self, state: BuildState, page) -> str:
        """Everything `page` is made from, hashed (see the module's docstring)."""
        file = page.file
        digest = hashlib.sha256()
        build_cache.add(digest, "base", self.base.encode("ascii"))
        build_cache.add(digest, "catalog", self.signature(state).encode("ascii"))
        build_cache.add(digest, "source", file.src_uri.encode("utf-8"))
        build_cache.add(digest, "address", file.dest_uri.encode("utf-8"))
        build_cache.add(digest, "bytes", _bytes_of(file))
        default = source_uri(file.src_uri)
        if default != file.src_uri:
            path = Path(self._docs_dir) / default
            build_cache.add(digest, "default", path.read_bytes() if path.is_file() else b"")
        return digest.hexdigest()

    def signature(self, state: BuildState) -> str:
        """The catalog's view of every page, hashed once per build."""
        if self._signature is None:
            self._signature = catalog_signature(state)
        return self._signature

    # --- keeping --------------------------------------------------------------------------

    def save(self) -> None:
        """Write this build's records into the folder (after its site was kept there)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{RECORDS}.{os.getpid()}"
        with open(temporary, "wb") as stream:
            pickle.dump((FORMAT, self.kept), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.folder / RECORDS)

    def place_output(self, site_dir: str, path: str, data: bytes) -> bool:
        """Before the build writes `data` at `path` below `site_dir`: True when the kept site
        has that file with these bytes, intact, and it was placed there instead (a hard link,
        in a build's own scratch folder only)."""
        kept = self.files.get(path)
        if not self.link or kept is None or kept[1] != len(data):
            return False
        digest = hashlib.blake2b(data).hexdigest()
        source = self._old_page(path)
        if digest != kept[0] or not build_cache.intact(source, kept):
            return False
        try:
            self._place(source, Path(site_dir) / path)
        except OSError:
            return False
        self.outputs[path] = digest
        return True

    def _old_page(self, dest_uri: str) -> Path:
        return self.folder / build_cache.SITE / dest_uri

    def _place(self, kept: Path, target: Path) -> None:
        """Put the kept page at `target`: a hard link when allowed and possible, else a copy."""
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            build_cache.linker(self.link)(kept, target)
        except FileExistsError:
            target.unlink()
            build_cache.linker(self.link)(kept, target)


def catalog_signature(state: BuildState) -> str:
    """Every page's path, language, id, kind, front matter and title as the catalog holds them
    (and the generated pages' text, and the files left out), hashed."""
    catalog = state.catalog
    if catalog is None:
        return ""
    rows: list[Any] = []
    groups = (("entry", catalog.entries), ("page", catalog.pages), ("generated", catalog.generated))
    for label, group in groups:
        for name in sorted(group):
            for lang, entry in sorted(group[name].items()):
                body = entry.body if label == "generated" else None
                rows.append(
                    [label, name, lang, entry.src_uri, entry.display_path, entry.id, entry.kind]
                    + [entry.meta, entry.title, body]
                )
    rows.append(["left out", catalog.left_out])
    text = json.dumps(rows, sort_keys=True, ensure_ascii=False, default=repr)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def reads_other_files(config) -> bool:
    """True when a configured Markdown extension puts other files' text into pages."""
    return any(
        str(name).split(":")[0] in READS_OTHER_FILES for name in config.markdown_extensions or []
    )


@contextmanager
def reusing(cache: PageCache, state_of) -> Iterator[None]:
    """While MkDocs builds, read and render only the pages `cache` cannot reuse. `state_of()`
    gives the adapter's build state of the moment (it starts a new one each build)."""
    from mkdocs.commands import build as mkdocs_build

    populate, build_page = mkdocs_build._populate_page, mkdocs_build._build_page
    logger = logging.getLogger("mkdocs")

    def read_page(page, config, files, dirty=False):
        state = state_of()
        if cache.read(state, page, config):
            return
        problems = ProblemLog()
        logger.addHandler(problems)
        try:
            populate(page, config, files, dirty)
        finally:
            logger.removeHandler(problems)
        cache.read_done(state, page, not problems.messages)

    def render_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
        state = state_of()
        if cache.render(state, page):
            return
        problems = ProblemLog()
        logger.addHandler(problems)
        try:
            build_page(page, config, doc_files, nav, env, dirty, excluded)
        finally:
            logger.removeHandler(problems)
        cache.render_done(state, page, not problems.messages and not excluded)

    mkdocs_build._populate_page, mkdocs_build._build_page = read_page, render_page
    output.keeper = cache
    try:
        yield
    finally:
        mkdocs_build._populate_page, mkdocs_build._build_page = populate, build_page
        output.keeper = None


def _bytes_of(file) -> bytes:
    """The source of a page: its file's bytes, or the text a plugin gave it."""
    if file.generated_by is not None or file.abs_src_path is None:
        content = file.content_bytes
        return content if isinstance(content, bytes) else str(content).encode("utf-8")
    return Path(file.abs_src_path).read_bytes()


def _load(path: Path) -> dict[str, PageRecord]:
    """The records kept at `path`; none when there are none, or they cannot be read."""
    try:
        with open(path, "rb") as stream:
            form, records = pickle.load(stream)
    except Exception:  # a missing, cut or foreign file is no cache: every page is rendered
        return {}
    if form != FORMAT or not isinstance(records, dict):
        return {}
    return records
