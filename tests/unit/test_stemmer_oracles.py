"""The stemmers against oracles that owe nothing to our code: Porter's published vocabulary and
output lists, and Slovenian and Latvian paradigms written from the grammar (see the file's
`about`). tests/browser/test_analysis_js.py holds analysis.js to the same file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpfirst import stemmers
from helpfirst.analysis import analyse, fold, normalise
from helpfirst.stemmers import stem_en

ORACLES = json.loads(
    (Path(__file__).resolve().parents[1] / "vectors" / "stemmer_oracles.json").read_text(
        encoding="utf-8"
    )
)
PORTER = [(row["rule"], word, stem) for row in ORACLES["porter"] for word, stem in row["pairs"]]


@pytest.mark.parametrize(("rule", "word", "stem"), PORTER, ids=lambda value: str(value))
def test_porter_published_output(rule, word, stem):
    assert stem_en(word) == stem, rule


def test_every_porter_rule_of_steps_2_to_4_has_a_published_pair():
    covered = {row["rule"] for row in ORACLES["porter"] if row["pairs"]}
    rules = [suffix for suffix, _ in stemmers._EN_STEP2 + stemmers._EN_STEP3]
    assert set(rules + list(stemmers._EN_STEP4)) <= covered


@pytest.mark.parametrize(
    "paradigm", ORACLES["paradigms"], ids=lambda p: f"{p['lang']}-{p['lemma']}"
)
def test_paradigm_from_the_grammar_meets_on_its_stem(paradigm):
    """Every form, with and without diacritics, gives exactly the hand-derived stem."""
    lang = paradigm["lang"]
    forms = paradigm["forms"] + [fold(normalise(form)) for form in paradigm["forms"]]
    got = {form: analyse(form, lang) for form in forms}
    assert got == {form: [paradigm["stem"]] for form in forms}, paradigm["rules"]


def test_every_slovenian_ending_is_in_a_paradigm_row():
    """Each ending of the table ends some form of a row (its rule then stems that form)."""
    forms = [
        fold(normalise(form))
        for paradigm in ORACLES["paradigms"]
        if paradigm["lang"] == "sl"
        for form in paradigm["forms"]
    ]
    assert [e for e in stemmers._SL_ENDINGS if not any(f.endswith(e) for f in forms)] == []


@pytest.mark.parametrize("split", ORACLES["splits"], ids=lambda s: f"{s['lang']}-{s['lemma']}")
def test_known_split_is_still_a_split(split):
    """When one of these starts to conflate, move it to the paradigms."""
    stems = {tuple(analyse(form, split["lang"])) for form in split["forms"]}
    assert len(stems) > 1, split["why"]
