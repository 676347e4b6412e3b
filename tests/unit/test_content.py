"""The content model on its own: front matter with lines, schema, catalog checks, placeholders,
links, URLs and plural forms."""

from __future__ import annotations

import datetime

import pytest

from helpfirst import links, placeholders, urls
from helpfirst.catalog import load_catalog
from helpfirst.content import check_entry, parse_entry, source_uri, split_language
from helpfirst.problems import ContentError
from helpfirst.strings import missing_keys, plural
from tests.sites import docs_files

CATEGORIES = {"billing": {"en": "Billing", "sl": "Plačila"}}


def entry(text, src="faq/pay.md", lang="en"):
    return parse_entry(src, f"docs/{src}", text, lang)


def test_front_matter_keys_and_list_items_have_their_lines():
    parsed = entry("---\nsummary: s\ncategory: billing\nrelated:\n  - a\n  - b\n---\n\n# Q?\n")
    assert parsed.key_lines == {"summary": 2, "category": 3, "related": 4}
    assert parsed.item_lines[("related", 1)] == 6
    assert parsed.title == "Q?" and parsed.title_line == 9
    assert parsed.body_line == 8


def test_title_inside_a_code_fence_is_not_the_title():
    parsed = entry("```\n# not a title\n```\n\n# Real?\n")
    assert parsed.title == "Real?"


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("---\nsummary: [a\n---\n", 3, "not valid YAML"),
        ("---\n- a\n- b\n---\n", 2, "must be a list of 'key: value'"),
        ("---\nsummary: x\n", 1, "not closed"),
    ],
)
def test_unreadable_front_matter_is_located_and_fatal(text, line, words):
    with pytest.raises(ContentError) as caught:
        entry(text)
    assert caught.value.problem.line == line
    assert words in caught.value.problem.message
    assert caught.value.problem.fatal


def test_schema_problems_name_key_and_fix():
    parsed = entry("---\nsumary: s\ncategory: biling\nupdated: 5\nkeywords: [ok, 3]\n---\n\n# Q?\n")
    problems = [str(p) for p in check_entry(parsed, CATEGORIES, "en")]
    assert "docs/faq/pay.md:2: unknown key 'sumary' (did you mean 'summary'?)" in problems
    assert any(p.startswith("docs/faq/pay.md:1: missing required key 'summary'") for p in problems)
    assert "docs/faq/pay.md:3: unknown category 'biling' (did you mean 'billing'?)" in problems
    assert any(p.startswith("docs/faq/pay.md:4: 'updated' must be a date") for p in problems)
    assert any(p.startswith("docs/faq/pay.md:5: item 2 of 'keywords'") for p in problems)
    # values of the wrong type never reach the templates
    assert "updated" not in parsed.meta and parsed.meta["keywords"] == ["ok"]


def test_translation_may_leave_out_inherited_keys():
    parsed = entry("---\nsummary: s\n---\n\n# V?\n", "faq/pay.sl.md", "sl")
    assert check_entry(parsed, CATEGORIES, "en") == []


def test_language_suffixes():
    assert split_language("faq/x.sl.md", ["en", "sl"]) == ("faq/x.md", "sl")
    assert split_language("faq/x.md", ["en", "sl"]) == ("faq/x.md", None)
    assert source_uri("faq/x.lv.md") == "faq/x.md"


def write(tmp_path, files):
    for name, text in files.items():
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return load_catalog(docs_files(tmp_path / "docs"), ["en", "sl"], "en", CATEGORIES, tmp_path)


FAQ = "---\nsummary: s\ncategory: billing\n{extra}---\n\n# Q?\n"


def test_catalog_finds_cross_file_problems(tmp_path):
    catalog = write(
        tmp_path,
        {
            "faq/pay.md": FAQ.format(extra="related: [refnd, pay]\n"),
            "guides/pay.md": FAQ.format(extra=""),
            "faq/refund.md": FAQ.format(extra=""),
            "faq/lonely.sl.md": FAQ.format(extra=""),
            "faq/refund.sl.md": "---\nsummary: s\ncategory: other\n---\n\n# V?\n",
        },
    )
    messages = [str(p) for p in catalog.problems]
    assert any("duplicate id 'pay'" in m for m in messages)
    assert any(
        "related entry 'refnd' does not exist (did you mean 'refund'?)" in m for m in messages
    )
    assert "docs/faq/lonely.sl.md:1: translation without a source" in " ".join(messages)
    assert any("docs/faq/refund.sl.md:3: 'category' differs from the source" in m for m in messages)
    assert catalog.is_fatal()


def test_catalog_listing_falls_back_and_inherits(tmp_path):
    catalog = write(
        tmp_path,
        {
            "faq/pay.md": FAQ.format(extra="updated: 2026-01-02\n"),
            "faq/pay.sl.md": "---\nsummary: p\n---\n\n# Plačilo?\n",
            "faq/refund.md": FAQ.format(extra=""),
        },
    )
    assert catalog.problems == []
    shown = {e.id: fallback for e, fallback in catalog.listing("sl", "faq")}
    assert shown == {"pay": False, "refund": True}
    assert catalog.meta("pay", "sl")["category"] == "billing"
    assert catalog.meta("pay", "sl")["updated"] == datetime.date(2026, 1, 2)
    assert catalog.category_label("billing", "sl") == "Plačila"


def test_unknown_placeholders_in_subjects_and_bodies_only():
    problems = placeholders.check_template(
        "docs/templates/t.md",
        ["Hi [name]", "For [Company]"],
        {0: 4, 1: 5},
        "Text with [prose] is fine.\n\n```text\nDear [nmae], see [link](x) [order number]\n```\n",
        10,
    )
    assert [str(p) for p in problems] == [
        "docs/templates/t.md:5: unknown placeholder [Company] (did you mean [company]?)",
        "docs/templates/t.md:13: unknown placeholder [nmae] (did you mean [name]?)",
    ]


def test_links_are_found_with_lines_outside_code():
    text = "See [a](x.md#b).\n\n```\n[no](y.md)\n```\n`[no](z.md)` and ![img](i.png)\n[ref]: r.md\n"
    assert links.find_links(text, 10) == [(10, "x.md#b"), (15, "i.png"), (16, "r.md")]
    assert links.resolve("../faq/x.md#top", "guides/g.md") == ("faq/x.md", "top")
    assert links.resolve("#here", "faq/x.md") == ("", "here")
    assert links.is_external("mailto:a@b.c") and links.is_external("https://x.y")


def test_page_urls_in_each_language():
    assert urls.page_path("faq/x.md", "sl", "en") == "sl/faq/x/"
    assert urls.page_path("faq/index.md", "en", "en") == "faq/"
    assert urls.page_path("index.md", "lv", "en") == "lv/"
    assert urls.absolute("https://h.example/", "sl/") == "https://h.example/sl/"
    assert urls.relative("", "sl/") == "../"
    assert urls.relative("sl/", "sl/") == "./"
    assert urls.relative("lv/faq/x/", "sl/faq/x/") == "../../../lv/faq/x/"


@pytest.mark.parametrize(
    "lang, count, text",
    [
        ("sl", 1, "1 zadetek"),
        ("sl", 2, "2 zadetka"),
        ("sl", 4, "4 zadetki"),
        ("sl", 5, "5 zadetkov"),
        ("sl", 102, "102 zadetka"),
        ("lv", 21, "21 rezultāts"),
        ("lv", 11, "11 rezultāti"),
    ],
)
def test_result_counts_use_the_language_plural_forms(lang, count, text):
    assert plural("search.result", count, lang) == text


def test_every_language_translates_every_interface_string():
    assert missing_keys("sl") == [] and missing_keys("lv") == []


def test_an_empty_required_value_is_one_message_not_two():
    parsed = entry("---\nsummary:\ncategory: billing\n---\n\n# Q?\n")
    assert [str(p) for p in check_entry(parsed, CATEGORIES, "en")] == [
        "docs/faq/pay.md:2: 'summary' must be a text, not nothing (write 'summary' as a text)"
    ]


def test_a_byte_order_mark_does_not_hide_the_front_matter():
    parsed = entry("\ufeff---\nsummary: s\ncategory: billing\n---\n\n# Q?\n")
    assert parsed.meta == {"summary": "s", "category": "billing"} and parsed.title == "Q?"


def test_raw_line_and_paragraph_separators_are_located_like_an_editor_does():
    text = (
        "---\r\nsummary: Before\u2029after.\r\ncategory: billing\r\n---\r\n\r\n"
        "# Q?\r\n\r\n\u2028A line\r\nthat ends\u2028\n"
    )
    found = parse_entry("faq/pay.md", "docs/faq/pay.md", text, "en")
    assert [str(problem) for problem in check_entry(found, CATEGORIES, "en")] == [
        "docs/faq/pay.md:2: invisible U+2029 PARAGRAPH SEPARATOR at column 16 would break the"
        " line there on the site (remove it, or write &#x2029; where it must stay)",
        "docs/faq/pay.md:8: invisible U+2028 LINE SEPARATOR at column 1 would break the"
        " line there on the site (remove it, or write &#x2028; where it must stay)",
        "docs/faq/pay.md:9: invisible U+2028 LINE SEPARATOR at column 10 would break the"
        " line there on the site (remove it, or write &#x2028; where it must stay)",
    ]
    assert all(problem.fatal for problem in found.problems)
    # Read on as spaces, so that nothing else is reported about them.
    assert found.meta["summary"] == "Before after." and found.title == "Q?"


def test_written_as_character_references_they_are_fine():
    found = entry("---\nsummary: x\ncategory: billing\n---\n\n# Q?\n\nOne&#x2028;two.\n")
    assert check_entry(found, CATEGORIES, "en") == []
