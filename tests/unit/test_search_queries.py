"""The search-quality query set (scripts/bench/search_queries.json) is fair and still matches
the knowledge base: enough queries per language, known kinds, no duplicates, and every expected
entry exists in that language (not only as a fallback to the default language)."""

from __future__ import annotations

import json
from collections import Counter

import pytest
import yaml

from helpfirst.catalog import load_catalog
from helpfirst.content import SECTIONS
from tests.conftest import ROOT
from tests.sites import docs_files, i18n_languages

QUERIES_PATH = ROOT / "scripts" / "bench" / "search_queries.json"
KINDS = {"inflection", "no-diacritics", "typo", "paraphrase", "exact", "verbal-noun", "word-order"}
MIN_QUERIES = 40
LANGUAGES = i18n_languages(ROOT / "mkdocs.yml")


@pytest.fixture(scope="module")
def query_set():
    return json.loads(QUERIES_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalog():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return load_catalog(
        docs_files(ROOT / "docs"),
        LANGUAGES,
        LANGUAGES[0],
        config["extra"]["kb"]["categories"],
        ROOT,
    )


def test_the_set_is_versioned_and_covers_every_language(query_set):
    assert isinstance(query_set["version"], int) and query_set["version"] >= 1
    assert set(query_set["queries"]) == set(LANGUAGES)
    assert set(query_set["kinds"]) == KINDS


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_enough_well_formed_queries(query_set, lang):
    rows = query_set["queries"][lang]
    assert len(rows) >= MIN_QUERIES
    for row in rows:
        assert set(row) == {"query", "expect", "kind"}, row
        assert isinstance(row["query"], str) and row["query"].strip() == row["query"] != "", row
        assert row["kind"] in KINDS, row
        assert isinstance(row["expect"], list) and row["expect"], row
        assert len(set(row["expect"])) == len(row["expect"]), row


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_query_is_asked_twice(query_set, lang):
    counts = Counter(
        " ".join(row["query"].casefold().split()) for row in query_set["queries"][lang]
    )
    assert [query for query, count in counts.items() if count > 1] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_exact_queries_are_a_minority(query_set, lang):
    kinds = Counter(row["kind"] for row in query_set["queries"][lang])
    assert kinds["exact"] * 4 < sum(kinds.values())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_expected_entry_exists_in_that_language(query_set, catalog, lang):
    missing = []
    for row in query_set["queries"][lang]:
        for ref in row["expect"]:
            section, _, entry_id = ref.partition("/")
            entry, fallback = catalog.entry(entry_id, lang)
            if (
                section not in SECTIONS
                or entry is None
                or fallback
                or entry.kind != SECTIONS[section]
            ):
                missing.append(f"{row['query']!r}: {ref}")
    assert missing == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_diacritics_queries_have_none(query_set, lang):
    marked = [
        row["query"]
        for row in query_set["queries"][lang]
        if row["kind"] == "no-diacritics" and any(ord(c) > 127 for c in row["query"])
    ]
    assert marked == []
