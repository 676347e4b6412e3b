"""Section listings over several pages: cutting, numbering, the pager and the catalog pages."""

from __future__ import annotations

import pytest

from helpfirst import listings
from helpfirst.catalog import Catalog
from helpfirst.content import Entry
from helpfirst.settings import LISTING_PAGE_SIZE, validate


def _entry(entry_id: str, lang: str, title: str, category: str, folder: str = "faq") -> Entry:
    suffix = "" if lang == "en" else f".{lang}"
    return Entry(
        src_uri=f"{folder}/{entry_id}{suffix}.md",
        display_path=f"docs/{folder}/{entry_id}{suffix}.md",
        lang=lang,
        id=entry_id,
        kind={"faq": "faq", "guides": "guide"}[folder],
        meta={"category": category, "summary": f"About {title}."},
        title=title,
    )


def _catalog(count: int, categories=("billing", "account"), translated=()) -> Catalog:
    catalog = Catalog(
        "en", ["en", "sl"], {c: {"en": c.title(), "sl": c.upper()} for c in categories}
    )
    for number in range(count):
        entry_id = f"q-{number:03d}"
        category = categories[number % len(categories)]
        catalog.entries[entry_id] = {
            "en": _entry(entry_id, "en", f"Question {number:03d}", category)
        }
        if entry_id in translated:
            catalog.entries[entry_id]["sl"] = _entry(
                entry_id, "sl", f"Vprašanje {number:03d}", category
            )
    for lang, title in (("en", "FAQ"), ("sl", "Pogosta vprašanja")):
        suffix = "" if lang == "en" else f".{lang}"
        catalog.pages.setdefault("faq/index.md", {})[lang] = Entry(
            src_uri=f"faq/index{suffix}.md",
            display_path=f"docs/faq/index{suffix}.md",
            lang=lang,
            id="",
            kind="page",
            meta={"summary": "Every question."},
            title=title,
        )
    return catalog


def test_paginate_cuts_groups_into_pages_and_marks_continued_categories():
    groups = [("billing", list("abcde")), ("account", list("fg")), ("", list("h"))]
    pages = listings.paginate(groups, 3)
    assert pages == [
        [("billing", ["a", "b", "c"], False)],
        [("billing", ["d", "e"], True), ("account", ["f"], False)],
        [("account", ["g"], True), ("", ["h"], False)],
    ]
    assert [item for page in pages for _, chunk, _ in page for item in chunk] == list("abcdefgh")
    assert listings.paginate(groups, 100) == [[(c, e, False) for c, e in groups]]
    assert listings.paginate([], 5) == [[]]


@pytest.mark.parametrize(
    ("current", "count", "shown"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 9, [1, 2, 3, None, 9]),
        (5, 9, [1, 2, 3, 4, 5, 6, 7, 8, 9]),
        (5, 10, [1, 2, 3, 4, 5, 6, 7, None, 10]),
        (6, 12, [1, None, 4, 5, 6, 7, 8, None, 12]),
        (12, 12, [1, None, 10, 11, 12]),
    ],
)
def test_pager_shows_first_last_and_neighbours(current, count, shown):
    assert listings.pager_numbers(current, count) == shown


def test_listing_page_addresses_round_trip():
    assert listings.listing_page_uri("faq", 1) == "faq/index.md"
    assert listings.listing_page_uri("faq", 12) == "faq/page/12.md"
    assert listings.listing_page_number("faq/page/12.md", "faq") == 12
    assert listings.listing_page_number("faq/index.md", "faq") == 1
    # Another section's page, an entry, the home page: the first page of this listing.
    assert listings.listing_page_number("guides/page/3.md", "faq") == 1
    assert listings.listing_page_number("faq/page-3.md", "faq") == 1
    assert listings.listing_page_number("index.md", "faq") == 1


def test_categories_begin_on_the_page_where_their_heading_is():
    catalog = _catalog(10)
    # Configured order: billing (5 entries), then account (5): with 4 per page, account's
    # heading is on page 2.
    assert listings.category_pages("faq", "en", catalog, 4) == {"billing": 1, "account": 2}
    assert listings.category_pages("faq", "en", catalog, LISTING_PAGE_SIZE) == {
        "billing": 1,
        "account": 1,
    }


def test_listing_pages_exist_in_every_language_with_their_titles():
    catalog = _catalog(7, translated={"q-001"})
    made, problems = listings.listing_pages(catalog, 3)
    assert problems == []
    assert sorted(made) == ["faq/page/2.md", "faq/page/3.md"]
    second = made["faq/page/2.md"]
    assert sorted(second) == ["en", "sl"]
    assert (second["en"].src_uri, second["sl"].src_uri) == ("faq/page/2.md", "faq/page/2.sl.md")
    assert second["en"].title == "FAQ (page 2 of 3)"
    assert second["sl"].title == "Pogosta vprašanja (stran 2 od 3)"
    assert second["sl"].meta["summary"] == "Every question."
    catalog.generated = made
    assert catalog.versions("faq/page/3.md") is made["faq/page/3.md"]
    assert catalog.file_versions("faq/page/3.md") == {}
    # Short listings need no more pages.
    assert listings.listing_pages(catalog, 7) == ({}, [])


def test_a_file_at_a_listing_page_address_is_a_fatal_problem():
    catalog = _catalog(5)
    catalog.pages["faq/page/2.md"] = {
        "en": Entry("faq/page/2.md", "docs/faq/page/2.md", "en", "", "page", title="Mine")
    }
    made, problems = listings.listing_pages(catalog, 2)
    assert "faq/page/2.md" not in made and "faq/page/3.md" in made
    assert [str(p) for p in problems] == [
        "docs/faq/page/2.md:1: this file's address is page 2 of the faq listing "
        "(rename the file, or raise extra.kb.listing_page_size)"
    ]
    assert problems[0].fatal


def test_each_page_lists_its_share_and_a_pager_with_relative_links():
    catalog = _catalog(5)
    first = listings.expand("<!-- kb:faq-index -->", "faq/index.md", "en", catalog, [], {}, 2)
    third = listings.expand("<!-- kb:faq-index -->", "faq/page/3.md", "sl", catalog, [], {}, 2)
    assert first.count("\n- [Question") == 2 and "## Billing { #billing }" in first
    assert "- [Next](page/2.md)" in first and "Previous" not in first
    assert '<p class="kb-pager__status">Page 1 of 3</p>' in first
    assert '<span class="kb-pager__current" aria-current="page">1</span>' in first
    assert third.count("\n- [Question") == 1
    assert "## ACCOUNT &#40;nadaljevanje&#41; { #account-continued }" in third
    assert "- [Prejšnja](2.md)" in third and "- [1](../index.md)" in third
    assert "Naslednja" not in third
    assert '- [Question 003](../q-003.md) <span class="kb-badge">' in third
    # A listing that fits on one page has no pager.
    single = listings.expand("<!-- kb:faq-index -->", "faq/index.md", "en", catalog, [], {})
    assert "kb-pager" not in single and single.count("\n- [Question") == 5


def test_generated_page_markdown_has_title_summary_and_the_listing():
    catalog = _catalog(5)
    made, _ = listings.listing_pages(catalog, 2)
    text = listings.listing_page_markdown(made["faq/page/2.md"]["sl"], "faq")
    assert text == (
        '---\nsummary: "Every question."\n---\n\n# Pogosta vprašanja &#40;stran 2 od 3&#41;\n\n'
        "<!-- kb:faq-index -->\n"
    )


@pytest.mark.parametrize("value", [0, -3, "ten", True, 2.5, None])
def test_listing_page_size_must_be_a_whole_positive_number(value):
    settings, problems = validate({"listing_page_size": value}, ["en"])
    assert settings.listing_page_size == LISTING_PAGE_SIZE
    assert [p.message for p in problems] == [
        f"extra.kb.listing_page_size: '{value}' is not a number of entries"
    ]


def test_listing_page_size_defaults_and_accepts_a_number():
    assert validate({}, ["en"])[0].listing_page_size == LISTING_PAGE_SIZE
    assert validate({"listing_page_size": 25}, ["en"])[0].listing_page_size == 25
