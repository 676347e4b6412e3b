"""Where each source lands on the site, in each language, as MkDocs and static-i18n place it."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import urljoin, urlsplit


def language_root(lang: str, default_lang: str) -> str:
    """Where the site of `lang` starts, relative to the site root: "" or `sl/`."""
    return "" if lang == default_lang else f"{lang}/"


# Asked for every link of every page (breadcrumbs, switcher, canonical, sitemap): tens of
# thousands of times a build, for a few paths per page and language.
@lru_cache(maxsize=65_536)
def page_path(default_uri: str, lang: str, default_lang: str) -> str:
    """Site-root-relative URL of `default_uri` in `lang` (directory URLs): `sl/faq/x/`."""
    stem = default_uri.removesuffix(".md")
    if posixpath.basename(stem) in ("index", "README"):
        stem = posixpath.dirname(stem)
    path = f"{stem}/" if stem else ""
    return language_root(lang, default_lang) + path


# Asked for every page's canonical, alternates, sitemap entry, twin and answer: tens of
# thousands of times a build, for the same few thousand paths.
@lru_cache(maxsize=65_536)
def absolute(site_url: str, path: str) -> str:
    """An absolute URL from `site_url` and a site-root-relative path."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, path)


def alternates(versions: dict, languages: list[str], default_lang: str, default_uri: str):
    """(hreflang, path) for each language that has its own version of the page, in order.

    A language that only shows the default-language text (a fallback) is no alternate: its URL
    points its canonical link at the original instead.
    """
    return [
        (lang, page_path(default_uri, lang, default_lang)) for lang in languages if lang in versions
    ]


def relative(path: str, page_url: str) -> str:
    """A link from the page at site-root-relative `page_url` to the site-root-relative `path`."""
    link = posixpath.relpath("/" + path, "/" + page_url)
    if link == ".":
        return "./"
    directory = path.endswith("/") or not path
    return link + "/" if directory and not link.endswith("/") else link


def home_switcher(alternates: list[dict], default_lang: str, site_url: str) -> list[dict]:
    """The language switcher's entries (Material's `extra.alternate`), each linking to its
    language's home page, from the server's root (a 404 page is served at any address): for
    pages that have no versions in other languages."""
    root = urlsplit(site_url).path or "/"
    return [
        {**entry, "link": absolute(root, page_path("index.md", entry["lang"], default_lang))}
        for entry in alternates
        if entry.get("lang")
    ]
