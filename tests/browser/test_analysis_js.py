"""analysis.js in real Chromium: the same terms as Python for every shared vector row, and the
same ranked refs for indexes built by Python's build_index and loaded by lunr.js 2.3.9.

Both scripts are injected into a blank page (no network: every request is aborted).
"""

from __future__ import annotations

import itertools
import json
import random
import re
from pathlib import Path

import pytest

from helpfirst.analysis import FOLDING, analyse, fold, stopword_lists, tokenise
from helpfirst.search import _one_edit, build_payload, expand_index, plan_query, query
from helpfirst.search import load_index as load_python_index
from helpfirst.stemmers import LV_AFFIXES, STEMMERS
from tests.unit.test_search_core import CORPORA, HOSTILE_QUERIES, PARITY_QUERIES, _garbage

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
LUNR_JS = (ROOT / "overrides/assets/kb/vendor/lunr-2.3.9.min.js").read_text(encoding="utf-8")
ANALYSIS_JS = (ROOT / "overrides/assets/kb/analysis.js").read_text(encoding="utf-8")
VECTORS = json.loads((ROOT / "tests/vectors/analysers.json").read_text(encoding="utf-8"))
ORACLES = json.loads((ROOT / "tests/vectors/stemmer_oracles.json").read_text(encoding="utf-8"))
STOPWORDS = stopword_lists()


@pytest.fixture(scope="module")
def kb(browser):
    """One blank page with lunr.js and analysis.js loaded, shared by this module's tests."""
    context = browser.new_context()
    context.route("**/*", lambda route: route.abort())
    page = context.new_page()
    messages = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
    page.set_content("<!doctype html><meta charset=utf-8><title>kb</title>")
    page.add_script_tag(content=LUNR_JS)
    page.add_script_tag(content=ANALYSIS_JS)
    page.messages = messages
    yield page
    context.close()


def _js_analyse(kb, items):
    """Runs KbAnalysis.analyse over [(text, lang)] in the page, with the shared stop lists."""
    return kb.evaluate(
        """([items, stop]) => items.map(([text, lang]) =>
            KbAnalysis.analyse(text, lang, {stopwords: stop[lang] || []}))""",
        [items, STOPWORDS],
    )


# --- The file itself -------------------------------------------------------------------------


def test_script_is_strict_self_contained_and_holds_no_word_lists():
    """Strict mode, no eval, no DOM, attaches to self, and no stop word list in the code."""
    assert "'use strict';" in ANALYSIS_JS
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", ANALYSIS_JS, flags=re.S)
    for forbidden in (
        r"\beval\(",
        r"\bnew Function\b",
        r"\bdocument\b",
        r"\bwindow\b",
        r"\bfetch\(",
    ):
        assert not re.search(forbidden, code), forbidden
    assert "root.KbAnalysis =" in code and "typeof self !== 'undefined' ? self" in code
    quoted = set(re.findall(r"'([^'\\]{3,})'", code))
    for lang, words in STOPWORDS.items():
        assert not quoted & {w for w in words if len(w) > 3}, lang


# --- Analysers -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "sl", "lv", "generic"])
def test_js_gives_every_vector_row_its_terms(kb, lang):
    """Every shared row, in JavaScript, gives exactly the expected terms."""
    rows = [r for r in VECTORS["rows"] if r["lang"] == lang]
    got = _js_analyse(kb, [[r["input"], lang] for r in rows])
    wrong = [(r["input"], r["terms"], g) for r, g in zip(rows, got, strict=True) if g != r["terms"]]
    assert wrong == []


def test_js_conflates_every_paradigm(kb):
    """Paradigm forms, with and without diacritics, give [stem] in JavaScript too."""
    paradigms = VECTORS["paradigms"]
    items = [[form, p["lang"]] for p in paradigms for form in p["forms"]]
    got = iter(_js_analyse(kb, items))
    for paradigm in paradigms:
        for form in paradigm["forms"]:
            assert next(got) == [paradigm["stem"]], (paradigm["lemma"], form)


def test_js_stems_as_the_independent_oracles_say(kb):
    """Porter's published pairs and the grammar's paradigms (tests/unit/test_stemmer_oracles.py)."""
    pairs = [pair for row in ORACLES["porter"] for pair in row["pairs"]]
    got = kb.evaluate("words => words.map(w => KbAnalysis.stem(w, 'en'))", [w for w, _ in pairs])
    assert [(w, s, g) for (w, s), g in zip(pairs, got, strict=True) if s != g] == []
    items = [[form, p["lang"]] for p in ORACLES["paradigms"] for form in p["forms"]]
    got = iter(_js_analyse(kb, items))
    wrong = [
        (paradigm["lemma"], form, term)
        for paradigm in ORACLES["paradigms"]
        for form in paradigm["forms"]
        if (term := next(got)) != [paradigm["stem"]]
    ]
    assert wrong == []


def test_js_folding_map_equals_python(kb):
    """One explicit folding map, written twice, identical."""
    assert kb.evaluate("KbAnalysis.folding()") == FOLDING


def test_js_latvian_affix_table_equals_python(kb):
    """The folded Kreslins table is derived the same way on both sides."""
    assert kb.evaluate("KbAnalysis.latvianAffixes()") == [list(row) for row in LV_AFFIXES]


def test_js_porter_matches_python_on_generated_words(kb):
    """Our Porter stemmer, not lunr's (whose ports disagree), agrees on 2,000+ words."""
    bases = """connect relate hope control generate pay try lay fly agree feed sing happy size hop
        file roll trouble cease electric form digit adopt adjust allow revive sensitive deliver
        cancel refund invoice order subscribe update change sign secure active general universe
        ration nation formal y sky abate""".split()
    suffixes = (
        [""]
        + """s es ed ing er ers ly ness ful ment ments ion ions ional ionally
        ization izer ize ive ively iveness ity ities ical icate al alism ance ence ent ently able
        ably ible ism ous ously ousness ate ator ation eed ies ied y ll""".split()
    )
    words = sorted({b + s for b, s in itertools.product(bases, suffixes)})
    assert len(words) > 2000
    expected = [analyse(w, "en") for w in words]
    got = _js_analyse(kb, [[w, "en"] for w in words])
    assert [(w, e, g) for w, e, g in zip(words, expected, got, strict=True) if e != g] == []


def test_js_matches_python_on_random_text(kb):
    """Seeded random strings of letters, marks, joiners, emoji and RTL: the same terms."""
    rng = random.Random(2024)
    alphabet = (
        "aábcčćdđeéfghijklmnoprsštuvzžāēīūģķļņŗō -.'’‐‑_/()!?,:*~^+\"\u00ad\u200b\u200d"
        "\u0301\u0304\u030c\u0327AČŠŽĀĢ0123456789😀𝐀 مرحبا שלום 中文 ΣΑΣ İıẞǅ"
    )
    items = [
        ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))), lang]
        for _ in range(500)
        for lang in ("en", "sl", "lv", "fr")
    ]
    expected = [analyse(text, lang) for text, lang in items]
    got = _js_analyse(kb, items)
    assert [(i, e, g) for i, e, g in zip(items, expected, got, strict=True) if e != g] == []


def test_js_keeps_terms_apart_per_language_and_stop_list(kb):
    """analysis.js keeps the terms of the tokens it analysed, per analyser and stop list: one
    list given to every language (or none) still gives each language its own terms."""
    text = "Subscriptions naročnine paroles lietotājiem ponastavitev"
    langs = ["en", "sl", "lv", "de"]
    outcome = kb.evaluate(
        """([text, langs]) => {
            const shared = [];
            const together = langs.map(lang => KbAnalysis.analyse(text, lang, {stopwords: shared}));
            const apart = langs.map(lang => KbAnalysis.analyse(text, lang, {stopwords: []}));
            return {together, apart};
        }""",
        [text, langs],
    )
    assert outcome["together"] == outcome["apart"] == [analyse(text, lang) for lang in langs]
    assert len({tuple(terms) for terms in outcome["apart"]}) == len(langs)


def test_js_register_label_and_idempotence(kb):
    """register() returns kb-<lang> (kb-generic for others) and never re-registers noisily."""
    labels = kb.evaluate(
        """stop => [
            KbAnalysis.register(lunr, 'sl', {stopwords: stop.sl}),
            KbAnalysis.register(lunr, 'sl-SI', {stopwords: stop.sl}),
            KbAnalysis.register(lunr, 'lv', {stopwords: stop.lv}),
            KbAnalysis.register(lunr, 'de'),
            typeof lunr.Pipeline.registeredFunctions['kb-sl'],
        ]""",
        STOPWORDS,
    )
    assert labels == ["kb-sl", "kb-sl", "kb-lv", "kb-generic", "function"]
    assert not [m for m in kb.messages if "Overwriting" in m]


# --- Indexes built by Python, queried by lunr.js ---------------------------------------------


def test_unregistered_label_cannot_load(browser):
    """The contract: lunr.js refuses the index until its analyser label is registered."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content("<!doctype html><title>bare</title>")
        page.add_script_tag(content=LUNR_JS)
        error = page.evaluate(
            """index => {
                try { lunr.Index.load(index); return null } catch (e) { return e.message }
            }""",
            build_payload("sl", CORPORA["sl"])["index"],
        )
        assert error == "Cannot load unregistered function: kb-sl"
    finally:
        context.close()


def _run_js_queries(kb, payload, queries):
    """Loads a payload in lunr.js and runs each query: its plan and results, or its error."""
    return kb.evaluate(
        """([payload, queries]) => {
            const index = KbAnalysis.load(lunr, payload);
            const label = index.pipeline._stack.map(fn => fn.label);
            return {label, runs: queries.map(text => {
                try {
                    return {plan: KbAnalysis.plan(text, payload.lang),
                            results: KbAnalysis.query(index, text, payload.lang, {limit: null})};
                } catch (e) { return {error: String(e)} }
            })};
        }""",
        [payload, queries],
    )


def _generated_docs(lang: str, count: int) -> list[dict]:
    """Entries of random words from the shared vectors: many terms, repeats, long bodies."""
    rng = random.Random(f"expand-{lang}")
    words = [row["input"] for row in VECTORS["rows"] if row["lang"] == lang]
    text = lambda n: " ".join(rng.choice(words) for _ in range(n))  # noqa: E731
    return [
        {
            "id": f"faq/{n:03d}",
            "title": text(rng.randint(1, 6)),
            "keywords": [text(2) for _ in range(rng.randint(0, 3))],
            "summary": text(rng.randint(0, 20)),
            "body": text(rng.randint(0, 300)),
        }
        for n in range(count)
    ]


@pytest.mark.parametrize("lang", ["en", "sl", "lv", "de"])
def test_js_computes_the_weights_python_computes(kb, lang):
    """The payload carries counts; lunr.js gets weights computed from them in the browser, and
    they equal Python's to the last bit (same operations, same order), so both rank alike."""
    docs = CORPORA[lang] + _generated_docs(lang if lang != "de" else "en", 150)
    compact = json.loads(json.dumps(build_payload(lang, docs)))["index"]
    python = expand_index(compact)
    js = kb.evaluate("index => KbAnalysis.expandIndex(index)", compact)
    assert js["invertedIndex"] == python["invertedIndex"]
    assert js["fieldVectors"] == python["fieldVectors"]
    assert {k: v for k, v in js.items() if k not in ("invertedIndex", "fieldVectors")} == {
        k: v for k, v in python.items() if k not in ("invertedIndex", "fieldVectors")
    }
    assert sum(len(values) for _, values in python["fieldVectors"]) > 2000


def _typed(queries: list[str]) -> list[str]:
    """Each query as it grows key by key, as a search box asks for it."""
    return [text[:end] for text in queries for end in range(1, len(text) + 1)]


@pytest.mark.parametrize("lang", ["en", "sl", "lv", "de"])
def test_js_scoring_is_lunrs_own_to_the_bit(kb, lang):
    """query() scores with the postings' typed arrays instead of lunr's Index.query: for every
    query, typed key by key, it finds the same entries with the same scores (===) as lunr.js
    does, both over the index whose weights are computed as queries read them and over
    lunr.Index.load(expandIndex(...)) with every weight computed up front (each rescored with
    the payload's texts)."""
    docs = CORPORA[lang] + _generated_docs(lang if lang != "de" else "en", 150)
    payload = json.loads(json.dumps(build_payload(lang, docs)))
    queries = _typed(PARITY_QUERIES[lang][:12]) + HOSTILE_QUERIES + [_garbage(1, 300)]
    outcome = kb.evaluate(
        """([payload, queries]) => {
            const ours = KbAnalysis.load(lunr, payload);
            const lazy = KbAnalysis.load(lunr, payload);
            // lunr's own index form, with what a result shows (and so rescores) alike.
            const full = KbAnalysis.load(lunr, Object.assign({}, payload, {index: Object.assign(
                KbAnalysis.expandIndex(payload.index), {refs: payload.index.refs})}));
            const run = (index, text, options) =>
                KbAnalysis.query(index, text, payload.lang, Object.assign({limit: null}, options))
                    .map(r => [r.ref, r.score]);
            const differ = [];
            let found = 0, entries = 0;
            for (const text of queries) {
                const got = run(ours, text, {});
                const lunrLazy = run(lazy, text, {lunr: true});
                const lunrFull = run(full, text, {lunr: true});
                const same = (a, b) => a.length === b.length
                    && a.every((r, i) => r[0] === b[i][0] && r[1] === b[i][1]);
                if (!same(got, lunrLazy) || !same(got, lunrFull)) differ.push(text.slice(0, 40));
                found += got.length > 0;
                entries += got.length;
            }
            return {differ, found, entries};
        }""",
        [payload, queries],
    )
    assert outcome["differ"] == []
    # Keys one and two, hostile text and garbage find nothing; the rest must find something.
    assert outcome["found"] > len(queries) // 3
    assert outcome["entries"] > 10 * len(queries)


@pytest.mark.parametrize("limit", [None, 30])
def test_js_scoring_state_does_not_leak_between_queries(kb, limit):
    """The scorer reuses its buffers, and keeps the expansions of typos and prefixes and the
    corrections it found: a query answers the same alone, after others, and twice, whether it
    ranks every match or keeps the site's 30."""
    payload = json.loads(json.dumps(build_payload("sl", CORPORA["sl"] + _generated_docs("sl", 80))))
    queries = _typed(PARITY_QUERIES["sl"][:6])
    outcome = kb.evaluate(
        """([payload, queries, limit]) => {
            const shared = KbAnalysis.load(lunr, payload);
            const run = (index, text) => JSON.stringify(
                KbAnalysis.query(index, text, payload.lang, {limit}));
            const together = queries.map(text => run(shared, text));
            const again = queries.map(text => run(shared, text));
            const alone = queries.map(text => run(KbAnalysis.load(lunr, payload), text));
            return {together, again, alone};
        }""",
        [payload, queries, limit],
    )
    assert outcome["together"] == outcome["alone"] == outcome["again"]
    assert sum(result != "[]" for result in outcome["alone"]) > len(queries) // 2


@pytest.mark.parametrize("lang", CORPORA)
def test_js_ranks_exactly_as_python(kb, lang):
    """Same plan, same refs in the same order, same scores, for normal and hostile queries."""
    payload = json.loads(json.dumps(build_payload(lang, CORPORA[lang])))
    queries = PARITY_QUERIES[lang] + HOSTILE_QUERIES + [_garbage(seed) for seed in range(3)]
    python_index = load_python_index(payload)
    js = _run_js_queries(kb, payload, queries)
    assert js["label"] == [f"kb-{lang if lang != 'de' else 'generic'}"]
    found = 0
    for text, run in zip(queries, js["runs"], strict=True):
        assert "error" not in run, (text[:40], run)
        assert run["plan"] == plan_query(text, lang), text[:40]
        expected = query(python_index, text, lang, limit=None)
        got = [(r["ref"], r["score"]) for r in run["results"]]
        assert [ref for ref, _ in got] == [ref for ref, _ in expected], text[:40]
        assert [s for _, s in got] == pytest.approx([s for _, s in expected], rel=1e-9)
        found += bool(expected)
    assert found >= len(PARITY_QUERIES[lang]) - 3


def _window_docs() -> list[dict]:
    """Forty entries that a two-word query all finds, with different weights: some with one of
    its words, some with both, apart or side by side in the title, in no particular rank."""
    docs = []
    for n in range(40):
        title = ["reset old password", "old password reset", "password", "reset"][n % 4]
        body = " ".join(["password"] * (n % 7) + ["reset"] * (n % 5) + ["account"] * (n % 11))
        docs.append({"id": f"faq/{n:02d}", "title": title, "summary": "", "body": body})
    return docs


@pytest.mark.parametrize(
    "text", ["reset password", "password reset", "reset passw", "password res"]
)
def test_js_ranks_as_python_at_every_limit_of_many_matches(kb, text):
    """The site's search asks for the best 30 and the widget for fewer: at every limit, JS
    returns what Python returns (Python sorts every match, rescores the first ones by words
    side by side and sorts all again), though JS orders only the results it returns and
    rescores."""
    payload = json.loads(json.dumps(build_payload("en", _window_docs())))
    python_index = load_python_index(payload)
    limits = [0, 1, 3, 9, 10, 11, 30, 39, 40, 41, None]
    js = _js_at_limits(kb, payload, text, limits)
    everything = query(python_index, text, "en", limit=None)
    assert len(everything) == 40
    # Rescoring reorders the first results: the check is not one a plain sort passes.
    unrescored = load_python_index(payload)
    unrescored.kb_documents = None
    plain = query(unrescored, text, "en", limit=None)
    assert [ref for ref, _ in everything[:10]] != [ref for ref, _ in plain[:10]]
    for limit, results in zip(limits, js, strict=True):
        expected = query(python_index, text, "en", limit=limit)
        assert [r["ref"] for r in results] == [ref for ref, _ in expected], limit
        assert [r["score"] for r in results] == pytest.approx([s for _, s in expected], rel=1e-12)


def _js_at_limits(kb, payload: dict, text: str, limits: list) -> list:
    """`KbAnalysis.query`'s results for `text` at each of `limits`, on one load of `payload`."""
    return kb.evaluate(
        """([payload, text, limits]) => {
            const index = KbAnalysis.load(lunr, payload);
            return limits.map(limit => KbAnalysis.query(index, text, payload.lang, {limit}));
        }""",
        [payload, text, limits],
    )


def _tied_payload(order: str) -> dict:
    """Thirty-six entries in three groups of twelve alike, so that most results tie and their
    refs decide; "shuffled" and "utf-16" give the payload's refs out of code point order (the
    build sorts them, a payload made by hand need not)."""
    titles = ["reset password", "password reset help", "reset"]
    docs = [
        {"id": f"faq/{n:02d}", "title": titles[n % 3], "summary": "", "body": "password account"}
        for n in range(36)
    ]
    payload = json.loads(json.dumps(build_payload("en", docs)))
    refs = payload["index"]["refs"]
    if order == "shuffled":
        random.Random(36).shuffle(refs)
    elif order == "utf-16":
        # In JavaScript's own order (UTF-16 units), not in code points': an astral character
        # comes before U+FFFF there.
        names = [f"faq/{'😀' if n % 2 else chr(0xFFFF)}{n:02d}" for n in range(len(refs))]
        refs[:] = sorted(names, key=lambda ref: ref.encode("utf-16-be"))
    assert (refs == sorted(refs)) == (order == "sorted")
    return payload


@pytest.mark.parametrize("order", ["sorted", "shuffled", "utf-16"])
@pytest.mark.parametrize("text", ["reset password", "reset passw", "password"])
def test_js_breaks_ties_by_ref_as_python_at_every_limit(kb, order, text):
    """Results of equal score rank by ref, as Python's sort does, at every limit: JS ranks the
    entries it keeps by their place among the refs, which is their number when the refs are
    sorted and is worked out when they are not."""
    payload = _tied_payload(order)
    python_index = load_python_index(payload)
    limits = [0, 1, 5, 10, 11, 12, 13, 24, 30, None]
    js = _js_at_limits(kb, payload, text, limits)
    everything = query(python_index, text, "en", limit=None)
    scores = [round(score, 6) for _, score in everything]
    assert len(everything) >= 24 and len(set(scores)) < len(scores) // 4
    for limit, results in zip(limits, js, strict=True):
        expected = query(python_index, text, "en", limit=limit)
        assert [r["ref"] for r in results] == [ref for ref, _ in expected], limit
        assert [r["score"] for r in results] == pytest.approx([s for _, s in expected], rel=1e-12)


def test_js_stems_every_one_edit_variant_as_python(kb):
    """A word the index lacks is corrected by stemming each of its one-edit variants (hundreds
    of strings that are rarely words): each of them gets Python's stem in JavaScript too."""
    variants = {}
    for lang in STEMMERS:
        words = sorted(
            {
                fold(token)
                for row in VECTORS["rows"]
                if row["lang"] == lang
                for token in tokenise(row["input"])
            }
        )
        words = [word for word in words if re.fullmatch("[a-z]{3,12}", word)][:30]
        variants[lang] = sorted({v for word in words for v in _one_edit(word)})
        assert len(variants[lang]) > 5000
    js = kb.evaluate(
        """variants => Object.fromEntries(Object.entries(variants).map(
            ([lang, words]) => [lang, words.map(word => KbAnalysis.stem(word, lang))]))""",
        variants,
    )
    for lang, words in variants.items():
        expected = [STEMMERS[lang](word) for word in words]
        assert [
            (w, e, g) for w, e, g in zip(words, expected, js[lang], strict=True) if e != g
        ] == []


SYNONYM_QUERIES = {
    "en": ["invitaton", "invitaton emial", "headline", "subject line", "subjet line", "line"],
    "sl": ["vabilo", "povabilo", "povabillo", "zadeva", "naslov sporocila", "naslovv"],
    "lv": ["ielūgums", "ielugums", "uzaicinajums", "uzaicinajmus", "temats", "virsraksts"],
}
SYNONYM_SETS = {
    "en": [["headline", "subject line"], ["invitation email", "invite"]],
    "sl": [["vabilo", "povabilo"], ["zadeva", "naslov sporočila"]],
    "lv": [["ielūgums", "uzaicinājums"], ["temats", "virsraksts"]],
}


@pytest.mark.parametrize("lang", SYNONYM_QUERIES)
def test_js_corrects_words_and_applies_synonyms_as_python(kb, lang):
    """The payload's synonym sets and corrections of words the index lacks: the same plan
    (against the same index) and the same ranking in both languages."""
    words = [word for group in SYNONYM_SETS[lang] for word in group]
    docs = CORPORA[lang] + [
        {"id": f"faq/s{n}", "title": word, "body": " ".join(words[: n + 1])}
        for n, word in enumerate(words)
    ]
    sets = [[analyse(word, lang) for word in group] for group in SYNONYM_SETS[lang]]
    payload = json.loads(json.dumps(build_payload(lang, docs, sets)))
    python_index = load_python_index(payload)
    known = python_index.inverted_index.__contains__
    runs = kb.evaluate(
        """([payload, queries]) => {
            const index = KbAnalysis.load(lunr, payload);
            const known = (t) => payload.index.terms.some((row) => row[0] === t);
            return queries.map(text => ({
                plan: KbAnalysis.plan(text, payload.lang, {known, synonyms: payload.synonyms}),
                results: KbAnalysis.query(index, text, payload.lang, {limit: null})}));
        }""",
        [payload, SYNONYM_QUERIES[lang]],
    )
    expanded = 0
    for text, run in zip(SYNONYM_QUERIES[lang], runs, strict=True):
        plan = plan_query(text, lang, known, payload["synonyms"])
        assert run["plan"] == plan, text
        expanded += len(plan) > len(plan_query(text, lang))
        expected = query(python_index, text, lang, limit=None)
        got = [(r["ref"], r["score"]) for r in run["results"]]
        assert [ref for ref, _ in got] == [ref for ref, _ in expected], text
        assert [s for _, s in got] == pytest.approx([s for _, s in expected], rel=1e-9)
    assert expanded >= 3


def test_js_clause_boosts_and_lengths_are_pinned(kb):
    """The same values as tests/unit's pin of search.py, so neither side can move alone."""
    plans = kb.evaluate(
        "texts => texts.map(text => KbAnalysis.plan(text, 'en'))",
        ["invoice passw", "code pa", "code pas"],
    )
    assert plans[0] == [
        {"term": "invoic", "boost": 10, "words": [0]},
        {"term": "invoic", "boost": 0.5, "words": [0], "editDistance": 1},
        {"term": "passw", "boost": 10, "words": [1]},
        {"term": "passw", "boost": 0.5, "words": [1], "editDistance": 1},
        {"term": "passw", "boost": 3, "words": [1], "wildcard": "trailing"},
    ]
    # Typos from five letters ("code" has four), prefixes from three.
    assert plans[1] == [
        {"term": "code", "boost": 10, "words": [0]},
        {"term": "pa", "boost": 10, "words": [1]},
    ]
    assert plans[2][-1] == {"term": "pas", "boost": 3, "words": [1], "wildcard": "trailing"}


def test_js_hostile_queries_never_throw(kb):
    """Inputs only JavaScript can make (lone surrogates, huge strings, non-strings) give []s."""
    payload = build_payload("sl", CORPORA["sl"])
    outcome = kb.evaluate(
        """payload => {
            const index = KbAnalysis.load(lunr, payload);
            const inputs = ['\\ud800', 'a\\udc00b', '\\ud83d'.repeat(500), 'x'.repeat(1e6),
                '*:~^+-'.repeat(2000), undefined, null, 42, {}, [], '\\u0000'];
            return inputs.map(text => {
                try { return Array.isArray(KbAnalysis.query(index, text, 'sl'))
                        && Array.isArray(KbAnalysis.analyse(text, 'sl')) }
                catch (e) { return String(e) }
            });
        }""",
        payload,
    )
    assert outcome == [True] * 11


def test_js_tokeniser_stays_linear_on_long_joiner_runs(kb):
    """Long inner runs of joiners (analyse() does not clip) are trimmed in linear time."""
    texts = ["word" + joiner * 200_000 + "wide" for joiner in "-.'"] + ["x" + "-" * 200_000]
    outcome = kb.evaluate(
        """texts => {
            const started = performance.now();
            const terms = texts.map(text => KbAnalysis.analyse(text, 'en'));
            return {terms, elapsed: performance.now() - started};
        }""",
        texts,
    )
    assert outcome["terms"] == [analyse(text, "en") for text in texts]
    assert outcome["elapsed"] < 1000


def test_js_works_in_a_web_worker(kb):
    """The same file runs in a worker: self.KbAnalysis there gives the window's results."""
    payload = build_payload("lv", CORPORA["lv"])
    outcome = kb.evaluate(
        """async ([lunrSource, analysisSource, payload]) => {
            const handler = `self.onmessage = (event) => {
                const index = KbAnalysis.load(lunr, event.data);
                postMessage({
                    terms: KbAnalysis.analyse('Lietotājiem e-pastā (SIA)', 'lv'),
                    refs: KbAnalysis.query(index, 'lietotāju', 'lv').map(r => r.ref),
                });
            };`;
            const blob = new Blob([lunrSource, '\\n', analysisSource, '\\n', handler],
                                  {type: 'text/javascript'});
            const worker = new Worker(URL.createObjectURL(blob));
            const reply = await new Promise((resolve, reject) => {
                worker.onmessage = (event) => resolve(event.data);
                worker.onerror = (event) => reject(new Error(event.message));
                worker.postMessage(payload);
            });
            worker.terminate();
            return reply;
        }""",
        [LUNR_JS, ANALYSIS_JS, payload],
    )
    expected_terms = analyse("Lietotājiem e-pastā (SIA)", "lv")
    assert outcome["terms"] == expected_terms == ["lietot", "epast", "sia"]
    expected_refs = [ref for ref, _ in query(load_python_index(payload), "lietotāju", "lv")]
    assert outcome["refs"] == expected_refs
