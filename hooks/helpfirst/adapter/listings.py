"""Listings: home page, section indexes and template subject lines from `<!-- kb:... -->`
directives, and a navigation of sections and categories instead of every entry.

A flat navigation embeds every page's link in every page, so page size and build time grow with
the knowledge base; here the sidebar holds sections and their categories only. For the same
reason a section's listing holds `extra.kb.listing_page_size` entries a page: a longer one
continues on pages added here (`faq/page/2/`, ...), which the catalog knows like any page
(helpfirst.checks places them), so that they get hreflang, canonical links and sitemap entries
in every language.
"""

from __future__ import annotations

import html

from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section

from helpfirst import listings, urls
from helpfirst.adapter.state import BuildState
from helpfirst.content import SECTIONS, source_uri
from helpfirst.strings import strings


def add_listing_pages(state: BuildState, files: Files, config) -> None:
    """Add this language's later listing pages as generated Markdown files."""
    if state.catalog is None:
        return
    for default_uri, versions in sorted(state.catalog.generated.items()):
        entry = versions.get(state.lang)
        if entry is None:
            continue
        folder = default_uri.split("/", 1)[0]
        file = File.generated(
            config, entry.src_uri, content=listings.listing_page_markdown(entry, folder)
        )
        file.dest_uri = urls.page_path(default_uri, state.lang, state.default_lang) + "index.html"
        files.append(file)


def expand(state: BuildState, markdown: str, src_uri: str) -> str:
    """Expand the listing directives of this page in the language of this pass."""
    if state.catalog is None or "<!--" not in markdown:
        return markdown
    page = state.page(src_uri)
    meta = state.catalog.meta(page.id, state.lang) if page.id else {}
    return listings.expand(
        markdown,
        page.default_uri,
        state.lang,
        state.catalog,
        state.settings.featured,
        meta,
        state.settings.listing_page_size,
    )


def navigation(state: BuildState, nav: Navigation, files: Files) -> Navigation:
    """Home, then each section with its categories. Titles in the navigation are HTML
    (Material writes them as they are), so these texts are escaped."""
    if state.catalog is None:
        return nav
    text = strings(state.lang)
    page_size = state.settings.listing_page_size
    by_uri = {source_uri(page.file.src_uri): page for page in _all_pages(nav, files)}
    items: list = []
    pages = []
    home = by_uri.get("index.md")
    if home is not None:
        home.title = html.escape(text["home"])
        items.append(home)
        pages.append(home)
    for folder, kind in SECTIONS.items():
        index = by_uri.get(f"{folder}/index.md")
        if index is None:
            continue
        children: list = [index]
        starts = listings.category_pages(kind, state.lang, state.catalog, page_size)
        order = [c for c in state.catalog.categories if c in starts]
        if len(order) > 1:
            for category in order:
                label = html.escape(state.catalog.category_label(category, state.lang))
                start = by_uri.get(listings.listing_page_uri(folder, starts.get(category, 1)))
                children.append(Link(label, f"{(start or index).url}#{category}"))
        section = Section(html.escape(text[f"sections.{folder}"]), children)
        for child in children:
            child.parent = section
        items.append(section)
        pages.append(index)
    result = Navigation(items, pages)
    result.homepage = home or nav.homepage
    return result


def _all_pages(nav: Navigation, files: Files) -> list:
    """Every documentation page of this pass (in the navigation or not)."""
    pages = [file.page for file in files.documentation_pages() if file.page is not None]
    return pages or list(nav.pages)
