"""Titles, summaries and category names with quotes, ampersands and markup, in a real build: every
surface that shows them (meta description, related list, breadcrumbs, section listing, home
page, JSON-LD, search payloads) shows them exactly as written, read with an HTML parser, and
none of them becomes an element."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from tests.hostile_sites import ESCAPE_CATEGORY, ESCAPE_TEXTS

# The English pages, and the Slovenian ones, which show the English entries as fallbacks.
PREFIXES = ["", "sl/"]
ENTRIES = [f"faq/hostile-{number}" for number in range(len(ESCAPE_TEXTS))]


def _soup(escape_site, path: str) -> BeautifulSoup:
    return BeautifulSoup(escape_site.read(path), "html.parser")


def _injected(soup: BeautifulSoup) -> list:
    """Elements that the fixture's texts would make anywhere in a page if written unescaped."""
    made = soup.find_all(["abc-123", "desk"]) + soup.find_all("img", src="x")
    return made + [s for s in soup.find_all("script") if (s.string or "").strip() == "alert(2)"]


def _tags(element) -> list[str]:
    """The names of every element inside `element`, in document order."""
    return [tag.name for tag in element.find_all(True)]


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("number", range(len(ESCAPE_TEXTS)))
def test_entry_page_shows_summary_titles_and_category_as_written(escape_site, prefix, number):
    soup = _soup(escape_site, f"{prefix}{ENTRIES[number]}/index.html")
    assert soup.find("meta", attrs={"name": "description"})["content"] == ESCAPE_TEXTS[number]
    related = soup.select_one(".kb-related")
    others = [text for other, text in enumerate(ESCAPE_TEXTS) if other != number]
    assert [a.get_text() for a in related.select("li > a")] == others
    assert [span.get_text() for span in related.select("li > .kb-summary")] == others
    assert _tags(related) == ["h2", "ul"] + ["li", "a", "br", "span"] * len(others)
    crumbs = soup.select(".kb-breadcrumbs a")
    assert crumbs[-1].get_text() == ESCAPE_CATEGORY
    assert _tags(soup.select_one(".kb-breadcrumbs")) == ["ol"] + ["li", "a"] * len(crumbs)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_entry_head_has_the_same_elements_as_a_harmless_entry(escape_site, prefix):
    harmless = _soup(escape_site, f"{prefix}faq/order-number/index.html").head
    for entry in ENTRIES:
        head = _soup(escape_site, f"{prefix}{entry}/index.html").head
        assert _tags(head) == _tags(harmless), entry


@pytest.mark.parametrize("prefix", PREFIXES)
def test_section_listing_shows_titles_summaries_and_category_as_written(escape_site, prefix):
    soup = _soup(escape_site, f"{prefix}faq/index.html")
    navigation = [a.get_text().strip() for a in soup.select(".md-nav__link")]
    assert ESCAPE_CATEGORY in navigation
    article = soup.select_one("article")
    heading = article.find(id="hostile-text")
    heading.find("a", class_="headerlink").decompose()
    assert heading.get_text() == ESCAPE_CATEGORY
    items = heading.find_next_sibling("ul").find_all("li", recursive=False)
    by_text = sorted(ESCAPE_TEXTS, key=str.casefold)
    assert [li.find("a").get_text() for li in items] == by_text
    assert [li.select_one(".kb-summary").get_text() for li in items] == by_text
    for li in items:
        badge = ["span"] if prefix else []  # "not yet translated"
        assert _tags(li) == ["a", *badge, "br", "span"]
    assert _injected(soup) == []


@pytest.mark.parametrize("prefix", PREFIXES)
def test_home_page_shows_featured_entries_and_category_as_written(escape_site, prefix):
    soup = _soup(escape_site, f"{prefix}index.html")
    article = soup.select_one("article")
    featured = article.select(".kb-featured li")
    assert [li.find("a").get_text() for li in featured] == [ESCAPE_TEXTS[0], ESCAPE_TEXTS[3]]
    assert [li.select_one(".kb-summary").get_text() for li in featured] == [
        ESCAPE_TEXTS[0],
        ESCAPE_TEXTS[3],
    ]
    labels = [li.find("a").get_text() for li in article.select(".kb-categories li")]
    assert ESCAPE_CATEGORY in labels
    assert _injected(soup) == []


@pytest.mark.parametrize("prefix", PREFIXES)
def test_front_matter_title_is_shown_as_written(escape_site, prefix):
    soup = _soup(escape_site, f"{prefix}guides/index.html")
    site_name = {"": "Helpfirst Help Centre", "sl/": "Center za pomoč Helpfirst"}[prefix]
    assert soup.title.get_text() == f"{ESCAPE_TEXTS[3]} - {site_name}"
    topic = soup.select(".md-header__topic .md-ellipsis")[-1]
    assert topic.get_text().strip() == ESCAPE_TEXTS[3]
    assert _injected(soup) == []


def test_json_ld_holds_the_category_and_a_plain_title_exactly(escape_site):
    soup = _soup(escape_site, "faq/hostile-2/index.html")
    (block,) = soup.find_all("script", type="application/ld+json")
    graph = {node["@type"]: node for node in json.loads(block.string)["@graph"]}
    names = [item["name"] for item in graph["BreadcrumbList"]["itemListElement"]]
    assert names[2:] == [ESCAPE_CATEGORY, ESCAPE_TEXTS[2]]
    assert graph["FAQPage"]["mainEntity"][0]["name"] == ESCAPE_TEXTS[2]


def test_search_payload_holds_titles_and_summaries_as_written(escape_site):
    # Data, not HTML: the site search and the widget escape it where they show it.
    payload = json.loads(escape_site.read("search/kb-en.json"))
    shown = [tuple(row[:2]) for row in payload["docs"]]
    assert all((text, text) in shown for text in ESCAPE_TEXTS)
