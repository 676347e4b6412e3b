"""The rules under the translation checks, each on its own: how a page is read into sections,
the values a written number stands for, which accept covers which difference, how sections and
blocks are aligned, the source line named for a paragraph, the check and value of each kind of
difference, and every translation of a knowledge base compared with its own source."""

from __future__ import annotations

import pytest

from helpfirst import translation_checks
from helpfirst.catalog import load_catalog
from helpfirst.content import check_entry, parse_entry
from helpfirst.translation_checks import (
    Accepts,
    Block,
    Item,
    Section,
    Text,
    _align,
    _block_score,
    _first_of_each,
    _number_keys,
    _numbers,
    _overlap,
    _ratio,
    _section_score,
    check_catalog,
    check_translation,
    read,
)
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
        # Thousands need groups of three after a first group of at most three digits.
        ("100,000", {"value 100000", "value 100"}),
        ("1000,000", {"value 1000"}),
        ("1,000,000", {"value 1000000"}),
        # A decimal part follows thousands of one kind, written with another separator.
        ("1 000 000,5", {"value 1000000.5"}),
        ("1,000,5", {"code 1.000.5"}),
        ("1,00.5", {"code 1.00.5"}),
        ("1 000 00,5", {"code 1.000.00.5"}),
        ("1.000:30", {"code 1.000.30"}),
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


def _number(line, text):
    return Item(line, text, frozenset([f"value {text}"]))


def _name(line):
    return Item(line, "[name]", frozenset(["name"]))


def test_a_page_is_read_into_sections_with_what_each_holds():
    text = (
        "---\ntitle: Welcome 2 you\nsummary: Send it within 3 days\ndescription: 4 steps\n"
        "subjects:\n  - Hello [name], order 5\n  - 6 days left\n---\n\n"
        "Intro 7 words, see [fees](fees.md#part) and [here](#top).\n"  # line 10
        "1. Step 8\n\n"
        "# Title 9 { #title }\n\n"  # line 13
        '!!! note "Note"\n    Inside 10.\n\n'  # line 15
        '```text title="Short"\nHi [name], 11 left.\n[name] again\n```\n\n'  # line 18
        "~~~ { .html title='Long' }\n<p>12</p>\n~~~\n"  # line 23
        "## Fees 14 ## { #fees }\n"  # line 26
        '```md title=""\nx\n```\n'
        "#\nLast 13.\n"  # line 30
    )
    entry = parse_entry("templates/welcome.md", "docs/templates/welcome.md", text, "en")
    front = Section(1, -1, "", [2, 3, 4, 5], [_number(line, str(line)) for line in (2, 3, 4)])
    front.numbers += [_number(6, "5"), _number(7, "6")]
    intro = Section(9, 0, "", [10, 11], [_number(10, "7"), _number(11, "8")], size=66)
    intro.links = [Item(10, "fees.md#part", frozenset(["templates/fees.md"]))]
    title = Section(13, 1, "Title 9", [15, 18, 23], size=15 + 10 + 31 + 9)
    title.numbers = [_number(13, "9"), _number(16, "10"), _number(19, "11"), _number(24, "12")]
    title.blocks = [
        Block(18, "text", "Short", size=31, placeholders=[_name(19), _name(20)]),
        Block(23, "html", "Long", size=9),
    ]
    title.admonitions = [Item(15, "note", frozenset(["note"]))]
    fees = Section(26, 2, "Fees 14", [27], [_number(26, "14")], blocks=[Block(27, "md", "", 1)])
    fees.size = 1
    last = Section(30, 1, "", [31], [_number(31, "13")], size=8)
    assert read(entry) == Text(
        "docs/templates/welcome.md", 32, [front, intro, title, fees, last], 2, 5, [_name(6)]
    )


def test_a_number_of_subject_lines_is_accepted_by_its_value():
    head = "---\nsummary: s\nsubjects:\n  - Hello [name]\n  - Hi [name]\n---\n\n"
    body = '# Welcome\n\n```text title="Short"\nHello [name].\n```\n'

    def one(value):
        accept = f'accept:\n  - {{check: subjects, value: "{value}", reason: r}}\n'
        return head.replace("  - Hi [name]\n", accept)

    assert compare(head + body, one(1) + body, "templates/welcome") == []
    # An accept of another number covers nothing, and is itself reported.
    assert compare(head + body, one(3) + body, "templates/welcome") == [
        "docs/templates/welcome.sl.md:3: 1 subject line, the source has 2 "
        "(docs/templates/welcome.md:3)",
        'docs/templates/welcome.sl.md:6: accepted subjects difference "3" is not found any more'
        " (remove this accept)",
    ]


def test_what_is_not_running_text_cannot_join_a_number():
    assert _numbers("Pay [amount]5 now, see [fees](fees.md)7", 3) == [
        _number(3, "5"),
        _number(3, "7"),
    ]


# --- aligning -------------------------------------------------------------------------------------


def _same(a, b):
    return 1.0 if a == b else 0.0


@pytest.mark.parametrize(
    ("mine", "theirs", "pairs"),
    [
        ("a", "a", [("a", "a")]),
        # Nothing in common: nothing is paired, the source's side first.
        ("x", "y", [(None, "y"), ("x", None)]),
        ("xa", "a", [("x", None), ("a", "a")]),
        ("xa", "ab", [("x", None), ("a", "a"), (None, "b")]),
        ("axb", "ab", [("a", "a"), ("x", None), ("b", "b")]),
        ("ab", "axb", [("a", "a"), (None, "x"), ("b", "b")]),
        ("", "ab", [(None, "a"), (None, "b")]),
    ],
)
def test_an_alignment_pairs_what_scores_best_in_order(mine, theirs, pairs):
    def pair(x):
        return x or None

    assert _align(list(mine), list(theirs), _same) == [(pair(a), pair(b)) for a, b in pairs]


def test_an_alignment_never_pairs_what_scores_zero_or_less():
    assert _align(["a"], ["b"], lambda a, b: -1.0) == [(None, "b"), ("a", None)]
    # A pair scoring less than 1 is still a pair.
    assert _align(["a"], ["b"], lambda a, b: 0.25) == [("a", "b")]


def _section(level, numbers=(), links=(), langs=(), size=0):
    section = Section(1, level, "t", numbers=[_number(1, n) for n in numbers], size=size)
    section.links = [Item(1, link, frozenset([link])) for link in links]
    section.blocks = [Block(1, lang, "") for lang in langs]
    return section


def test_sections_correspond_by_level_and_by_what_they_share():
    front, intro = _section(-1), _section(0)
    assert [_section_score(a, b) for a, b in [(front, front), (intro, intro)]] == [100.0, 100.0]
    for a, b in [(front, intro), (intro, front), (intro, _section(2)), (_section(2), intro)]:
        assert _section_score(a, b) == 0.0
    # The page's title pairs with a title only.
    assert _section_score(_section(1), _section(2)) == 0.0
    assert _section_score(_section(1), _section(1)) == 3.0 + 1.0
    assert _section_score(_section(2), _section(3)) == 1.0 + 1.0
    mine = _section(2, ["1", "2"], ["a.md"], ["text", "html"], size=10)
    theirs = _section(2, ["2", "3", "4", "5"], ["a.md", "b.md"], ["text"], size=40)
    assert _section_score(mine, theirs) == 3.0 + 0.25 + 0.5 + 0.5 + 0.25


def test_blocks_correspond_by_language_placeholders_and_length():
    mine = Block(1, "text", "", size=10, placeholders=[_name(2)])
    theirs = Block(1, "text", "", size=20, placeholders=[_name(2), Item(2, "[x]", frozenset("x"))])
    assert _block_score(mine, theirs) == 2.0 + 0.5 + 0.5
    theirs.lang = "html"
    assert _block_score(mine, theirs) == 0.5 + 0.5 + 0.5


def test_the_share_of_items_in_common_and_how_alike_two_lengths_are():
    def items(*numbers):
        return [_number(1, n) for n in numbers]

    assert _overlap(items("1", "2", "5"), items("2", "1", "3", "4")) == 0.5
    assert _overlap(items("1", "1"), items("1")) == 0.5
    assert _overlap([], []) == 0.0
    assert (_ratio(2, 8), _ratio(0, 5), _ratio(0, 0)) == (0.25, 0.0, 1.0)


def test_each_placeholder_is_kept_once_at_its_first_place():
    company = Item(3, "[company]", frozenset(["company"]))
    assert _first_of_each([_name(2), company, _name(4), company]) == [_name(2), company]


# --- comparing ------------------------------------------------------------------------------------


def _texts(source, translation, src="faq/pay"):
    """The translation and its source as `read` gives them (the bodies after HEAD)."""
    source = parse_entry(f"{src}.md", f"docs/{src}.md", HEAD + source, "en")
    translation = parse_entry(f"{src}.sl.md", f"docs/{src}.sl.md", HEAD + translation, "sl")
    return read(translation), read(source)


def _accepting(source, translation, check, value):
    """The messages of the translation, with one accept of `check` and `value`."""
    accept = f'accept:\n  - {{check: {check}, value: "{value}", reason: r}}\n'
    return compare(HEAD + source, HEAD.replace("---\n\n", accept + "---\n\n") + translation)


LEVEL = ("# Q?\n\n## Level\n\nText.\n", "# V?\n\n### Nivo\n\nBesedilo.\n")
MISSING = ("# Q?\n\nIntro.\n\n## Last\n\nEnd.\n", "# V?\n\nUvod.\n")
ADDED = ("# Q?\n\nIntro.\n", "# V?\n\nUvod.\n\n## Dodatno\n\nKonec.\n")
BLOCKS = (
    '# Q?\n\n```text title="Short"\nHello there, a long template body.\n```\n\n```html\ny\n```\n',
    "# V?\n\n```html\ny\n```\n\n```md\nz\n```\n",
)


@pytest.mark.parametrize(
    ("texts", "differences"),
    [
        (
            LEVEL,
            [("headings", "Nivo", 8, "heading '### Nivo' is level 3, the source's is level 2")],
        ),
        # A section missing at the end is shown at the translation's last line.
        (MISSING, [("headings", "Last", 9, "heading '## Last' from the source is missing")]),
        (ADDED, [("headings", "Dodatno", 10, "heading '## Dodatno' is not in the source")]),
        (
            BLOCKS,
            [
                ("fences", "Short", 8, "```text 'Short' block from the source is missing"),
                ("fences", "md", 12, "```md block is not in the source"),
            ],
        ),
    ],
)
def test_each_structural_difference_names_its_check_and_the_value_an_accept_names(
    texts, differences
):
    found = translation_checks.compare(*_texts(*texts))
    assert [(d.check, d.value, d.line, d.message) for d in found] == differences
    # The accept takes two lines of the front matter: the translation's lines move by two.
    for check, value, _line, _message in differences:
        rest = [
            f"docs/faq/pay.sl.md:{d.line + 2}: {d.message} ({d.fix})"
            for d in found
            if d.value != value
        ]
        assert _accepting(*texts, check, value) == rest


def test_an_item_difference_names_its_check_and_value():
    source = "# Q?\n\nOrder SI-12345, see [fees](fees.md).\n\n!!! note\n    x\n"
    translation = "# V?\n\nNaročilo SI-54321, glejte [cene](prices.md).\n\n!!! tip\n    x\n"
    found = translation_checks.compare(*_texts(source, translation))
    # An extra item and a missing one in corresponding paragraphs are one difference.
    assert [(d.check, d.value, d.line) for d in found] == [
        ("numbers", "SI-54321", 8),
        ("links", "prices.md", 8),
        ("admonitions", "tip", 10),
    ]
    missing = [d for d in translation_checks.compare(*_texts(source, "# V?\n\nNič.\n"))]
    assert [(d.check, d.value, d.line) for d in missing] == [
        ("numbers", "SI-12345", 8),
        ("admonitions", "note", 8),
        ("links", "fees.md", 8),
    ]


def test_an_item_is_matched_in_its_own_section_first():
    # Both sections of the source say 4; the translation's first leaves it out.
    source = "# Q?\n\n## A\n\nIn 4 days.\n\n## B\n\nIn 4 weeks.\n"
    translation = "# V?\n\n## A\n\nV dneh.\n\n## B\n\nV 4 tednih.\n"
    assert compare(HEAD + source, HEAD + translation) == [
        'docs/faq/pay.sl.md:10: "4" from the source is missing (docs/faq/pay.md:10 has it)'
    ]


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        # A heading followed by a heading: its section has no paragraph.
        ("# Q?\n\n## Step 2\n## Next\n\nA.\n", "# V?\n\n## Korak 3\n## Naprej\n\nA.\n"),
        # A heading's number lies before the section's first paragraph, on either side.
        ("# Q?\n\n## Step 2\n\nA.\n\nB.\n", "# V?\n\n## Korak 3\n\nA.\n"),
    ],
)
def test_a_number_in_a_heading_is_paired_with_the_sources(source, translation):
    assert compare(HEAD + source, HEAD + translation) == [
        'docs/faq/pay.sl.md:8: "3" is not in the source (docs/faq/pay.md:8 has "2")'
    ]


def test_the_sections_after_a_missing_one_are_still_compared():
    source = "# Q?\n\nIntro.\n\n## Last\n\nEnd.\n\n## Next\n\n```text\nx\n```\n"
    translation = "# V?\n\nUvod.\n\n## Naprej\n\n```html\nx\n```\n"
    assert compare(HEAD + source, HEAD + translation) == [
        "docs/faq/pay.sl.md:10: heading '## Last' from the source is missing"
        " (docs/faq/pay.md:10 has it)",
        "docs/faq/pay.sl.md:12: ```html block is ```html, the source's is ```text"
        " (docs/faq/pay.md:16 ```text)",
    ]


def test_an_accept_without_a_value_that_matches_nothing_is_reported():
    accept = "accept:\n  - {check: links, reason: r}\n"
    body = "# Q?\n\nText.\n"
    assert compare(HEAD + body, HEAD.replace("---\n\n", accept + "---\n\n") + body) == [
        "docs/faq/pay.sl.md:5: accepted links difference any difference is not found any more"
        " (remove this accept)"
    ]


def test_a_translation_is_compared_only_with_its_own_source(tmp_path):
    # The same id in another folder is another page: the translation has no source here.
    (tmp_path / "faq").mkdir()
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/pay.md").write_text(HEAD + "# Q?\n\nIn 4 days.\n", "utf-8")
    (tmp_path / "faq/pay.sl.md").write_text(HEAD + "# V?\n\nV 5 dneh.\n", "utf-8")
    catalog = load_catalog(
        docs_files(tmp_path), ["en", "sl", "lv"], "en", CATEGORIES, display_root=tmp_path
    )
    assert sorted(catalog.entries["pay"]) == ["en", "sl"]
    assert check_catalog(catalog) == []


def test_a_difference_in_the_number_of_subject_lines_names_its_check_and_value():
    head = "---\nsummary: s\nsubjects:\n  - Hello [name]\n  - Hi [name]\n---\n\n"
    body = '# Welcome\n\n```text title="Short"\nHello [name].\n```\n'
    source = parse_entry("templates/w.md", "docs/templates/w.md", head + body, "en")
    translation = parse_entry(
        "templates/w.sl.md",
        "docs/templates/w.sl.md",
        head.replace("  - Hi [name]\n", "") + body,
        "sl",
    )
    assert translation_checks.compare(read(translation), read(source)) == [
        translation_checks.Difference(
            "subjects", "1", 3, "1 subject line, the source has 2", "docs/templates/w.md:3"
        )
    ]


def test_a_paragraph_begins_after_a_blank_line_only():
    # The body's first line, and a line right after a fence, go on the paragraph before.
    text = "---\nsummary: s\n---\nSee [a](a.md)\n[b](b.md) too.\n```text\nx\n```\nAfter.\n"
    # A no-break space before closing #s is not part of the heading's text.
    text += "## Fees\u00a0 ##\n"
    sections = read(parse_entry("faq/x.md", "docs/faq/x.md", text, "en")).sections
    assert [(s.line, s.level, s.title, s.starts) for s in sections] == [
        (1, -1, "", [2]),
        (4, 0, "", [4, 6]),
        (10, 2, "Fees", []),
    ]
    assert [link.text for link in sections[1].links] == ["a.md", "b.md"]
