"""Text analysis for search: one analyser per language, the same at index and at query time.

An analyser turns text into index terms in five steps:

1. normalise: drop invisible format characters (Unicode Cf: soft hyphens, zero-width and
   direction marks), then Unicode NFC, then lower-case;
2. tokenise: runs of letters, marks and digits, joined by hyphens, dots and apostrophes, are
   cut into tokens (`tokenise` documents the hyphen, dot and apostrophe rules);
3. fold: diacritics to base letters through one explicit map (`FOLDING`);
4. stop words: the language's curated list (`data/stopwords.json`), folded, is dropped;
5. stem: Porter for `en`, our light stemmers for `sl` and `lv` (`stemmers.py`).

Any other language code gets the generic analyser: steps 1-3 only. Each analyser is registered
with lunr as one pipeline function labelled `kb-en`, `kb-sl`, `kb-lv` or `kb-generic`; a built
index names that label and loading it needs the same label registered (in lunr.js too, by
`overrides/assets/kb/analysis.js`, which implements every rule here identically).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from lunr.pipeline import Pipeline

from helpfirst.stemmers import STEMMERS

LANGUAGES = ("en", "sl", "lv")
GENERIC = "generic"
LABEL_PREFIX = "kb-"
# A token longer than this is a URL, a hash or garbage, never a word someone types.
MAX_TERM_LENGTH = 64
STOPWORDS_PATH = Path(__file__).parent / "data" / "stopwords.json"

_HYPHENS = "-\u2010\u2011"
_APOSTROPHES = "'\u2019"
_JOINERS = frozenset(_HYPHENS + _APOSTROPHES + ".")
_HYPHEN_RUN = re.compile(f"[{_HYPHENS}]+")
_DOT_RUN = re.compile(r"\.+")

# Lower-case letters to base letters. Explicit (not NFD + strip marks) because đ, ł, ø, ß and
# friends do not decompose, and because analysis.js must fold exactly the same way.
FOLDING = {
    **dict.fromkeys("àáâãäåāăą", "a"),
    **dict.fromkeys("çćĉċč", "c"),
    **dict.fromkeys("ďđ", "d"),
    **dict.fromkeys("èéêëēĕėęě", "e"),
    **dict.fromkeys("ĝğġģ", "g"),
    **dict.fromkeys("ĥħ", "h"),
    **dict.fromkeys("ìíîïĩīĭįı", "i"),
    "ĵ": "j",
    "ķ": "k",
    **dict.fromkeys("ĺļľŀł", "l"),
    **dict.fromkeys("ñńņň", "n"),
    **dict.fromkeys("òóôõöøōŏő", "o"),
    **dict.fromkeys("ŕŗř", "r"),
    **dict.fromkeys("śŝşšș", "s"),
    **dict.fromkeys("ţťŧț", "t"),
    **dict.fromkeys("ùúûüũūŭůűų", "u"),
    "ŵ": "w",
    **dict.fromkeys("ýÿŷ", "y"),
    **dict.fromkeys("źżž", "z"),
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ð": "d",
    "þ": "th",
    # Lower-casing picks σ or ς by position; folding the final form makes that irrelevant.
    "ς": "σ",
}


def language_key(lang: str | None) -> str:
    """Maps a language code (`sl`, `sl-SI`, `LV`, `de`) to an analyser: en, sl, lv or generic."""
    primary = re.split(r"[-_]", str(lang or "").strip().lower(), maxsplit=1)[0]
    return primary if primary in LANGUAGES else GENERIC


def pipeline_label(lang: str | None) -> str:
    """The lunr pipeline label of a language's analyser: `kb-en`, `kb-sl`, `kb-lv`, `kb-generic`."""
    return LABEL_PREFIX + language_key(lang)


def normalise(text: str) -> str:
    """Drops format characters (Cf), then applies NFC and lower-cases."""
    # Cf first: a soft hyphen or zero-width space inside a word must not split it, and NFC must
    # see the letters it would otherwise separate from their combining marks.
    text = text.translate(_DROP_FORMAT)
    return unicodedata.normalize("NFC", text).lower()


class _CharacterTable(dict):
    """A `str.translate` table that classifies each character the first time it is seen, so
    that a long text is translated in C instead of judged character by character in Python.
    It is filled only with the characters of the texts seen (a few hundred in practice)."""

    def __init__(self, classify):
        super().__init__()
        self._classify = classify

    def __missing__(self, codepoint: int):
        value = self._classify(chr(codepoint))
        self[codepoint] = value
        return value


# Format characters (Cf) are dropped, everything else stays.
_DROP_FORMAT = _CharacterTable(lambda c: None if unicodedata.category(c) == "Cf" else ord(c))


def _category(char: str) -> str:
    """The one-letter Unicode major category of a character (L, M, N, P, S, Z, C)."""
    return unicodedata.category(char)[0]


def trim(token: str) -> str:
    """Strips edges: leading characters that are not letters or digits, trailing ones that are
    not letters, marks or digits (a final combining mark belongs to its letter)."""
    start, end = 0, len(token)
    while start < end and _category(token[start]) not in "LN":
        start += 1
    while end > start and _category(token[end - 1]) not in "LMN":
        end -= 1
    return token[start:end]


def _is_single_letter(part: str) -> bool:
    """True for a one-character letter, the `e` of `e-pošta` or a `d` of `d.o.o.`."""
    return len(part) == 1 and _category(part) == "L"


def _split_hyphens(part: str) -> list[str]:
    """Hyphen rule: a single letter is glued to the next part (e-pošta -> epošta); other
    compounds give their parts and then the parts joined (self-service -> self, service,
    selfservice), so both the spaced and the closed spelling find the hyphenated one."""
    parts = [p for p in (trim(x) for x in _HYPHEN_RUN.split(part)) if p]
    glued: list[str] = []
    pending = ""
    for index, piece in enumerate(parts):
        piece, pending = pending + piece, ""
        if index < len(parts) - 1 and _is_single_letter(piece):
            pending = piece
            continue
        glued.append(piece)
    if len(glued) <= 1:
        return glued
    return glued + ["".join(glued)]


def _split_chunk(chunk: str) -> list[str]:
    """Cuts one run of word characters and joiners into tokens (see `tokenise`)."""
    chunk = trim(chunk)
    # English possessive: customer's -> customer (also McDonald's); other apostrophes glue.
    if len(chunk) > 2 and chunk[-1] == "s" and chunk[-2] in _APOSTROPHES:
        chunk = chunk[:-2]
    chunk = "".join(c for c in chunk if c not in _APOSTROPHES)
    dotted = [p for p in (trim(x) for x in _DOT_RUN.split(chunk)) if p]
    # Abbreviations made of single letters are one word: d.o.o. -> doo, e.g. -> eg.
    if len(dotted) > 1 and all(_is_single_letter(p) for p in dotted):
        dotted = ["".join(dotted)]
    tokens: list[str] = []
    for part in dotted:
        tokens.extend(_split_hyphens(part))
    return tokens


def tokenise(text: str) -> list[str]:
    """Splits normalised text into tokens; lunr's own tokenizer is never used.

    A chunk is a run of letters, marks, digits, hyphens (- U+2010 U+2011), dots and apostrophes
    (' U+2019); everything else separates. Each chunk is trimmed, loses a final possessive 's,
    has its inner apostrophes removed, is split at dots (unless every part is a single letter,
    as in d.o.o.) and then at hyphens (see `_split_hyphens`). Tokens longer than
    `MAX_TERM_LENGTH` characters are dropped. Numbers stay tokens.
    """
    # Every separator becomes a space, so the chunks are what lies between spaces.
    text = normalise(text).translate(_SEPARATORS_TO_SPACE)
    tokens: list[str] = []
    for chunk in text.split(" "):
        if chunk:
            tokens.extend(_chunk_tokens(chunk))
    return [t for t in tokens if len(t) <= MAX_TERM_LENGTH]


# Letters, marks, digits and joiners stay; every other character becomes a space.
_SEPARATORS_TO_SPACE = _CharacterTable(
    lambda c: ord(c) if c in _JOINERS or _category(c) in "LMN" else ord(" ")
)


@lru_cache(maxsize=1 << 16)
def _chunk_tokens(chunk: str) -> tuple[str, ...]:
    """`_split_chunk`, remembered: the words of a knowledge base repeat thousands of times."""
    return tuple(_split_chunk(chunk))


def fold(term: str) -> str:
    """Folds diacritics of a lower-case term to base letters with the explicit `FOLDING` map."""
    return "".join(FOLDING.get(c, c) for c in term)


@lru_cache(maxsize=1)
def stopword_lists() -> dict[str, list[str]]:
    """The curated stop word lists as written in `data/stopwords.json` (not folded)."""
    return json.loads(STOPWORDS_PATH.read_text(encoding="utf-8"))


def prepare_stopwords(words) -> frozenset[str]:
    """Normalises and folds a stop word list, as both implementations do before filtering."""
    return frozenset(fold(normalise(w)) for w in words)


def stopwords(lang: str | None) -> frozenset[str]:
    """A language's folded stop words; the generic analyser has none."""
    return _stopwords_of(language_key(lang))


@cache
def _stopwords_of(key: str) -> frozenset[str]:
    """The folded stop words of an analyser key, prepared once."""
    return prepare_stopwords(stopword_lists().get(key, ())) if key != GENERIC else frozenset()


def stem(term: str, lang: str | None) -> str:
    """Stems a folded term with the language's stemmer (generic: unchanged)."""
    stemmer = STEMMERS.get(language_key(lang))
    return stemmer(term) if stemmer else term


def analyse_token(token: str, lang: str | None) -> tuple[str, str | None]:
    """Folds one token and returns (folded, term); term is None for a stop word."""
    folded = fold(token)
    if folded in stopwords(lang):
        return folded, None
    return folded, stem(folded, lang)


def analyse(text: str, lang: str | None) -> list[str]:
    """The index terms of `text` in language `lang`, in order, duplicates kept."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    terms = []
    for token in tokenise(text):
        term = analyse_token(token, lang)[1]
        if term is not None:
            terms.append(term)
    return terms


def _pipeline_function(key: str):
    """Builds the single lunr pipeline function of analyser `key`."""

    # The terms of a word depend on the word alone: building the index (search.build_compact)
    # asks for each word of every document, so a knowledge base of thousands of entries
    # analyses each distinct word once instead of hundreds of times.
    @lru_cache(maxsize=1 << 16)
    def terms_of(text: str) -> tuple[str, ...]:
        return tuple(analyse(text, key))

    def kb_analyse(token, i=None, tokens=None):
        """Replaces one lunr token by the analyser's terms (none for a stop word)."""
        return [token.clone(lambda _s, _m, term=term: term) for term in terms_of(str(token))]

    # Read by search.py: which analyser a pipeline function is, and its cached terms.
    kb_analyse.kb_analyser = key  # type: ignore[attr-defined]
    kb_analyse.terms_of = terms_of  # type: ignore[attr-defined]
    return kb_analyse


def register(lang: str | None) -> str:
    """Registers a language's analyser with lunr.py (once) and returns its label."""
    key = language_key(lang)
    label = LABEL_PREFIX + key
    existing = Pipeline.registered_functions.get(label)
    if getattr(existing, "kb_analyser", None) != key:
        Pipeline.register_function(_pipeline_function(key), label)
    return label


def pipeline_function(lang: str | None):
    """The registered lunr pipeline function of a language's analyser."""
    return Pipeline.registered_functions[register(lang)]


# lunr.Index.load needs the labels registered before any index is loaded: do it on import.
for _key in (*LANGUAGES, GENERIC):
    register(_key)
