"""Listings show titles and summaries exactly as written: the Markdown they make is rendered with
the site's own Markdown extensions and read back with an HTML parser."""

from __future__ import annotations

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from helpfirst import listings
from helpfirst.catalog import Catalog
from helpfirst.content import Entry
from tests.hostile_sites import ESCAPE_TEXTS
from tests.sites import ROOT

# Text that Markdown or one of the site's extensions would otherwise read as syntax.
MARKDOWN_TEXTS = [
    "*not emphasis* and _not either_ and **nor this**",
    "`not code` [not a link](x.md) ![no image](x.png) <https://example.com>",
    "a | table | cell { #not-an-id } \\ backslash \\* and ## not a heading",
    "(c) (tm) (r) 1/2 c/o +/- =/= --> <-- &copy; &amp; &#42; &lt;b&gt;",
    "ends with a hash #",
]


def _render(text: str) -> BeautifulSoup:
    """`text` rendered as the site renders a page: its mkdocs.yml Markdown extensions."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, settings = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        names.append(name)
        settings[name] = options
    html = markdown.Markdown(extensions=names, extension_configs=settings).convert(text)
    soup = BeautifulSoup(html, "html.parser")
    for permalink in soup.select("a.headerlink"):
        permalink.decompose()
    return soup


def _catalog(title: str, summary: str, label: str) -> Catalog:
    catalog = Catalog("en", ["en"], {"billing": {"en": label}})
    catalog.entries["hostile"] = {
        "en": Entry(
            src_uri="faq/hostile.md",
            display_path="docs/faq/hostile.md",
            lang="en",
            id="hostile",
            kind="faq",
            meta={"category": "billing", "summary": summary},
            title=title,
        )
    }
    return catalog


@pytest.mark.parametrize("text", [*ESCAPE_TEXTS, *MARKDOWN_TEXTS])
def test_titles_summaries_and_categories_are_shown_as_written(text):
    catalog = _catalog(f"Title {text}", f"Summary {text}", f"Category {text}")
    soup = _render(listings.expand("<!-- kb:faq-index -->", "faq/index.md", "en", catalog, []))
    heading, link, summary = soup.find("h2"), soup.find("a"), soup.find("span")
    assert heading.get_text() == f"Category {text}" and heading["id"] == "billing"
    assert link.get_text() == f"Title {text}" and link["href"] == "hostile.md"
    assert summary.get_text() == f"Summary {text}" and summary["class"] == ["kb-summary"]
    # Nothing else became an element: the heading, then one list item with its link and summary.
    assert [tag.name for tag in soup.find_all(True)] == ["h2", "ul", "li", "a", "br", "span"]


def test_the_home_page_shows_featured_entries_as_written():
    text = ESCAPE_TEXTS[0]
    catalog = _catalog(text, text, text)
    soup = _render(listings.expand("<!-- kb:featured -->", "index.md", "en", catalog, ["hostile"]))
    assert soup.select_one(".kb-featured li a").get_text() == text
    assert soup.select_one(".kb-featured .kb-summary").get_text() == text
    assert soup.find("script") is None


def test_text_is_one_line_whatever_its_spaces():
    assert listings.md_escape("two\n\nparagraphs\tand  spaces ") == "two paragraphs and spaces"
