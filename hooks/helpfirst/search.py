"""The search core in Python: build a language's lunr index, load it, and query it.

`overrides/assets/kb/analysis.js` implements the same query for lunr.js in the browser; given
the same index both return the same refs in the same order.

Contract between the build and the browser
------------------------------------------
`build_compact(lang, docs)` returns a language's index as the counts lunr's builder works
from, and `expand_index` (`expandIndex` in analysis.js) turns them into a lunr 2.3.9 serialised
index (`build_index`) whose `pipeline` is `[pipeline_label(lang)]`: `kb-en`, `kb-sl`, `kb-lv`,
or `kb-generic` for any other language. `build_payload(lang, docs)` wraps the counts with what
lunr.js needs to register that label first, and with what a result shows::

    {"lang": "sl", "analyser": "kb-sl", "stopwords": [...],
     "base": "sl/", "docs": [["title", "summary"], ...],
     "index": {...the counts of `build_compact`...}}

`stopwords` is the language's list from `data/stopwords.json` as written there (the analysers
fold it themselves); it is empty for the generic analyser. In the browser,
`KbAnalysis.load(lunr, payload)` registers the analyser and returns a lunr.Index that answers
as `lunr.Index.load(expandIndex(index))` does, but computes a term's weights only when a query
first reads its postings; `KbAnalysis.query` scores from those postings directly, with lunr's
operations in lunr's order (the same scores to the last bit, without lunr's objects per match).

Query semantics (both implementations)
--------------------------------------
The raw query (first `MAX_QUERY_CHARS` characters) is tokenised and each of its first
`MAX_QUERY_TOKENS` tokens is folded; stop words are skipped. Every token gives one clause for
its analysed term (boost `EXACT_BOOST`); a token of at least `MIN_TYPO_LENGTH` characters with
no digit (and no character outside the BMP, where JavaScript counts edits differently) also
matches its term with one edit at `TYPO_BOOST`; the last token also matches as a prefix of
indexed terms, folded but not stemmed, at `PREFIX_BOOST` when it has `MIN_PREFIX_LENGTH`
characters. A typo-eligible token of letters a-z whose term the index lacks is also corrected
as a word (`corrections`): the terms of its one-edit variants that the index holds, at
`CORRECTION_BOOST` (at most `MAX_CORRECTED_WORDS` words of a query, each of at most
`MAX_CORRECTION_LENGTH` letters). When a run of the query's terms is a member of one of the
payload's synonym sets, the other members' terms join at `SYNONYM_BOOST` (shared among a
phrase's words). Each clause names the query words it stands for (`words`: numbers of the
query's distinct terms, in order). Clauses are built with lunr's query API, never parsed from
the user's string, so lunr's query syntax cannot make a query throw.

lunr's score of an entry is then multiplied by the share of the query's words it matched
(`coordinate`), and the first `RESCORE_WINDOW` entries by that score by one plus
`ADJACENCY_BOOST` times the share of the query's neighbouring word pairs that stand side by
side, in either order, in the entry's title or summary (`adjacency`). Results are ordered by
score (compared at micro-unit precision, so that float rounding differences between the two
lunr ports cannot reorder them), then by ref.
"""

from __future__ import annotations

import functools
import json
import math
import unicodedata
from itertools import pairwise

from lunr.index import Index
from lunr.query import Clause, Query
from lunr.token_set import TokenSet

from helpfirst import read_cache
from helpfirst.analysis import (
    analyse,
    analyse_token,
    language_key,
    pipeline_function,
    pipeline_label,
    register,
    stem,
    stopword_lists,
    stopwords,
    tokenise,
)

# Field boosts: a word in the title or the keywords says more about the entry than one in the
# summary, which says more than one somewhere in the body. Keywords weigh as much as the title
# because they are the words readers use that the title does not. Tests pin every ranking
# value here; analysis.js holds the same clause boosts and lengths.
FIELDS = (("title", 10), ("keywords", 10), ("summary", 4), ("body", 1))
# Clause boosts. A typo match is worth a twentieth of an exact one: enough for a misspelled word
# that names the entry to outweigh a common word typed beside it, not enough for a typo in a
# title to outrank the exact word; the exact term also matches its own fuzzy clause, so exact
# always adds up higher.
EXACT_BOOST = 10
# The word still being typed: under a third of a finished word, because its prefix also matches
# unrelated longer terms, yet six times a typo, because every letter typed so far is right.
PREFIX_BOOST = 3
TYPO_BOOST = 0.5
# Another word for the same thing, from the authors' synonym sets: half an exact word, so an
# entry in the reader's own words ranks above one in the set's other words.
SYNONYM_BOOST = 5
# A word the index does not hold is corrected as a word, before stemming: its one-edit
# variants over these letters whose stems the index holds (`invitaton` -> `invitation` ->
# `invit`) join the query at CORRECTION_BOOST. At most MAX_CORRECTIONS, in term order.
CORRECTION_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# A correction weighs half an exact word: it applies only when no entry has the word as typed,
# so it never competes with the exact word, and it is a guess.
CORRECTION_BOOST = 5
MAX_CORRECTIONS = 8
# Hostile or pasted text must stay cheap: a word longer than this is not corrected (it costs
# about 52 stems a letter), and at most this many words of a query are.
MAX_CORRECTION_LENGTH = 20
MAX_CORRECTED_WORDS = 4
# Words whose corrections an index keeps (`corrections`); past this many it starts again.
MEMO_SIZE = 1024
# lunr adds up what each word matched, so an entry that repeats one of the query's words in
# every field outranks one that has all of them. Lucene's classic coordination factor: a score
# is multiplied by the share of the query's words the entry matched (with any of the word's
# clauses: exact, typo, correction, prefix or synonym).
# Words side by side in the title or the summary, as the query has them (in either order, stop
# words aside), say the entry is about what the query names, not about each word apart: the
# first RESCORE_WINDOW entries are rescored (as a search engine rescores its top hits with a
# phrase query), each multiplied by 1 + ADJACENCY_BOOST x the share of the query's neighbouring
# word pairs that stand side by side there. At most twice the score: a strong hint, but the
# words' own weights still decide between entries that both have the phrase.
ADJACENCY_BOOST = 1
ADJACENCY_FIELDS = ("title", "summary")
RESCORE_WINDOW = 10
# A prefix of one or two letters matches a large share of all terms at thousands of entries:
# the slowest searches by far, and hardly a hint of what the reader means.
MIN_PREFIX_LENGTH = 3
# One edit of a word under five letters is often another real word (mail/main, code/node).
MIN_TYPO_LENGTH = 5
# The payload's index form: see build_compact.
COMPACT_FORMAT = "kb-compact-2"
# lunr's BM25 constants (its builder's defaults) and the index version its loader expects.
K1 = 1.2
B = 0.75
LUNR_VERSION = "2.3.9"
# Nobody types more than this into a search box; the caps keep hostile input cheap.
MAX_QUERY_CHARS = 1000
MAX_QUERY_TOKENS = 32
DEFAULT_LIMIT = 10


class SearchIndexError(ValueError):
    """A document list that cannot be indexed (missing or duplicate id)."""


def _field_text(doc: dict, field: str) -> str:
    """A document field as plain text; keyword lists become one line per keyword."""
    value = doc.get(field)
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(str(v) for v in value if v is not None)
    return str(value)


def _checked_docs(docs) -> list[dict]:
    """The documents sorted by id, so the output does not depend on their order."""
    seen: dict[str, int] = {}
    for position, doc in enumerate(docs):
        ref = doc.get("id") if isinstance(doc, dict) else None
        if not ref or not isinstance(ref, str):
            raise SearchIndexError(f"document #{position + 1} has no string 'id'")
        if ref in seen:
            raise SearchIndexError(
                f"document id '{ref}' is used twice (#{seen[ref]}, #{position + 1})"
            )
        seen[ref] = position + 1
    return sorted(docs, key=lambda d: d["id"])


def build_compact(lang: str, docs, memo=None) -> dict:
    """Builds the index of `docs` for language `lang` in the payload's form (`COMPACT_FORMAT`).

    Each doc is a dict with `id` (the ref, e.g. "faq/customer-portal"), `title`, `keywords`
    (string or list), `summary` and `body` (plain text); missing fields count as empty. The
    result is JSON-able and deterministic.

    It holds what lunr's builder counts, not the weights it computes from the counts, and what
    it computes them with (`boosts` of the fields, `bm25`: k1 and b):

    - `refs`: the documents' ids, sorted; a document is its number in this list;
    - `lengths`: per field, each document's number of terms in it;
    - `terms`: the sorted terms, each as `[term, postings of field 0, of field 1, ...]`; a
      field's postings are the documents that have the term there, in ascending order, each
      written as its distance from the previous one (the first from -1), negated when the
      term occurs more than once and then followed by the number of times.

    `expand_index` (and `expandIndex` in analysis.js) compute lunr's weights from these counts
    exactly as lunr's builder does (BM25, `idf` over distinct entries, the field boosts, three
    decimals), with the same floating-point operations in the same order in both languages, and
    give lunr its own serialised form.

    `memo` (a helpfirst.read_cache.ReadCache, `kb build --cache`) keeps each field text's
    counts of terms, which are most of the work, for the next build.
    """
    docs = _checked_docs(docs)
    label = register(lang)
    terms_of = pipeline_function(lang).terms_of

    def term_counts(text: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for token in tokenise(text):
            for term in terms_of(token):
                counts[term] = counts.get(term, 0) + 1
        return counts

    fields = [name for name, _ in FIELDS]
    lengths: list[list[int]] = []
    postings: dict[str, list[list[int]]] = {}
    for number, name in enumerate(fields):
        field_lengths: list[int] = []
        previous: dict[str, int] = {}
        for ref, doc in enumerate(docs):
            text = _field_text(doc, name)
            if memo is None:
                counts = term_counts(text)
            else:
                key = read_cache.key("search terms", lang, text)
                counts = memo.result(key, functools.partial(term_counts, text))
            field_lengths.append(sum(counts.values()))
            for term, count in counts.items():
                lists = postings.get(term)
                if lists is None:
                    lists = postings[term] = [[] for _ in fields]
                distance = ref - previous.get(term, -1)
                previous[term] = ref
                lists[number].extend((distance,) if count == 1 else (-distance, count))
        lengths.append(field_lengths)
    return {
        "format": COMPACT_FORMAT,
        "version": LUNR_VERSION,
        "fields": fields,
        "boosts": [boost for _, boost in FIELDS],
        "bm25": [K1, B],
        "pipeline": [label],
        "refs": [doc["id"] for doc in docs],
        "lengths": lengths,
        "terms": [[term, *postings[term]] for term in sorted(postings)],
    }


def build_index(lang: str, docs) -> dict:
    """The serialised lunr 2.3.9 index of `docs` (see `build_compact`), as lunr loads it."""
    return expand_index(build_compact(lang, docs))


def idf(documents: int, document_count: int) -> float:
    """Inverse document frequency of a term found in `documents` of `document_count` entries.

    lunr's own counts a document once per field that has the term and then takes an absolute
    value, so a word in nearly every entry's title, summary and body (`email`, `sporočilo`)
    came out heavier than a word that names one entry. Here each entry that has the term counts
    once. analysis.js computes the same.
    """
    return math.log(1 + (document_count - documents + 0.5) / (documents + 0.5))


def weight(
    idf_value: float, count: int, length: int, average: float, boost: float, k1: float, b: float
) -> float:
    """lunr's BM25 weight of a term in a field, rounded to three decimals as analysis.js does:
    the same operations in the same order, so both languages get the same numbers."""
    score = idf_value * ((k1 + 1) * count) / (k1 * (1 - b + b * (length / average)) + count)
    score *= boost
    return math.floor(score * 1000 + 0.5) / 1000


def _postings(values: list[int]):
    """(document number, count) pairs of one field's postings in `build_compact`'s form."""
    ref, i = -1, 0
    while i < len(values):
        value = values[i]
        if value > 0:
            ref += value
            yield ref, 1
            i += 1
        else:
            ref -= value
            yield ref, values[i + 1]
            i += 2


def expand_index(data: dict) -> dict:
    """lunr's own serialised form (weights computed) of an index from `build_compact`."""
    fields, refs, lengths = data["fields"], data["refs"], data["lengths"]
    boosts, (k1, b) = data["boosts"], data["bm25"]
    count = len(refs)
    averages = [sum(field) / count if count else 0.0 for field in lengths]
    vectors: list[list[list]] = [[[] for _ in fields] for _ in refs]
    inverted = []
    for number, (term, *lists) in enumerate(data["terms"]):
        per_field = [list(_postings(values)) for values in lists]
        documents = len({ref for pairs in per_field for ref, _ in pairs})
        term_idf = idf(documents, count)
        posting: dict = {"_index": number}
        for f, (name, pairs) in enumerate(zip(fields, per_field, strict=True)):
            posting[name] = {refs[ref]: {} for ref, _ in pairs}
            for ref, times in pairs:
                value = weight(term_idf, times, lengths[f][ref], averages[f], boosts[f], k1, b)
                vectors[ref][f] += (number, value)
        inverted.append([term, posting])
    return {
        "version": data["version"],
        "fields": fields,
        "fieldVectors": [
            [f"{name}/{ref}", vectors[r][f]]
            for r, ref in enumerate(refs)
            for f, name in enumerate(fields)
        ],
        "invertedIndex": inverted,
        "pipeline": data["pipeline"],
    }


def payload_path(lang: str) -> str:
    """Where a language's payload lives, relative to the site root: `search/kb-sl.json`."""
    return f"search/kb-{lang}.json"


def build_payload(lang: str, docs, synonyms=None, memo=None) -> dict:
    """The index payload the browser loads: the index, what registers its analyser, what a
    result shows (see `documents`) and, when there are any, the language's synonym sets as
    lists of terms (`synonyms.analysed`). `memo`: see `build_compact`."""
    key = language_key(lang)
    docs = _checked_docs(docs)
    locations = [doc.get("location") or f"{doc['id']}/" for doc in docs]
    base = _common_base(docs, locations)
    shown = []
    for doc, location in zip(docs, locations, strict=True):
        row = [_field_text(doc, "title"), _field_text(doc, "summary")]
        if location != f"{base}{doc['id']}/":
            row.append(location)
        shown.append(row)
    payload = {
        "lang": lang,
        "analyser": pipeline_label(lang),
        "stopwords": list(stopword_lists().get(key, [])),
        "base": base,
        "docs": shown,
        "index": build_compact(lang, docs, memo),
    }
    if synonyms:
        payload["synonyms"] = [[list(member) for member in group] for group in synonyms]
    return payload


def _common_base(docs: list[dict], locations: list[str]) -> str:
    """The prefix most locations have before `<id>/` (the language's folder, `sl/`)."""
    counts: dict[str, int] = {}
    for doc, location in zip(docs, locations, strict=True):
        tail = f"{doc['id']}/"
        if location.endswith(tail):
            base = location[: -len(tail)]
            counts[base] = counts.get(base, 0) + 1
    return min(counts, key=lambda base: (-counts[base], base)) if counts else ""


def documents(payload: dict) -> dict[str, dict[str, str]]:
    """What a result shows, by ref: `title`, `summary` and `location` (relative to the site
    root). The payload holds them as a list in the order of the index's refs, `[title,
    summary]`, with a third item only for a location other than `base` + ref + `/`;
    `KbAnalysis.documents` in analysis.js reads them the same way."""
    base = payload.get("base", "")
    return {
        ref: {
            "location": row[2] if len(row) > 2 else f"{base}{ref}/",
            "title": row[0],
            "summary": row[1],
        }
        for ref, row in zip(payload["index"]["refs"], payload["docs"], strict=True)
    }


def load_index(payload) -> Index:
    """Loads a payload from `build_payload`, a bare index from `build_index`, or its JSON text."""
    if isinstance(payload, (str, bytes)):
        payload = json.loads(payload)
    data = payload["index"] if "index" in payload else payload
    if data.get("format") == COMPACT_FORMAT:
        data = expand_index(data)
    for label in data.get("pipeline", []):
        if label.startswith("kb-"):
            register(label[3:])
    index = Index.load(data)
    # query() reads the payload's synonym sets and what a result shows (for `adjacency`) from
    # here, as KbAnalysis.load keeps them.
    index.kb_synonyms = payload.get("synonyms") or []
    shown = "docs" in payload and "refs" in payload.get("index", {})
    index.kb_documents = documents(payload) if shown else {}
    return index


def _typo_eligible(folded: str) -> bool:
    """Whether a folded token is long enough, digit-free and BMP-only for a one-edit match."""
    return (
        len(folded) >= MIN_TYPO_LENGTH
        and not any(unicodedata.category(c)[0] == "N" for c in folded)
        and all(ord(c) <= 0xFFFF for c in folded)
    )


def _one_edit(word: str) -> list[str]:
    """Every string one deletion, transposition, substitution or insertion (over
    `CORRECTION_LETTERS`) away from `word`, in a fixed order, duplicates kept."""
    variants = [word[:i] + word[i + 1 :] for i in range(len(word))]
    variants += [
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(len(word) - 1)
        if word[i] != word[i + 1]
    ]
    for i in range(len(word) + 1):
        for letter in CORRECTION_LETTERS:
            if i < len(word) and letter != word[i]:
                variants.append(word[:i] + letter + word[i + 1 :])
            variants.append(word[:i] + letter + word[i:])
    return variants


def _correctable(folded: str, term: str, known) -> bool:
    """Whether a word is corrected: letters a-z, typo-eligible, not too long, and its own term
    not in the index."""
    return (
        known is not None
        and len(folded) <= MAX_CORRECTION_LENGTH
        and all("a" <= c <= "z" for c in folded)
        and _typo_eligible(folded)
        and not known(term)
    )


def corrections(folded: str, term: str, lang: str, known, memo: dict | None = None) -> list[str]:
    """The index terms (`known(term)` is true) of the one-edit variants of a folded word whose
    own term the index lacks, sorted, at most `MAX_CORRECTIONS`; none for a word the index
    holds, so a typo never displaces the exact word. `memo` keeps what was found per folded
    word, so that a word typed earlier in a query is not corrected again at every key."""
    if not _correctable(folded, term, known):
        return []
    if memo is not None and folded in memo:
        return memo[folded]
    stop = stopwords(lang)
    found = set()
    for variant in _one_edit(folded):
        if variant in stop:
            continue
        candidate = stem(variant, lang)
        if candidate != term and known(candidate):
            found.add(candidate)
    result = sorted(found)[:MAX_CORRECTIONS]
    if memo is not None:
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[folded] = result
    return result


def query_words(text, lang: str) -> list[tuple[str, str, bool]]:
    """The query's words that are not stop words, in order: (folded, term, is the last token)."""
    text = text if isinstance(text, str) else ""
    tokens = tokenise(text[:MAX_QUERY_CHARS])[:MAX_QUERY_TOKENS]
    words = []
    for position, token in enumerate(tokens):
        folded, term = analyse_token(token, lang)
        if term is not None:
            words.append((folded, term, position == len(tokens) - 1))
    return words


def plan_query(text, lang: str, known=None, synonyms=None, memo=None) -> list[dict]:
    """The lunr clauses for a raw query, as dicts: {term, boost, words[, editDistance][,
    wildcard]}; `words` are the numbers of the query's distinct terms the clause stands for.

    `known(term)` says whether the index holds a term (for corrections; without it there are
    none); `synonyms` are the payload's synonym sets, lists of members, each a list of terms."""
    words = query_words(text, lang)
    terms = [term for _, term, _ in words]
    numbers = _word_numbers(terms)
    clauses = []
    corrected = 0
    for folded, term, last in words:
        word = [numbers[term]]
        clauses.append({"term": term, "boost": EXACT_BOOST, "words": word})
        if _typo_eligible(folded):
            clauses.append({"term": term, "boost": TYPO_BOOST, "words": word, "editDistance": 1})
        if corrected < MAX_CORRECTED_WORDS and _correctable(folded, term, known):
            corrected += 1
            for correction in corrections(folded, term, lang, known, memo):
                clauses.append({"term": correction, "boost": CORRECTION_BOOST, "words": word})
        if last and len(folded) >= MIN_PREFIX_LENGTH:
            clauses.append(
                {"term": folded, "boost": PREFIX_BOOST, "words": word, "wildcard": "trailing"}
            )
    clauses += synonym_clauses(terms, synonyms)
    return clauses


def _word_numbers(terms: list[str]) -> dict[str, int]:
    """Each distinct term's number, in the order the query first has it."""
    numbers: dict[str, int] = {}
    for term in terms:
        numbers.setdefault(term, len(numbers))
    return numbers


def synonym_clauses(terms: list[str], synonyms) -> list[dict]:
    """The clauses that the synonym sets add to a query of `terms`: for each set one of whose
    members stands in `terms` (its terms one after another), every other member's terms that
    the query lacks, in the sets' order, each once. A member of several words shares
    `SYNONYM_BOOST` among them, so that a phrase weighs as much as one word. A clause stands
    for the query's words that the set's members matched."""
    added: list[dict] = []
    have = set(terms)
    numbers = _word_numbers(terms)
    for group in synonyms or ():
        found = sorted({numbers[t] for m in group if contains_run(terms, m) for t in m})
        if not found:
            continue
        for member in group:
            for term in member:
                if term not in have:
                    have.add(term)
                    added.append(
                        {"term": term, "boost": SYNONYM_BOOST / len(member), "words": found}
                    )
    return added


def contains_run(terms: list[str], member: list[str]) -> bool:
    """Whether `member`'s terms stand in `terms` one after another (an empty one never does)."""
    size = len(member)
    return size > 0 and any(terms[i : i + size] == member for i in range(len(terms) - size + 1))


def _quantise(score: float) -> int:
    """A score at micro-unit precision, computed the same way as in analysis.js."""
    return math.floor(score * 1e6 + 0.5)


def query(index: Index, text, lang: str, limit: int | None = DEFAULT_LIMIT, synonyms=None):
    """Ranked (ref, score) results of a raw query string; never raises on any input text.
    `synonyms` default to the ones `load_index` read from the payload."""
    if synonyms is None:
        synonyms = getattr(index, "kb_synonyms", None)
    memo = getattr(index, "kb_corrections", None)
    if memo is None:
        memo = {}
        index.kb_corrections = memo
    clauses = plan_query(text, lang, index.inverted_index.__contains__, synonyms, memo)
    if not clauses:
        return []
    lunr_query = index.create_query()
    masks: dict[str, int] = {}
    for clause in clauses:
        lunr_clause = Clause(
            term=clause["term"],
            boost=clause["boost"],
            edit_distance=clause.get("editDistance", 0),
            use_pipeline=False,
            wildcard=Query.WILDCARD_TRAILING if "wildcard" in clause else Query.WILDCARD_NONE,
        )
        lunr_query.clause(lunr_clause)
        mask = sum(1 << word for word in clause["words"])
        for term in index.token_set.intersect(TokenSet.from_clause(lunr_clause)).to_list():
            masks[term] = masks.get(term, 0) | mask
    words = 1 + max(word for clause in clauses for word in clause["words"])
    ranked = _ranked(
        (
            match["ref"],
            coordinate(match["score"], _covered(match["match_data"].metadata, masks), words),
        )
        for match in index.query(lunr_query)
    )
    pairs = word_pairs([term for _, term, _ in query_words(text, lang)])
    if pairs and getattr(index, "kb_documents", None):
        streams = _streams(index, lang)
        ranked = _ranked(
            (ref, adjacency(score, streams(ref), masks, pairs) if rank < RESCORE_WINDOW else score)
            for rank, (ref, score) in enumerate(ranked)
        )
    return ranked if limit is None else ranked[:limit]


def _ranked(results) -> list[tuple[str, float]]:
    """(ref, score) pairs by score at micro-unit precision, best first, then by ref."""
    return sorted(results, key=lambda result: (-_quantise(result[1]), result[0]))


def _covered(matched, masks: dict[str, int]) -> int:
    """How many of the query's words an entry matched, from the index terms it matched."""
    mask = 0
    for term in matched:
        mask |= masks.get(term, 0)
    return bin(mask).count("1")


def coordinate(score: float, covered: int, words: int) -> float:
    """lunr's score of an entry times the share of the query's words it matched."""
    return score * covered / words


def word_pairs(terms: list[str]) -> list[tuple[int, int]]:
    """The query's neighbouring words (stop words aside) as pairs of word numbers, each pair
    once whatever its order, a word beside itself never."""
    numbers = _word_numbers(terms)
    pairs: list[tuple[int, int]] = []
    for left, right in pairwise(terms):
        first, second = sorted((numbers[left], numbers[right]))
        pair = (first, second)
        if left != right and pair not in pairs:
            pairs.append(pair)
    return pairs


def adjacency(score: float, streams, masks: dict[str, int], pairs) -> float:
    """`score` times one plus ADJACENCY_BOOST times the share of `pairs` (word numbers) whose
    two words stand side by side, in either order, in one of `streams` (a field's terms); a
    term stands for the words whose clauses matched it (`masks`)."""
    beside: set[tuple[int, int]] = set()
    for stream in streams:
        for left, right in pairwise(stream):
            a, b = masks.get(left, 0), masks.get(right, 0)
            if a and b:
                beside.update(p for p in pairs if _joins(a, b, p) or _joins(b, a, p))
    return score * (1 + ADJACENCY_BOOST * len(beside) / len(pairs))


def _joins(left: int, right: int, pair: tuple[int, int]) -> bool:
    """Whether a term of word pair[0] (mask `left`) is followed by one of pair[1]."""
    return bool(left >> pair[0] & 1 and right >> pair[1] & 1)


def _streams(index: Index, lang: str):
    """A function of a ref: the terms of its entry's `ADJACENCY_FIELDS`, analysed once per
    index (`kb_streams`)."""
    kept = getattr(index, "kb_streams", None)
    if kept is None:
        kept = index.kb_streams = {}
    documents = index.kb_documents

    def streams(ref: str) -> list[list[str]]:
        if ref not in kept:
            kept[ref] = [analyse(documents[ref][field], lang) for field in ADJACENCY_FIELDS]
        return kept[ref]

    return streams
