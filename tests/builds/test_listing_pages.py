"""Section listings over several pages, in a real build: the project's own docs built with a
few entries per page, against the same docs built as they are (every listing on one page)."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from helpfirst.tools.built_site import broken_links, read_site
from helpfirst.tools.jsonld_check import check_site
from tests.conftest import PAGED_PAGE_SIZE as PAGE_SIZE
from tests.sites import BASE_DOCS, build, make_project

LANGUAGES = {"en": "", "sl": "sl/", "lv": "lv/"}
SECTIONS = ("faq", "templates")
SITE_URL = "https://help.example.com/"
_ARTICLE = re.compile(r"<article.*?</article>", re.S)
_ITEM = re.compile(r'<li><a href="([^"]+)">')
_PAGER = re.compile(r'<nav aria-label="[^"]+" class="kb-pager">.*?</nav>', re.S)


@pytest.fixture(scope="module")
def paged(paged_site):
    """The project's docs, built with `listing_page_size: 3` (tests/conftest.py)."""
    return paged_site


def _listed(result, page: str) -> list[str]:
    """The entries a listing page links to, in order, as site-root-relative addresses."""
    article = _PAGER.sub("", _ARTICLE.search(result.read(page)).group(0))
    folder = posixpath.dirname(page)
    return [posixpath.normpath(posixpath.join(folder, href)) for href in _ITEM.findall(article)]


def _pages(result, prefix: str, section: str) -> list[str]:
    """A section's listing pages in order: its index, then page/2/, page/3/, ..."""
    pages = [f"{prefix}{section}/index.html"]
    while (result.site / f"{prefix}{section}/page/{len(pages) + 1}/index.html").is_file():
        pages.append(f"{prefix}{section}/page/{len(pages) + 1}/index.html")
    return pages


@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_is_listed_once_across_the_pages_in_order(real_site, paged, lang, section):
    prefix = LANGUAGES[lang]
    whole = _listed(real_site, f"{prefix}{section}/index.html")
    pages = _pages(paged, prefix, section)
    listed = [_listed(paged, page) for page in pages]
    assert [entry for page in listed for entry in page] == whole
    assert all(0 < len(page) <= PAGE_SIZE for page in listed)
    assert len(pages) == -(-len(whole) // PAGE_SIZE) > 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pager_names_the_page_and_links_previous_numbers_and_next(paged, lang):
    prefix = LANGUAGES[lang]
    pages = _pages(paged, prefix, "faq")
    for number, page in enumerate(pages, start=1):
        pager = _PAGER.search(paged.read(page)).group(0)
        assert f">{number}</span>" in pager and 'aria-current="page"' in pager
        status = re.search(r'<p class="kb-pager__status">([^<]+)</p>', pager).group(1)
        assert str(number) in status and str(len(pages)) in status
        links = re.findall(r'<a href="([^"]+)">', pager)
        folder = posixpath.dirname(page)
        targets = [
            posixpath.normpath(posixpath.join(folder, href)) + "/index.html" for href in links
        ]
        # Previous first, next last; numbers between.
        if number > 1:
            assert targets[0] == pages[number - 2]
        if number < len(pages):
            assert targets[-1] == pages[number]
        assert set(targets) <= set(pages) - {page}


def test_no_link_of_the_paged_site_is_broken(paged):
    """Pager links, the navigation's and the home page's links to a category (which lead to
    the page where its heading is) and every listing item resolve, anchors included."""
    assert [str(link) for link in broken_links(read_site(paged.site))] == []


def test_structured_data_of_the_paged_site_passes_the_site_check(paged):
    findings, pages, _blocks = check_site(paged.site)
    assert [str(finding) for finding in findings] == []
    assert pages > 3 * 20


@pytest.mark.parametrize("lang", LANGUAGES)
def test_category_links_lead_to_the_page_where_the_category_begins(paged, lang):
    prefix = LANGUAGES[lang]
    home = paged.read(f"{prefix}index.html")
    later = re.findall(r'href="(faq/page/\d+/#[a-z-]+)"', home)
    assert later, "with three entries a page, some category begins after the first page"
    for target in later:
        path, anchor = target.split("#")
        assert f'id="{anchor}"' in paged.read(f"{prefix}{path}index.html")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_listing_pages_have_hreflang_canonical_titles_and_sitemap_entries(paged, lang):
    prefix = LANGUAGES[lang]
    html = paged.read(f"{prefix}faq/page/2/index.html")
    assert f'<link rel="canonical" href="{SITE_URL}{prefix}faq/page/2/">' in html
    for other, other_prefix in LANGUAGES.items():
        assert (
            f'<link rel="alternate" hreflang="{other}" href="{SITE_URL}{other_prefix}faq/page/2/">'
            in html
        )
    assert f'<html lang="{lang}"' in html
    title = re.search(r"<title>([^<]+)</title>", html).group(1)
    index_title = re.search(r"<title>([^<]+)</title>", paged.read(f"{prefix}faq/index.html"))
    assert title.startswith(index_title.group(1).split(" - ")[0]) and "2" in title
    sitemap = paged.read(f"{prefix}sitemap.xml")
    for page in _pages(paged, prefix, "faq")[1:]:
        assert f"<loc>{SITE_URL}{posixpath.dirname(page)}/</loc>" in sitemap


def test_listing_pages_are_written_the_same_in_two_builds(paged, tmp_path):
    again = build(Path(paged.site).parent / "project", tmp_path / "again")
    assert again.returncode == 0, again.log
    for page in _pages(paged, "sl/", "faq"):
        assert again.read(page) == paged.read(page)


def test_a_file_at_a_listing_page_address_stops_the_build(tmp_path):
    docs = dict(BASE_DOCS)
    docs["faq/page/2.md"] = "# Mine\n\nA page of my own.\n"
    project = make_project(tmp_path / "project", docs, {"extra.kb.listing_page_size": 1})
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        "docs/faq/page/2.md:1: this file's address is page 2 of the faq listing "
        "(rename the file, or raise extra.kb.listing_page_size)"
    ) in result.log
    assert "Traceback" not in result.log
