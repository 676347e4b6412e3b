"""Drive Material's search box in a real browser page, as a reader does: type, wait, read.

Used by the search-quality benchmark and the end-to-end search tests, for our search and for
the plain stack alike (both use Material's search box and result list).
"""

from __future__ import annotations

import os
import time

# Debian's Chromium, which Playwright drives (it never downloads a browser of its own).
CHROMIUM = os.environ.get("KB_CHROMIUM", "/usr/bin/chromium")
# Flags that keep Chromium off the network entirely (no background services, no QUIC probes).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

INPUT = "input.md-search__input"
META = ".md-search-result__meta"
RESULT_LINKS = ".md-search-result__item > a.md-search-result__link"

# Stable for this long = the worker has answered and Material has rendered the answer.
_SETTLE_SECONDS = 0.25
# Stable for this long without every query answered: the worker dropped the rest (ours drops
# a superseded query that waits for the default language's index).
_GRACE_SECONDS = 2.0
_POLL_SECONDS = 0.05

# Material posts {type: 2} (QUERY) to its search worker for every new value of the box, and the
# worker posts {type: 3} (RESULT) back; counting both tells when the last query is answered.
_COUNT_MESSAGES = """(() => {
    const Native = window.Worker;
    if (!Native || window.__kbSearchMessages) return;
    const counts = window.__kbSearchMessages = {queries: 0, results: 0};
    window.Worker = class extends Native {
        constructor(...args) {
            super(...args);
            this.addEventListener("message", (event) => {
                if (event.data && event.data.type === 3) counts.results += 1;
            });
        }
        postMessage(message, ...rest) {
            if (message && message.type === 2) counts.queries += 1;
            return super.postMessage(message, ...rest);
        }
    };
})();"""


def count_worker_messages(page) -> None:
    """Count the search worker's queries and answers on every page `page` loads from now on
    (call it before `goto`), so that `search` waits for the answer to the whole text, not to
    a prefix typed on the way, however slow the worker is."""
    page.add_init_script(_COUNT_MESSAGES)


def _snapshot(page) -> tuple:
    return page.evaluate(
        """([meta, links]) => {
            const m = document.querySelector(meta);
            const counts = window.__kbSearchMessages;
            return [m ? m.textContent : null,
                    Array.from(document.querySelectorAll(links), a => a.href).join("\\n"),
                    counts ? counts.queries : null, counts ? counts.results : null];
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
    {"meta": the result-count line, "hrefs": result URLs in order, "titles": their titles,
    "timed_out": True when no settled answer came within `timeout` seconds}.

    With `paste`, all but the last character arrive at once (as when pasting a long text)."""
    page.click(INPUT)
    page.fill(INPUT, text[:-1] if paste else "")
    # Material rewrites the result-count line on every answer: blank it, so that a worker that
    # never answers leaves it blank instead of showing the previous query's results as settled.
    page.evaluate(
        "(meta) => { const m = document.querySelector(meta); if (m) m.textContent = ''; }", META
    )
    # Material reads the box on keyup: type key by key, as a reader does.
    start = _snapshot(page)
    page.type(INPUT, text[-1:] if paste else text, delay=5)
    # Characters that are not on a keyboard (emoji, U+2028) arrive as input without a keyup:
    # one more key that changes nothing makes Material read the box, as any keypress would.
    page.press(INPUT, "End")
    before = None
    settled = False
    stable_since = time.monotonic()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = _snapshot(page)
        if now != before:
            before, stable_since = now, time.monotonic()
        else:
            stable = time.monotonic() - stable_since
            counted = now[2] is not None and start[2] is not None
            answered = not counted or now[3] - start[3] >= now[2] - start[2]
            if now[0] and stable >= (_SETTLE_SECONDS if answered else _GRACE_SECONDS):
                settled = True
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
        "timed_out": not settled,
    }
