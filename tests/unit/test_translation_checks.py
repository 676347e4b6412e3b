"""Translation checks on their own: one fixture per kind of difference, with its exact message
and line; number formats of several languages that are not differences; accepts."""

from __future__ import annotations

import random
import time

import pytest

from helpfirst import translation_checks
from helpfirst.catalog import load_catalog
from helpfirst.content import check_entry, parse_entry
from helpfirst.translation_checks import check_translation
from tests.sites import docs_files

CATEGORIES = {"billing": {"en": "Billing", "sl": "Plačila"}}
HEAD = "---\nsummary: s\ncategory: billing\n---\n\n"  # the body starts on line 6


def compare(source_body, translation_body, head=HEAD, translation_head=None, src="faq/pay"):
    """The messages of a translation (docs/faq/pay.sl.md) against its source (docs/faq/pay.md)."""
    source = parse_entry(f"{src}.md", f"docs/{src}.md", head + source_body, "en")
    translation = parse_entry(
        f"{src}.sl.md", f"docs/{src}.sl.md", (translation_head or head) + translation_body, "sl"
    )
    assert check_entry(translation, CATEGORIES, "en") == []
    return [str(problem) for problem in check_translation(translation, source)]


# --- one fixture per check ------------------------------------------------------------------------

SECTIONED = (
    "# Q?\n\nIntro.\n\n## Short\n\nAim for {words} words.\n\n"
    "## Long\n\nEvery detail of the fees, the dates and the ways to pay them.\n"
)


def test_a_changed_number_names_the_source_line_and_its_number():
    source = SECTIONED.format(words="4–8")
    assert compare(source, SECTIONED.format(words="5–8")) == [
        'docs/faq/pay.sl.md:12: "5" is not in the source (docs/faq/pay.md:12 has "4")'
    ]


def test_a_dropped_number_and_an_added_one():
    source = "# Q?\n\nWait 2 days, then call.\n\nOr write.\n"
    translation = "# V?\n\nPočakajte, nato pokličite.\n\nAli pišite v 3 dneh.\n"
    assert compare(source, translation) == [
        'docs/faq/pay.sl.md:8: "2" from the source is missing (docs/faq/pay.md:8 has it)',
        'docs/faq/pay.sl.md:10: "3" is not in the source (compare docs/faq/pay.md:10)',
    ]


def test_a_link_to_another_page():
    source = "# Q?\n\nSee [the portal](portal.md#sign-in) and [fees](../guides/fees.md).\n"
    translation = "# V?\n\nGlejte [portal](portal.md#prijava) in [cene](prices.md).\n"
    assert compare(source, translation) == [
        "docs/faq/pay.sl.md:8: link to 'prices.md' is not in the source "
        "(docs/faq/pay.md:8 has link to '../guides/fees.md')"
    ]


def test_a_missing_link():
    source = "# Q?\n\nText.\n\nSee [fees](fees.md).\n"
    assert compare(source, "# V?\n\nBesedilo.\n\nGlejte cene.\n") == [
        "docs/faq/pay.sl.md:10: link to 'fees.md' from the source is missing "
        "(docs/faq/pay.md:10 has it)"
    ]


def test_a_dropped_section_is_reported_once_where_it_belongs():
    source = SECTIONED.format(words="few").replace("them.", "them in 3 ways: [fees](fees.md).")
    source += "\n## Last\n\nEnd.\n"
    translation = "# V?\n\nUvod.\n\n## Kratko\n\nNekaj besed.\n\n## Konec\n\nKonec.\n"
    # The sections' lengths tell which one is missing; what it holds is not listed again.
    assert compare(source, translation) == [
        "docs/faq/pay.sl.md:14: heading '## Long' from the source is missing "
        "(docs/faq/pay.md:14 has it)"
    ]


def test_a_heading_of_another_level():
    source = "# Q?\n\nIntro.\n\n## Step\n\nDo it in 2 minutes.\n\n## End\n\nDone.\n"
    translation = "# V?\n\nUvod.\n\n### Korak\n\nNaredite v 2 minutah.\n\n## Konec\n\nKončano.\n"
    assert compare(source, translation) == [
        "docs/faq/pay.sl.md:10: heading '### Korak' is level 3, the source's is level 2 "
        "(docs/faq/pay.md:10 '## Step')"
    ]


def test_an_added_section():
    source = "# Q?\n\nIntro.\n\n## Step\n\nDo it.\n"
    translation = (
        "# V?\n\nUvod.\n\n## Korak\n\nNaredite.\n\n## Dodatno\n\nVeč v 3 [vodnikih](x.md).\n"
    )
    assert compare(source, translation) == [
        "docs/faq/pay.sl.md:14: heading '## Dodatno' is not in the source "
        "(compare docs/faq/pay.md:10)"
    ]


TEMPLATE_HEAD = "---\nsummary: s\nsubjects:\n  - Hello [name]\n  - Welcome to [company]\n---\n\n"
TEMPLATE = (
    "# Welcome\n\nWhy.\n\n## Bodies\n\n"
    '```text title="Short"\nHello [name],\nwelcome to [company].\n```\n\n'
    '```text title="Reminder"\nHello [name],\nyour account at [company] waits.\n```\n'
)


def test_a_missing_body():
    translation = (
        "# Dobrodošlica\n\nZakaj.\n\n## Besedila\n\n"
        '```text title="Kratko"\nŽivjo [name],\ndobrodošli v [company].\n```\n'
    )
    assert compare(TEMPLATE, translation, TEMPLATE_HEAD, src="templates/welcome") == [
        "docs/templates/welcome.sl.md:14: ```text 'Reminder' block from the source is missing "
        "(docs/templates/welcome.md:19 has it)"
    ]


def test_an_added_body():
    translation = TEMPLATE + '\n```html title="HTML"\n<p>Hello [name]</p>\n```\n'
    assert compare(TEMPLATE, translation, TEMPLATE_HEAD, src="templates/welcome") == [
        "docs/templates/welcome.sl.md:24: ```html 'HTML' block is not in the source "
        "(compare docs/templates/welcome.md:19)"
    ]


def test_a_body_in_another_language():
    translation = TEMPLATE.replace('```text title="Reminder"', '```html title="Reminder"')
    assert compare(TEMPLATE, translation, TEMPLATE_HEAD, src="templates/welcome") == [
        "docs/templates/welcome.sl.md:19: ```html 'Reminder' block is ```html, the source's is "
        "```text (docs/templates/welcome.md:19 ```text 'Reminder')"
    ]


def test_a_placeholder_in_a_body_and_in_the_subject_lines():
    translation = TEMPLATE.replace("your account at [company]", "your [product]")
    head = TEMPLATE_HEAD.replace("Welcome to [company]", "Welcome to [customer portal]")
    assert compare(TEMPLATE, translation, TEMPLATE_HEAD, head, "templates/welcome") == [
        "docs/templates/welcome.sl.md:5: [customer portal] is not in the source "
        "(docs/templates/welcome.md:5 has [company])",
        "docs/templates/welcome.sl.md:21: [product] is not in the source "
        "(docs/templates/welcome.md:21 has [company])",
    ]


def test_the_number_of_subject_lines():
    head = TEMPLATE_HEAD.replace("  - Welcome to [company]\n", "  - At [company]\n  - Hi\n")
    assert compare(TEMPLATE, TEMPLATE, TEMPLATE_HEAD, head, "templates/welcome") == [
        "docs/templates/welcome.sl.md:3: 3 subject lines, the source has 2 "
        "(docs/templates/welcome.md:3)"
    ]


def test_an_admonition_of_another_type():
    source = '# Q?\n\n!!! warning "Careful"\n    Never share it.\n'
    translation = '# V?\n\n!!! note "Pozor"\n    Nikoli ga ne delite.\n'
    assert compare(source, translation) == [
        "docs/faq/pay.sl.md:8: admonition 'note' is not in the source "
        "(docs/faq/pay.md:8 has admonition 'warning')"
    ]


# --- what is not a difference -------------------------------------------------------------------


@pytest.mark.parametrize(
    "source, translation",
    [
        ("It costs 1,000 euros.", "Stane 1.000 evrov."),
        ("It costs 1,000 euros.", "Tas maksā 1\u00a0000 eiro."),
        ("It costs 12,500.50 euros.", "Stane 12.500,50 evra."),
        ("It takes 1.5 days.", "Traja 1,5 dneva."),
        ("About 20% of them.", "Približno 20\u00a0% od njih."),
        ("Between 4 and 8 words.", "4–8 besed."),
        ("Sent on 2026-11-16.", "Poslano 16. 11. 2026."),
        ("Open at 9:30.", "Odprto ob 9.30."),
        ("On the 1st of May.", "Do 1. maja."),
        ("Order SI-12345 (see [it](x.md)).", "Naročilo SI-12345 (glejte [ga](x.md))."),
        ("Colour #1a5fb4 and [company].", "Barva #1a5fb4 in [company]."),
        ("1. Open it.\n2. Close it.", "1. Odprite.\n1. Zaprite."),
        ("Call [support phone] today.", "Pokličite [support phone] danes."),
    ],
)
def test_number_formats_of_other_languages_are_the_same_number(source, translation):
    assert compare(f"# Q?\n\n{source}\n", f"# V?\n\n{translation}\n") == []


def test_a_moved_sentence_keeps_its_number_and_link():
    source = "# Q?\n\nIntro.\n\n## A\n\nWait 3 days, see [x](x.md).\n\n## B\n\nThen call.\n"
    translation = (
        "# V?\n\nUvod 3 dni, glej [x](x.md).\n\n## A\n\nPočakajte.\n\n## B\n\nPokličite.\n"
    )
    assert compare(source, translation) == []


# --- accepting a difference -----------------------------------------------------------------------


def test_an_accepted_difference_is_not_reported_and_a_stale_accept_is():
    source = "# Q?\n\nFor example order 48213.\n"
    translation = "# V?\n\nNa primer naročilo SI-45821.\n"
    head = (
        "---\nsummary: s\ncategory: billing\naccept:\n"
        '  - {check: numbers, value: "SI-45821", reason: localised order number}\n'
        '  - {check: numbers, value: "48213", reason: the source\'s order number}\n'
        '  - {check: links, value: "old.md", reason: no longer linked}\n'
        "---\n\n"
    )
    assert compare(source, translation, translation_head=head) == [
        'docs/faq/pay.sl.md:7: accepted links difference "old.md" is not found any more '
        "(remove this accept)"
    ]


def test_a_stale_accept_after_a_wrong_one_is_reported_at_its_own_line():
    head = (
        "---\nsummary: s\ncategory: billing\naccept:\n  - {check: number, reason: r}\n"
        '  - {check: numbers, value: "9", reason: r}\n---\n\n'
    )
    translation = parse_entry("faq/pay.sl.md", "docs/faq/pay.sl.md", head + "# V?\n", "sl")
    source = parse_entry("faq/pay.md", "docs/faq/pay.md", HEAD + "# Q?\n", "en")
    check_entry(translation, CATEGORIES, "en")
    assert [str(problem) for problem in check_translation(translation, source)] == [
        'docs/faq/pay.sl.md:6: accepted numbers difference "9" is not found any more '
        "(remove this accept)"
    ]


def test_an_accept_without_a_value_covers_its_check_on_the_page():
    head = "---\nsummary: s\ncategory: billing\naccept:\n  - {check: numbers, reason: r}\n---\n\n"
    assert compare("# Q?\n\n4 and 5.\n", "# V?\n\n6 in 7.\n", translation_head=head) == []


def test_accepting_one_side_of_a_pair_reports_the_other():
    head = '---\nsummary: s\ncategory: billing\naccept:\n  - {check: numbers, value: "5", reason: r}\n---\n\n'
    assert compare("# Q?\n\n4 words.\n", "# V?\n\n5 besed.\n", translation_head=head) == [
        'docs/faq/pay.sl.md:10: "4" from the source is missing (docs/faq/pay.md:8 has it)'
    ]


@pytest.mark.parametrize(
    "accept, message",
    [
        ("accept: numbers", "'accept' must be a list of accepted differences"),
        ("accept: [numbers]", "item 1 of 'accept' must be a group of settings, not the text"),
        (
            "accept: [{check: number, reason: r}]",
            "item 1 of 'accept': unknown check the text 'number' (did you mean 'numbers'?)",
        ),
        ("accept: [{value: x, reason: r}]", "item 1 of 'accept' has no 'check'"),
        (
            "accept: [{check: numbers, value: 5, reason: r}]",
            "item 1 of 'accept': 'value' must be a text, not the number 5",
        ),
        ("accept: [{check: numbers, value: x}]", "item 1 of 'accept' has no reason"),
        ("accept: [{check: numbers, reason: r, why: x}]", "item 1 of 'accept': unknown key 'why'"),
    ],
)
def test_a_wrong_accept_is_a_located_problem(accept, message):
    text = f"---\nsummary: s\ncategory: billing\n{accept}\n---\n\n# V?\n"
    translation = parse_entry("faq/pay.sl.md", "docs/faq/pay.sl.md", text, "sl")
    problems = [str(problem) for problem in check_entry(translation, CATEGORIES, "en")]
    assert len(problems) == 1 and problems[0].startswith(f"docs/faq/pay.sl.md:4: {message}")
    assert not any(translation.meta.get("accept", []))


def test_accept_belongs_in_translations_only():
    text = (
        "---\nsummary: s\ncategory: billing\naccept: [{check: numbers, reason: r}]\n---\n\n# Q?\n"
    )
    source = parse_entry("faq/pay.md", "docs/faq/pay.md", text, "en")
    assert [str(problem) for problem in check_entry(source, CATEGORIES, "en")] == [
        "docs/faq/pay.md:4: 'accept' belongs in translations only "
        "(remove it: differences are accepted in the translation that has them)"
    ]


def test_the_catalog_compares_every_translation(tmp_path):
    from helpfirst.translation_checks import check_catalog

    (tmp_path / "faq").mkdir()
    (tmp_path / "faq/pay.md").write_text(HEAD + "# Q?\n\nIn 4 days.\n", "utf-8")
    (tmp_path / "faq/pay.sl.md").write_text(HEAD + "# V?\n\nV 5 dneh.\n", "utf-8")
    (tmp_path / "faq/pay.lv.md").write_text(HEAD + "# J?\n\nPēc 4 dienām.\n", "utf-8")
    files = docs_files(tmp_path)
    catalog = load_catalog(files, ["en", "sl", "lv"], "en", CATEGORIES, display_root=tmp_path)
    assert [str(problem) for problem in check_catalog(catalog)] == [
        'faq/pay.sl.md:8: "5" is not in the source (faq/pay.md:8 has "4")'
    ]


# --- hostile text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "a." * 10000,
        "<!--" * 10000,
        "](" * 10000,
        "{#" * 10000,
        'id="' * 10000,
        "## a" + " #" * 10000 + " x",
        "## a" + " #" * 10000,
        "1," * 10000 + "x",
        "a-1" * 10000,
    ],
    ids=[
        "dots",
        "comments",
        "brackets",
        "braces",
        "attributes",
        "heading",
        "closing",
        "digits",
        "codes",
    ],
)
def test_a_long_odd_line_is_read_in_linear_time(line):
    started = time.perf_counter()
    assert compare(f"# Q?\n\n{line}\n", f"# V?\n\n{line}\n") == []
    # Quadratic matching takes tens of seconds here.
    assert time.perf_counter() - started < 3


# --- numbers are found where a full scan finds them ----------------------------------------------


def _spans(matches):
    return [(match.span(), match.group("code"), match.group("number")) for match in matches]


@pytest.mark.parametrize(
    "line",
    [
        "Order SI-12345 of 1 000 EUR, 10:00-12:30 on 2026-11-16, utf-8 and H2.",
        "abc-1 x-y-2 -3 a--4 1a2b-3c 12a 1\u00a0000\u202f000,5 1 50 ٣٤ x٣",
        "word1 word-2 WORD-3x-4 _5 é6 1,000.5 1.234,5 4–8",
        "no digits at all",
        "",
    ],
)
def test_numbers_are_found_from_their_first_digit_as_a_full_scan_finds_them(line):
    expected = _spans(translation_checks._NUMBER.finditer(line))
    assert _spans(translation_checks._number_matches(line)) == expected


def test_numbers_in_generated_lines_are_found_as_a_full_scan_finds_them():
    pieces = list("ab-Z9 0,.:\u00a0\u202f\u2009_x1٣") + ["SI-", "utf-8", "1 000", "H2"]
    rng = random.Random(7)
    for _ in range(20000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        expected = _spans(translation_checks._NUMBER.finditer(line))
        assert _spans(translation_checks._number_matches(line)) == expected, line


@pytest.mark.parametrize(
    ("line", "numbers"),
    [
        ("See [the page](faq/x-2.md) 3", ["3"]),
        ("[a]: faq/x-2.md 3", []),
        ("<!-- 12 --> 3", ["3"]),
        ('A href="x-12" 3', ["3"]),
        ("Dear [name1], 3", ["3"]),
        ("https://example.com/a12 3", ["3"]),
        ("Colour #123456 3", ["3"]),
        ("## Title {#id-12} 3", ["3"]),
        ("Title {.x-12} 3", ["3"]),
        ("x](faq/x-2.md) 3", ["3"]),
    ],
)
def test_numbers_of_what_is_not_running_text_are_not_compared(line, numbers):
    assert [item.text for item in translation_checks._numbers(line, 1)] == numbers
