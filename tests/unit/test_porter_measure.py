"""The conditions of Porter's (1980) paper, on the paper's own examples: the measure m, *v*, *d
and *o, and the words it stems through several steps. The affix-table recipe of the Latvian
stemmer on a table written here."""

from __future__ import annotations

import pytest

from helpfirst import stemmers
from helpfirst.stemmers import stem_en


@pytest.mark.parametrize(
    ("measure", "words"),
    [
        # The paper's examples for m = 0, 1 and 2; TOY's y follows a vowel, so it is a consonant.
        (0, "tr ee tree y by"),
        (1, "trouble oats trees ivy toy"),
        (2, "troubles private oaten orrery"),
    ],
)
def test_the_measure_of_the_papers_examples(measure, words):
    assert {word: stemmers._en_measure(word) for word in words.split()} == dict.fromkeys(
        words.split(), measure
    )


def test_the_conditions_of_the_paper():
    # *o: consonant-vowel-consonant, the last not w, x or y (-WIL, -HOP).
    cvc = {word: stemmers._en_cvc(word) for word in "wil hop wow box hoy oh".split()}
    assert cvc == {"wil": True, "hop": True, "wow": False, "box": False, "hoy": False, "oh": False}
    # *d: a double consonant.
    double = {word: stemmers._en_double_consonant(word) for word in "hopp fall ss aa s".split()}
    assert double == {"hopp": True, "fall": True, "ss": True, "aa": False, "s": False}
    # *v*: a vowel, y counting as one after a consonant.
    vowel = {word: stemmers._en_has_vowel(word) for word in "sky by tr y".split()}
    assert vowel == {"sky": True, "by": True, "tr": False, "y": False}


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        # Step 1b's repairs: a double consonant is undone except l, s and z.
        ("hissing", "hiss"),
        ("fizzed", "fizz"),
        ("tanned", "tan"),
        ("failing", "fail"),
        ("caress", "caress"),
        # Words the paper takes through several steps.
        ("generalizations", "gener"),
        ("oscillators", "oscil"),
        ("sensational", "sensat"),
        # Worked out by hand from the rules: SSES -> SS before step 3's NESS; (m > 0) EED
        # measures the stem before EED (proc); *v* counts y after a consonant (dy); AT -> ATE
        # lets step 4 take ATE off.
        ("businesses", "busi"),
        ("illnesses", "ill"),
        ("proceed", "proce"),
        ("dyed", "dy"),
        ("dying", "dy"),
        ("skiing", "ski"),
        ("activating", "activ"),
        # (m > 1 and (*S or *T)) ION: only after s or t.
        ("expansion", "expans"),
        ("religion", "religion"),
        ("opinion", "opinion"),
        # Two letters are left alone; YES loses its s like any plural.
        ("as", "as"),
        ("is", "is"),
        ("yes", "ye"),
        ("feeds", "feed"),
        ("bleed", "bleed"),
    ],
)
def test_words_the_paper_takes_through_several_steps(word, stem):
    assert stem_en(word) == stem


def test_the_latvian_table_is_folded_in_order_keeping_the_first_of_each_affix():
    published = (("ām", 1, False), ("am", 2, True), ("ī", 0, True), ("ši", 3, False))
    assert stemmers._folded_table(published) == (("am", 1, False), ("i", 0, True), ("si", 3, False))
    assert stemmers._fold_affix("ķēžu") == "kezu"


def test_rules_are_tried_longest_suffix_first():
    # Porter obeys only the longest matching suffix, whatever order the rules are written in.
    pairs = (("al", ""), ("ational", "ate"), ("tional", "tion"))
    assert stemmers._longest_first(pairs) == (("ational", "ate"), ("tional", "tion"), ("al", ""))
    assert stemmers._longest_first(("ic", "ement", "ance", "al")) == ("ement", "ance", "ic", "al")


def test_a_doubled_y_ends_in_a_vowel():
    # The second y follows a consonant (the first y, which follows a vowel), so it is a vowel.
    assert not stemmers._en_double_consonant("ayy")


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        # (m > 0) EED → EE measures the whole stem before EED: AG has m = 1, its A alone m = 0.
        ("ageed", "age"),
        # BL → BLE lets step 4 take ABLE off a stem with m > 1 (DISEN), in a made-up word as
        # no English one is long enough.
        ("disenabling", "disen"),
        ("disenabled", "disen"),
    ],
)
def test_rules_seen_only_in_made_up_words(word, stem):
    assert stem_en(word) == stem
