"""Structured data: schema.org JSON-LD for each page's `<head>`, given to the templates as
`kb_structured_data`, already serialised and escaped for a `<script>` element.

Everything is built from the page as it is rendered (see `helpfirst.structured_data`):

- an FAQ entry's own page carries its FAQPage. Home pages, indexes and "Related" lists show the
  same question as a link with its summary, not with its answer, and carry none: each question is
  marked up once, on the one page that answers it;
- a guide carries a HowTo, and every entry page a BreadcrumbList of the trail it shows;
- each language's home page carries its WebSite and the Organization that publishes it;
- a page shown in the default language on another language's site carries nothing: it is a copy
  whose canonical link points at the original, and the original carries the data;
- so does a page whose front matter says `structured_data: false`, and a type that the site
  owner switches off under `extra.kb.structured_data` is left out everywhere.
"""

from __future__ import annotations

from urllib.parse import urljoin

from markupsafe import Markup
from mkdocs.plugins import event_priority

from helpfirst import registry, structured_data, urls
from helpfirst.content import source_uri


# After entry_pages (0) has described the entry: the breadcrumbs are those the page shows.
@event_priority(-50)
def on_page_context(context, page, config, nav):
    """Give the templates this page's JSON-LD, or None."""
    graph = page_graph(page, config, context.get("kb_entry"))
    # Marked safe only here, after dumps() has escaped everything that HTML would read.
    context["kb_structured_data"] = Markup(structured_data.dumps(graph)) if graph else None
    return context


def page_graph(page, config, kb_entry: dict | None) -> dict | None:
    """The JSON-LD document of one page in the language of this pass."""
    state = registry.state
    catalog = state.catalog
    if catalog is None or not config.site_url:
        return None  # without site_url there are no absolute URLs to give
    default_uri = source_uri(page.file.src_uri)
    versions = catalog.versions(default_uri)
    if state.lang not in versions:
        return None
    entry = versions[state.lang]
    source = versions.get(state.default_lang)
    switch = entry.meta.get(
        "structured_data", source.meta.get("structured_data") if source else None
    )
    if switch is False:
        return None
    kind = entry.kind
    if kind == "page":
        kind = "home" if default_uri == "index.md" else "page"
    url = urls.absolute(
        config.site_url, urls.page_path(default_uri, state.lang, state.default_lang)
    )
    updated = catalog.meta(entry.id, state.lang).get("updated") if entry.id else None
    organization = state.settings.get("organization")
    described = structured_data.Page(
        kind=kind,
        url=url,
        lang=state.lang,
        content=page.content or "",
        updated=updated,
        breadcrumbs=[
            (crumb["title"], urljoin(url, crumb["url"]))
            for crumb in (kb_entry or {}).get("breadcrumbs", [])
        ],
        site_name=config.site_name or "",
        site_url=config.site_url,
        organization=organization if isinstance(organization, dict) else {},
    )
    return structured_data.page_graph(described, state.settings.get("structured_data") or {})
