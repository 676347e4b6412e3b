"""Drive Material's search box in a real browser page, as a reader does: type, wait, read.

Used by the search-quality benchmark and the end-to-end search tests, for our search and for
the plain stack alike (both use Material's search box and result list).
"""

from __future__ import annotations

import time

INPUT = "input.md-search__input"
META = ".md-search-result__meta"
RESULT_LINKS = ".md-search-result__item > a.md-search-result__link"

# Stable for this long = the worker has answered and Material has rendered the answer.
_SETTLE_SECONDS = 0.25
_POLL_SECONDS = 0.05


def _snapshot(page) -> tuple:
    return page.evaluate(
        """([meta, links]) => {
            const m = document.querySelector(meta);
            return [m ? m.textContent : null,
                    Array.from(document.querySelectorAll(links), a => a.href).join("\\n")];
        }""",
        [META, RESULT_LINKS],
    )


def wait_until_ready(page, timeout: float = 30.0) -> None:
    """Wait until the search worker has loaded its index: Material then answers the empty
    query with its placeholder words (before that it shows its "initialising" words)."""
    page.wait_for_selector(INPUT, state="attached", timeout=timeout * 1000)
    page.wait_for_function(
        """(meta) => {
            const config = JSON.parse(document.getElementById("__config").textContent);
            const m = document.querySelector(meta);
            return m && m.textContent === config.translations["search.result.placeholder"];
        }""",
        arg=META,
        timeout=timeout * 1000,
    )


def search(page, text: str, timeout: float = 15.0, paste: bool = False) -> dict:
    """Type `text` into the search box (replacing what is there) and return what it shows:
    {"meta": the result-count line, "hrefs": result URLs in order, "titles": their titles}.

    With `paste`, all but the last character arrive at once (as when pasting a long text)."""
    page.click(INPUT)
    page.fill(INPUT, text[:-1] if paste else "")
    # Material reads the box on keyup: type key by key, as a reader does.
    page.type(INPUT, text[-1:] if paste else text, delay=5)
    before = None
    stable_since = time.monotonic()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = _snapshot(page)
        if now != before:
            before, stable_since = now, time.monotonic()
        elif time.monotonic() - stable_since >= _SETTLE_SECONDS:
            break
        time.sleep(_POLL_SECONDS)
    items = page.evaluate(
        """(links) => Array.from(document.querySelectorAll(links), a => [
            a.href, (a.querySelector("h1, h2") || a).textContent.trim()])""",
        RESULT_LINKS,
    )
    return {
        "meta": before[0] if before else None,
        "hrefs": [href for href, _ in items],
        "titles": [title for _, title in items],
    }
