"""How well each language's analyser groups the forms of a word, against a dictionary.

    python scripts/bench/stemmers.py [--words 10000] [--half held-out|tuning|all] [--show 0]

The yardstick is a lemmatiser nobody here wrote: simplemma's dictionary (a test and benchmark
dependency only). The vocabulary is the most frequent words of each language in wordfreq's
list, keeping those made of letters that simplemma's dictionary knows and that are not stop
words (they never reach the index); each word's lemma is the dictionary's. Everything is
offline: both packages ship their data.

The measures are over pairs of words of the vocabulary:

- recall: of the pairs that share a lemma, the share that the analyser gives the same terms;
- precision: of the pairs that get the same terms, the share that share a lemma;
- F1: their harmonic mean;
- diacritic robustness: the share of words whose terms stay the same when the word is written
  without diacritics (as customers often type).

The lemmas are split into two halves by a hash of the lemma, so that every pair of forms of a
lemma falls in one half: rules are tuned on the tuning half, and the figures reported are those
of the held-out half, which is never looked at while tuning.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

LANGUAGES = ("en", "sl", "lv")
HALVES = ("held-out", "tuning", "all")


@dataclass(frozen=True)
class Scores:
    """Pair-based agreement of an analyser with a lemmatiser over one vocabulary."""

    words: int
    lemma_pairs: int
    term_pairs: int
    shared_pairs: int
    robust: int

    @property
    def recall(self) -> float:
        """Pairs of one lemma that get one term, over all pairs of one lemma."""
        return self.shared_pairs / self.lemma_pairs if self.lemma_pairs else 1.0

    @property
    def precision(self) -> float:
        """Pairs sharing a term that are one lemma, over all pairs sharing a term."""
        return self.shared_pairs / self.term_pairs if self.term_pairs else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of recall and precision."""
        total = self.recall + self.precision
        return 2 * self.recall * self.precision / total if total else 0.0

    @property
    def robustness(self) -> float:
        """Words whose terms do not change when written without diacritics."""
        return self.robust / self.words if self.words else 1.0


def _pairs(counts: Iterable[int]) -> int:
    """The number of unordered pairs within groups of these sizes."""
    return sum(n * (n - 1) // 2 for n in counts)


def score(
    lexicon: dict[str, str],
    terms_of: Callable[[str], object],
    plain_of: Callable[[str], str] = lambda word: word,
) -> Scores:
    """Scores `terms_of` against `lexicon` (word -> lemma); `plain_of` strips diacritics."""
    terms = {word: terms_of(word) for word in lexicon}
    return Scores(
        words=len(lexicon),
        lemma_pairs=_pairs(Counter(lexicon.values()).values()),
        term_pairs=_pairs(Counter(terms.values()).values()),
        shared_pairs=_pairs(Counter((lexicon[w], terms[w]) for w in lexicon).values()),
        robust=sum(terms_of(plain_of(word)) == terms[word] for word in lexicon),
    )


def half_of(lemma: str) -> str:
    """The half a lemma belongs to, by a stable hash (the same on every machine and run)."""
    digest = hashlib.sha256(lemma.encode("utf-8")).digest()
    return "tuning" if digest[0] % 2 == 0 else "held-out"


def split(lexicon: dict[str, str], half: str) -> dict[str, str]:
    """The words of `lexicon` whose lemma is in `half` ("all": every word)."""
    if half == "all":
        return dict(lexicon)
    return {word: lemma for word, lemma in lexicon.items() if half_of(lemma) == half}


def lexicon(lang: str, size: int) -> dict[str, str]:
    """The `size` most frequent words of `lang` that simplemma knows, each with its lemma."""
    import wordfreq
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    from helpfirst.analysis import analyse, stopwords

    dictionary = DefaultDictionaryFactory().get_dictionary(lang)
    stop = stopwords(lang)
    words = {}
    for word in wordfreq.top_n_list(lang, size):
        if not word.isalpha() or word in stop or word not in dictionary:
            continue
        # A word the analyser drops (a stop word once folded) never reaches the index.
        if analyse(word, lang):
            words[word] = dictionary[word].lower()
    return words


def analyser(lang: str) -> Callable[[str], tuple[str, ...]]:
    """The terms our analyser gives one word, as a comparable tuple."""
    from helpfirst.analysis import analyse

    return lambda word: tuple(analyse(word, lang))


def plain(word: str) -> str:
    """The word written without diacritics, as typed on a keyboard without them."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def report(size: int, half: str, show: int) -> str:
    """The table of every language's figures, and (with `show`) the worst groups."""
    lines = [
        f"Vocabulary: the {size:,} most frequent words of wordfreq, known to simplemma; "
        f"half: {half}.",
        "",
        "| language | words | recall | precision | F1 | unchanged without diacritics |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    details = []
    for lang in LANGUAGES:
        words = split(lexicon(lang, size), half)
        terms_of = analyser(lang)
        s = score(words, terms_of, plain)
        lines.append(
            f"| {lang} | {s.words:,} | {s.recall:.2f} | {s.precision:.2f} | {s.f1:.2f} "
            f"| {s.robustness:.2f} |"
        )
        if show:
            details.extend(_worst(lang, words, terms_of, show))
    return "\n".join(lines + details)


def _worst(lang, words, terms_of, count) -> list[str]:
    """The lemmas split most and the terms that merge most lemmas, for tuning."""
    by_lemma, by_term = {}, {}
    for word, lemma in words.items():
        by_lemma.setdefault(lemma, {}).setdefault(terms_of(word), []).append(word)
        by_term.setdefault(terms_of(word), {}).setdefault(lemma, []).append(word)

    def lost(groups):
        total = sum(len(g) for g in groups.values())
        return _pairs([total]) - _pairs(len(g) for g in groups.values())

    lines = ["", f"{lang}: lemmas split most"]
    for lemma, groups in sorted(by_lemma.items(), key=lambda i: -lost(i[1]))[:count]:
        lines.append(f"  {lemma}: " + " | ".join(" ".join(g) for g in groups.values()))
    lines.append(f"{lang}: terms that merge most lemmas")
    for term, groups in sorted(by_term.items(), key=lambda i: -lost(i[1]))[:count]:
        merged = " | ".join(f"{lemma}: {' '.join(g)}" for lemma, g in groups.items())
        lines.append(f"  {' '.join(term)}: {merged}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Prints the table; with --show N, the N worst splits and merges per language."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=10000)
    parser.add_argument("--half", choices=HALVES, default="held-out")
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args(argv)
    print(report(args.words, args.half, args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
