"""Reading a built site: its languages and pages, which pages are translations, its internal
links, and the sizes of the files a reader downloads. Used by the link check and the reviewer
report; nothing here builds anything."""

from __future__ import annotations

import fnmatch
import gzip
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_HTML_LANG = re.compile(r"<html[^>]*\slang=\"([^\"]+)\"", re.IGNORECASE)
_CANONICAL = re.compile(r"<link[^>]*rel=\"canonical\"[^>]*href=\"([^\"]+)\"", re.IGNORECASE)
# The untranslated-page notice written by overrides/main.html.
_FALLBACK = re.compile(r"class=\"[^\"]*\bkb-fallback\b")
_SKIPPED_SCHEMES = ("mailto", "tel", "javascript", "data", "blob")

#: Files a reader downloads that are worth watching, as glob patterns below the site root.
WATCHED_SIZES = ("search/kb-*.json", "widget.js", "assets/kb/widget/**/*")
#: Files the build writes from all the content, which change with any page: shown by their
#: sizes or not at all, never as files a change added.
_AGGREGATES = (
    "sitemap.xml",
    "*/sitemap.xml",
    "sitemap.xml.gz",
    "*/sitemap.xml.gz",
    "robots.txt",
    "search/*",
    "assets/kb/widget/*.json",
    # The widget's versioned files (a new name for new content), the bootstrap that names them
    # (its settings' names follow the content), and its answers, which follow their pages.
    "widget.js",
    "assets/kb/v/*",
    "answers/*",
    "*/answers/*",
    # What assistants and tools read: each page's Markdown twin follows its page, and llms.txt,
    # llms-full and the content API list every entry.
    "*.md",
    "llms.txt",
    "*/llms.txt",
    "llms-full*",
    "*/llms-full*",
    "api/*",
    "*/api/*",
)


@dataclass(frozen=True)
class Site:
    """A built site folder and what its root page tells about it."""

    root: Path
    default_lang: str
    languages: list[str]  # the default first, then the others in name order
    site_url: str  # from the home page's canonical link; "" when there is none

    def prefix(self, lang: str) -> str:
        """Where a language's pages live: "" for the default language, `sl/` for the others."""
        return "" if lang == self.default_lang else f"{lang}/"


def read_site(root: Path) -> Site:
    """Recognise the languages of the site in `root` from each home page's `<html lang>`."""
    home = _read(root / "index.html")
    match = _HTML_LANG.search(home)
    default = match.group(1) if match else "en"
    others = []
    for folder in sorted(path for path in root.iterdir() if path.is_dir()):
        page = folder / "index.html"
        if page.is_file():
            lang = _HTML_LANG.search(_read(page))
            if lang and lang.group(1) == folder.name:
                others.append(folder.name)
    canonical = _CANONICAL.search(home)
    return Site(root, default, [default, *others], canonical.group(1) if canonical else "")


def pages(site: Site, lang: str) -> dict[str, Path]:
    """Page address (below the language's prefix, e.g. `faq/x/`) -> its index.html."""
    base = site.root / site.prefix(lang)
    found = {}
    for path in sorted(base.rglob("index.html")):
        relative = path.relative_to(base).as_posix()
        if lang == site.default_lang and relative.split("/", 1)[0] in site.languages[1:]:
            continue
        found[relative.removesuffix("index.html")] = path
    return found


def other_files(site: Site) -> dict[str, Path]:
    """Every file of the site that is not a page (images, PDFs, scripts, a raw .html file ...)
    and not an aggregate of all pages, by site-relative path."""
    found = {}
    for path in sorted(site.root.rglob("*")):
        relative = path.relative_to(site.root).as_posix()
        if not path.is_file() or path.name in ("index.html", "404.html"):
            continue
        if any(fnmatch.fnmatchcase(relative, pattern) for pattern in _AGGREGATES):
            continue
        found[relative] = path
    return found


def is_fallback(html: str) -> bool:
    """True for a page shown in the default language because it has no translation."""
    return bool(_FALLBACK.search(html))


def file_sizes(root: Path) -> dict[str, tuple[int, int]]:
    """Watched file -> (bytes, gzip bytes) for each watched file that exists in the site."""
    sizes = {}
    for pattern in WATCHED_SIZES:
        for path in sorted(root.glob(pattern)):
            if path.is_file():
                data = path.read_bytes()
                sizes[path.relative_to(root).as_posix()] = (len(data), gzipped_size(data))
    return sizes


def gzipped_size(data: bytes) -> int:
    """Size after gzip at the level servers commonly use for static files."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


@dataclass(frozen=True, order=True)
class BrokenLink:
    """A link in a built page that leads nowhere on the site."""

    page: str  # site-relative file, e.g. `sl/faq/x/index.html`
    target: str
    problem: str

    def __str__(self) -> str:
        return f"{self.page}: {self.problem}: {self.target}"


def broken_links(site: Site) -> list[BrokenLink]:
    """Every internal link, image, script and stylesheet reference that misses its file or
    anchor. External addresses are not fetched."""
    documents = {}
    for path in sorted(site.root.rglob("*.html")):
        parser = _Links()
        parser.feed(_read(path))
        documents[path.relative_to(site.root).as_posix()] = parser
    base_path = urlsplit(site.site_url).path or "/"
    broken = []
    for name, parser in documents.items():
        for target in parser.targets:
            resolved = _resolve(target, name, site.site_url, base_path)
            if resolved is None:
                continue
            file, fragment = resolved
            if file not in documents and not (site.root / file).is_file():
                broken.append(BrokenLink(name, target, "no such file"))
            elif fragment and file in documents and fragment not in documents[file].ids:
                broken.append(BrokenLink(name, target, "no such anchor"))
    return sorted(set(broken))


def _resolve(target: str, page: str, site_url: str, base_path: str) -> tuple[str, str] | None:
    """(site-relative file, fragment) a reference points at; None when it leaves the site."""
    parts = urlsplit(target)
    if parts.scheme in _SKIPPED_SCHEMES:
        return None
    if parts.scheme or target.startswith("//"):
        if not site_url or not target.startswith(site_url):
            return None
        path = target[len(site_url) :].split("#", 1)[0].split("?", 1)[0]
    elif parts.path.startswith("/"):
        path = parts.path[len(base_path) :] if parts.path.startswith(base_path) else parts.path
    elif parts.path:
        path = posixpath.join(posixpath.dirname(page), parts.path)
    else:
        path = page
    path = posixpath.normpath(unquote(path)).lstrip("/")
    if path in (".", ""):
        path = "index.html"
    elif path.endswith("/") or "." not in posixpath.basename(path) or target.endswith("/"):
        path = posixpath.join(path, "index.html")
    return path, unquote(parts.fragment)


class _Links(HTMLParser):
    """The ids a page offers and the references it makes."""

    _REFERENCES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        attribute = self._REFERENCES.get(tag)
        value = attrs.get(attribute) if attribute else None
        if value is None:
            return
        rel = (attrs.get("rel") or "").split()
        if tag == "link" and not {"stylesheet", "icon", "canonical", "alternate"} & set(rel):
            return
        self.targets.append(value.strip())


def _read(path: Path) -> str:
    """A built file's text (an absent file reads as empty)."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return ""
