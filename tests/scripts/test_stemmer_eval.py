"""The stemmer evaluation's measures on a tiny hand-made lexicon, whose figures are worked out
by hand below, and one small end-to-end run against the dictionary."""

from __future__ import annotations

import pytest

from scripts.bench import stemmers as bench

# Three lemmas: A has three forms, B two, C one. The "analyser" below gives:
#   a1 a2 b2 -> x    a3 b1 c1 -> y
# Pairs of one lemma: A 3, B 1, C 0 = 4. Pairs sharing a term: x 3, y 3 = 6.
# Pairs of both: (A, x) a1-a2 = 1. Recall 1/4, precision 1/6, F1 2*(1/24)/(5/12) = 0.2.
LEXICON = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "c1": "C"}
TERMS = {"a1": "x", "a2": "x", "b2": "x", "a3": "y", "b1": "y", "c1": "y"}


def test_pair_counts_recall_precision_and_f1_of_a_hand_made_lexicon():
    scores = bench.score(LEXICON, lambda word: TERMS.get(word, word))
    assert (scores.words, scores.lemma_pairs, scores.term_pairs, scores.shared_pairs) == (
        6,
        4,
        6,
        1,
    )
    assert scores.recall == pytest.approx(1 / 4)
    assert scores.precision == pytest.approx(1 / 6)
    assert scores.f1 == pytest.approx(0.2)


def test_robustness_counts_words_whose_terms_change_without_diacritics():
    # c1 "without diacritics" is C1, which the analyser does not know: its terms change.
    scores = bench.score(
        LEXICON, lambda word: TERMS.get(word, word), lambda word: word.replace("c", "C")
    )
    assert scores.robust == 5
    assert scores.robustness == pytest.approx(5 / 6)


def test_an_analyser_that_keeps_every_word_apart_is_precise_and_recalls_nothing():
    scores = bench.score(LEXICON, lambda word: word)
    assert (scores.recall, scores.precision, scores.robustness) == (0.0, 1.0, 1.0)


def test_an_analyser_that_merges_everything_recalls_every_pair():
    scores = bench.score(LEXICON, lambda word: "one")
    assert scores.recall == 1.0
    assert scores.precision == pytest.approx(4 / 15)


def test_the_halves_split_by_lemma_deterministically():
    lexicon = {f"{lemma}{n}": lemma for lemma in ("hisa", "pisati", "raksts", "A") for n in "12"}
    tuning, held_out = bench.split(lexicon, "tuning"), bench.split(lexicon, "held-out")
    assert tuning.keys() | held_out.keys() == lexicon.keys()
    assert not tuning.keys() & held_out.keys()
    # The hash is fixed: the same lemmas fall in the same half on every machine and run.
    assert (bench.half_of("A"), bench.half_of("pisati"), bench.half_of("raksts")) == (
        "held-out",
        "held-out",
        "tuning",
    )
    assert bench.split(lexicon, "all") == lexicon


def test_plain_strips_diacritics():
    assert bench.plain("rakstīšana pošiljajo") == "rakstisana posiljajo"


def test_report_runs_against_the_dictionary(capsys):
    """A small vocabulary, end to end: one row per language, figures between 0 and 1."""
    assert bench.main(["--words", "400", "--half", "all"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| ")]
    assert [row.split("|")[1].strip() for row in rows[1:]] == ["en", "sl", "lv"]
    for row in rows[1:]:
        figures = [float(cell) for cell in row.split("|")[3:7]]
        assert all(0.0 <= figure <= 1.0 for figure in figures)
