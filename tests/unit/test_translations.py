"""Translation tracking on its own: fingerprints, states, and writing the record into a file."""

from __future__ import annotations

import pytest

from helpfirst import translations
from helpfirst.catalog import load_catalog
from helpfirst.content import check_entry, parse_entry
from tests.sites import docs_files

CATEGORIES = {"billing": {"en": "Billing", "sl": "Plačila", "lv": "Maksājumi"}}
SOURCE = "---\nsummary: Pay by card.\ncategory: billing\nupdated: 2026-01-01\n---\n\n# How do I pay?\n\nBy card.\n"


def entry(text, src="faq/pay.md", lang="en"):
    return parse_entry(src, f"docs/{src}", text, lang)


def test_fingerprint_is_eight_hex_digits_and_stable():
    value = translations.fingerprint(entry(SOURCE))
    assert len(value) == 8 and int(value, 16) >= 0
    assert translations.fingerprint(entry(SOURCE)) == value


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text.replace("updated: 2026-01-01", "updated: 2026-02-02"),
        lambda text: text.replace("category: billing", "category: billing\nkeywords: [card]"),
        lambda text: text.replace("By card.", "By card.   "),
        lambda text: text.replace("\n", "\r\n"),
        lambda text: text + "\n\n",
    ],
    ids=["date", "keywords", "trailing-spaces", "crlf", "blank-lines-at-end"],
)
def test_changes_a_translator_need_not_redo_keep_the_fingerprint(change):
    assert translations.fingerprint(entry(change(SOURCE))) == translations.fingerprint(
        entry(SOURCE)
    )


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text.replace("By card.", "By card or bank transfer."),
        lambda text: text.replace("Pay by card.", "Pay by card or transfer."),
        lambda text: text.replace("# How do I pay?", "# How can I pay?"),
    ],
    ids=["answer", "summary", "title"],
)
def test_changes_to_translate_change_the_fingerprint(change):
    assert translations.fingerprint(entry(change(SOURCE))) != translations.fingerprint(
        entry(SOURCE)
    )


def _project(tmp_path, files):
    for name, text in files.items():
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return load_catalog(
        docs_files(tmp_path / "docs"), ["en", "sl", "lv"], "en", CATEGORIES, tmp_path
    )


def test_survey_tells_current_stale_unrecorded_and_missing(tmp_path):
    current = translations.fingerprint(entry(SOURCE))
    catalog = _project(
        tmp_path,
        {
            "faq/pay.md": SOURCE,
            "faq/pay.sl.md": f'---\nsummary: S karto.\nsource_hash: "{current}"\n---\n\n# Kako?\n',
            "faq/pay.lv.md": '---\nsummary: Ar karti.\nsource_hash: "00000000"\n---\n\n# Kā?\n',
            "faq/other.md": SOURCE.replace("pay?", "other?"),
            "faq/other.sl.md": "---\nsummary: Drugo.\n---\n\n# Drugo?\n",
        },
    )
    states = {
        (row.lang, row.source.src_uri): (row.state, row.recorded)
        for row in translations.survey(catalog)
    }
    assert states == {
        ("sl", "faq/other.md"): ("unrecorded", None),
        ("sl", "faq/pay.md"): ("current", current),
        ("lv", "faq/other.md"): ("missing", None),
        ("lv", "faq/pay.md"): ("stale", "00000000"),
    }


RECORD_CASES = {
    "adds-before-closing": (
        "---\nsummary: S karto.\n---\n\n# Kako?\n",
        '---\nsummary: S karto.\nsource_hash: "0123abcd"\n---\n\n# Kako?\n',
    ),
    "replaces-only-its-line": (
        '---\nsummary: S karto.   # kept\nsource_hash: "00000000"\nkeywords: [a]\n---\n\n# K\n',
        '---\nsummary: S karto.   # kept\nsource_hash: "0123abcd"\nkeywords: [a]\n---\n\n# K\n',
    ),
    "keeps-crlf-and-bom": (
        "\ufeff---\r\nsummary: S\r\n---\r\n\r\n# K\r\n",
        '\ufeff---\r\nsummary: S\r\nsource_hash: "0123abcd"\r\n---\r\n\r\n# K\r\n',
    ),
    "no-front-matter": ("# K\n\nText.\n", '---\nsource_hash: "0123abcd"\n---\n\n# K\n\nText.\n'),
    "empty-front-matter": ("---\n---\n# K\n", '---\nsource_hash: "0123abcd"\n---\n# K\n'),
}


@pytest.mark.parametrize("name", sorted(RECORD_CASES))
def test_record_changes_nothing_but_the_record(name):
    before, after = RECORD_CASES[name]
    assert translations.record(before, "0123abcd") == after


def test_recorded_file_reads_back_as_current():
    source = entry(SOURCE)
    text = translations.record("---\nsummary: S\n---\n\n# K\n", translations.fingerprint(source))
    translation = entry(text, "faq/pay.sl.md", "sl")
    assert translations.state_of(translation, source) == (
        "current",
        translations.fingerprint(source),
    )


@pytest.mark.parametrize(
    "text, lang, message",
    [
        (
            '---\nsummary: s\ncategory: billing\nsource_hash: "0123abcd"\n---\n\n# Q?\n',
            "en",
            "docs/faq/pay.md:4: 'source_hash' belongs in translations only",
        ),
        (
            '---\nsummary: s\nsource_hash: "abc"\n---\n\n# Q?\n',
            "sl",
            "docs/faq/pay.sl.md:3: 'source_hash' must be 8 hexadecimal digits, not 'abc' (let the tool write it: scripts/kb.py translations --update docs/faq/pay.sl.md)",
        ),
        (
            "---\nsummary: s\nsource_hash: 12345678\n---\n\n# Q?\n",
            "sl",
            "docs/faq/pay.sl.md:3: 'source_hash' must be 8 hexadecimal digits in quotes, not the number 12345678",
        ),
    ],
)
def test_source_hash_is_checked(text, lang, message):
    src = "faq/pay.md" if lang == "en" else f"faq/pay.{lang}.md"
    problems = [str(p) for p in check_entry(entry(text, src, lang), CATEGORIES, "en")]
    assert any(problem.startswith(message) for problem in problems), problems


def test_stale_notice_setting_is_off_by_default_and_must_be_true_or_false():
    from helpfirst import settings

    assert settings.validate({}, ["en"])[0].stale_notice is False
    values, problems = settings.validate({"stale_notice": "yes"}, ["en"])
    assert values.stale_notice is False
    assert [str(p) for p in problems] == [
        "mkdocs.yml:1: extra.kb.stale_notice: must be true or false (write stale_notice: true, or leave it out)"
    ]
