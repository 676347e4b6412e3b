"""The analysers in Python: shared vectors, paradigm conflation, stop words, tokeniser, stemmers.

The same vectors drive tests/browser/test_analysis_js.py, which holds lunr.js to every row.
`KB_UPDATE_VECTORS=1 pytest tests/unit/test_analysis.py` rewrites the rows' expected terms from
this implementation (paradigms, splits and apart pairs stay hand-written); review the diff.
"""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest
from lunr.pipeline import Pipeline
from lunr.token import Token

from helpfirst import analysis
from helpfirst.analysis import (
    FOLDING,
    analyse,
    fold,
    language_key,
    normalise,
    pipeline_function,
    pipeline_label,
    stopword_lists,
    stopwords,
    tokenise,
    trim,
)
from helpfirst.stemmers import _LV_AFFIXES_PUBLISHED, LV_AFFIXES, stem_en, stem_lv, stem_sl

VECTORS_PATH = Path(__file__).resolve().parent.parent / "vectors" / "analysers.json"
VECTORS = json.loads(VECTORS_PATH.read_text(encoding="utf-8"))
LANGS = ("en", "sl", "lv")


def _dump_vectors(doc: dict) -> str:
    """The vectors file layout: one row, paradigm, split or pair per line, diff-friendly."""
    lines = ["{", f'  "about": {json.dumps(doc["about"], ensure_ascii=False)},']
    sections = [key for key in doc if key != "about"]
    for number, key in enumerate(sections):
        lines.append(f'  "{key}": [')
        items = [json.dumps(item, ensure_ascii=False) for item in doc[key]]
        lines.extend(f"    {item}," for item in items[:-1])
        lines.extend(f"    {item}" for item in items[-1:])
        lines.append("  ]," if number < len(sections) - 1 else "  ]")
    return "\n".join(lines + ["}"]) + "\n"


def test_update_vectors_when_asked():
    """KB_UPDATE_VECTORS=1 regenerates the rows' terms from Python (the explicit golden switch)."""
    if os.environ.get("KB_UPDATE_VECTORS") != "1":
        pytest.skip("set KB_UPDATE_VECTORS=1 to regenerate tests/vectors/analysers.json")
    for row in VECTORS["rows"]:
        row["terms"] = analyse(row["input"], row["lang"])
    VECTORS_PATH.write_text(_dump_vectors(VECTORS), encoding="utf-8")


def test_vectors_file_is_in_its_canonical_layout():
    """The file is written by one writer; hand edits must keep its layout."""
    assert VECTORS_PATH.read_text(encoding="utf-8") == _dump_vectors(VECTORS)


@pytest.mark.parametrize("lang", [*LANGS, "generic"])
def test_vector_rows(lang):
    """Every shared row gives exactly its expected terms in Python."""
    rows = [r for r in VECTORS["rows"] if r["lang"] == lang]
    wrong = [(r["input"], r["terms"], analyse(r["input"], lang)) for r in rows]
    assert [w for w in wrong if w[1] != w[2]] == []


@pytest.mark.parametrize("lang", LANGS)
def test_vectors_cover_each_language(lang):
    """At least 150 rows and 15 paradigms per language, with diacritic-free spellings too."""
    rows = [r for r in VECTORS["rows"] if r["lang"] == lang]
    assert len(rows) >= 150
    paradigms = [p for p in VECTORS["paradigms"] if p["lang"] == lang]
    assert len(paradigms) >= 15
    if lang != "en":
        inputs = {r["input"] for r in rows}
        kinds = {p["kind"].split(",")[0] for p in paradigms}
        assert {"adjective"} < kinds
        for paradigm in paradigms:
            for form in paradigm["forms"]:
                assert form in inputs and fold(normalise(form)) in inputs


@pytest.mark.parametrize(
    "paradigm", VECTORS["paradigms"], ids=lambda p: f"{p['lang']}-{p['lemma']}"
)
def test_paradigm_conflates_to_one_stem(paradigm):
    """All forms of the lemma, with and without diacritics, give exactly [stem]."""
    lang, stem = paradigm["lang"], paradigm["stem"]
    forms = paradigm["forms"] + [fold(normalise(f)) for f in paradigm["forms"]]
    assert {f: analyse(f, lang) for f in forms} == {f: [stem] for f in forms}


@pytest.mark.parametrize("split", VECTORS["splits"], ids=lambda s: f"{s['lang']}-{s['lemma']}")
def test_documented_splits_still_split(split):
    """Known non-conflations stay documented: if one starts conflating, move it to paradigms."""
    stems = {tuple(analyse(form, split["lang"])) for form in split["forms"]}
    assert len(stems) > 1, split["why"]


@pytest.mark.parametrize(
    "pair", VECTORS["apart"], ids=lambda p: f"{p['lang']}-{'-'.join(p['words'])}"
)
def test_must_stay_apart(pair):
    """Unrelated words that look alike never share a term."""
    first, second = (set(analyse(w, pair["lang"])) for w in pair["words"])
    assert first and second and not first & second


# --- Tokeniser -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("e-pošta", ["epošta"]),
        ("E-Mail", ["email"]),
        ("e-naslov e-pasts", ["enaslov", "epasts"]),
        ("self-service", ["self", "service", "selfservice"]),
        ("e-mail-naslov", ["email", "naslov", "emailnaslov"]),
        ("vitamin-c", ["vitamin", "c", "vitaminc"]),
        ("self\u2011service", ["self", "service", "selfservice"]),
        ("--a--", ["a"]),
        ("5–10", ["5", "10"]),
        ("(d.o.o.)", ["doo"]),
        ("U.S.A.", ["usa"]),
        ("www.helpfirst.si", ["www", "helpfirst", "si"]),
        ("1.5", ["1", "5"]),
        ("customer's customers'", ["customer", "customers"]),
        ("don’t", ["dont"]),
        ("Naročilo #12345!", ["naročilo", "12345"]),
        ("račun,plačilo;geslo", ["račun", "plačilo", "geslo"]),
        ("čaj kā šola ž", ["čaj", "kā", "šola", "ž"]),
        ("«Čaš»", ["čaš"]),
        ("pla\u00adčilo ra\u200bčun", ["plačilo", "račun"]),
        ("hi\u0161a", ["hiša"]),
        ("title:račun^10 +geslo ~2 *", ["title", "račun", "10", "geslo", "2"]),
        ("😀 👍🏽", []),
        ("مرحبا بالعالم", ["مرحبا", "بالعالم"]),
        ("हिंदी", ["हिंदी"]),
        ("", []),
    ],
)
def test_tokenise(text, tokens):
    """Hyphen, dot and apostrophe rules; letters of every script survive at word edges."""
    assert tokenise(text) == tokens


def test_lunr_default_trimmer_would_cut_edges_ours_does_not():
    """Our trimmer keeps č, ā, š at the edges (lunr.js's \\W-based trimmer does not)."""
    words = ["čaj", "kā", "šola", "(ā)", "‘žep’"]
    assert [trim(w) for w in words] == ["čaj", "kā", "šola", "ā", "žep"]


def test_nfd_and_nfc_input_give_the_same_terms():
    """Nothing in lunr normalises Unicode: a + combining macron must match ā."""
    for word in ["āboli", "rēķins", "hiša", "Dvořák", "ŗņļķģ"]:
        nfd = unicodedata.normalize("NFD", word)
        assert nfd != word
        for lang in (*LANGS, "de"):
            assert analyse(nfd, lang) == analyse(word, lang)


def test_overlong_tokens_are_dropped():
    """A token longer than MAX_TERM_LENGTH (a hash, a URL blob) never becomes a term."""
    long = "a" * (analysis.MAX_TERM_LENGTH + 1)
    assert tokenise(f"račun {long} geslo") == ["račun", "geslo"]
    assert tokenise("a" * analysis.MAX_TERM_LENGTH) == ["a" * analysis.MAX_TERM_LENGTH]


def test_tokenise_is_idempotent_on_its_output():
    """Analysing a token again gives the token: the pipeline function may see either."""
    for row in VECTORS["rows"]:
        tokens = tokenise(row["input"])
        assert [t2 for t in tokens for t2 in tokenise(t)] == tokens


# --- Folding ---------------------------------------------------------------------------------


def test_folding_covers_the_required_letters():
    """č š ž ć đ ā ē ī ū ģ ķ ļ ņ ō ŗ and common Latin accents fold to base letters."""
    assert fold("čšžćđāēīūģķļņōŗ") == "cszcdaeiugklnor"
    assert fold("àáâäãåçèéêëìíîïñòóôöõøùúûüýÿ") == "aaaaaaceeeeiiiinoooooouuuuyy"
    assert fold("ßæœłő") == "ssaeoelo"
    assert all(key == normalise(key) for key in FOLDING)


def test_folding_happens_before_stop_words_and_stemming():
    """Stop words match with or without diacritics; so do stems."""
    assert analyse("kā tā būs", "lv") == analyse("ka ta bus", "lv") == []
    assert analyse("že še če", "sl") == analyse("ze se ce", "sl") == []
    assert analyse("lietotāju", "lv") == analyse("lietotaju", "lv") == ["lietot"]


def test_latvian_affix_table_is_the_published_one_folded():
    """Each affix folded, order kept, later duplicates dropped (the research note's recipe)."""
    folded = [fold(affix) for affix, _, _ in _LV_AFFIXES_PUBLISHED]
    assert [a for a, _, _ in LV_AFFIXES] == list(dict.fromkeys(folded))
    assert len(LV_AFFIXES) == 27
    starred = {a for a, _, palatal in LV_AFFIXES if palatal}
    assert starred == {"iem", "us", "os", "u", "a", "i"}


# --- Stop words ------------------------------------------------------------------------------


def test_stopword_file_holds_the_three_lists():
    """One data file, three lists; Latvian is Lucene's 161 words."""
    lists = stopword_lists()
    assert sorted(lists) == ["en", "lv", "sl"]
    assert len(lists["lv"]) == len(set(lists["lv"])) == 161
    assert {"aiz", "būt", "kļūt", "varēt", "tāpēc"} <= set(lists["lv"])
    assert 20 < len(lists["en"]) < 80 and {"the", "and", "of"} <= set(lists["en"])


@pytest.mark.parametrize(
    "word",
    """januar april december ponedeljek petek nedelja pet deset prvi odprt zaprto datum stran
    primer dober velik dan leto mesec danes nazaj prazna gospod stvar""".split(),
)
def test_slovenian_stop_list_keeps_what_customers_search_for(word):
    """Months, weekdays, numerals, open/closed, date, page, example, adjectives stay searchable."""
    assert word not in stopwords("sl")
    assert analyse(word, "sl")


def test_slovenian_function_words_are_stopped():
    """Pronouns, prepositions, conjunctions and auxiliaries are dropped."""
    assert analyse("kako in kje je moj račun za to", "sl") == ["racun"]


def test_generic_analyser_has_no_stop_words_or_stemmer():
    """Any other language: NFC, lower-case, trim, fold, and nothing else."""
    assert analyse("The Müller's Straße", "de") == ["the", "muller", "strasse"]
    assert stopwords("fr") == frozenset()


# --- Stemmers --------------------------------------------------------------------------------


PORTER_EXAMPLES = dict(
    pair.split(":")
    for pair in """caresses:caress ponies:poni ties:ti cats:cat feed:feed agreed:agre
    plastered:plaster bled:bled motoring:motor sing:sing conflated:conflat troubled:troubl
    sized:size hopping:hop falling:fall filing:file happy:happi sky:sky relational:relat
    conditional:condit valenci:valenc digitizer:digit triplicate:triplic electrical:electr
    hopeful:hope goodness:good revival:reviv allowance:allow adjustment:adjust adoption:adopt
    controll:control roll:roll probate:probat rate:rate cease:ceas""".split()
)


@pytest.mark.parametrize(("word", "stem"), PORTER_EXAMPLES.items())
def test_porter_examples(word, stem):
    """The examples of Porter's paper."""
    assert stem_en(word) == stem


def test_stemmers_leave_non_ascii_and_numbers_alone():
    """Stemmers touch only a-z terms, so lengths mean the same in Python and JavaScript."""
    for stemmer in (stem_en, stem_sl, stem_lv):
        assert stemmer("12345") == "12345"
        assert stemmer("covid19") == "covid19"
        assert stemmer("мама") == "мама"


# --- lunr pipeline registration --------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "key", "label"),
    [
        ("sl", "sl", "kb-sl"),
        ("sl-SI", "sl", "kb-sl"),
        ("LV", "lv", "kb-lv"),
        ("en_GB", "en", "kb-en"),
        ("de", "generic", "kb-generic"),
        ("", "generic", "kb-generic"),
        (None, "generic", "kb-generic"),
    ],
)
def test_labels(lang, key, label):
    """One label per analyser: kb-en, kb-sl, kb-lv, and kb-generic for every other language."""
    assert language_key(lang) == key
    assert pipeline_label(lang) == label


def test_analysers_are_registered_on_import():
    """lunr.Index.load needs the labels registered before an index is loaded."""
    for label in ("kb-en", "kb-sl", "kb-lv", "kb-generic"):
        assert label in Pipeline.registered_functions


def test_pipeline_function_expands_and_drops_tokens():
    """One function: a token becomes its terms (several for a compound, none for a stop word)."""
    function = pipeline_function("sl")
    assert [str(t) for t in function(Token("Self-Service"))] == ["self", "servic", "selfservic"]
    assert function(Token("kje")) == []
    assert Pipeline.load(["kb-sl"]).run_string("računov") == ["racun"]
