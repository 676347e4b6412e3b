"""Search index: one prebuilt lunr index per language, written to `search/kb-<lang>.json`.

Each language pass collects that language's own entries (FAQ entries, guides, templates; not
section pages, and not pages that only show the default language's text), and writes their
index with the language's analyser. The browser loads it as is (`assets/kb/search-worker.js`
for the site's search box): nothing is rebuilt on page load, and no language sees another's
pages.

Material's search plugin stays for its search box and result list; every page is excluded
from its own index (one index of all languages, without Slovenian or Latvian analysis), which
is therefore empty.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlencode

from helpfirst import synonyms
from helpfirst.adapter import output
from helpfirst.adapter.state import BuildState, PageHtml, PageVersions
from helpfirst.content import SECTION_OF_KIND
from helpfirst.fragments import reader_text
from helpfirst.read_cache import ReadCache
from helpfirst.search import build_payload, payload_path
from helpfirst.strings import strings

GLOSSARY_DIR = "glossary"

# The interface words of the search box (`search.*`); assets/kb/site.js picks the plural form.
_STRING_PREFIX = "search."


def exclude_from_material_index(meta: dict) -> None:
    """Keep the page out of Material's own index: the per-language indexes replace it."""
    meta["search"] = {"exclude": True}


def collect(state: BuildState, page: PageVersions, page_url: str, body: PageHtml) -> None:
    """Collect this page as a search document if it is an entry in this pass's language."""
    doc = search_document(state, page, page_url, body)
    if doc is not None:
        state.current.search_docs.append(doc)


def search_context(state: BuildState) -> dict:
    """The worker's query string (`lang`, `default`, fallback `label`), the search words and
    the support address (offered when the search cannot load); made once per language pass,
    which every page of the pass is given (the templates only read it)."""
    if state.current.search_context is None:
        state.current.search_context = _search_context(state)
    return state.current.search_context


def _search_context(state: BuildState) -> dict:
    """`search_context`, made anew."""
    text = strings(state.lang)
    words = {key: value for key, value in text.items() if key.startswith(_STRING_PREFIX)}
    label = strings(state.default_lang).get("language_name") or state.default_lang
    return {
        "lang": state.lang,
        "worker_query": urlencode(
            {"lang": state.lang, "default": state.default_lang, "label": label}
        ),
        "strings": dict(sorted(words.items())),
        "email": state.settings.support_email,
    }


def write_index(
    state: BuildState, site_dir: str, config_path: str | None = None, memo: ReadCache | None = None
) -> None:
    """Write this language's index, with its synonym sets, deterministically (with `memo`,
    the field texts' terms counted in earlier builds: helpfirst.search.build_compact)."""
    synonym_sets = _synonyms(state.lang, config_path)
    text = json.dumps(
        build_payload(state.lang, state.current.search_docs, synonym_sets, memo),
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    output.write(site_dir, payload_path(state.lang), text)


def _synonyms(lang: str, config_path: str | None) -> list:
    """The language's synonym sets beside the glossary, analysed (`kb lint` reports their
    problems; the sets it can read apply)."""
    root = Path(os.path.dirname(os.path.abspath(config_path or "mkdocs.yml")))
    path = synonyms.path_for(root / GLOSSARY_DIR, lang)
    if not path.is_file():
        return []
    sets, _problems = synonyms.load(path, str(path))
    return synonyms.analysed(sets, lang)


def search_document(
    state: BuildState, page: PageVersions, page_url: str, body: PageHtml
) -> dict | None:
    """The search document of an entry page in the current language, else None."""
    catalog = state.catalog
    if catalog is None or not page.versions:
        return None
    entry_id = page.id
    entry, fallback = catalog.entry(entry_id, state.lang)
    if entry is None or fallback or entry.kind == "page":
        return None
    meta = catalog.meta(entry_id, state.lang)
    text = reader_text(body.tree)
    subjects = meta.get("subjects") or []
    if subjects:
        text = "\n".join([*map(str, subjects), text])
    return {
        "id": f"{SECTION_OF_KIND[entry.kind]}/{entry_id}",
        "location": page_url,
        "title": entry.title or entry_id,
        "keywords": meta.get("keywords") or [],
        "summary": meta.get("summary") or "",
        "body": text,
    }
