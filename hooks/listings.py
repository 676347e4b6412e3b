"""Listings: home page, section indexes and template subject lines from `<!-- kb:... -->`
directives, and a navigation of sections and categories instead of every entry.

A flat navigation embeds every page's link in every page, so page size and build time grow with
the knowledge base; here the sidebar holds sections and their categories only.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Link, Navigation, Section

from helpfirst import listings, registry
from helpfirst.content import SECTIONS, source_uri
from helpfirst.strings import strings


def on_page_markdown(markdown, page, config, files):
    """Expand the listing directives of this page in the language of this pass."""
    state = registry.state
    if state.catalog is None or "<!--" not in markdown:
        return markdown
    default_uri = source_uri(page.file.src_uri)
    versions = state.catalog.versions(default_uri)
    entry_id = next(iter(versions.values())).id if versions else ""
    meta = state.catalog.meta(entry_id, state.lang) if entry_id else {}
    return listings.expand(
        markdown, default_uri, state.lang, state.catalog, state.settings["featured"], meta
    )


# After static-i18n (-100) has built this language's navigation from its files.
@event_priority(-110)
def on_nav(nav, config, files):
    """Replace the navigation with: home, then each section with its categories."""
    state = registry.state
    if state.catalog is None:
        return nav
    text = strings(state.lang)
    by_uri = {source_uri(page.file.src_uri): page for page in _all_pages(nav, files)}
    items: list = []
    pages = []
    home = by_uri.get("index.md")
    if home is not None:
        home.title = text["home"]
        items.append(home)
        pages.append(home)
    for folder, kind in SECTIONS.items():
        index = by_uri.get(f"{folder}/index.md")
        if index is None:
            continue
        children = [index]
        seen = []
        for entry, _fallback in state.catalog.listing(state.lang, kind):
            category = state.catalog.meta(entry.id, state.lang).get("category")
            if category and category not in seen:
                seen.append(category)
        order = [c for c in state.catalog.categories if c in seen]
        if len(order) > 1:
            for category in order:
                label = state.catalog.category_label(category, state.lang)
                children.append(Link(label, f"{index.url}#{category}"))
        section = Section(text[f"sections.{folder}"], children)
        for child in children:
            child.parent = section
        items.append(section)
        pages.append(index)
    navigation = Navigation(items, pages)
    navigation.homepage = home or nav.homepage
    return navigation


def _all_pages(nav, files):
    """Every documentation page of this pass (in the navigation or not)."""
    pages = [file.page for file in files.documentation_pages() if file.page is not None]
    return pages or list(nav.pages)
