"""The home page's directives (search button, most useful entries, topic cards), a template's
subject lines, and the links that directives make, on a small catalog of every section."""

from __future__ import annotations

import pytest

from helpfirst import listings
from helpfirst.catalog import Catalog
from helpfirst.content import Entry

FOLDERS = {"faq": "faq", "guide": "guides", "template": "templates"}


def _entry(entry_id, kind, lang, title, category=None, summary=None):
    suffix = "" if lang == "en" else f".{lang}"
    meta = {"category": category} if category else {}
    if summary is not None:
        meta["summary"] = summary
    folder = FOLDERS[kind]
    return Entry(
        src_uri=f"{folder}/{entry_id}{suffix}.md",
        display_path=f"docs/{folder}/{entry_id}{suffix}.md",
        lang=lang,
        id=entry_id,
        kind=kind,
        meta=meta,
        title=title,
    )


@pytest.fixture
def catalog():
    return _catalog()


def _catalog():
    """Billing has questions and a guide; Account a template and a guide but no question;
    Orders' one question comes after Billing's two, so with two a page it begins on page 2."""
    found = Catalog(
        "en",
        ["en", "sl"],
        {
            "billing": {"en": "Billing", "sl": "Plačila"},
            "account": {"en": "Account"},
            "orders": {"en": "Orders", "sl": "Naročila"},
            "unused": {"en": "Unused"},
        },
    )
    for versions in (
        [
            _entry("pay", "faq", "en", "How do I pay?", "billing", "By card."),
            # A translation inherits its source's category.
            _entry("pay", "faq", "sl", "Kako plačam?", None, "S kartico."),
        ],
        [_entry("refund", "faq", "en", "Refunds", "billing", "")],
        [_entry("track", "faq", "en", "Track an order", "orders", "Where it is.")],
        # Listed (by title) before Billing's questions: the FAQ still wins the topic.
        [_entry("billing-guide", "guide", "en", "A billing guide", "billing", "All of it.")],
        # Listed before the guide: Account opens among the templates.
        [_entry("welcome", "template", "en", "Account welcome", "account", "Hello.")],
        [_entry("setup", "guide", "en", "Set up", "account", "Steps.")],
        [_entry("misc", "faq", "en", "Misc", None, "Other.")],
    ):
        found.entries[versions[0].id] = {entry.lang: entry for entry in versions}
    return found


# Markdown's line break: two spaces at the end of a line.
BR = "  "
HOME_EN = f"""\
<button class="kb-search-cta" type="button"><span class="kb-search-cta__label">Search the \
help centre</span><span class="kb-search-cta__hint">Type your question in your own words\
</span></button>

<div class="kb-featured" markdown>

## Most useful answers

- [Track an order](faq/track.md){BR}
  <span class="kb-summary">Where it is.</span>
- [How do I pay?](faq/pay.md){BR}
  <span class="kb-summary">By card.</span>

</div>

<div class="kb-categories" markdown>

## Browse by topic

- [Billing](faq/index.md#billing){BR}
  <span class="kb-count">3 articles</span>
- [Account](templates/index.md#account){BR}
  <span class="kb-count">2 articles</span>
- [Orders](faq/page/2.md#orders){BR}
  <span class="kb-count">1 article</span>

</div>
"""


def test_home_page_has_search_featured_entries_and_topic_cards(catalog):
    home = listings.expand("<!-- kb:home -->", "index.md", "en", catalog, ["track", "nope", "pay"])
    # Two a page: Orders' heading is on the FAQ listing's second page.
    paged = listings.expand(
        "<!-- kb:home -->", "index.md", "en", catalog, ["track", "nope", "pay"], None, 2
    )
    assert paged == HOME_EN
    assert home == HOME_EN.replace("faq/page/2.md#orders", "faq/index.md#orders")


def test_home_page_in_a_translation_marks_fallbacks_and_counts_in_its_plural_forms(catalog):
    home = listings.expand("<!-- kb:home -->", "index.md", "sl", catalog, ["track", "pay"])
    assert '<span class="kb-search-cta__label">Iskanje po centru za pomoč</span>' in home
    assert "## Najbolj uporabni odgovori\n\n" in home and "## Brskanje po temah\n\n" in home
    assert (
        '- [Track an order](faq/track.md) <span class="kb-badge">še ni prevedeno</span>  \n'
        '  <span class="kb-summary">Where it is.</span>\n'
        "- [Kako plačam?](faq/pay.md)  \n"
        '  <span class="kb-summary">S kartico.</span>\n'
    ) in home
    # A label missing in Slovenian falls back to English; Slovenian has dual and plural.
    assert (
        "- [Plačila](faq/index.md#billing)  \n"
        '  <span class="kb-count">3 članki</span>\n'
        "- [Account](templates/index.md#account)  \n"
        '  <span class="kb-count">2 članka</span>\n'
        "- [Naročila](faq/index.md#orders)  \n"
        '  <span class="kb-count">1 članek</span>\n'
    ) in home


def test_topic_cards_link_relative_to_the_page_that_shows_them(catalog):
    cards = listings.expand("<!-- kb:categories -->", "guides/setup.md", "en", catalog, [])
    assert "- [Billing](../faq/index.md#billing)" in cards
    assert "- [Account](../templates/index.md#account)" in cards
    assert "Unused" not in cards and "Misc" not in cards


def test_home_sections_with_nothing_to_show_are_left_out():
    empty = Catalog("en", ["en"], {"billing": {"en": "Billing"}})
    assert listings.expand("<!-- kb:featured -->", "index.md", "en", empty, ["nope"]) == ""
    assert listings.expand("<!-- kb:categories -->", "index.md", "en", empty, []) == ""


def test_unknown_directives_are_left_for_the_checker(catalog):
    text = "<!-- kb:nope -->\n  <!-- kb:search -->  \n"
    expanded = listings.expand(text, "index.md", "en", catalog, [])
    assert expanded.startswith('<!-- kb:nope -->\n<button class="kb-search-cta"')
    assert listings.known_directives() == [
        "categories",
        "faq-index",
        "featured",
        "guides-index",
        "home",
        "search",
        "subjects",
        "templates-index",
    ]


def test_subject_lines_each_get_a_copy_button_and_are_escaped(catalog):
    subjects = {"subjects": ['Hi "[name]" <you> & co', 3, "Second"]}
    shown = listings.expand("<!-- kb:subjects -->", "templates/x.md", "sl", catalog, [], subjects)
    button = '<button class="md-clipboard md-icon kb-copy" type="button" title="Kopiraj" '
    assert shown == (
        "## Zadeve sporočila { #subject-lines }\n\n"
        '<ol class="kb-subjects">'
        '<li><span class="kb-subject">Hi &quot;[name]&quot; &lt;you&gt; &amp; co</span>'
        f'{button}aria-label="Kopiraj" '
        'data-clipboard-text="Hi &quot;[name]&quot; &lt;you&gt; &amp; co"></button></li>'
        f'<li><span class="kb-subject">Second</span>{button}aria-label="Kopiraj" '
        'data-clipboard-text="Second"></button></li></ol>\n'
    )
    for meta in ({}, {"subjects": None}, {"subjects": [3]}):
        assert listings.expand("<!-- kb:subjects -->", "t.md", "en", catalog, [], meta) == ""


def test_directive_links_are_located_at_their_directive(catalog):
    markdown = "Intro\n\n<!-- kb:featured -->\n<!-- kb:nope -->\n  <!-- kb:categories -->\n"
    found = listings.directive_links(markdown, 5, "index.md", "en", catalog, ["pay"], None, 2)
    assert found == [
        (7, "faq/pay.md", "featured"),
        (9, "faq/index.md#billing", "categories"),
        (9, "templates/index.md#account", "categories"),
        (9, "faq/page/2.md#orders", "categories"),
    ]


def test_a_section_index_lists_uncategorised_entries_last_without_a_heading(catalog):
    first = listings.expand("<!-- kb:faq-index -->", "faq/index.md", "sl", catalog, [], None, 2)
    assert first.startswith(
        "## Plačila { #billing }\n"
        "- [Kako plačam?](pay.md)  \n"
        '  <span class="kb-summary">S kartico.</span>\n'
        # An empty summary adds no line.
        '- [Refunds](refund.md) <span class="kb-badge">še ni prevedeno</span>\n\n'
        '<nav class="kb-pager" aria-label="Strani" markdown>\n\n'
        '<p class="kb-pager__status">Stran 1 od 2</p>\n\n'
    )
    second = listings.expand("<!-- kb:faq-index -->", "faq/page/2.md", "en", catalog, [], None, 2)
    assert second.startswith(
        "## Orders { #orders }\n"
        "- [Track an order](../track.md)  \n"
        '  <span class="kb-summary">Where it is.</span>\n\n'
        "- [Misc](../misc.md)  \n"
        '  <span class="kb-summary">Other.</span>\n\n'
        '<nav class="kb-pager" aria-label="Pages" markdown>\n'
    )


def test_a_category_not_configured_is_listed_after_the_configured_ones(catalog):
    catalog.entries["zeta"] = {"en": _entry("zeta", "faq", "en", "Aardvark", "zeta", "Z.")}
    catalog.entries["beta"] = {"en": _entry("beta", "faq", "en", "Beta", "beta", "B.")}
    listing = listings.expand("<!-- kb:faq-index -->", "faq/index.md", "en", catalog, [])
    headings = [line for line in listing.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Billing { #billing }",
        "## Orders { #orders }",
        "## beta { #beta }",
        "## zeta { #zeta }",
    ]


def test_listing_pages_of_each_section_fall_back_to_the_source_index(catalog):
    catalog.pages["guides/index.md"] = {
        "en": Entry("guides/index.md", "docs/guides/index.md", "en", "", "page", title=None)
    }
    made, problems = listings.listing_pages(catalog, 1)
    # No faq/index.md: the FAQ listing has no later pages; guides has two entries.
    assert problems == [] and sorted(made) == ["guides/page/2.md"]
    second = made["guides/page/2.md"]
    assert second["sl"].display_path == "docs/guides/index.md"
    assert (second["en"].title, second["sl"].title) == (
        "guides (page 2 of 2)",
        "guides (stran 2 od 2)",
    )
    assert second["en"].meta == {"summary": ""}
    assert (second["sl"].id, second["sl"].kind, second["sl"].lang) == ("", "page", "sl")
    assert listings.listing_page_markdown(second["en"], "guides") == (
        "# guides &#40;page 2 of 2&#41;\n\n<!-- kb:guides-index -->\n"
    )


def test_a_language_whose_version_is_left_out_counts_and_pages_without_it(catalog):
    # MkDocs leaves out the Slovenian file of `pay`: Slovenian has no page for it at all.
    del catalog.entries["pay"]["sl"]
    catalog.left_out = {"faq/pay.md": {"sl": "docs/faq/pay.sl.md"}}
    cards = listings.expand("<!-- kb:categories -->", "index.md", "sl", catalog, [], None, 2)
    # Billing keeps a question and the guide, so Orders now begins on the first page.
    assert (
        f"- [Plačila](faq/index.md#billing){BR}\n"
        '  <span class="kb-count">2 članka</span>\n'
        f"- [Account](templates/index.md#account){BR}\n"
        '  <span class="kb-count">2 članka</span>\n'
        f"- [Naročila](faq/index.md#orders){BR}\n"
    ) in cards
    assert listings.category_pages("faq", "sl", catalog, 2) == {"billing": 1, "orders": 1, "": 2}
    assert listings.category_pages("faq", "en", catalog, 2) == {"billing": 1, "orders": 2, "": 2}


def test_a_directive_after_a_leading_blank_line_is_on_the_second_line(catalog):
    found = listings.directive_links(
        "\n<!-- kb:featured -->\n", 1, "index.md", "en", catalog, ["pay"]
    )
    assert found == [(2, "faq/pay.md", "featured")]


def test_a_file_past_the_last_listing_page_is_no_problem(catalog):
    catalog.pages["faq/index.md"] = {
        "en": Entry("faq/index.md", "docs/faq/index.md", "en", "", "page", title="FAQ")
    }
    catalog.pages["faq/page/3.md"] = {
        "en": Entry("faq/page/3.md", "docs/faq/page/3.md", "en", "", "page", title="Mine")
    }
    made, problems = listings.listing_pages(catalog, 2)
    # Four questions, two a page: two pages; a third would be the author's own file.
    assert problems == [] and sorted(made) == ["faq/page/2.md"]


def test_the_pager_of_a_middle_page_links_back_and_elides_far_pages(catalog):
    for number in range(4):
        catalog.entries[f"more-{number}"] = {
            "en": _entry(f"more-{number}", "faq", "en", f"More {number}", "orders", "M.")
        }
    second = listings.expand("<!-- kb:faq-index -->", "faq/page/2.md", "en", catalog, [], None, 1)
    assert second.endswith(
        '<nav class="kb-pager" aria-label="Pages" markdown>\n\n'
        '<p class="kb-pager__status">Page 2 of 8</p>\n\n'
        "- [Previous](../index.md)\n"
        "- [1](../index.md)\n"
        '- <span class="kb-pager__current" aria-current="page">2</span>\n'
        "- [3](3.md)\n"
        "- [4](4.md)\n"
        '- <span class="kb-pager__gap">…</span>\n'
        "- [8](8.md)\n"
        "- [Next](3.md)\n\n"
        "</nav>\n"
    )


def test_a_topic_without_questions_opens_where_its_first_entry_in_the_language_is(catalog):
    # In English the template "Account welcome" comes first; in Slovenian the guide's title does.
    catalog.entries["setup"]["sl"] = _entry("setup", "guide", "sl", "A nastavitev", None, "K.")
    english = listings.expand("<!-- kb:categories -->", "index.md", "en", catalog, [])
    slovenian = listings.expand("<!-- kb:categories -->", "index.md", "sl", catalog, [])
    assert "- [Account](templates/index.md#account)" in english
    assert "- [Account](guides/index.md#account)" in slovenian


def test_a_translation_with_its_own_category_is_listed_and_counted_under_it(catalog):
    # The catalog reports the difference (and a strict build fails), but the page still shows
    # the translation's own category.
    catalog.entries["track"]["sl"] = _entry("track", "faq", "sl", "Sledenje", "billing", "Kje.")
    listing = listings.expand("<!-- kb:faq-index -->", "faq/index.md", "sl", catalog, [])
    headings = [line for line in listing.splitlines() if line.startswith("## ")]
    assert headings == ["## Plačila { #billing }"]
    assert "- [Sledenje](track.md)" in listing
    cards = listings.expand("<!-- kb:categories -->", "index.md", "sl", catalog, [])
    assert f'- [Plačila](faq/index.md#billing){BR}\n  <span class="kb-count">4 članki</span>\n' in (
        cards
    )
    assert "#orders" not in cards
