"""Constants that Python and the browser code both hold are held equal here.

Each is written once per language on purpose (the browser code is static files the build
copies as they are), so this test reads the JavaScript sources as text and compares each value
with the Python one it must equal.
"""

from __future__ import annotations

import json
import re

import pytest

from helpfirst import analysis, search, settings, widget
from tests.sites import ROOT

KB = ROOT / "overrides" / "assets" / "kb"
BOOTSTRAP = ROOT / "overrides" / "widget.js"
ANALYSIS_JS = KB / "analysis.js"
SEARCH_WORKER = KB / "search-worker.js"
SEARCH_JS = KB / "search.js"
COMPOSE = KB / "widget" / "compose.js"
SEARCH_VIEW = KB / "widget" / "search-view.js"
PANEL = KB / "widget" / "panel.js"

# analysis.js's constants that are search.py's or analysis.py's, by the same name.
SHARED_WITH_PYTHON = {
    "LANGUAGES": analysis,
    "GENERIC": analysis,
    "LABEL_PREFIX": analysis,
    "MAX_TERM_LENGTH": analysis,
    "EXACT_BOOST": search,
    "PREFIX_BOOST": search,
    "TYPO_BOOST": search,
    "SYNONYM_BOOST": search,
    "CORRECTION_LETTERS": search,
    "MAX_CORRECTIONS": search,
    "CORRECTION_BOOST": search,
    "MEMO_SIZE": search,
    "MAX_CORRECTION_LENGTH": search,
    "MAX_CORRECTED_WORDS": search,
    "MIN_PREFIX_LENGTH": search,
    "MIN_TYPO_LENGTH": search,
    "MAX_QUERY_CHARS": search,
    "MAX_QUERY_TOKENS": search,
    "DEFAULT_LIMIT": search,
    "ADJACENCY_BOOST": search,
    "ADJACENCY_FIELDS": search,
    "RESCORE_WINDOW": search,
    "COMPACT_FORMAT": search,
}


def _text(path) -> str:
    return path.read_text(encoding="utf-8")


def _js_regex(path, name: str) -> str:
    """The source of `const NAME = /.../;` in a script (its only definition)."""
    found = re.findall(rf"^\s*const {name} = /(.+)/[a-z]*;$", _text(path), re.MULTILINE)
    assert len(found) == 1, f"{path.name}: expected one `const {name} = /.../;`, got {found}"
    return found[0]


def _js_value(source: str, name: str):
    """The value of `const NAME = <number, string or array of strings>;` in a script."""
    found = re.findall(rf"^\s*const {name} = (.+);$", source, re.MULTILINE)
    assert len(found) == 1, f"expected one `const {name} = ...;`, got {found}"
    return json.loads(found[0].replace("'", '"'))


@pytest.mark.parametrize("path", [BOOTSTRAP, COMPOSE], ids=lambda path: path.name)
def test_the_email_pattern_is_the_one_the_settings_check(path):
    # mkdocs.yml's support_email passes settings.py's check, and reaches the browser, where
    # data-kb-email and the guided email's reply address are checked with the same pattern.
    assert _js_regex(path, "EMAIL") == settings._EMAIL.pattern


@pytest.mark.parametrize("name", sorted(SHARED_WITH_PYTHON))
def test_the_analysers_constants_are_the_pythons(name):
    expected = getattr(SHARED_WITH_PYTHON[name], name)
    value = _js_value(_text(ANALYSIS_JS), name)
    assert value == (list(expected) if isinstance(expected, tuple) else expected)


def test_the_scripts_load_the_lunr_the_index_is_built_for():
    script = f"vendor/lunr-{search.LUNR_VERSION}.min.js"
    # The widget loads the vendored file wrapped by the build (widget.scoped_lunr).
    assert widget.LUNR_SOURCE == f"assets/kb/{script}"
    assert widget.LUNR_PATH in widget.WIDGET_SCRIPTS
    assert f'"{script}"' in _text(SEARCH_WORKER)
    assert (KB / script).is_file()


def _concatenation(path_with_lang: str) -> re.Pattern:
    """A JavaScript string concatenation that writes the path with some language in it."""
    before, after = path_with_lang.split("LANG")
    return re.compile(rf'"{re.escape(before)}" \+ [\w.()]+ \+ "{re.escape(after)}"')


def test_the_browser_reads_the_files_where_the_build_writes_them():
    settings_file = _concatenation(widget.settings_path("LANG"))
    assert settings_file.search(_text(PANEL))
    # The site's search worker and the widget name the index through one module, search.js.
    index_file = re.compile(r'"search/kb-" \+ encodeURIComponent\(\w+\) \+ "\.json"')
    assert search.payload_path("LANG") == "search/kb-LANG.json"
    assert index_file.search(_text(SEARCH_JS))
    assert 'importScripts("search.js")' in _text(SEARCH_WORKER)
    assert "assets/kb/search.js" in widget.WIDGET_SCRIPTS


def test_the_bootstrap_shows_exactly_the_words_the_build_gives_it():
    used = set(re.findall(r"\bwords\.(\w+)", _text(BOOTSTRAP)))
    assert used == set(widget.BOOTSTRAP_WORDS)


def test_every_script_prefixes_its_console_lines_alike():
    scripts = [BOOTSTRAP, *sorted(KB.glob("*.js")), *sorted((KB / "widget").glob("*.js"))]
    prefixes = {
        path.name: re.findall(r'^\s*const (?:\{ )?PREFIX\b(?: = "([^"]*)")?', _text(path), re.M)
        for path in scripts
    }
    defined = {name: found for name, found in prefixes.items() if found}
    # The bootstrap, the panel, the site and the search worker each define it; the views take
    # the panel's.
    assert {"widget.js", "panel.js", "site.js", "search-worker.js"} <= set(defined)
    assert {value for found in defined.values() for value in found if value} == {"[kb-help]"}


def test_the_panel_searches_no_more_text_than_a_query_reads():
    assert _js_value(_text(PANEL), "FORM_TEXT_LIMIT") == search.MAX_QUERY_CHARS
    assert "maxlength: FORM_TEXT_LIMIT," in _text(SEARCH_VIEW)
