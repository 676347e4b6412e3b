"""What one page's events add to its language pass, taken out and put back (`kb build --cache`,
helpfirst.page_cache).

A page's events collect into the pass (helpfirst.adapter.state.LanguagePass) for the end of the
pass to write: while MkDocs reads the page, its links (`on_page_markdown`) and the anchors its
body offers (`on_page_content`); while MkDocs renders it, its search document, widget answer,
twin and translation state (`on_page_context`). Each is kept under the page's default-language
source or its entry id, or appended in page order. A page reused from an earlier build puts back
exactly what its events added then, at the same step, so the end of the pass sees what a build
that rendered it would have collected, in the same order.

Nothing else a page's events touch outlives the page: the pass's Markdown instance, sidebars,
theme words and search box facts are caches that give the same result whichever page fills them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from helpfirst.adapter.state import BuildState

#: The pass's collections kept by entry id; their values are whole per page.
_BY_ENTRY = ("answers", "twins", "twin_status")


@dataclass(frozen=True)
class Mark:
    """Where the pass's collections stood before a page's step."""

    default_uri: str
    entry_id: str
    links: int
    search_docs: int
    anchors: Any
    by_entry: tuple


def mark(state: BuildState, default_uri: str, entry_id: str) -> Mark:
    """The pass's collections as they stand, before one page's step."""
    current = state.current
    return Mark(
        default_uri,
        entry_id,
        len(current.links),
        len(current.search_docs),
        current.anchors.get(default_uri),
        tuple(getattr(current, name).get(entry_id) for name in _BY_ENTRY),
    )


def since(state: BuildState, before: Mark) -> dict:
    """What the page's step added to the pass since `before` (see `put_back`)."""
    current = state.current
    added: dict[str, Any] = {}
    if len(current.links) > before.links:
        added["links"] = current.links[before.links :]
    if len(current.search_docs) > before.search_docs:
        added["search_docs"] = current.search_docs[before.search_docs :]
    anchors = current.anchors.get(before.default_uri)
    if anchors is not before.anchors:
        added["anchors"] = anchors
    for name, old in zip(_BY_ENTRY, before.by_entry, strict=True):
        value = getattr(current, name).get(before.entry_id)
        if value is not old:
            added[name] = value
    return added


def put_back(state: BuildState, default_uri: str, entry_id: str, added: dict) -> None:
    """Add to the pass what `since` found a page's step added, as that step did."""
    current = state.current
    current.links.extend(added.get("links", ()))
    current.search_docs.extend(added.get("search_docs", ()))
    if "anchors" in added:
        current.anchors[default_uri] = added["anchors"]
    for name in _BY_ENTRY:
        if name in added:
            getattr(current, name)[entry_id] = added[name]
