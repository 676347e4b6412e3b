"""One Markdown converter per language pass (helpfirst.adapter.page_markdown): what a page
defines stays on that page. Real builds of a fixture project, read with an HTML parser."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.sites import BASE_DOCS, build, make_project


def _entry(title: str, body: str) -> str:
    return f"---\nsummary: {title}.\ncategory: customer-portal\n---\n\n# {title}?\n\n{body}\n"


#: Converted one after the other: the first page defines an abbreviation and a footnote, the
#: second uses the same words and its own footnote of the same label.
DOCS = {
    **BASE_DOCS,
    "faq/aaa-defines.md": _entry(
        "Defines",
        "The ACME portal.[^1]\n\n[^1]: Only the first page's note.\n\n"
        "*[ACME]: A Company Making Everything\n",
    ),
    "faq/aab-uses.md": _entry("Uses", "The ACME portal.[^1]\n\n[^1]: The second page's note.\n"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    where = tmp_path_factory.mktemp("page-markdown")
    # Strict: a footnote's definition is no link to check.
    result = build(make_project(where / "project", DOCS), where / "site", strict=True)
    assert result.returncode == 0, result.log
    return result


def _article(site, path: str) -> BeautifulSoup:
    return BeautifulSoup(site.read(path), "html.parser").select_one("article")


def test_an_abbreviation_is_marked_only_on_the_page_that_defines_it(site):
    assert _article(site, "faq/aaa-defines/index.html").select("abbr")
    assert not _article(site, "faq/aab-uses/index.html").select("abbr")


def test_each_page_has_only_its_own_footnotes(site):
    first = _article(site, "faq/aaa-defines/index.html").select(".footnote li")
    second = _article(site, "faq/aab-uses/index.html").select(".footnote li")
    assert [note["id"] for note in second] == ["fn:1"]
    assert [note.get_text(" ", strip=True) for note in second] == ["The second page's note. ↩"]
    assert [note.get_text(" ", strip=True) for note in first] == ["Only the first page's note. ↩"]
