"""Translation records pinned down: the fingerprint's exact recipe (every recorded source_hash
depends on it), what a survey reports for each page, and record() on odd files."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest

from helpfirst import translations
from helpfirst.catalog import Catalog
from helpfirst.content import parse_entry

SOURCE = (
    '---\nsummary: Plačilo s kartico\ndescription: Card "or" bank\ncategory: billing\n'
    "updated: 2026-01-01\n---\n\n    indented code  \n# How  do I pay?  \n\n\nBy card.\n\n"
)


def _entry(text: str = SOURCE, src: str = "faq/pay.md", lang: str = "en"):
    return parse_entry(src, f"docs/{src}", text, lang)


def test_the_fingerprint_is_the_documented_recipe():
    # Written out by hand: sorted keys, the translated values only, characters as they are,
    # lines without trailing spaces, no blank lines around the text. A change to the recipe
    # would turn every recorded translation stale at once.
    payload = (
        '{"front matter": {"description": "Card \\"or\\" bank", "summary": "Plačilo s kartico"},'
        ' "text": "    indented code\\n# How  do I pay?\\n\\n\\nBy card."}'
    )
    expected = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:8]
    assert translations.fingerprint(_entry()) == expected
    # CRLF line ends count as LF, also in an entry that was not read from a file.
    crlf = dataclasses.replace(_entry(), body=_entry().body.replace("\n", "\r\n"))
    assert translations.fingerprint(crlf) == expected


def test_a_value_json_cannot_write_is_fingerprinted_as_text():
    entry = dataclasses.replace(_entry(), meta={"summary": _entry().meta["updated"]})
    payload = '{"front matter": {"summary": "2026-01-01"}, "text": "    indented code\\n# How  do I pay?\\n\\n\\nBy card."}'
    assert translations.fingerprint(entry) == hashlib.sha256(payload.encode()).hexdigest()[:8]


def test_a_survey_covers_pages_and_reports_the_source_fingerprint():
    page = _entry("# Contact\n\nWrite to us.\n", "contact.md")
    page_sl = _entry("# Kontakt\n\nPišite nam.\n", "contact.sl.md", "sl")
    other = _entry("# Only in Slovenian\n", "about.sl.md", "sl")
    faq = _entry()
    catalog = Catalog(default_lang="en", languages=["en", "sl"], categories={})
    catalog.entries = {"pay": {"en": faq}}
    catalog.pages = {"contact.md": {"en": page, "sl": page_sl}, "about.md": {"sl": other}}
    rows = translations.survey(catalog)
    assert [(row.source.src_uri, row.state) for row in rows] == [
        ("contact.md", "unrecorded"),
        ("faq/pay.md", "missing"),
    ]
    assert rows[0].translation is page_sl
    assert rows[1].translation is None
    assert [row.fingerprint for row in rows] == [
        translations.fingerprint(page),
        translations.fingerprint(faq),
    ]
    assert rows[0].path == "docs/contact.sl.md" and rows[1].path == "docs/faq/pay.md"


def test_record_refuses_what_is_not_a_fingerprint():
    with pytest.raises(ValueError, match=r"^not a fingerprint: '12345'$"):
        translations.record("# K\n", "12345")


@pytest.mark.parametrize(
    "before, after",
    [
        (
            "\ufeff# K\r\nText.\r\n",
            '\ufeff---\r\nsource_hash: "0123abcd"\r\n---\r\n\r\n# K\r\nText.\r\n',
        ),
        ("# K\r\n", '---\r\nsource_hash: "0123abcd"\r\n---\r\n\r\n# K\r\n'),
        ("\ufeff# K\n", '\ufeff---\nsource_hash: "0123abcd"\n---\n\n# K\n'),
    ],
    ids=["bom-and-crlf", "crlf", "bom"],
)
def test_record_without_front_matter_keeps_the_bom_and_line_ends(before, after):
    assert translations.record(before, "0123abcd") == after


def test_record_replaces_the_first_record_only():
    text = '---\nsource_hash: "00000000"\nsource_hash: "11111111"\n---\n# K\n'
    assert translations.record(text, "0123abcd") == (
        '---\nsource_hash: "0123abcd"\nsource_hash: "11111111"\n---\n# K\n'
    )


def test_the_fingerprint_trims_blank_lines_only_not_letters_at_the_ends():
    entry = dataclasses.replace(_entry(), meta={}, body="\n\nX marks the spot. Press X\n\n")
    payload = '{"front matter": {}, "text": "X marks the spot. Press X"}'
    assert translations.fingerprint(entry) == hashlib.sha256(payload.encode()).hexdigest()[:8]
