"""The search indexes of real builds: one per language, only that language's own entries,
loaded by the search worker that every page starts in its own language."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from helpfirst import synonyms
from helpfirst.search import documents, load_index, query
from tests.builds.test_site import ENTRY_PATHS, LANGUAGES
from tests.conftest import ROOT
from tests.sites import BASE_DOCS, build, make_project

_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
_STRINGS = re.compile(
    r'<script id="kb-search-strings" type="application/json">(.*?)</script>', re.S
)
_HTML_LANG = re.compile(r'<html[^>]*\slang="([^"]+)"')


def _payload(site: Path, lang: str) -> dict:
    return json.loads((site / "search" / f"kb-{lang}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_index_of_its_own_entries(real_site, lang):
    payload = _payload(real_site.site, lang)
    prefix = LANGUAGES[lang]
    assert payload["lang"] == lang
    assert payload["analyser"] == f"kb-{lang}" == payload["index"]["pipeline"][0]
    assert sorted(documents(payload)) == sorted(path.rstrip("/") for path in ENTRY_PATHS)
    for ref, doc in documents(payload).items():
        assert doc["location"] == f"{prefix}{ref}/"
        assert (real_site.site / doc["location"] / "index.html").is_file()
        assert doc["title"] and doc["summary"]
    titles = {doc["title"] for doc in documents(payload).values()}
    for other in LANGUAGES:
        if other != lang:
            assert not titles & {
                d["title"] for d in documents(_payload(real_site.site, other)).values()
            }


def test_materials_own_index_is_left_empty(real_site):
    """Every page is excluded from it: one index of all languages, without sl/lv analysis."""
    data = json.loads(real_site.read("search/search_index.json"))
    assert data["docs"] == []
    assert data["config"]["separator"]  # Material's search highlighting still reads it


def test_every_page_starts_the_search_worker_in_its_own_language(real_site):
    pages = sorted(real_site.site.rglob("*.html"))
    assert len(pages) > 60
    for page in pages:
        html = page.read_text(encoding="utf-8")
        lang = _HTML_LANG.search(html).group(1)
        config = json.loads(_CONFIG.search(html).group(1))
        worker = urlsplit(config["search"])
        assert worker.path.endswith("assets/kb/search-worker.js"), page
        assert parse_qs(worker.query) == {"lang": [lang], "default": ["en"], "label": ["English"]}
        relative = page.relative_to(real_site.site).as_posix()
        target = urljoin("https://h/" + relative, worker.path)
        assert (real_site.site / urlsplit(target).path.lstrip("/")).is_file(), page
        words = json.loads(_STRINGS.search(html).group(1))
        assert words["lang"] == lang
        assert "#" in words["strings"]["search.result.other"]
        assert config["translations"]["search.result.one"].startswith("1")


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "passwords", "templates/password-reset"),
        ("sl", "geslom", "templates/password-reset"),
        ("sl", "priponke", "faq/support-email-attachments"),
        ("lv", "paroles atiestatisana", "templates/password-reset"),
        ("lv", "pielikumi", "faq/support-email-attachments"),
    ],
)
def test_the_built_index_answers_inflected_and_unaccented_queries(real_site, lang, text, expected):
    index = load_index(real_site.read(f"search/kb-{lang}.json"))
    assert expected in [ref for ref, _ in query(index, text, lang, limit=3)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_built_index_holds_the_glossarys_synonym_sets(real_site, lang):
    path = synonyms.path_for(ROOT / "glossary", lang)
    sets, problems = synonyms.load(path, str(path))
    assert sets and not problems
    assert _payload(real_site.site, lang)["synonyms"] == synonyms.analysed(sets, lang)


@pytest.mark.parametrize(
    ("lang", "text", "expected", "first_without"),
    [
        ("en", "writing style for support emails", "faq/support-email-tone", False),
        ("sl", "kako pisati brez jeze", "faq/support-email-tone", False),
        # The only entry with both words ranks first on them alone; the set still adds weight.
        ("lv", "kā rakstīt bez dusmām", "faq/support-email-tone", True),
    ],
)
def test_the_built_index_finds_an_entry_by_a_synonym_first(
    real_site, lang, text, expected, first_without
):
    index = load_index(real_site.read(f"search/kb-{lang}.json"))
    found, without = query(index, text, lang), query(index, text, lang, synonyms=[])
    assert found[0][0] == expected
    assert (without[0][0] == expected) is first_without
    assert dict(found)[expected] > dict(without).get(expected, 0)


@pytest.fixture(scope="module")
def fallback_site(tmp_path_factory):
    """The base knowledge base: `order-number` exists in English only."""
    where = tmp_path_factory.mktemp("search-fallback")
    result = build(make_project(where / "project", BASE_DOCS), where / "site")
    assert result.returncode == 0, result.log
    return result


def test_untranslated_entries_stay_out_of_a_languages_index(fallback_site):
    assert sorted(documents(_payload(fallback_site.site, "en"))) == [
        "faq/order-number",
        "faq/reset-password",
    ]
    assert sorted(documents(_payload(fallback_site.site, "sl"))) == ["faq/reset-password"]
    assert documents(_payload(fallback_site.site, "lv")) == {}
    # The Latvian index is empty but loads: the worker then answers from the default language.
    assert query(load_index(_payload(fallback_site.site, "lv")), "password", "lv") == []


def test_index_documents_hold_the_entrys_words(fallback_site):
    """Title, keywords, summary and the rendered body (not its markup) are searchable."""
    index = load_index(_payload(fallback_site.site, "en"))
    for text in ("reset password", "forgot password", "sign-in page", "confirmation email"):
        assert query(index, text, "en"), text
    assert query(index, "strong", "en") == []  # the **bold** markup is not a word of the page


def test_any_language_can_be_the_default(sl_default_site):
    site = sl_default_site.site
    assert sorted(documents(_payload(site, "sl"))) == [f"faq/{n}" for n in sorted(
        ["one", "two", "three", "four", "five"])]  # fmt: skip
    assert documents(_payload(site, "sl"))["faq/one"]["location"] == "faq/one/"
    assert documents(_payload(site, "en"))["faq/one"]["location"] == "en/faq/one/"
    assert sorted(documents(_payload(site, "lv"))) == ["faq/one", "faq/two"]
    html = sl_default_site.read("en/faq/one/index.html")
    worker = urlsplit(json.loads(_CONFIG.search(html).group(1))["search"])
    assert parse_qs(worker.query) == {"lang": ["en"], "default": ["sl"], "label": ["Slovenščina"]}
    assert "lunr.sl" not in sl_default_site.log
