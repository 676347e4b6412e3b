"""The search core in Python: build a language's lunr index, load it, and query it.

`overrides/assets/kb/analysis.js` implements the same query for lunr.js in the browser; given
the same index both return the same refs in the same order.

Contract between the build and the browser
------------------------------------------
`build_index(lang, docs)` returns a lunr 2.3.9 serialised index whose `pipeline` is
`[pipeline_label(lang)]`: `kb-en`, `kb-sl`, `kb-lv`, or `kb-generic` for any other language.
`build_payload(lang, docs)` wraps it with what lunr.js needs to register that label first,
and with what a result shows::

    {"lang": "sl", "analyser": "kb-sl", "stopwords": [...],
     "docs": {"faq/x": {"location": "sl/faq/x/", "title": "...", "summary": "..."}},
     "index": {...lunr index in the smaller form of `compact_index`...}}

`stopwords` is the language's list from `data/stopwords.json` as written there (the analysers
fold it themselves); it is empty for the generic analyser. In the browser,
`KbAnalysis.load(lunr, payload)` registers the analyser and returns `lunr.Index.load(index)`.

Query semantics (both implementations)
--------------------------------------
The raw query (first `MAX_QUERY_CHARS` characters) is tokenised and each of its first
`MAX_QUERY_TOKENS` tokens is folded; stop words are skipped. Every token gives one clause for
its analysed term (boost `EXACT_BOOST`); a token of at least `MIN_TYPO_LENGTH` characters with
no digit (and no character outside the BMP, where JavaScript counts edits differently) also
matches its term with one edit at `TYPO_BOOST`; the last token also matches as a prefix of
indexed terms, folded but not stemmed, at `PREFIX_BOOST` when it has `MIN_PREFIX_LENGTH`
characters. Clauses are built with lunr's query API, never parsed from the user's string, so
lunr's query syntax cannot make a query throw. Results are ordered by score (compared at
micro-unit precision, so that float rounding differences between the two lunr ports cannot
reorder them), then by ref.
"""

from __future__ import annotations

import json
import math
import unicodedata
from contextlib import contextmanager

from lunr import builder as lunr_builder
from lunr.builder import Builder
from lunr.index import Index
from lunr.query import Clause, Query
from lunr.token import Token
from lunr.utils import as_string

from helpfirst.analysis import (
    analyse_token,
    language_key,
    pipeline_function,
    pipeline_label,
    register,
    stopword_lists,
    tokenise,
)

# Field boosts: a word in the title or the keywords says more about the entry than one in the
# summary, which says more than one somewhere in the body.
FIELDS = (("title", 10), ("keywords", 10), ("summary", 4), ("body", 1))
# Clause boosts. A typo match is worth a twentieth of an exact one: enough for a misspelled word
# that names the entry to outweigh a common word typed beside it, not enough for a typo in a
# title to outrank the exact word; the exact term also matches its own fuzzy clause, so exact
# always adds up higher.
EXACT_BOOST = 10
PREFIX_BOOST = 3
TYPO_BOOST = 0.5
MIN_PREFIX_LENGTH = 2
MIN_TYPO_LENGTH = 5
# The payload's index form: see compact_index.
COMPACT_FORMAT = "kb-compact-1"
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


def _extractor(field: str, terms_of):
    """A lunr field extractor that hands lunr the terms of a field, already analysed: our
    tokens, each lower-cased as lunr's tokenizer would and then given to the analyser's
    pipeline function (`terms_of`), so lunr's tokenizer never splits and indexing needs no
    pipeline of its own."""
    return lambda doc: [
        term for token in tokenise(_field_text(doc, field)) for term in terms_of(token.lower())
    ]


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


def build_index(lang: str, docs) -> dict:
    """Builds the serialised lunr index of `docs` for language `lang`.

    Each doc is a dict with `id` (the ref, e.g. "faq/customer-portal"), `title`, `keywords`
    (string or list), `summary` and `body` (plain text); missing fields count as empty. The
    result is JSON-able and deterministic; no term positions are stored.
    """
    docs = _checked_docs(docs)
    label = register(lang)
    fields = [name for name, _ in FIELDS]
    if not docs:
        # lunr's Builder divides by the document count; an empty index is still loadable.
        return {
            "version": "2.3.9",
            "fields": fields,
            "fieldVectors": [],
            "invertedIndex": [],
            "pipeline": [label],
        }
    function = pipeline_function(lang)
    builder = Builder()
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost=boost, extractor=_extractor(name, function.terms_of))
    # The extractors analyse, so the indexing pipeline stays empty; the search pipeline names
    # the analyser in the serialised index, for lunr.js to load it.
    builder.search_pipeline.add(function)
    with _plain_tokens():
        for doc in docs:
            builder.add(doc)
    with _distinct_document_idf():
        index = builder.build()
    # A JSON round trip turns lunr's defaultdicts into plain dicts.
    return json.loads(json.dumps(index.serialize()))


def idf(posting: dict, document_count: int) -> float:
    """Inverse document frequency of a term, counting each document that has it once.

    lunr's own counts a document once per field that has the term and then takes an absolute
    value, so a word in nearly every entry's title, summary and body (`email`, `sporočilo`)
    came out heavier than a word that names one entry. The weights are part of the built
    index: lunr.js only reads them, so both ports rank alike.
    """
    documents = set()
    for field, refs in posting.items():
        if field != "_index":
            documents.update(refs)
    count = len(documents)
    return math.log(1 + (document_count - count + 0.5) / (count + 0.5))


@contextmanager
def _plain_tokens():
    """lunr.py's builder wraps each term of a list in a Token with a deep copy of empty
    metadata (half of its indexing time for a large knowledge base); while adding documents,
    it gets the same Tokens without the copies."""
    original = lunr_builder.Tokenizer

    def tokens(obj, metadata=None, separator=None):
        if isinstance(obj, list) and not metadata:
            return [Token(as_string(element).lower()) for element in obj]
        return original(obj, metadata, separator)

    lunr_builder.Tokenizer = tokens
    try:
        yield
    finally:
        lunr_builder.Tokenizer = original


@contextmanager
def _distinct_document_idf():
    """lunr.py's builder looks its idf up by this module-level name while building vectors."""
    original = lunr_builder.Idf
    lunr_builder.Idf = idf
    try:
        yield
    finally:
        lunr_builder.Idf = original


def compact_index(data: dict) -> dict:
    """A serialised lunr index in a smaller form of the same content (`COMPACT_FORMAT`).

    lunr's own form names the ref in every posting and every field vector; here refs are
    numbered once (`refs`), postings are delta-coded ref numbers per field (`terms`: term,
    then one list per field), and a term's `_index` is its position in `terms` (the order
    lunr serialised them in, which lunr.js needs when it loads them). `vectors` are
    [field number, ref number, delta-coded term positions, weights]. `expand_index` (and
    `expandIndex` in analysis.js) gives lunr its own form back.
    """
    fields = data["fields"]
    field_no = {name: number for number, name in enumerate(fields)}
    refs = sorted({field_ref.split("/", 1)[1] for field_ref, _ in data["fieldVectors"]})
    ref_no = {ref: number for number, ref in enumerate(refs)}
    position = {posting["_index"]: n for n, (_, posting) in enumerate(data["invertedIndex"])}
    terms = [
        [term, *(_deltas(sorted(ref_no[ref] for ref in posting[name])) for name in fields)]
        for term, posting in data["invertedIndex"]
    ]
    vectors = []
    for field_ref, values in data["fieldVectors"]:
        name, ref = field_ref.split("/", 1)
        pairs = sorted((position[values[i]], values[i + 1]) for i in range(0, len(values), 2))
        vectors.append(
            [field_no[name], ref_no[ref], _deltas([p for p, _ in pairs]), [w for _, w in pairs]]
        )
    return {
        "format": COMPACT_FORMAT,
        "version": data["version"],
        "fields": fields,
        "pipeline": data["pipeline"],
        "refs": refs,
        "terms": terms,
        "vectors": vectors,
    }


def expand_index(data: dict) -> dict:
    """lunr's own serialised form of an index from `compact_index`."""
    fields, refs = data["fields"], data["refs"]
    inverted = []
    for number, (term, *lists) in enumerate(data["terms"]):
        posting = {"_index": number}
        for name, deltas in zip(fields, lists, strict=True):
            posting[name] = {refs[n]: {} for n in _undeltas(deltas)}
        inverted.append([term, posting])
    vectors = []
    for field, ref, deltas, weights in data["vectors"]:
        values = [x for pair in zip(_undeltas(deltas), weights, strict=True) for x in pair]
        vectors.append([f"{fields[field]}/{refs[ref]}", values])
    return {
        "version": data["version"],
        "fields": fields,
        "fieldVectors": vectors,
        "invertedIndex": inverted,
        "pipeline": data["pipeline"],
    }


def _deltas(numbers: list[int]) -> list[int]:
    """Ascending numbers as differences from the previous one (the first from 0)."""
    return [n - previous for previous, n in zip([0, *numbers], numbers, strict=False)]


def _undeltas(deltas: list[int]) -> list[int]:
    total, numbers = 0, []
    for delta in deltas:
        total += delta
        numbers.append(total)
    return numbers


def payload_path(lang: str) -> str:
    """Where a language's payload lives, relative to the site root: `search/kb-sl.json`."""
    return f"search/kb-{lang}.json"


def build_payload(lang: str, docs) -> dict:
    """The index payload the browser loads: the index, what registers its analyser, and what
    a result shows (`location` relative to the site root, `title`, `summary`) by ref."""
    key = language_key(lang)
    docs = _checked_docs(docs)
    return {
        "lang": lang,
        "analyser": pipeline_label(lang),
        "stopwords": list(stopword_lists().get(key, [])),
        "docs": {
            doc["id"]: {
                "location": doc.get("location") or f"{doc['id']}/",
                "title": _field_text(doc, "title"),
                "summary": _field_text(doc, "summary"),
            }
            for doc in docs
        },
        "index": compact_index(build_index(lang, docs)),
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
    return Index.load(data)


def _typo_eligible(folded: str) -> bool:
    """Whether a folded token is long enough, digit-free and BMP-only for a one-edit match."""
    return (
        len(folded) >= MIN_TYPO_LENGTH
        and not any(unicodedata.category(c)[0] == "N" for c in folded)
        and all(ord(c) <= 0xFFFF for c in folded)
    )


def plan_query(text, lang: str) -> list[dict]:
    """The lunr clauses for a raw query, as dicts: {term, boost[, editDistance][, wildcard]}."""
    text = text if isinstance(text, str) else ""
    tokens = tokenise(text[:MAX_QUERY_CHARS])[:MAX_QUERY_TOKENS]
    clauses = []
    for position, token in enumerate(tokens):
        folded, term = analyse_token(token, lang)
        if term is None:
            continue
        clauses.append({"term": term, "boost": EXACT_BOOST})
        if _typo_eligible(folded):
            clauses.append({"term": term, "boost": TYPO_BOOST, "editDistance": 1})
        if position == len(tokens) - 1 and len(folded) >= MIN_PREFIX_LENGTH:
            clauses.append({"term": folded, "boost": PREFIX_BOOST, "wildcard": "trailing"})
    return clauses


def _quantise(score: float) -> int:
    """A score at micro-unit precision, computed the same way as in analysis.js."""
    return math.floor(score * 1e6 + 0.5)


def query(index: Index, text, lang: str, limit: int | None = DEFAULT_LIMIT):
    """Ranked (ref, score) results of a raw query string; never raises on any input text."""
    clauses = plan_query(text, lang)
    if not clauses:
        return []
    lunr_query = index.create_query()
    for clause in clauses:
        lunr_query.clause(
            Clause(
                term=clause["term"],
                boost=clause["boost"],
                edit_distance=clause.get("editDistance", 0),
                use_pipeline=False,
                wildcard=Query.WILDCARD_TRAILING if "wildcard" in clause else Query.WILDCARD_NONE,
            )
        )
    ranked = sorted(
        ((match["ref"], match["score"]) for match in index.query(lunr_query)),
        key=lambda result: (-_quantise(result[1]), result[0]),
    )
    return ranked if limit is None else ranked[:limit]
