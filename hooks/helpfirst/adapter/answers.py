"""Answers built for the help widget: each entry page of a language pass, written as
`<language root>answers/<id>.json` (see `helpfirst.answers`), the only writer of those files."""

from __future__ import annotations

from helpfirst import answers, urls
from helpfirst.adapter import output
from helpfirst.adapter.state import BuildState, PageHtml, PageVersions
from helpfirst.widget import dumps


def collect(
    state: BuildState, page: PageVersions, page_url: str, body: PageHtml, site_url: str
) -> None:
    """Keep the answer of this page if it is an entry page (its own text or the fallback)."""
    catalog = state.catalog
    if catalog is None or not page.versions or page.id == "":
        return
    entry, fallback = catalog.entry(page.id, state.lang)
    if entry is None or entry.kind == "page":
        return
    meta = catalog.meta(page.id, state.lang)
    state.current.answers[page.id] = answers.answer(
        entry_id=page.id,
        kind=entry.kind,
        lang=entry.lang,
        title=entry.title or page.id,
        body=body.tree,
        page_address=urls.absolute(site_url or "/", page_url),
        updated=meta.get("updated"),
        fallback=fallback,
    )


def write(state: BuildState, site_dir: str) -> None:
    """Write this pass's answers, one file each."""
    for entry_id, data in sorted(state.current.answers.items()):
        path = answers.answer_path(entry_id, state.lang, state.default_lang)
        output.write(site_dir, path, dumps(data))
