"""Every message of the front-matter checks, word for word with its line: wrong types named in
plain words, list items, empty and missing keys, unknown keys and categories, ids, titles,
`source_hash` and `accept`, and front matter that cannot be read at all."""

from __future__ import annotations

import datetime

import pytest

from helpfirst import content
from helpfirst.content import check_entry, kind_and_id, parse_entry, source_uri, split_language
from helpfirst.problems import ContentError

CATEGORIES = {"billing": {"en": "Billing"}, "account": {"en": "Account"}}
FAQ = "---\nsummary: s\ncategory: billing\n{}---\n\n# Q?\n"


def problems(text, src="faq/pay.md", lang="en"):
    """The problems of one source, as authors read them, and its settings after the checks."""
    entry = parse_entry(src, f"docs/{src}", text, lang)
    return [str(problem) for problem in check_entry(entry, CATEGORIES, "en")], entry.meta


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ("updated: 5", "the number 5"),
        ("updated: 2.5", "the number 2.5"),
        ("updated: true", "true/false"),
        ("updated: x", "the text 'x'"),
        # Up to 39 characters the text is quoted; a longer one is only named.
        ("updated: " + "y" * 39, "the text '" + "y" * 39 + "'"),
        ("updated: " + "y" * 40, "a text"),
        ("updated: [2026-01-02]", "a list"),
        ("updated: {day: 2}", "a group of settings"),
        ("updated:", "nothing"),
        ("updated: !!binary aGk=", "bytes"),
    ],
)
def test_a_value_of_the_wrong_type_is_named_in_plain_words(setting, said):
    found, meta = problems(FAQ.format(setting + "\n"))
    assert found == [
        f"docs/faq/pay.md:4: 'updated' must be a date written YYYY-MM-DD, not {said} "
        "(write 'updated' as a date written YYYY-MM-DD)"
    ]
    assert "updated" not in meta


@pytest.mark.parametrize(
    ("setting", "rule"),
    [
        ("summary: 2026-01-02", "a text, not a date"),
        ("summary: false", "a text, not true/false"),
        ("structured_data: 1", "true or false, not the number 1"),
        ("structured_data: 'no'", "true or false, not the text 'no'"),
        ("related: a", "a list, for example [one, two], not the text 'a'"),
        ("keywords: 3", "a list of words and phrases, not the number 3"),
        ("source_hash: 12345678", "8 hexadecimal digits in quotes, not the number 12345678"),
        (
            "accept: yes",
            "a list of accepted differences, such as [{check: numbers, ...}], not true/false",
        ),
    ],
)
def test_each_rule_names_what_it_wants(setting, rule):
    text = FAQ.format(setting + "\n")
    if setting.startswith("summary"):
        text = text.replace("summary: s\n", "", 1) + ""
    found, _ = problems(text, "faq/pay.sl.md", "sl")
    key = setting.split(":")[0]
    line = 3 if setting.startswith("summary") else 4
    assert found == [
        f"docs/faq/pay.sl.md:{line}: '{key}' must be {rule} (write '{key}' as "
        + rule.rsplit(", not ", 1)[0]
        + ")"
    ]


def test_a_value_of_the_right_type_is_kept_as_written():
    found, meta = problems(
        FAQ.format("keywords: one phrase\nupdated: 2026-01-02\nstructured_data: false\n")
    )
    assert found == []
    assert meta == {
        "summary": "s",
        "category": "billing",
        "keywords": "one phrase",
        "updated": datetime.date(2026, 1, 2),
        "structured_data": False,
    }


def test_each_list_item_that_is_not_a_text_is_reported_at_its_own_line():
    found, meta = problems(FAQ.format("related:\n  - a\n  - ''\n  - 3\n  - \n  - [x]\n  - ' b '\n"))
    assert found == [
        f"docs/faq/pay.md:{line}: item {item} of 'related' must be a text, not {said} "
        '(quote it, for example "2 steps")'
        for line, item, said in [
            (6, 2, "the text ''"),
            (7, 3, "the number 3"),
            (8, 4, "nothing"),
            (9, 5, "a list"),
        ]
    ]
    # Only the texts go on to the catalog.
    assert meta["related"] == ["a", " b "]


def test_an_empty_text_is_reported_once_per_key():
    found, meta = problems("---\nsummary: ' '\ncategory: ''\n---\n\n# Q?\n")
    assert found == [
        "docs/faq/pay.md:2: 'summary' is empty (give 'summary' a value)",
        "docs/faq/pay.md:3: 'category' is empty (give 'category' a value)",
    ]
    assert meta == {"summary": " ", "category": ""}


def test_missing_keys_each_with_their_hint_and_a_missing_title():
    found, _ = problems("---\ncategory: nothing-like\n---\nno title\n", "templates/t.md")
    assert found == [
        "docs/templates/t.md:1: missing required key 'summary' (add 'summary: ...' to the front "
        "matter (one or two sentences that answer the question))",
        "docs/templates/t.md:1: missing required key 'subjects' (add 'subjects: ...' to the "
        "front matter (a list of subject lines))",
        "docs/templates/t.md:2: unknown category 'nothing-like' (use one of: account, billing)",
        "docs/templates/t.md:4: no title heading (start the text with a line such as '# How do "
        "I reset my password?')",
    ]
    # Each missing key is reported, whichever are written.
    found, _ = problems("---\nsummary: s\n---\n\n# Q?\n")
    assert found == [
        "docs/faq/pay.md:1: missing required key 'category' (add 'category: ...' to the front "
        "matter (one of the categories in mkdocs.yml under extra.kb.categories))",
    ]
    found, _ = problems("# Q?\n")
    assert found == [
        "docs/faq/pay.md:1: missing required key 'summary' (add 'summary: ...' to the front "
        "matter (one or two sentences that answer the question))",
        "docs/faq/pay.md:1: missing required key 'category' (add 'category: ...' to the front "
        "matter (one of the categories in mkdocs.yml under extra.kb.categories))",
    ]


def test_a_key_of_the_wrong_type_is_not_also_missing():
    found, _ = problems("---\nsummary: [a]\ncategory: billing\n---\n\n# Q?\n")
    assert found == [
        "docs/faq/pay.md:2: 'summary' must be a text, not a list (write 'summary' as a text)"
    ]


def test_unknown_keys_suggest_the_nearest_or_list_the_allowed_ones():
    found, meta = problems(FAQ.format("hide: [a]\ncategry: x\n"))
    assert found == [
        "docs/faq/pay.md:4: unknown key 'hide' (allowed keys: accept, category, keywords, "
        "machine_readable, related, source_hash, structured_data, summary, updated)",
        "docs/faq/pay.md:5: unknown key 'categry' (did you mean 'category'?)",
    ]
    # Pages take Material's own keys, and require none.
    found, _ = problems("---\nhide: [toc]\ntitle: Home\nzzzz: 1\n---\n", "index.md")
    assert found == [
        "docs/index.md:4: unknown key 'zzzz' (allowed keys: accept, description, hide, "
        "machine_readable, search, source_hash, structured_data, summary, template, title)"
    ]


def test_a_key_that_yaml_reads_as_a_number_a_date_or_null_is_located_not_a_crash():
    found, meta = problems(FAQ.format("1: x\n2026-01-02: y\n? null\n: z\ntrue: w\n'3': q\n"))
    fix = "write setting names as words, such as 'summary'"
    assert found == [
        f"docs/faq/pay.md:4: unknown key '1' ({fix})",
        f"docs/faq/pay.md:5: unknown key '2026-01-02' ({fix})",
        f"docs/faq/pay.md:6: unknown key 'null' ({fix})",
        f"docs/faq/pay.md:8: unknown key 'true' ({fix})",
        "docs/faq/pay.md:9: unknown key '3' (allowed keys: accept, category, keywords, "
        "machine_readable, related, "
        "source_hash, structured_data, summary, updated)",
    ]
    assert meta == {"summary": "s", "category": "billing", "3": "q"}


def test_ids_of_entries_but_not_of_pages_must_be_valid():
    found, _ = problems(FAQ.format(""), "faq/Pay_Now.md")
    assert found == [
        "docs/faq/Pay_Now.md:1: 'Pay_Now' is not a valid id (rename the file with lower-case "
        "letters, digits and hyphens only)"
    ]
    entry = parse_entry("faq/Pay_Now.md", "docs/faq/Pay_Now.md", FAQ.format(""), "en")
    assert check_entry(entry, CATEGORIES, "en")[0].fatal
    assert problems("# Home\n", "About_Us.md") == ([], {})


def test_source_hash_only_in_translations_and_as_the_tool_writes_it():
    found, meta = problems(FAQ.format("source_hash: 'abcdef12'\n"))
    assert found == [
        "docs/faq/pay.md:4: 'source_hash' belongs in translations only (remove it: this file is "
        "the source that translations record)"
    ]
    assert "source_hash" not in meta
    found, meta = problems(FAQ.format("source_hash: 'ABCDEF12'\n"), "faq/pay.sl.md", "sl")
    assert found == [
        "docs/faq/pay.sl.md:4: 'source_hash' must be 8 hexadecimal digits, not 'ABCDEF12' (let "
        "the tool write it: scripts/kb.py translations --update docs/faq/pay.sl.md)"
    ]
    assert "source_hash" not in meta
    found, meta = problems(FAQ.format("source_hash: 'abcdef12'\n"), "faq/pay.sl.md", "sl")
    assert found == [] and meta["source_hash"] == "abcdef12"


ACCEPT = """\
---
summary: s
accept:
  - check: numbers
    value: "SI-12345"
    reason: localised order number
    extra: dropped later
  - {check: links, reason: a local page}
  - just text
  - {check: numbrs, reason: r}
  - {check: zzzz, reason: r}
  - {value: "5", reason: r}
  - {check: numbers, value: 5, reason: r}
  - {check: numbers, value: " ", reason: r}
  - {check: headings, reason: " "}
  - {check: headings}
  - {check: headings, value: "Uvod", reason: shorter}
---

# Q?
"""


def test_each_accepted_difference_is_checked_at_its_own_line():
    found, meta = problems(ACCEPT, "faq/pay.sl.md", "sl")
    where = "docs/faq/pay.sl.md"
    checks = "numbers, links, headings, fences, subjects, placeholders, admonitions"
    assert found == [
        f"{where}:4: item 1 of 'accept': unknown key 'extra' (use check, value, reason)",
        f"{where}:9: item 3 of 'accept' must be a group of settings, not the text 'just text' "
        '(write {check: numbers, value: "SI-12345", reason: localised order number})',
        f"{where}:10: item 4 of 'accept': unknown check the text 'numbrs' "
        "(did you mean 'numbers'?)",
        f"{where}:11: item 5 of 'accept': unknown check the text 'zzzz' (use one of {checks})",
        f"{where}:12: item 6 of 'accept' has no 'check' (add check: one of {checks})",
        f"{where}:13: item 7 of 'accept': 'value' must be a text, not the number 5 "
        '(quote it, for example value: "5")',
        f"{where}:14: item 8 of 'accept': 'value' must be a text, not the text ' ' "
        '(quote it, for example value: "5")',
        f"{where}:15: item 9 of 'accept' has no reason (add reason: why the translation "
        "differs here)",
        f"{where}:16: item 10 of 'accept' has no reason (add reason: why the translation "
        "differs here)",
    ]
    # Items keep their places: a wrong one becomes None, a right one keeps only its keys.
    assert meta["accept"] == [None, {"check": "links", "reason": "a local page"}] + [None] * 8 + [
        {"check": "headings", "value": "Uvod", "reason": "shorter"}
    ]


def test_accept_belongs_in_translations_only():
    found, meta = problems(FAQ.format("accept: [{check: links, reason: r}]\n"))
    assert found == [
        "docs/faq/pay.md:4: 'accept' belongs in translations only (remove it: differences are "
        "accepted in the translation that has them)"
    ]
    assert "accept" not in meta


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "---\nsummary: [a\n---\n",
            "docs/faq/pay.md:3: front matter is not valid YAML: expected ',' or ']', but got "
            "'<stream end>' (check the indentation and quote values that contain ': ' or start "
            "with [ or *)",
        ),
        (
            "---\nsummary: x\n  bad: indent\n---\n",
            "docs/faq/pay.md:3: front matter is not valid YAML: mapping values are not allowed "
            "here (check the indentation and quote values that contain ': ' or start with [ or *)",
        ),
        (
            "---\njust text\n---\n",
            "docs/faq/pay.md:2: front matter must be a list of 'key: value' settings (write one "
            "setting per line, such as 'summary: ...')",
        ),
        (
            # A mapping YAML reads as something else (a set) is no list of settings either.
            "---\n!!set {a, b}\n---\n",
            "docs/faq/pay.md:2: front matter must be a list of 'key: value' settings (write one "
            "setting per line, such as 'summary: ...')",
        ),
        (
            "---\r\nsummary: x\r\n",
            "docs/faq/pay.md:1: front matter is not closed (end the settings block with a line "
            "of three dashes: ---)",
        ),
    ],
)
def test_front_matter_that_cannot_be_read_stops_with_its_line(text, message):
    with pytest.raises(ContentError) as caught:
        parse_entry("faq/pay.md", "docs/faq/pay.md", text, "en")
    assert str(caught.value.problem) == message and caught.value.problem.fatal


def test_front_matter_opens_and_closes_as_mkdocs_reads_it():
    entry = parse_entry("faq/pay.md", "docs/faq/pay.md", "--- \nsummary: s\n... \n\n# Q?\n", "en")
    assert entry.meta == {"summary": "s"} and (entry.title, entry.title_line) == ("Q?", 5)
    assert entry.body == "\n# Q?\n" and entry.body_line == 4
    # Four dashes open no front matter: the text is all body.
    entry = parse_entry("faq/pay.md", "docs/faq/pay.md", "----\nsummary: s\n", "en")
    assert entry.meta == {} and entry.body == "----\nsummary: s\n" and entry.body_line == 1
    entry = parse_entry("faq/pay.md", "docs/faq/pay.md", "XML export\n", "en")
    assert entry.body == "XML export\n"
    # Without a level-1 heading there is no title, and no line of it.
    assert (entry.title, entry.title_line) == (None, 0)
    # An empty block of settings is no settings.
    entry = parse_entry("faq/pay.md", "docs/faq/pay.md", "---\n\n---\n# T #\n", "en")
    assert entry.meta == {} and (entry.title, entry.title_line) == ("T", 4)


def test_an_empty_front_matter_block_is_read_as_no_settings_not_as_unclosed():
    missing = [
        "docs/faq/pay.md:1: missing required key 'summary' (add 'summary: ...' to the front "
        "matter (one or two sentences that answer the question))",
        "docs/faq/pay.md:1: missing required key 'category' (add 'category: ...' to the front "
        "matter (one of the categories in mkdocs.yml under extra.kb.categories))",
    ]
    for text in ("---\n---\n\n# Q?\n", "--- \n...\t\n\n# Q?\n", "---\r\n---\r\n\r\n# Q?\r\n"):
        found, meta = problems(text)
        assert found == missing and meta == {}
        entry = parse_entry("faq/pay.md", "docs/faq/pay.md", text, "en")
        assert entry.body == "\n# Q?\n" and entry.body_line == 3
        assert (entry.title, entry.title_line) == ("Q?", 4)
    # A block with settings after an empty first line is still read whole.
    found, meta = problems("---\n---\nsummary: s\ncategory: billing\n---\n\n# Q?\n")
    assert found == [] and meta == {"summary": "s", "category": "billing"}


def test_sources_are_classified_by_folder_and_language_suffix():
    assert kind_and_id("faq/pay.md") == ("faq", "pay")
    assert kind_and_id("guides/set-up.md") == ("guide", "set-up")
    assert kind_and_id("templates/welcome.md") == ("template", "welcome")
    assert kind_and_id("faq/index.md") == ("page", "")
    assert kind_and_id("faq/more/pay.md") == ("page", "")
    assert kind_and_id("about.md") == ("page", "")
    assert source_uri("faq/pay.pt-BR.md") == "faq/pay.md"
    assert source_uri("faq/pay.zh_Hant.md") == "faq/pay.md"
    assert source_uri("faq/pay.v2.md") == "faq/pay.v2.md"
    assert source_uri("faq/pay.md") == "faq/pay.md"
    assert source_uri("notes.md") == "notes.md"
    # Only a configured language is a language suffix.
    assert split_language("faq/pay.v2.md", ["en", "sl"]) == ("faq/pay.v2.md", None)
    assert split_language("en.md", ["en", "sl"]) == ("en.md", None)
    assert split_language("faq/pay.lv.md", ["en", "sl"]) == ("faq/pay.lv.md", None)
    entry = parse_entry("faq/pay.sl.md", "docs/faq/pay.sl.md", "# V?\n", "sl")
    assert (entry.kind, entry.id, entry.default_uri) == ("faq", "pay", "faq/pay.md")


def test_every_required_key_has_a_hint():
    required = {key for _, keys in content.SCHEMAS.values() for key in keys}
    assert required <= set(content._REQUIRED_HINTS)


def test_a_key_after_accept_is_still_checked():
    text = "---\nsummary: s\naccept: [{check: links, reason: r}]\nupdated: x\n---\n\n# V?\n"
    found, meta = problems(text, "faq/pay.sl.md", "sl")
    assert found == [
        "docs/faq/pay.sl.md:4: 'updated' must be a date written YYYY-MM-DD, not the text 'x' "
        "(write 'updated' as a date written YYYY-MM-DD)"
    ]
    assert meta["accept"] == [{"check": "links", "reason": "r"}]


def test_a_character_yaml_cannot_read_stops_at_the_front_matter():
    # PyYAML's reader locates no line for it: the front matter's first line stands in.
    with pytest.raises(ContentError) as caught:
        parse_entry("faq/pay.md", "docs/faq/pay.md", "---\nsummary: a\x01b\n---\n", "en")
    assert str(caught.value.problem) == (
        "docs/faq/pay.md:1: front matter is not valid YAML: unacceptable character #x0001: "
        "special characters are not allowed (check the indentation and quote values that "
        "contain ': ' or start with [ or *)"
    )


def test_a_separator_after_a_leading_blank_line_is_located_from_the_first_line():
    entry = parse_entry("faq/pay.md", "docs/faq/pay.md", "\n# Q\u2028A\n", "en")
    assert [str(problem) for problem in entry.problems] == [
        "docs/faq/pay.md:2: invisible U+2028 LINE SEPARATOR at column 4 would break the line "
        "there on the site (remove it, or write &#x2028; where it must stay)"
    ]
