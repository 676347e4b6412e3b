"""Light stemmers for English, Slovenian and Latvian, working on folded, lower-case input.

Each stemmer takes one term that has already been normalised, lower-cased and folded to base
letters (see `analysis.fold`) and returns its stem. They only touch terms made of the letters
a-z: anything else (numbers, other scripts, letters the folding map does not cover) comes back
unchanged, so that lengths and positions mean the same in Python and in JavaScript, whose
strings count UTF-16 units. `overrides/assets/kb/analysis.js` implements the same rules; the
shared vectors in `tests/vectors/analysers.json` hold the two together.
"""

from __future__ import annotations

import re
import unicodedata

_ASCII_WORD = re.compile(r"[a-z]+")
_VOWELS = frozenset("aeiou")


def stemmable(term: str) -> bool:
    """True when `term` is made only of the letters a-z, the only input the stemmers change."""
    return _ASCII_WORD.fullmatch(term) is not None


# --- English: Porter (1980) ------------------------------------------------------------------
# The original algorithm, written here (not lunr's) because lunr.py's and lunr.js's Porter
# stemmers disagree on words such as "lay" and "try".

_EN_STEP2 = (
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("abli", "able"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
)
_EN_STEP3 = (
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
)
_EN_STEP4 = (
    "al",
    "ance",
    "ence",
    "er",
    "ic",
    "able",
    "ible",
    "ant",
    "ement",
    "ment",
    "ent",
    "ion",
    "ou",
    "ism",
    "ate",
    "iti",
    "ous",
    "ive",
    "ize",
)


def _longest_first(rules):
    """Orders suffix rules longest first: Porter obeys only the longest matching suffix."""
    return tuple(sorted(rules, key=lambda rule: -len(rule[0] if isinstance(rule, tuple) else rule)))


_EN_STEP2 = _longest_first(_EN_STEP2)
_EN_STEP3 = _longest_first(_EN_STEP3)
_EN_STEP4 = _longest_first(_EN_STEP4)


def _en_consonant(word: str, i: int) -> bool:
    """Porter's consonant: not a vowel, and `y` only when it follows a vowel (or starts)."""
    char = word[i]
    if char in _VOWELS:
        return False
    if char == "y":
        return i == 0 or not _en_consonant(word, i - 1)
    return True


def _en_measure(stem: str) -> int:
    """Porter's m: the number of vowel-consonant sequences in [C](VC)^m[V]."""
    count, i, length = 0, 0, len(stem)
    while i < length and _en_consonant(stem, i):
        i += 1
    while i < length:
        while i < length and not _en_consonant(stem, i):
            i += 1
        if i >= length:
            break
        while i < length and _en_consonant(stem, i):
            i += 1
        count += 1
    return count


def _en_has_vowel(stem: str) -> bool:
    """Porter's *v*: the stem contains a vowel."""
    return any(not _en_consonant(stem, i) for i in range(len(stem)))


def _en_double_consonant(word: str) -> bool:
    """Porter's *d: the word ends with a doubled consonant."""
    return len(word) >= 2 and word[-1] == word[-2] and _en_consonant(word, len(word) - 1)


def _en_cvc(word: str) -> bool:
    """Porter's *o: ends consonant-vowel-consonant, the last not w, x or y."""
    n = len(word)
    return (
        n >= 3
        and _en_consonant(word, n - 3)
        and not _en_consonant(word, n - 2)
        and _en_consonant(word, n - 1)
        and word[-1] not in "wxy"
    )


def _en_replace(word: str, rules, minimum: int) -> str:
    """Applies the longest matching (suffix, replacement) rule when the stem's m > minimum."""
    for suffix, replacement in rules:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            return stem + replacement if _en_measure(stem) > minimum else word
    return word


def stem_en(word: str) -> str:
    """Stems an English term with the Porter (1980) algorithm."""
    if len(word) <= 2 or not stemmable(word):
        return word
    # Step 1a: plurals.
    if word.endswith("sses") or word.endswith("ies"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    # Step 1b: past tense and progressive forms, then repair the stem they leave.
    repair = False
    if word.endswith("eed"):
        if _en_measure(word[:-3]) > 0:
            word = word[:-1]
    elif word.endswith("ed") and _en_has_vowel(word[:-2]):
        word, repair = word[:-2], True
    elif word.endswith("ing") and _en_has_vowel(word[:-3]):
        word, repair = word[:-3], True
    if repair:
        if word.endswith(("at", "bl", "iz")):
            word += "e"
        elif _en_double_consonant(word) and word[-1] not in "lsz":
            word = word[:-1]
        elif _en_measure(word) == 1 and _en_cvc(word):
            word += "e"
    # Step 1c: a final y after a vowel-bearing stem becomes i.
    if word.endswith("y") and _en_has_vowel(word[:-1]):
        word = word[:-1] + "i"
    # Steps 2 and 3: derivational suffixes to simpler ones.
    word = _en_replace(word, _EN_STEP2, 0)
    word = _en_replace(word, _EN_STEP3, 0)
    # Step 4: drop a derivational suffix from a long enough stem.
    for suffix in _EN_STEP4:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if _en_measure(stem) > 1 and (suffix != "ion" or stem.endswith(("s", "t"))):
                word = stem
            break
    # Step 5: a final e, then a final double l.
    if word.endswith("e"):
        stem = word[:-1]
        measure = _en_measure(stem)
        if measure > 1 or (measure == 1 and not _en_cvc(stem)):
            word = stem
    if word.endswith("ll") and _en_measure(word) > 1:
        word = word[:-1]
    return word


# --- Slovenian: a light inflectional stemmer of our own ----------------------------------------
# Step 1 removes one ending (longest first) while at least three letters stay: a noun or
# adjective case ending, or a verb's present or infinitive ending (pis-ati, pis-em, posilj-ajo).
# Step 2 then tidies the stem's end so that every form of a paradigm meets, in this order:
# - a verbal noun's -anj/-enj goes (pisanj-e -> pis, with pisati and pisem);
# - a j after i or a consonant goes, then a final vowel (informacij-a -> informac);
# - -ov/-ev goes (naslov-a and naslov both -> nasl; also the -ov- plural augment);
# - -tv/-kv loses the v (nastavitv-e -> nastavit, like nastavitev);
# - a vowel + t goes (nastavit, rezultat, and pisat from pisati: nouns meet their plurals in
#   -ati/-ete, which step 1 takes for verb endings);
# - a vowel + m goes (program-a and program both -> progr, so nominatives that look like
#   dative/instrumental endings stay with their paradigm);
# - -il/-al goes, unless the stem was soft (the l-participle placal and the noun placil-o
#   both -> plac, with placati; posilj-a keeps posil);
# - the fleeting e of -el/-er/-en/-ec/-ek drops (gesel -> gesl, dober -> dobr);
# - an lj left at the end loses its j (uporabljal -> uporabl, like uporablja).
# Measured against a dictionary (scripts/bench/stemmers.py), the verb endings and -il/-al add
# far more recall than they cost precision, and the pairs they merge across lemmas are mostly
# one family (placilo/placati, pogled/pogledati). Endings never stripped, and why: -eh (uspeh,
# smeh), -mi (filmi, sistemi), -el (model, hotel), the second person -as/-es/-is (napis, opis).

_SL_ENDINGS = (
    "ega",
    "emu",
    "ama",
    "ema",
    "oma",
    "ami",
    "imi",
    "ima",
    "ajo",
    "ejo",
    "ijo",
    "amo",
    "emo",
    "imo",
    "ate",
    "ete",
    "ite",
    "ati",
    "eti",
    "iti",
    "om",
    "em",
    "ov",
    "ev",
    "ih",
    "ah",
    "am",
    "im",
    "jo",
    "a",
    "e",
    "i",
    "o",
    "u",
)
_SL_MIN_STEM = 3


def stem_sl(word: str) -> str:
    """Stems a folded Slovenian term: one inflectional ending, then stem-end normalisation."""
    if len(word) <= _SL_MIN_STEM or not stemmable(word):
        return word
    for ending in _SL_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _SL_MIN_STEM:
            word = word[: -len(ending)]
            break
    # The verbal noun's suffix (pisanje, vprasanje, zivljenje) joins it to its verb.
    if len(word) >= 6 and word[-3:] in ("anj", "enj"):
        word = word[:-3]
    # j after i or a consonant belongs to the ending's soft stem (informacij, vprasanj).
    soft = len(word) >= 4 and word[-1] == "j" and (word[-2] == "i" or word[-2] not in _VOWELS)
    if soft:
        word = word[:-1]
    if len(word) >= 4 and word[-1] in _VOWELS:
        word = word[:-1]
    if len(word) >= 5 and word[-2:] in ("ov", "ev"):
        word = word[:-2]
    if len(word) >= 5 and word[-2:] in ("tv", "kv"):
        word = word[:-1]
    # A vowel + t ends an infinitive's stem and many nouns (pis-at-i, rezultat-i): both go, so
    # that rezultat meets rezultati, predmet predmete and nastavitev nastaviti.
    if len(word) >= 5 and word[-1] == "t" and word[-2] in _VOWELS:
        word = word[:-2]
    if len(word) >= 5 and word[-1] == "m" and word[-2] in _VOWELS:
        word = word[:-2]
    # The l-participle and the -ilo/-alo nouns made from it (placal, placilo -> plac); never
    # the l of a soft lj (posilj-a -> posil stays).
    if not soft and len(word) >= 5 and word[-2:] in ("il", "al"):
        word = word[:-2]
    if len(word) >= 5 and word[-1] in "lrnck" and word[-2] == "e" and word[-3] not in _VOWELS:
        word = word[:-2] + word[-1]
    # The -il/-al rule can leave the soft lj of a -ljati verb.
    if len(word) >= 6 and word.endswith("lj"):
        word = word[:-1]
    return word


# --- Latvian: the light stemmer after Kreslins, adapted to folded input ------------------------
# Kreslins' stemmer leaves verbs alone. Measured against a dictionary (scripts/bench/stemmers.py)
# the infinitive, the past tense's -j-, the debitive's jā- and the verbal noun's -šan- add recall
# at little cost in precision, and join the verb to its verbal noun (rakstīt, rakstīšana).
# The affix table as published (affix, vowel count the word must exceed, un-palatalise after).
# Input is folded before stemming, so the table is folded the same way at import time: each
# affix folded, order kept, later duplicates dropped.
_LV_AFFIXES_PUBLISHED = (
    ("ajiem", 3, False),
    ("ajai", 3, False),
    ("ajam", 2, False),
    ("ajām", 2, False),
    ("ajos", 2, False),
    ("ajās", 2, False),
    ("iem", 2, True),
    ("ajā", 2, False),
    ("ais", 2, False),
    ("ai", 2, False),
    ("ei", 2, False),
    ("ām", 1, False),
    ("am", 1, False),
    ("ēm", 1, False),
    ("īm", 1, False),
    ("im", 1, False),
    ("um", 1, False),
    ("us", 1, True),
    ("as", 1, False),
    ("ās", 1, False),
    ("es", 1, False),
    ("os", 1, True),
    ("ij", 1, False),
    ("īs", 1, False),
    ("ēs", 1, False),
    ("is", 1, False),
    ("ie", 1, False),
    ("u", 1, True),
    ("a", 1, True),
    ("i", 1, True),
    ("e", 1, False),
    ("ā", 1, False),
    ("ē", 1, False),
    ("ī", 1, False),
    ("ū", 1, False),
    ("o", 1, False),
    ("s", 0, False),
    ("š", 0, False),
)


def _fold_affix(affix: str) -> str:
    """Folds a Latvian affix by dropping its combining marks (all of them decompose)."""
    return "".join(c for c in unicodedata.normalize("NFD", affix) if not unicodedata.combining(c))


def _folded_table(published):
    """Folds the published affix table: order kept, later duplicates dropped."""
    table, seen = [], set()
    for affix, vowels, palatal in published:
        folded = _fold_affix(affix)
        if folded not in seen:
            seen.add(folded)
            table.append((folded, vowels, palatal))
    return tuple(table)


LV_AFFIXES = _folded_table(_LV_AFFIXES_PUBLISHED)


def _lv_unpalatalise(stem: str) -> str:
    """Undoes palatalisation after a starred affix; on folded input one rule remains."""
    # On folded input the consonant pairs (šņ -> sn, ļ -> l, ...) are identities, and kš ->
    # kst (pirkšu -> pirkst) would be ks -> kst, which splits the far more frequent -ks- stems
    # (apmaksa, apmaksu): it is left out. What remains is the epenthetic j after a labial.
    if len(stem) >= 2 and stem[-1] == "j" and stem[-2] in "pbmv":
        return stem[:-1]
    return stem


def _lv_drop_vowel_j(stem: str) -> str:
    """Drops a final vowel + j (lietotāj-, the past tense's rakstīj-, lietoj-) from a long stem."""
    if len(stem) >= 5 and stem[-1] == "j" and stem[-2] in _VOWELS:
        return stem[:-2]
    return stem


def _lv_infinitive(word: str) -> str | None:
    """The stem of an infinitive (rakstīt, atcerēties -> rakst, atcer), or None."""
    # Latvian nouns and adjectives end in -s, -š, -a, -e, -is, -us..., never in a vowel + t
    # or + ties: such words are infinitives (or gerunds in -ot), whose thematic vowel goes too.
    for ending in ("ties", "t"):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 4 and stem[-1] in _VOWELS:
            return _lv_drop_vowel_j(stem[:-1])
    return None


def stem_lv(word: str) -> str:
    """Stems a folded Latvian term: an infinitive's ending, or one affix and stem-end rules."""
    if not stemmable(word):
        return word
    # The debitive's jā- (jāmaksā, jāizdara); jau- (jauns, jautājums) is never a debitive.
    if len(word) >= 6 and word.startswith("ja") and word[2] != "u":
        word = word[2:]
    infinitive = _lv_infinitive(word)
    if infinitive is not None:
        return infinitive
    vowels = sum(1 for c in word if c in _VOWELS)
    for affix, vowel_count, palatal in LV_AFFIXES:
        if len(word) >= len(affix) + 3 and word.endswith(affix) and vowels > vowel_count:
            word = word[: -len(affix)]
            if palatal:
                word = _lv_unpalatalise(word)
            break
    # Folding merges -āj- (lietotājs, lietotāja) with the definite -aj- endings, so the folded
    # table strips "aja"/"ajam" from some forms and only "a"/"s" from others (or nothing, from
    # the vocative lietotāj); dropping a final vowel + j puts every form on one stem (lietot),
    # and the past tense (rakstīja, lietoja) on its verb's.
    word = _lv_drop_vowel_j(word)
    # The -iet- nouns palatalise t to š before some endings (vīrietis, vīrieši).
    if len(word) >= 6 and word.endswith("iet"):
        word = word[:-1] + "s"
    # The verbal noun's -šan- and its thematic vowel (rakstīšana -> rakst, like rakstīt).
    if len(word) >= 6 and word.endswith("san"):
        word = word[:-3]
        if word[-1] in _VOWELS:
            word = word[:-1]
    return word


STEMMERS = {"en": stem_en, "sl": stem_sl, "lv": stem_lv}
