"""The rules under the translation checks, each on its own: the values a written number stands
for, which accept covers which difference, the source line named for a paragraph, fenced blocks
accepted by title or language, and every translation of a knowledge base compared."""

from __future__ import annotations

import pytest

from helpfirst.catalog import load_catalog
from helpfirst.content import check_entry, parse_entry
from helpfirst.translation_checks import Accepts, _number_keys, check_catalog, check_translation
from tests.sites import docs_files

CATEGORIES = {"billing": {"en": "Billing", "sl": "Plačila", "lv": "Maksājumi"}}
HEAD = "---\nsummary: s\ncategory: billing\n---\n\n"  # the body starts on line 6


def compare(source, translation, src="faq/pay"):
    """The messages of docs/<src>.sl.md against docs/<src>.md (both whole files)."""
    source = parse_entry(f"{src}.md", f"docs/{src}.md", source, "en")
    translation = parse_entry(f"{src}.sl.md", f"docs/{src}.sl.md", translation, "sl")
    assert check_entry(translation, CATEGORIES, "en") == []
    return [str(problem) for problem in check_translation(translation, source)]


@pytest.mark.parametrize(
    ("written", "keys"),
    [
        ("12", {"value 12"}),
        # A comma is a thousands separator in English and a decimal comma in Slovenian.
        ("1,000", {"value 1000", "value 1"}),
        ("1 000", {"value 1000"}),
        ("1.234,5", {"value 1234.5"}),
        ("10:00", {"time 10:00"}),
        # A colon separates no thousands, and three digits after it are no minutes: a code.
        ("12:300", {"code 12.300"}),
        ("1 23", {"code 1.23"}),
        # What does not begin with a digit is a code as written, even if it is all separators.
        (".5", {"code .5"}),
        ("SI-12345", {"code SI-12345"}),
    ],
)
def test_a_written_number_stands_for_each_value_it_may_mean(written, keys):
    assert _number_keys(written) == keys


def test_an_accept_covers_only_its_own_check_and_value():
    accepts = Accepts(
        [None, {"check": "links"}, {"check": "numbers", "value": "1 000"}, {"check": "fences"}]
    )
    # An accept of another check is passed over, and a number is matched by its value.
    assert accepts.covers("numbers", "1,000") and accepts.used == {2}
    assert not accepts.covers("numbers", "7") and accepts.used == {2}
    assert accepts.covers("links", "a.md") and accepts.used == {1, 2}
    assert not accepts.covers("headings", "## Fees")
    # Other checks match their value as written only.
    accepts = Accepts([{"check": "links", "value": "a.md"}, {"check": "headings", "value": "1"}])
    assert accepts.covers("links", "a.md") and not accepts.covers("links", "b.md")
    assert not accepts.covers("headings", "1.0") and accepts.used == {0}


def test_a_difference_names_the_source_paragraph_that_corresponds():
    # Three paragraphs in the translation stand for five in the source: the second for the third.
    source = HEAD + "# Q?\n\n## Fees\n\nA.\n\nB.\n\nIn 4 days.\n\nD.\n\nE.\n"
    translation = HEAD + "# V?\n\n## Pristojbine\n\nA.\n\nV 5 dneh.\n\nE.\n"
    assert compare(source, translation) == [
        'docs/faq/pay.sl.md:12: "5" is not in the source (docs/faq/pay.md:14 has "4")'
    ]
    # A number in a heading is shown at the other section's heading.
    source = HEAD + "# Q?\n\n## Step 2\n\nA.\n\nB.\n"
    translation = HEAD + "# V?\n\n## Korak 3\n\nA.\n\nB.\n"
    assert compare(source, translation) == [
        'docs/faq/pay.sl.md:8: "3" is not in the source (docs/faq/pay.md:8 has "2")'
    ]


def test_one_subject_line_is_counted_in_the_singular():
    head = "---\nsummary: s\nsubjects:\n  - Hello [name]\n  - Hi [name]\n---\n\n"
    body = '# Welcome\n\n```text title="Short"\nHello [name].\n```\n'
    one = head.replace("  - Hi [name]\n", "")
    assert compare(head + body, one + body, "templates/welcome") == [
        "docs/templates/welcome.sl.md:3: 1 subject line, the source has 2 "
        "(docs/templates/welcome.md:3)"
    ]


def test_a_block_in_another_language_is_accepted_by_its_title_or_its_language():
    head = "---\nsummary: s\nsubjects:\n  - Hello [name]\n---\n\n"
    body = '# Welcome\n\n```text title="Short"\nHello [name].\n```\n\n```text\nBye [name].\n```\n'
    translation = body.replace('```text title="Short"', '```html title="Short"').replace(
        "```text\nBye", "```html\nBye"
    )
    accept = (
        "accept:\n  - {check: fences, value: Short, reason: r}\n"
        "  - {check: fences, value: html, reason: r}\n"
    )
    assert (
        compare(
            head + body,
            head.replace("---\n\n", accept + "---\n\n") + translation,
            "templates/welcome",
        )
        == []
    )
    # Without the accepts both are reported.
    assert len(compare(head + body, head + translation, "templates/welcome")) == 2


def test_every_translation_of_every_entry_with_a_source_is_compared(tmp_path):
    (tmp_path / "faq").mkdir()
    # A translation whose source is not there yet is read first, and skipped.
    (tmp_path / "faq/a.sl.md").write_text(HEAD + "# V?\n\nV 5 dneh.\n", "utf-8")
    (tmp_path / "faq/pay.md").write_text(HEAD + "# Q?\n\nIn 4 days.\n", "utf-8")
    (tmp_path / "faq/pay.sl.md").write_text(HEAD + "# V?\n\nV 5 dneh.\n", "utf-8")
    (tmp_path / "faq/pay.lv.md").write_text(HEAD + "# J?\n\nPēc 6 dienām.\n", "utf-8")
    catalog = load_catalog(
        docs_files(tmp_path), ["en", "sl", "lv"], "en", CATEGORIES, display_root=tmp_path
    )
    assert [str(problem) for problem in check_catalog(catalog)] == [
        'faq/pay.lv.md:8: "6" is not in the source (faq/pay.md:8 has "4")',
        'faq/pay.sl.md:8: "5" is not in the source (faq/pay.md:8 has "4")',
    ]
