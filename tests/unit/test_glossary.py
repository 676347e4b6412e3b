"""The terminology glossary on its own: reading a glossary file and finding variants."""

from __future__ import annotations

from helpfirst import glossary, synonyms
from helpfirst.content import parse_entry
from tests.conftest import ROOT


def _glossary(tmp_path, text, name="en.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return glossary.load(path, f"glossary/{name}")


def test_variants_match_whole_words_in_any_case_with_inflection(tmp_path):
    terms, problems = _glossary(
        tmp_path, "customer portal: [client portal]\nnaročilo: [portal* strank]\n"
    )
    assert problems == []
    found = [written for written, _ in terms.find("Our Client  Portal and portalu strank.")]
    assert found == ["Client  Portal", "portalu strank"]
    assert terms.find("the client portals page") == []  # no * : whole word only


def test_prose_is_checked_but_keywords_code_and_link_targets_are_not(tmp_path):
    terms, _ = _glossary(tmp_path, "customer portal: [client portal]\n")
    text = (
        "---\nsummary: Sign in to the client portal.\ncategory: x\nkeywords: [client portal]\n---\n\n"
        "# Q?\n\nUse `client portal` or [the portal](client-portal.md).\n\n"
        "```text\nclient portal\n```\n\nThe client portal is open.\n"
    )
    entry = parse_entry("faq/q.md", "docs/faq/q.md", text, "en")
    assert [str(p) for p in glossary.check(entry, terms)] == [
        "docs/faq/q.md:2: 'client portal' is not the glossary term (write 'customer portal', as glossary/en.yml says)",
        "docs/faq/q.md:15: 'client portal' is not the glossary term (write 'customer portal', as glossary/en.yml says)",
    ]


def test_a_broken_glossary_is_reported_with_its_line(tmp_path):
    _, problems = _glossary(tmp_path, "open rate: [open-rate]\nbounce rate: bounced\n")
    assert [str(p) for p in problems] == [
        "glossary/en.yml:2: each term needs a list of variants (write 'bounce rate: [variant, variant]')"
    ]


def test_the_project_glossaries_read_cleanly():
    paths = sorted((ROOT / "glossary").glob("*.yml"))
    for path in paths:
        if synonyms.FILE_PATTERN.match(path.name):
            sets, problems = synonyms.load(path, path.name)
            assert problems == [] and sets, path
            continue
        terms, problems = glossary.load(path, path.name)
        assert problems == [] and terms.terms, path
    assert len(synonyms.files(ROOT / "glossary")) == 3
