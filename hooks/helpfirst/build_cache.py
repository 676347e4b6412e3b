"""A cache of single-language builds (`kb build --cache DIR`): a language whose inputs have not
changed since its last build is copied from the cache instead of being built again.

A language's build is keyed by everything it is made from, hashed: the configuration files as
written and the values MkDocs read from them (environment variables included), the theme's
overrides (templates, interface assets), the installed packages and their versions, the code of
`helpfirst` itself (its interface strings and data among it), the hooks MkDocs loads, the path
of every file in the docs folder, and the bytes of every file that language's pages can show:
its own translations, the default language's sources (the fallback of an untranslated page),
and every file of no particular language (images, attachments). Another language's
translations are left out: they reach this language's pages only as links (hreflang, the
language switcher), which depend on which files exist, and the paths are in the key.

The default language's build also writes /widget.js, whose list of versioned files names every
language's widget settings by their hash (helpfirst.widget.asset_manifest): what it takes from
the other languages' translations is their widget settings text (titles and categories by
topic, not bodies). Its build is kept under two keys: `language_key`, which holds the bytes of
every file and is known without reading the content, and `settings_key`, which holds instead of
the other languages' files their widget settings texts, known once the content is read. A
translation's body edit changes the first and not the second: the default language is copied.
Any other change gives a new key, so a stale build is never reused.
"""

from __future__ import annotations

import errno
import hashlib
import importlib.metadata
import json
import os
import platform
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import helpfirst
from helpfirst.config_lines import ConfigLines

#: Files below a cached language's folder: the build's tree, the key it was built with and
#: the records of its pages (helpfirst.page_cache).
SITE = "site"
_KEY = "key"
RECORDS = "pages"
#: At the cache's root, the memo of reading and checking the sources (helpfirst.read_cache).
READING = "reading"
#: And the terms counted in the search documents' fields (helpfirst.search.build_compact).
TERMS = "terms"
#: And the digest, size and time of change of every file of the kept site (`manifest`).
_MANIFEST = "digests"

#: Values of the loaded configuration that the key holds besides the files as written: what
#: `!ENV` tags and INHERIT may make of them.
_CONFIG_VALUES = ("site_url", "site_name", "site_description", "copyright", "repo_url", "extra")


@dataclass(frozen=True)
class Inputs:
    """What a project's builds are made from, as the key needs it."""

    shared: str  # the fingerprint of everything every language's build reads
    docs: dict[str, Path]  # docs-relative path -> file
    # The fingerprint of the shared inputs but the docs files' paths: the configuration, code,
    # templates and packages (the salt of helpfirst.read_cache, whose keys hold each path).
    code: str = ""
    # Each docs file's bytes hashed, as the languages' keys ask for them (each file once).
    hashes: dict[str, bytes] = field(default_factory=dict, compare=False, repr=False)


def file_language(src_uri: str, languages: Iterable[str]) -> str | None:
    """The language a docs file belongs to by its suffix (`faq/x.sl.md` -> "sl"), or None for
    a file of no language (`faq/x.md`, `images/a.png`)."""
    parts = src_uri.rsplit("/", 1)[-1].split(".")
    if len(parts) >= 3 and parts[-2] in set(languages):
        return parts[-2]
    return None


def languages_reached(src_uri: str, languages: list[str], default_lang: str) -> list[str]:
    """The languages whose builds read the docs file `src_uri`, in site order: every language
    for a file of no language or of the default language; a translation's own language and the
    default one, whose /widget.js names every language's widget settings by their hash (its
    `settings_key` holds those settings instead of the translation's bytes)."""
    owner = file_language(src_uri, languages)
    if owner is None or owner == default_lang:
        return list(languages)
    return [lang for lang in languages if lang in (owner, default_lang)]


def language_key(inputs: Inputs, lang: str, languages: list[str], default_lang: str) -> str:
    """The key of one language's build: the shared inputs, then the bytes of each docs file the
    language shows (see the module's docstring), in path order."""
    return _key(inputs, lang, lambda name: lang in languages_reached(name, languages, default_lang))


def settings_key(
    inputs: Inputs, languages: list[str], default_lang: str, settings: dict[str, str]
) -> str:
    """The default language's second key: its `language_key` with, in place of the bytes of
    the other languages' translations, every language's widget settings text as its build
    writes it (`settings`: helpfirst.widget.settings_text by language)."""
    return _key(
        inputs,
        default_lang,
        lambda name: file_language(name, languages) in (None, default_lang),
        [(f"widget settings:{lang}", settings[lang].encode("utf-8")) for lang in sorted(settings)],
    )


def _key(inputs: Inputs, lang: str, shows, more: Iterable[tuple[str, bytes]] = ()) -> str:
    """The shared inputs and the language, the bytes of each docs file `shows(name)` takes, in
    path order, then `more` named values, hashed."""
    digest = hashlib.sha256()
    add(digest, "shared", inputs.shared.encode("ascii"))
    add(digest, "language", lang.encode("utf-8"))
    for name in sorted(inputs.docs):
        if shows(name):
            add(digest, name, _file_hash(inputs, name))
    for label, data in more:
        add(digest, label, data)
    return digest.hexdigest()


def keys(*found: str) -> str:
    """Several keys of one build, as `store` keeps them: `restore` takes any of them."""
    return "\n".join(found)


def _file_hash(inputs: Inputs, name: str) -> bytes:
    """The bytes of the docs file `name`, hashed once for every key that holds them."""
    if name not in inputs.hashes:
        inputs.hashes[name] = hashlib.sha256(inputs.docs[name].read_bytes()).digest()
    return inputs.hashes[name]


def project_inputs(config, languages: list[str], default_lang: str) -> Inputs:
    """The inputs of a project loaded by MkDocs (`config` is its MkDocsConfig)."""
    digest = hashlib.sha256()
    add(digest, "languages", json.dumps([languages, default_lang]).encode("utf-8"))
    for path in config_files(Path(config.config_file_path)):
        add(digest, f"config:{path.name}", path.read_bytes())
    values = {name: config.get(name) for name in _CONFIG_VALUES}
    add(digest, "values", json.dumps(values, sort_keys=True, default=str).encode("utf-8"))
    add(digest, "environment", _environment().encode("utf-8"))
    trees = [("code", Path(helpfirst.__file__).parent)]
    custom_dir = config.theme.custom_dir
    if custom_dir:
        trees.append(("overrides", Path(custom_dir)))
    for label, root in trees:
        for name, path in _tree(root).items():
            add(digest, f"{label}:{name}", path.read_bytes())
    for name, module in sorted((config.get("hooks") or {}).items()):
        add(digest, f"hook:{name}", Path(module.__file__).read_bytes())
    code = digest.hexdigest()
    docs = _tree(Path(config.docs_dir))
    add(digest, "paths", "\n".join(sorted(docs)).encode("utf-8"))
    return Inputs(shared=digest.hexdigest(), docs=docs, code=code)


def page_base(inputs: Inputs, lang: str) -> str:
    """What every page key of a language holds besides the page's own inputs
    (helpfirst.page_cache): the shared inputs and the language, hashed."""
    digest = hashlib.sha256()
    add(digest, "shared", inputs.shared.encode("ascii"))
    add(digest, "language", lang.encode("utf-8"))
    return digest.hexdigest()


def restore(cache_dir: Path, lang: str, key: str, site_dir: Path, link: bool = False) -> bool:
    """Copy the cached build of `lang` into `site_dir` when it was kept under `key` (among
    its `keys`) and every file of it is still as it was kept (hard links with `link`, where
    the file system allows); False when the cache has no such build (nothing is written
    then)."""
    folder = Path(cache_dir) / lang
    try:
        if key not in (folder / _KEY).read_text(encoding="ascii").split("\n"):
            return False
    except (OSError, UnicodeDecodeError):
        return False
    kept = manifest(folder)
    if not (folder / SITE).is_dir() or kept is None:
        return False
    names = files_below(folder / SITE)
    if sorted(names) != sorted(kept) or not all(
        intact(folder / SITE / name, kept[name]) for name in names
    ):
        return False
    if Path(site_dir).exists():
        shutil.rmtree(site_dir)
    shutil.copytree(folder / SITE, site_dir, copy_function=linker(link))
    return True


def rekey(cache_dir: Path, lang: str, key: str) -> None:
    """Keep the cached build of `lang` under `key` (or several: `keys`) in place of the keys
    it had: for a build just restored under one of them, which the others name too. Nothing
    is kept when the cache cannot be written (the build is then found by its other keys)."""
    folder = Path(cache_dir) / lang
    fresh = folder / f".{_KEY}.new"
    try:
        fresh.write_text(key, encoding="ascii")
        os.replace(fresh, folder / _KEY)
    except OSError:
        fresh.unlink(missing_ok=True)


def file_digest(path: Path) -> str:
    """A file's bytes, hashed: what the cache checks its kept files by (a kept file may be a
    hard link of a built site's, which nothing should but something could write to)."""
    try:
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, "blake2b").hexdigest()
    except OSError:
        return ""


def manifest(folder: Path) -> dict[str, list] | None:
    """Every file of a language's kept site, as `store` kept it: its digest, size and time of
    change; None when there is no such list or it cannot be read."""
    try:
        kept = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(kept, dict) or not all(
        isinstance(v, list) and len(v) == 3 and isinstance(v[0], str) for v in kept.values()
    ):
        return None
    return kept


def intact(path: Path, kept: list) -> bool:
    """True when the file at `path` still has the bytes it had when kept (`kept`: its digest,
    size and time of change then). The same size and time of change are taken for the same
    bytes, as `make` and `git` take them; else the bytes are hashed (a cache restored from an
    archive may have other times, and the same bytes)."""
    try:
        status = os.stat(path)
    except OSError:
        return False
    if [status.st_size, status.st_mtime_ns] == kept[1:]:
        return True
    return file_digest(path) == kept[0]


def _stamp(digest: str, path: Path) -> list:
    """What `intact` checks a kept file by."""
    status = os.stat(path)
    return [digest, status.st_size, status.st_mtime_ns]


def store(
    cache_dir: Path, lang: str, key: str, site_dir: Path, pages=None, link: bool = False
) -> None:
    """Keep the build of `lang` in `site_dir` under `key` (or several: `keys`), in place of
    the one kept before, with the records of its pages (`pages`, a
    helpfirst.page_cache.PageCache) beside it. Only what changed is written: a page `pages`
    reused is the kept file already; every other file is copied, or with `link` hard-linked
    (the build's own folder, which nothing writes again), unless it has the digest the kept
    file had.

    The key, the digests of the kept files and the pages' records are taken away first and
    written last, the key last of all: a cache left half-written by a stopped job is never a
    hit, and its records never name a page the tree does not hold as it was then. A file of
    the tree that is later changed in place (a hard link of a built site's, written to) no
    longer matches its digest and is never reused. ValueError names the cache folder when it
    cannot be written."""
    folder = Path(cache_dir) / lang
    kept = folder / SITE
    # The pages reused, by their digest: checked when reused, they are the kept files.
    unchanged = pages.reused if pages is not None and pages.enabled else {}
    # The other files found with the bytes kept: the kept files, unless written to since.
    found = pages.outputs if pages is not None and pages.enabled else {}
    try:
        if folder.exists() and not folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))
        before = manifest(folder) or {}
        for name in (_KEY, RECORDS, _MANIFEST):
            (folder / name).unlink(missing_ok=True)
        folders: set[str] = set()
        digests = {}
        copy = linker(link)
        for name in sorted(files_below(Path(site_dir))):
            target = kept / name
            if name in unchanged and target.is_file():
                digests[name] = _stamp(unchanged[name], target)
                continue
            if name in found and name in before and intact(target, before[name]):
                digests[name] = before[name]
                continue
            digest = file_digest(Path(site_dir) / name)
            if name in before and before[name][0] == digest and intact(target, before[name]):
                digests[name] = _stamp(digest, target)
                continue  # the kept file has these bytes already
            parent = os.path.dirname(target)
            if parent not in folders:
                os.makedirs(parent, exist_ok=True)
                folders.add(parent)
            fresh = target.with_name(f".{target.name}.new")
            fresh.unlink(missing_ok=True)
            copy(Path(site_dir) / name, fresh)
            os.replace(fresh, target)
            digests[name] = _stamp(digest, target)
        if kept.is_dir():
            for name in files_below(kept):
                if name not in digests:
                    (kept / name).unlink()
        text = json.dumps(digests, separators=(",", ":"))
        (folder / _MANIFEST).write_text(text, encoding="utf-8")
        if pages is not None and pages.enabled:
            pages.save()
        (folder / _KEY).write_text(key, encoding="ascii")
    except OSError as error:
        raise _cannot_keep(cache_dir, error) from error


def check_folder(cache_dir: Path) -> None:
    """Make sure builds can be kept in `cache_dir` (created when missing); ValueError names it,
    as `store` does, when they cannot."""
    try:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=cache_dir):
            pass
    except OSError as error:
        raise _cannot_keep(cache_dir, error) from error


def _cannot_keep(cache_dir: Path, error: OSError) -> ValueError:
    """The usage error of a cache folder no build can be kept in."""
    return ValueError(
        f"{cache_dir}: cannot keep the build there ({error.strerror or error}; "
        "name a folder you can write, or leave out --cache)"
    )


def files_below(root: Path, follow: bool = False, skip: tuple[str, ...] = ()) -> list[str]:
    """Every file below `root`, by its path relative to it (`follow`: through linked folders;
    folders named in `skip` left out)."""
    found = []
    for folder, subfolders, names in os.walk(root, followlinks=follow):
        subfolders[:] = sorted(name for name in subfolders if name not in skip)
        relative = os.path.relpath(folder, root)
        for name in names:
            found.append(name if relative == "." else f"{relative}/{name}".replace(os.sep, "/"))
    return found


def linker(link: bool):
    """How files are copied into or out of the cache: hard links when `link` and the file
    system allows, else copies."""
    if not link:
        return shutil.copy2

    def link_or_copy(source, target):
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
        return target

    return link_or_copy


def add(digest, name: str, data: bytes) -> None:
    """Add one named value to `digest`, framed so that no two sequences hash alike."""
    label = name.encode("utf-8")
    digest.update(len(label).to_bytes(8, "big") + label + len(data).to_bytes(8, "big"))
    digest.update(data)


def _tree(root: Path) -> dict[str, Path]:
    """Every file below `root` by its relative path (Python's byte-code caches left out)."""
    names = files_below(root, follow=True, skip=("__pycache__",))
    return {name: root / name for name in sorted(names)}


def config_files(path: Path) -> list[Path]:
    """The configuration file and those it INHERITs, in order, as MkDocs reads them."""
    files: list[Path] = []
    for name in ConfigLines.read(str(path)).paths():
        found = Path(name).resolve()
        if found.is_file() and found not in files:
            files.append(found)
    return files


def _environment() -> str:
    """Python and every installed package with its version (each once: a package installed
    in place is found twice where its folder is on the path too); SOURCE_DATE_EPOCH, which
    dates may be taken from."""
    packages = sorted(
        {f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()}
    )
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return "\n".join([platform.python_version(), f"SOURCE_DATE_EPOCH={epoch}", *packages])
