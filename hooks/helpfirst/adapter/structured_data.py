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

from helpfirst import structured_data, urls
from helpfirst.adapter.state import BuildState, PageHtml, PageVersions


def json_ld(
    state: BuildState, page: PageVersions, body: PageHtml, config, kb_entry: dict | None
) -> Markup | None:
    """This page's JSON-LD for the templates, or None; marked safe only here, after dumps()
    has escaped everything that HTML would read."""
    graph = page_graph(state, page, body, config, kb_entry)
    return Markup(structured_data.dumps(graph)) if graph else None


def page_graph(
    state: BuildState, page: PageVersions, body: PageHtml, config, kb_entry: dict | None
) -> dict | None:
    """The JSON-LD document of one page in the language of this pass."""
    catalog = state.catalog
    if catalog is None or not config.site_url:
        return None  # without site_url there are no absolute URLs to give
    versions = page.versions
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
        kind = "home" if page.default_uri == "index.md" else "page"
    url = urls.absolute(
        config.site_url, urls.page_path(page.default_uri, state.lang, state.default_lang)
    )
    updated = catalog.meta(entry.id, state.lang).get("updated") if entry.id else None
    described = structured_data.Page(
        kind=kind,
        url=url,
        lang=state.lang,
        content=body.html,
        tree=body.tree,
        updated=updated,
        breadcrumbs=[
            (crumb["title"], urljoin(url, crumb["url"]))
            for crumb in (kb_entry or {}).get("breadcrumbs", [])
        ],
        site_name=config.site_name or "",
        site_url=config.site_url,
        organization=state.settings.organization,
    )
    return structured_data.page_graph(described, state.settings.structured_data)
