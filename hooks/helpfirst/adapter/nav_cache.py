"""Material's navigation sidebar and tabs, rendered once for all the pages of a folder that the
navigation does not show, and written again for the others (`overrides/partials/nav.html`,
`tabs.html`).

The sidebar and the tabs of a page that is not in the navigation are the same for every page
of a folder: no item of them is active, and their links are made relative to the page by
MkDocs' `url` filter, whose result depends on the page's folder alone as long as no link leads
into the page's own folder (`mkdocs.utils.get_relative_url` counts the path parts the two
share). Entries are not in the navigation (sections and categories are): most pages of a help
centre are such pages, and the two took about a fifth of the time spent rendering a page's
templates. The HTML is kept by the language pass (static-i18n builds every language with the
same config, and the pass sets the language's words).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable


class NavCache:
    """One language pass's sidebars and tabs, by the folder of the pages that share them."""

    def __init__(self) -> None:
        self.html: dict[tuple[str, tuple[str, ...]], str] = {}  # (part, folder) -> HTML
        # The navigation last asked about: its items (by id) and its links' path parts.
        self._nav: tuple[object, set[int], list[list[str]]] | None = None

    def page_key(self, page, nav, config) -> tuple[str, ...] | None:
        """The folder whose pages share `page`'s sidebar, or None when it is the page's own
        (the page or a section above it is in the navigation, which shows them active, or a
        link of the navigation leads into the page's folder)."""
        if page is None or nav is None:
            return None
        if self._nav is None or self._nav[0] is not nav:
            items = _items(nav)
            links = [nav.homepage.url if nav.homepage is not None else ""]
            links += [config.extra.get("homepage") or "", config.theme.get("logo") or ""]
            links += [item.url for item in items if isinstance(getattr(item, "url", None), str)]
            self._nav = (nav, {id(item) for item in items}, [_parts(link) for link in links])
        _, in_nav, link_parts = self._nav
        above = page
        while above is not None:
            if id(above) in in_nav:
                return None
            above = above.parent
        parts = _page_folder(page.url)
        size = len(parts)
        if not parts or any(link[:size] == parts for link in link_parts):
            return None
        return tuple(parts[:-1])

    def render_once(self, key: tuple[str, ...] | None, part: str, caller: Callable[[], str]) -> str:
        """The `part` ("nav", "tabs") kept for `key`, made by `caller` the first time (each
        time without a key: a template rendered without a page's facts, such as the 404 page,
        has none)."""
        if not isinstance(key, tuple):
            return caller()
        html = self.html.get((part, key))
        if html is None:
            html = self.html[(part, key)] = caller()
        return html


def _page_folder(url: str) -> list[str]:
    """The path parts `get_relative_url` measures from: a file's name is left out."""
    folder, _, name = url.rpartition("/")
    return _parts(folder if "." in name else url)


def _parts(url: str) -> list[str]:
    """Path parts as `mkdocs.utils._norm_parts` splits them."""
    path = posixpath.normpath(url if url.startswith("/") else "/" + url)[1:]
    return path.split("/") if path else []


def _items(nav) -> list:
    """Every item of the navigation: pages, sections and links, at every level."""
    found = []
    stack = list(nav.items)
    while stack:
        item = stack.pop()
        found.append(item)
        stack.extend(getattr(item, "children", None) or [])
    return found
