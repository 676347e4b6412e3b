"""The embeddable help widget in Chromium, embedded in a page of another origin: what it
downloads, how long it takes from opening it to its first results, and from each key to its
results.

    python scripts/bench/widget_latency.py [--sizes 1000,5000] [--seed 1] [--langs en,sl,lv]
                                           [--rounds 3] [--queries 4] [--work DIR] [--json OUT]
                                           [--insights {off,log}]

Our site of a synthetic knowledge base of N entries per language (`bench_sites`) is served on
loopback with the one header the widget needs from a help site (`Access-Control-Allow-Origin:
*`), and a shop's page that embeds the widget with one line (`<script src=".../widget.js"
defer>`, its language from the page's `lang`) from a second loopback port: another origin, as on
a real site. Per language and per N:

- Bootstrap: `/widget.js`, what every page that embeds the widget loads, raw, gzip (level 9)
  and brotli when the module is installed, against its budget (`index_size.py`'s). Then what
  the widget fetches from its first opening to its first results, from the site's files: the
  scripts and the stylesheet that `widget.js` loads (by the versioned names the build writes
  into it: lunr.js, analysis.js, search.js and the panel's), the language's words and settings
  (`assets/kb/v/<lang>.<hash>.json`) and its index
  (`search/kb-<lang>.json`). The plain stack (Material alone) has no widget: what compares is
  the index, ours for one language against Material's whole `search/search_index.json`, which a
  plain reader downloads whatever their language. The files the browser really fetched in the
  first opening are checked against that list, and a difference is printed.
- First open: each round in a fresh browser context (nothing cached), the shop's page is loaded
  until the network is idle; then the launcher is clicked as a reader does, and the query is put
  into the panel's box the moment the panel is shown (by the page itself, with the `input` event
  typing fires, so that no delay of the test driver counts: the first result is the earliest
  the widget can give). Times are from the click (`performance.now()` in a capturing listener,
  before the widget's own) to the panel shown, the query typed, the index downloaded (resource
  timing), the index ready (the widget hides its "index failed" message once the index is
  loaded, which a MutationObserver sees) and the first result in the widget's result list (a
  MutationObserver in its shadow root; the list must answer the query typed, not show
  suggestions). The query is the language's first of `search_latency.QUERIES` that finds
  something (else two words of an entry's title). Meanwhile, the page's long tasks (the Long
  Tasks API: 50 ms or more on the main thread, which the widget shares with the shop's page,
  whose clicks and keys wait): their sum and the longest (0 when there is none). Median of
  `--rounds`.
- Keys: in a fresh context, once the panel is open and its index loaded, the queries of
  `search_latency.QUERIES` are typed key by key, 150 ms apart. The widget searches on the box's
  `input` event, not on `keyup` (on the next turn of the event loop, once for all the keys
  that arrived meanwhile), so each key's latency is from its `input` event to the next change
  of the result list; p50, p95 and max over every key. The
  time from the search's start (the widget writes its "searching" status first) to the change
  is shown apart: the search and the drawing of the results alone. As in
  `search_latency.py` (`_pair`), a key is paired with the first change after it and before the
  next key: a key after which the list does not change (the widget redraws the list on every
  search, so only a search that finds nothing after one that found nothing) has no latency and
  is counted apart ("no change"), not as zero.

Figures are times of DOM changes (when the results are in the list, not painted), like
`search_latency.py`'s. With `--json OUT` the figures are written to OUT too.

With `--insights log`, our site is built with `extra.kb.insights: log` (as in
`search_latency.py`): the widget also loads assets/kb/insights.js and sends its events to the
help site's `/insights/e?…`, which the site's server answers with the empty file the build
ships. The output says the mode ("Insights: log", and in the tables' headers) and how many
events were answered; a failed one is an error.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

import bench_sites
import index_size
import search_latency
from search_latency import EventRequests, _median, _pair, insights_end, insights_label, percentile

from helpfirst.tools import search_box

QUERIES = search_latency.QUERIES
KEY_DELAY_MS = search_latency.KEY_DELAY_MS
KEYSTROKE_BUDGET_P95_MS = search_latency.KEYSTROKE_BUDGET_P95_MS
#: The size at which the keystroke budget is set; smaller sizes are shown against it too.
KEYSTROKE_BUDGET_N = 5000
BOOTSTRAP_BUDGET_GZIP = index_size.WIDGET_BUDGET_GZIP
TIMEOUT = 60.0
#: The one header a help site sends for the widget (docs/widget.md).
CORS = {"Access-Control-Allow-Origin": "*"}
LAUNCHER = "kb-help .launcher"
INPUT = "kb-help .panel input[type=search]"
INDEX = "search/kb-{lang}.json"

HOST_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><header><h1>Shop</h1><nav><a href="#">Products</a> <a href="#">Orders</a></nav></header>
<main><h2>Your orders</h2><p>Order 10452, shipped. Order 10388, delivered.</p>
<form><label>Search products <input name="q" type="search"></label><button>Go</button></form>
</main>
<script src="{site}widget.js" defer></script>
</body></html>
"""

# What the widget does in its shadow root, in page time; installed once the page is idle.
_RECORDER = """([query, typeOnOpen]) => {
    const shadow = document.querySelector("kb-help").shadowRoot;
    const rec = window.__kbWidget = {query, typeOnOpen, open: null, panel: null, ready: null,
        answered: null, first: null, count: null, fallback: false,
        inputs: [], changes: [], searches: [], tasks: []};
    // Tasks of 50 ms or more on the page's main thread: the shop's page cannot respond meanwhile.
    try {
        new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) {
                rec.tasks.push([entry.startTime, entry.duration]);
            }
        }).observe({type: "longtask"});
    } catch (error) { rec.tasks = null; }
    window.addEventListener("click", (event) => {
        const launcher = event.composedPath().some(
            (node) => node.classList && node.classList.contains("launcher"));
        if (launcher && rec.open === null) rec.open = performance.now();
    }, true);
    shadow.addEventListener("input", (event) => {
        if (event.target.matches("input[type=search]")) rec.inputs.push(performance.now());
    }, true);
    new MutationObserver((records) => {
        const now = performance.now();
        const panel = shadow.querySelector(".panel");
        const list = shadow.querySelector(".search .results");
        const status = shadow.querySelector(".search .status");
        const failed = shadow.querySelector(".search > .message");
        if (rec.panel === null && panel && !panel.hidden) {
            rec.panel = now;
            // The query, the moment the box is there (the widget has focused it): the same
            // input event as typing, without the test driver's delays.
            const box = panel.querySelector("input[type=search]");
            if (rec.typeOnOpen && box) {
                box.value = rec.query;
                box.dispatchEvent(new Event("input", {bubbles: true, composed: true}));
            }
        }
        let listChanged = false, statusChanged = false;
        for (const record of records) {
            if (record.type === "childList" && list && list.contains(record.target)) {
                listChanged = true;
            } else if (record.type === "childList" && status && record.target === status) {
                statusChanged = true;
            } else if (record.type === "attributes" && record.target === failed &&
                       failed.hidden && rec.ready === null) {
                rec.ready = now;  // the index is loaded: its failure message is hidden
            }
        }
        // The status alone: a search starts ("searching"); with the list: it has answered.
        if (listChanged) rec.changes.push(now);
        else if (statusChanged) rec.searches.push(now);
        if (list && rec.answered === null && rec.query && list.dataset.kbQuery === rec.query) {
            rec.answered = now;
            rec.count = list.querySelectorAll(".result").length;
            rec.fallback = list.querySelector(".badge") !== null;
            if (rec.count) rec.first = now;
        }
    }).observe(shadow, {childList: true, subtree: true, attributes: true,
                        attributeFilter: ["hidden", "data-kb-query"]});
}"""

_RESOURCES = """([site, since]) => performance.getEntriesByType("resource")
    .filter((entry) => entry.name.startsWith(site) && entry.startTime >= since)
    .map((entry) => [entry.name.slice(site.length), entry.startTime, entry.responseEnd])"""


def main(argv: list[str] | None = None) -> int:
    parser = search_latency.browser_arguments(
        __doc__.split("\n\n")[0], "first openings per language"
    )
    parser.add_argument("--json", metavar="OUT", help="also write the figures as JSON to OUT")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    run = search_latency.browser_run(args, "widget_latency")
    if run is None:
        return 2
    langs, work = run
    events = EventRequests() if args.insights != "off" else None
    print(f"brotli: {'yes' if index_size.brotli else 'not installed, left out'}")
    sizes: dict[int, dict] = {}
    rows: list[dict] = []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as shop:
        browser = playwright.chromium.launch(
            executable_path=search_box.CHROMIUM, args=search_box.CHROMIUM_ARGS, headless=True
        )
        print(f"Chromium {browser.version}")
        for n in args.sizes:
            ours = bench_sites.built_site(work, n, args.seed, "ours", args.insights)
            plain = bench_sites.built_site(work, n, args.seed, "plain")
            measured = index_size.measure(ours, plain)
            sizes[n] = {"bootstrap": measured["widget"], "plain_whole": measured["plain_whole"]}
            site_url, site_server = bench_sites.serve(ours, headers=CORS)
            shop_url, shop_server = bench_sites.serve(Path(shop))
            try:
                for lang in langs:
                    page = Path(shop) / f"{lang}.html"
                    page.write_text(HOST_PAGE.format(lang=lang, site=site_url), encoding="utf-8")
                    url = shop_url + page.name
                    row = {"n": n, "lang": lang, "downloads": downloads(ours, lang)}
                    row["keys"] = keystrokes(
                        browser,
                        url,
                        lang,
                        QUERIES[lang][: args.queries],
                        lambda site=ours, lang=lang: search_latency.title_query(site, lang),
                        events,
                    )
                    row["query"] = row["keys"]["query"]
                    row["opens"] = [
                        first_open(browser, url, site_url, row["query"], lang, events)
                        for _ in range(args.rounds)
                    ]
                    row["fetched"] = _fetched(row)
                    rows.append(row)
                    print(_progress(row), file=sys.stderr, flush=True)
            finally:
                for server in (site_server, shop_server):
                    server.shutdown()
                    server.server_close()
        browser.close()
    print(report(rows, sizes, args.insights))
    print(f"\nLoad at the end: {bench_sites.load()}")
    if args.json:
        result = {**figures(rows, sizes), "insights": args.insights}
        Path(args.json).write_text(
            json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
    return insights_end(events)


def widget_assets(site: Path) -> dict:
    """What `widget.js` loads on first open, by the versioned names the build writes into it
    (`helpfirst.widget.asset_manifest`): {"scripts": [...], "stylesheet": ..., "settings": {}}."""
    text = (Path(site) / index_size.WIDGET).read_text(encoding="utf-8")
    found = re.search(r"const FILLED ?= ?(\{.*?\});", text)
    assets = json.loads(found.group(1)).get("assets") if found else None
    if not assets:
        raise RuntimeError(f"no versioned assets in {site / index_size.WIDGET}")
    return assets


def downloads(site: Path, lang: str) -> dict:
    """Sizes of what the widget fetches from its first opening to its first results."""
    assets = widget_assets(site)
    groups = {
        "scripts": [*assets["scripts"], assets["stylesheet"]],
        "settings": [assets["settings"][lang]],
        "index": [INDEX.format(lang=lang)],
    }
    result: dict = {"files": [name for names in groups.values() for name in names]}
    for group, names in [*groups.items(), ("total", result["files"])]:
        total: dict[str, int] = {}
        for name in names:
            for kind, value in index_size.sizes((Path(site) / name).read_bytes()).items():
                total[kind] = total.get(kind, 0) + value
        result[group] = total
    return result


def _open_page(
    browser, url: str, query: str, type_on_open: bool = False, events: EventRequests | None = None
):
    """A fresh context with the shop's page loaded and idle, the recorder installed (with
    `type_on_open`, it puts `query` into the panel's box as soon as the panel is shown;
    `events` counts its insights events)."""
    context = browser.new_context()
    if events is not None:
        events.watch(context)
    page = context.new_page()
    page.goto(url, wait_until="networkidle", timeout=TIMEOUT * 1000)
    page.wait_for_selector(LAUNCHER, state="visible", timeout=TIMEOUT * 1000)
    page.evaluate(_RECORDER, [query, type_on_open])
    return context, page


def first_open(
    browser, url: str, site_url: str, query: str, lang: str, events: EventRequests | None = None
) -> dict | None:
    """Milliseconds from the click on the launcher to the panel shown (`panel`), the query
    typed (`typed`), the index downloaded (`downloaded`) and loaded (`ready`) and the first
    result (`first`); the page's long tasks meanwhile (`tasks` summed, the `longest`); the site
    files fetched (and when, `waterfall`). None when nothing answered."""
    context, page = _open_page(browser, url, query, type_on_open=True, events=events)
    try:
        page.click(LAUNCHER)
        page.wait_for_function("() => window.__kbWidget.answered !== null", timeout=TIMEOUT * 1000)
        page.wait_for_timeout(100)  # long tasks are reported a little later
        rec = page.evaluate("() => window.__kbWidget")
        t0 = rec["open"]
        fetched = page.evaluate(_RESOURCES, [site_url, t0])
    except Exception:  # an opening that never answers is reported as such
        return None
    finally:
        context.close()
    index_end = [end for name, _, end in fetched if name == INDEX.format(lang=lang)]
    tasks = None
    if rec["tasks"] is not None:
        tasks = [length for start, length in rec["tasks"] if t0 <= start <= rec["answered"]]

    def since(value):
        return None if value is None or t0 is None else value - t0

    return {
        "panel": since(rec["panel"]),
        "typed": since(rec["inputs"][-1] if rec["inputs"] else None),
        "downloaded": since(index_end[0] if index_end else None),
        "ready": since(rec["ready"]),
        "first": since(rec["first"]),
        "count": rec["count"],
        "fallback": rec["fallback"],
        "tasks": None if tasks is None else sum(tasks),
        "longest": None if tasks is None else max(tasks, default=0),
        "fetched": [name for name, _, end in fetched if end <= rec["answered"]],
        "waterfall": [[name, since(start), since(end)] for name, start, end in fetched],
    }


def keystrokes(
    browser, url: str, lang: str, queries: list[str], spare, events: EventRequests | None = None
) -> dict:
    """Type each query key by key once the index is loaded: each key's milliseconds from its
    input event to the next change of the result list (`keys`), and from the search's start to
    that change (`search`); keys without a change (`silent`), results per query (`results`),
    and the query the first openings type (`query`: the first that finds something, else
    `spare()`). With `events` (log mode), they are counted, and the panel waits for its last
    ones before it closes."""
    context, page = _open_page(browser, url, "", events=events)
    keys: list[float] = []
    searches: list[float] = []
    silent = 0
    results: dict[str, int] = {}
    try:
        page.click(LAUNCHER)
        page.wait_for_selector(INPUT, state="visible", timeout=TIMEOUT * 1000)
        # A whole query answered: the index is loaded (whatever signals the widget gives).
        _count(page, queries[0] if queries else QUERIES[lang][0])
        for query in queries:
            page.fill(INPUT, "")
            page.wait_for_timeout(400)  # the empty box's suggestions, after the widget's wait
            page.evaluate(
                """(query) => Object.assign(window.__kbWidget, {query, answered: null,
                    first: null, count: null, inputs: [], changes: [], searches: []})""",
                query,
            )
            page.click(INPUT)
            page.keyboard.type(query, delay=KEY_DELAY_MS)
            page.wait_for_function(
                "() => window.__kbWidget.answered !== null", timeout=TIMEOUT * 1000
            )
            page.wait_for_timeout(200)
            rec = page.evaluate("() => window.__kbWidget")
            paired = _pair(rec["inputs"], rec["changes"])
            keys += paired
            silent += len(rec["inputs"]) - len(paired)
            searches += _search_times(rec["inputs"], rec["searches"], rec["changes"])
            results[query] = rec["count"]
        chosen = next((query for query in queries if results[query]), None)
        for candidate in QUERIES[lang]:
            if chosen is not None:
                break
            if candidate not in results:
                results[candidate] = _count(page, candidate)
            chosen = candidate if results[candidate] else None
        if events is not None:
            page.wait_for_timeout(search_latency.INSIGHTS_SETTLE_MS)
    finally:
        context.close()
    return {
        "keys": keys,
        "search": searches,
        "silent": silent,
        "typed": len(keys) + silent,
        "results": results,
        "query": chosen or spare(),
        "queries": queries,
    }


def _count(page, query: str) -> int:
    """How many results the panel shows for a query put into its box at once."""
    page.evaluate("(query) => Object.assign(window.__kbWidget, {query, answered: null})", query)
    page.fill(INPUT, query)
    page.wait_for_function("() => window.__kbWidget.answered !== null", timeout=TIMEOUT * 1000)
    return page.evaluate("() => window.__kbWidget.count")


def _search_times(inputs: list[float], starts: list[float], changes: list[float]) -> list[float]:
    """For each key answered (paired as `_pair` pairs), from the last search start before the
    change to the change: the search and the drawing alone, without the widget's wait."""
    times = []
    for index, key in enumerate(inputs):
        end = inputs[index + 1] if index + 1 < len(inputs) else float("inf")
        after = [change for change in changes if key <= change < end]
        if not after:
            continue
        started = [start for start in starts if key <= start <= after[0]]
        if started:
            times.append(after[0] - started[-1])
    return times


def _fetched(row: dict) -> dict:
    """Site files the first opening fetched that the byte count leaves out, or the reverse."""
    opened = next((run for run in row["opens"] if run is not None), None)
    if opened is None:
        return {}
    seen, counted = set(opened["fetched"]), set(row["downloads"]["files"])
    return {"not counted": sorted(seen - counted), "not fetched": sorted(counted - seen)}


def _stats(values: list[float]) -> dict:
    if not values:
        return {"p50": None, "p95": None, "max": None}
    return {"p50": percentile(values, 0.50), "p95": percentile(values, 0.95), "max": max(values)}


def figures(rows: list[dict], sizes: dict[int, dict]) -> dict:
    """The figures as JSON: per N, the bootstrap and plain index, then per language."""
    result: dict = {"machine": bench_sites.machine(), "sizes": {}}
    for n, measured in sizes.items():
        result["sizes"][str(n)] = {**measured, "languages": {}}
    for row in rows:
        opens = {key: _median(row["opens"], key) for key in OPEN_COLUMNS}
        keys = row["keys"]
        result["sizes"][str(row["n"])]["languages"][row["lang"]] = {
            "downloads": {k: v for k, v in row["downloads"].items() if k != "files"},
            "files": row["downloads"]["files"],
            "query": row["query"],
            "first_open_ms": opens,
            "rounds": row["opens"],
            "keys_ms": {**_stats(keys["keys"]), "count": len(keys["keys"])},
            "search_ms": _stats(keys["search"]),
            "keys_without_change": keys["silent"],
            "results": keys["results"],
        }
    return result


OPEN_COLUMNS = {
    "panel": "open → panel shown",
    "typed": "→ query typed",
    "downloaded": "→ index downloaded",
    "ready": "→ index ready",
    "first": "→ first result",
    "tasks": "long tasks",
    "longest": "longest",
}


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} ms"


def _kib(value: int | None) -> str:
    return "–" if value is None else f"{value / 1024:,.1f} KiB"


def _progress(row: dict) -> str:
    keys = row["keys"]["keys"]
    p95 = percentile(keys, 0.95) if keys else None
    return (
        f"N={row['n']} {row['lang']}: first result {_ms(_median(row['opens']))}, "
        f"{len(keys)} keys, p95 {_ms(p95)}"
    )


def report(rows: list[dict], sizes: dict[int, dict], insights: str = "off") -> str:
    """Tables for the bootstrap, the downloads, the first opening and the keys, with budgets;
    the headers say the insights mode of the site unless it is off."""
    label = insights_label(insights)
    kinds = ["raw", "gzip"] + (["br"] if index_size.brotli else [])
    verdicts = []
    lines = [
        "",
        "Bootstrap: /widget.js, loaded by every page that embeds the widget",
        "",
        f"| N per language{label} | "
        + " | ".join(f"widget.js {kind}" for kind in kinds)
        + " | budget |",
        "|---:|" + "---:|" * len(kinds) + "---|",
    ]
    for n, measured in sizes.items():
        bootstrap = measured["bootstrap"] or {}
        met = bool(bootstrap) and bootstrap["gzip"] <= BOOTSTRAP_BUDGET_GZIP
        verdict = f"≤ {BOOTSTRAP_BUDGET_GZIP:,} bytes gzip: {'met' if met else 'MISSED'}"
        cells = [_kib(bootstrap.get(kind)) for kind in kinds]
        lines.append(f"| {n:,} | " + " | ".join(cells) + f" | {verdict} |")
        verdicts.append(f"N={n:,}: widget.js {bootstrap.get('gzip', 0):,} bytes gzip, {verdict}")
    lines += [
        "",
        "From first open to first results: the files the widget fetches (the site's files)",
        "",
        f"| N per language{label} | language | files | scripts gzip | words and settings gzip "
        "| index raw | index gzip | "
        + " | ".join(f"total {kind}" for kind in kinds)
        + " | plain: search_index.json gzip (whole) | widget index ÷ plain (gzip) |",
        "|---:|---|---:|---:|---:|---:|---:|" + "---:|" * len(kinds) + "---:|---:|",
    ]
    notes = []
    for row in rows:
        got = row["downloads"]
        plain = sizes[row["n"]]["plain_whole"]
        cells = [
            f"{row['n']:,}",
            row["lang"],
            str(len(got["files"])),
            _kib(got["scripts"]["gzip"]),
            _kib(got["settings"]["gzip"]),
            _kib(got["index"]["raw"]),
            _kib(got["index"]["gzip"]),
            *(_kib(got["total"][kind]) for kind in kinds),
            _kib(plain["gzip"]),
            f"{got['index']['gzip'] / plain['gzip']:.0%}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
        for what, names in row["fetched"].items():
            if names:
                notes.append(f"N={row['n']:,} {row['lang']}: {what}: {', '.join(names)}")
    lines.append("")
    lines.append(
        "files: the scripts and stylesheet widget.js loads (lunr.js, analysis.js, search.js, "
        "the panel's), assets/kb/v/<lang>.<hash>.json, search/kb-<lang>.json; plain: Material "
        "alone has no "
        "widget, and its reader downloads the whole search_index.json whatever the language."
    )
    lines += [f"- fetched in the first opening, {note}" for note in notes]
    lines += [
        "",
        "First open: from the click on the launcher (median of the rounds, each in a fresh "
        "context)",
        "",
        f"| N per language{label} | language | query | results | "
        + " | ".join(OPEN_COLUMNS.values())
        + " |",
        "|---:|---|---|---:|" + "---:|" * len(OPEN_COLUMNS),
    ]
    for row in rows:
        counts = {run["count"] for run in row["opens"] if run is not None}
        fallback = any(run["fallback"] for run in row["opens"] if run is not None)
        count = "/".join(str(c) for c in sorted(counts)) or "–"
        cells = [
            f"{row['n']:,}",
            row["lang"],
            f"`{row['query']}`",
            count + (" (default language)" if fallback else ""),
            *(_ms(_median(row["opens"], key)) for key in OPEN_COLUMNS),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "index downloaded: its response's end (resource timing); index ready: parsed and loaded "
        "on the page's main thread; long tasks: the page's tasks of 50 ms or more from the click "
        "to the first result, summed, and the longest (0: none), while the shop's page cannot "
        "respond.",
    ]
    lines += [
        "",
        "Keys: once the index is loaded, key by key, "
        f"{KEY_DELAY_MS} ms apart; key → results is from the key's input event; search + render "
        "is from the search's start",
        "",
        f"| N per language{label} | language | keys | no change | key → results p50 | p95 | max "
        "| search + render p50 | p95 | max |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        keys = row["keys"]
        timed, alone = _stats(keys["keys"]), _stats(keys["search"])
        cells = [
            f"{row['n']:,}",
            row["lang"],
            str(len(keys["keys"])),
            str(keys["silent"]),
            *(_ms(timed[k]) for k in ("p50", "p95", "max")),
            *(_ms(alone[k]) for k in ("p50", "p95", "max")),
        ]
        lines.append("| " + " | ".join(cells) + " |")
        met = timed["p95"] is not None and timed["p95"] <= KEYSTROKE_BUDGET_P95_MS
        alone_met = alone["p95"] is not None and alone["p95"] <= KEYSTROKE_BUDGET_P95_MS
        where = "" if row["n"] == KEYSTROKE_BUDGET_N else f" (set at N={KEYSTROKE_BUDGET_N:,})"
        verdicts.append(
            f"N={row['n']:,} {row['lang']}: key → results p95 ≤ {KEYSTROKE_BUDGET_P95_MS} ms"
            f"{where}: {'met' if met else 'MISSED'}; search + render alone p95 "
            f"{_ms(alone['p95'])}: {'within' if alone_met else 'over'} it"
        )
    typed = {row["lang"]: row for row in rows}.values()
    lines.append("")
    lines.append(
        "Queries typed: "
        + "; ".join(f"{row['lang']}: {', '.join(row['keys']['queries'])}" for row in typed)
        + ". A key after which the list does not change has no latency (no change)."
    )
    lines += ["", "Budgets:"] + [f"- {verdict}" for verdict in verdicts]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
