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
from urllib.parse import urlencode

from mkdocs.plugins import event_priority

from helpfirst import registry
from helpfirst.content import SECTION_OF_KIND, source_uri
from helpfirst.fragments import reader_text
from helpfirst.search import build_payload, payload_path
from helpfirst.strings import strings

# The interface words of the search box (`search.*`); assets/kb/site.js picks the plural form.
_STRING_PREFIX = "search."

_docs: list[dict] = []  # this language pass's search documents


# After content_model (-110) has set the language of this pass.
@event_priority(-120)
def on_config(config):
    """Start of a language pass: nothing collected yet."""
    _docs.clear()
    return config


def on_page_markdown(markdown, page, config, files):
    """Keep the page out of Material's own index: the per-language indexes replace it."""
    page.meta["search"] = {"exclude": True}
    return markdown


# Before structured_data (-50), which reads the same HTML right after: the two share one parse
# (helpfirst.fragments.parse_shared).
def on_page_context(context, page, config, nav):
    """Collect this page as a search document if it is an entry in this pass's language, and
    tell the page's templates how to start the search worker in this language."""
    doc = search_document(source_uri(page.file.src_uri), page.url, page.content or "")
    if doc is not None:
        _docs.append(doc)
    context["kb_search"] = search_context()
    return context


def on_template_context(context, template_name, config):
    """The same for pages rendered from templates only (the 404 page)."""
    context["kb_search"] = search_context()
    return context


def search_context() -> dict:
    """The worker's query string (`lang`, `default`, fallback `label`) and the search words."""
    state = registry.state
    text = strings(state.lang)
    words = {key: value for key, value in text.items() if key.startswith(_STRING_PREFIX)}
    label = strings(state.default_lang).get("language_name") or state.default_lang
    return {
        "lang": state.lang,
        "worker_query": urlencode(
            {"lang": state.lang, "default": state.default_lang, "label": label}
        ),
        "strings": dict(sorted(words.items())),
    }


# After every page of the pass is rendered; any priority works, 0 keeps MkDocs' order.
@event_priority(0)
def on_post_build(config):
    """Write this language's index, deterministically."""
    lang = registry.state.lang
    path = os.path.join(config.site_dir, payload_path(lang))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = json.dumps(
        build_payload(lang, _docs), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def search_document(default_uri: str, page_url: str, html: str) -> dict | None:
    """The search document of an entry page in the current language, else None."""
    state = registry.state
    catalog = state.catalog
    if catalog is None:
        return None
    versions = catalog.versions(default_uri)
    if not versions:
        return None
    entry_id = next(iter(versions.values())).id
    entry, fallback = catalog.entry(entry_id, state.lang)
    if entry is None or fallback or entry.kind == "page":
        return None
    meta = catalog.meta(entry_id, state.lang)
    body = reader_text(html)
    subjects = meta.get("subjects") or []
    if subjects:
        body = "\n".join([*map(str, subjects), body])
    return {
        "id": f"{SECTION_OF_KIND[entry.kind]}/{entry_id}",
        "location": page_url,
        "title": entry.title or entry_id,
        "keywords": meta.get("keywords") or [],
        "summary": meta.get("summary") or "",
        "body": body,
    }
