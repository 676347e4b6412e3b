"""Which files the site is made of, as MkDocs decides: its own file list after `exclude_docs`,
`draft_docs` and other plugins, never a walk of docs/ of our own.

The hooks and the scripts turn MkDocs' `Files` into `SourceFile` records (helpfirst.project
does it for both); everything here works on those records alone. A file may be published (it
is on the site) or left out (excluded, or a draft in `mkdocs build`); a file that is a
symbolic link, or lies in a folder that is one, stops the build: MkDocs would publish what it
points at, which may be anything on the machine that builds the site.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from helpfirst.problems import Problem


@dataclass(frozen=True)
class SourceFile:
    """One file of the docs folder as MkDocs lists it."""

    src_uri: str  # docs-relative, with forward slashes: `faq/x.sl.md`, `images/a.png`
    abs_path: str  # where MkDocs reads it
    published: bool = True  # False: left out by exclude_docs or draft_docs
    # A draft that `mkdocs serve` shows. static-i18n builds the languages after the first
    # without serve's drafts (its on_post_build calls build() with no serve_url), so such a
    # file is on the default language's site only.
    draft_shown: bool = False


@dataclass(frozen=True)
class SiteFiles:
    """The docs-relative paths a link may point at, and those MkDocs leaves out."""

    published: frozenset[str] = frozenset()
    left_out: frozenset[str] = frozenset()

    def is_folder(self, path: str) -> bool:
        """True when some published file lies below `path`."""
        prefix = path.rstrip("/") + "/"
        return any(name.startswith(prefix) for name in self.published)


def site_files(files: Iterable[SourceFile], generated: Iterable[str] = ()) -> SiteFiles:
    """The published and left-out paths of `files`, with pages the build generates."""
    files = list(files)
    return SiteFiles(
        published=frozenset([f.src_uri for f in files if f.published] + list(generated)),
        left_out=frozenset(f.src_uri for f in files if not f.published),
    )


def real_files(
    files: Iterable[SourceFile], docs_dir: str, display_root: str
) -> tuple[list[SourceFile], list[Problem]]:
    """The files that are real files inside `docs_dir`, and a fatal problem for each symbolic
    link (a file, or the folder it lies in) and each path that resolves outside `docs_dir`.

    Files MkDocs leaves out are not published, so they are not judged: a link under `.git/`
    or in an excluded folder harms nothing. Files outside `docs_dir` (the theme's) are kept.
    """
    docs = os.path.abspath(docs_dir)
    display_docs = _display(docs, display_root)
    kept, problems, reported = [], [], set()
    links: dict[str, bool] = {}  # each folder looked at once, whatever the files below it
    for file in files:
        path = os.path.abspath(file.abs_path)
        if not file.published or not _within(path, docs):
            kept.append(file)
            continue
        link = _first_link(path, docs, links)
        # With no link below the docs folder, the path resolves to the same path below the
        # docs folder's real path: inside it.
        if link is None:
            kept.append(file)
            continue
        culprit = link or path
        if culprit in reported:
            continue
        reported.add(culprit)
        problems.append(_problem(culprit, link is not None, display_docs, display_root))
    return kept, problems


def _problem(path: str, is_link: bool, display_docs: str, display_root: str) -> Problem:
    """The problem of one link or outside path, with what it points at."""
    target = os.readlink(path) if is_link else os.path.realpath(path)
    folder = os.path.isdir(path)
    what = "a symbolic link" if is_link else "a path that resolves outside the docs folder"
    noun = "folder" if folder else "file"
    return Problem(
        _display(path, display_root),
        0,
        f"{what} (to {target}{'/' if folder else ''}); {display_docs}/ may hold only real files",
        f"copy the {noun} in instead",
        fatal=True,
    )


def _first_link(path: str, docs: str, links: dict[str, bool]) -> str | None:
    """The first part of `path` below `docs` that is a symbolic link, or None (`links`: what
    was found of each part before)."""
    current = docs
    for part in os.path.relpath(path, docs).split(os.sep):
        current = os.path.join(current, part)
        if current not in links:
            links[current] = os.path.islink(current)
        if links[current]:
            return current
    return None


def _within(path: str, folder: str) -> bool:
    """True when `path` is `folder` or lies below it."""
    return os.path.commonpath([path, folder]) == folder


def _display(path: str, root: str) -> str:
    """A path as messages show it: relative to the project, with forward slashes."""
    return os.path.relpath(path, root).replace(os.sep, "/")
