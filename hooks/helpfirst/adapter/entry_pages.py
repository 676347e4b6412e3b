"""Entry pages: breadcrumbs, category, last-updated date, related entries and the
"Was this page helpful?" box, given to the templates as `kb_entry`; and any page's front-matter
`title`, escaped."""

from __future__ import annotations

import html

from babel.dates import format_date

from helpfirst import listings, translations, urls
from helpfirst.adapter.state import BuildState, PageVersions
from helpfirst.catalog import Catalog
from helpfirst.content import SECTION_OF_KIND, Entry
from helpfirst.strings import strings

_SECTION_LABEL = {
    "faq": "sections.faq",
    "guides": "sections.guides",
    "templates": "sections.templates",
}


def escape_title(meta: dict) -> None:
    """A front-matter `title` is text, but MkDocs gives it as the page title, which Material
    writes as HTML (in the header, navigation and footer): escape it once, here."""
    title = meta.get("title")
    if isinstance(title, str):
        meta["title"] = html.escape(title)


def describe(state: BuildState, page: PageVersions, page_url: str) -> dict | None:
    """Everything the entry templates show around the answer; None for other pages."""
    catalog = state.catalog
    if catalog is None:
        return None
    if not page.versions or next(iter(page.versions.values())).kind == "page":
        return None
    entry_id = page.id
    entry, _fallback = catalog.entry(entry_id, state.lang)
    if entry is None:
        return None  # this language's version is left out: the page is not built
    text = strings(state.lang)
    meta = catalog.meta(entry_id, state.lang)
    folder = SECTION_OF_KIND[entry.kind]

    def href(path: str) -> str:
        return urls.relative(path, page_url)

    section_path = urls.page_path(f"{folder}/index.md", state.lang, state.default_lang)
    breadcrumbs = [
        {
            "title": text["home"],
            "url": href(urls.page_path("index.md", state.lang, state.default_lang)),
        },
        {"title": text[_SECTION_LABEL[folder]], "url": href(section_path)},
    ]
    category = meta.get("category")
    category_item = None
    if category:
        # The page of the section's listing where the category's heading is.
        size = state.settings.listing_page_size
        start = listings.category_pages(entry.kind, state.lang, catalog, size).get(category, 1)
        category_path = urls.page_path(
            listings.listing_page_uri(folder, start), state.lang, state.default_lang
        )
        category_item = {
            "title": catalog.category_label(category, state.lang),
            "url": href(category_path) + f"#{category}",
        }
        breadcrumbs.append(category_item)
    related = []
    for other_id in meta.get("related") or []:
        other, other_fallback = catalog.entry(other_id, state.lang)
        if other is None:
            continue
        related.append(
            {
                "title": other.title or other_id,
                "summary": catalog.meta(other_id, state.lang).get("summary") or "",
                "url": href(urls.page_path(other.default_uri, state.lang, state.default_lang)),
                "fallback": other_fallback,
            }
        )
    updated = meta.get("updated")
    settings = state.settings
    return {
        "stale": _stale_notice(state, entry, catalog, page_url),
        "id": entry_id,
        "kind": entry.kind,
        "breadcrumbs": breadcrumbs,
        "category": category_item,
        "updated": format_date(updated, format="long", locale=state.lang) if updated else None,
        "updated_iso": updated.isoformat() if updated else None,
        "related": related,
        "feedback": settings.feedback == "local",
        "support_email": settings.support_email,
        "title": entry.title or entry_id,
    }


def _stale_notice(state: BuildState, entry: Entry, catalog: Catalog, page_url: str) -> dict | None:
    """The original's address when this translation is known to be out of date and the site
    owner shows that (extra.kb.stale_notice); otherwise None."""
    source = catalog.entries[entry.id].get(state.default_lang)
    if not state.settings.stale_notice or source is None or entry is source:
        return None
    # Only a recorded, outdated version counts: a translation that never recorded one (a site
    # that just turned tracking on) is not shown as out of date.
    if translations.state_of(entry, source)[0] != translations.STALE:
        return None
    original = urls.page_path(source.default_uri, state.default_lang, state.default_lang)
    return {"original": urls.relative(original, page_url)}
