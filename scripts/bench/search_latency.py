"""Site search speed in Chromium: from opening a page to the first result, and from each key
to its results, ours against the plain stack.

    python scripts/bench/search_latency.py [--sizes 1000,5000] [--seed 1] [--langs en,sl,lv]
                                           [--rounds 3] [--queries 4] [--work DIR]
                                           [--insights {off,log}] [--against REV]

Both sites (`bench_sites`: a synthetic knowledge base of N entries per language) are served
on loopback and opened in headless Chromium, each page in a fresh browser context (nothing
cached).

- First result: the home page of a language is opened and, as soon as its search box exists, a
  query is put into it (all but its last character at once, then the last key), as a reader
  who opens the page to search does. The time is from
  the start of the navigation (`performance.timeOrigin`) to the moment the first result
  is in the result list (a MutationObserver in the page): it covers the page, the scripts,
  the search worker, downloading and loading the index, and the query. The median of
  `--rounds` openings counts.
- Keystrokes (ours): once the index is loaded, realistic queries are typed key by key, 150 ms
  apart, and each key's latency is from its `keyup` (when Material reads the box) to the
  next change of the result list. p50 and p95 over every key of every query.

With `--against REV` (a git revision, such as a commit), the same knowledge base is also built
by the code of REV (its mkdocs.yml, home and section pages, hooks and overrides, from a
temporary `git worktree`; `bench_sites.revision_site`, kept by commit), both sites are served
the same way, and only the keys are timed: per language, `--rounds` rounds, each on a fresh
page of each site, every query typed on one site and then on the other, the first one changing
from query to query and from round to round, so that the machine's load falls on both alike.
The table gives each side's p50, p95 and max, ours minus theirs, a 95 % interval of the p95's
difference (the keys drawn again) and the rounds whose p95 was no worse for ours. There is no
first result and no plain stack in this mode.

With `--insights log`, our site is built from a configuration that INHERITs the knowledge
base's and sets `extra.kb.insights: log` (kept apart from the site without), so that the cost of
recording events shows in the same figures; the output says which mode was measured ("Insights:
log", and in the tables' headers). The events the pages send (GET `/insights/e?…`, the empty
file the build ships) are counted once each typing session has had time to send them; a failed
one is an error.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
from pathlib import Path

import bench_sites
import gen_kb

from helpfirst.insights import EVENT_PATH
from helpfirst.tools import search_box

#: Queries typed per language: the words customers use, not the entries' titles.
QUERIES = {
    "en": ["reset password", "cancel my subscription", "invoice for my order", "parcel delivery"],
    "sl": ["ponastavitev gesla", "preklic naročnine", "račun za naročilo", "dostava paketa"],
    "lv": ["paroles atiestatīšana", "atcelt abonementu", "pasūtījuma rēķins", "sūtījuma piegāde"],
}
KEY_DELAY_MS = 150
FIRST_RESULT_TIMEOUT = 60.0
FIRST_RESULT_BUDGET_MS = 1000
KEYSTROKE_BUDGET_P95_MS = 30
#: The sites of a comparison (`--against`): this checkout's code, and the revision's.
SIDES = ("ours", "theirs")
#: The parts of a key's time (`_parts`).
PARTS = ("post", "worker", "draw")
#: How often `compare_report` draws the keys again for the interval of the p95's difference.
BOOTSTRAP_DRAWS = 2000
#: How long a typing session waits in `log` mode before it closes, so that its events leave
#: (assets/kb/insights.js keeps a search after a 1.2 s pause and sends 1.5 s after the last).
INSIGHTS_SETTLE_MS = 3500

# Timestamps in the page: keyups in the search box, and changes of the result list.
_RECORDER = """(() => {
    const record = window.__kbTimes = {keyups: [], changes: [], first: null, dcl: null,
                                       ready: null, queries: [], results: []};
    document.addEventListener("DOMContentLoaded", () => { record.dcl = performance.now(); });
    // Material's search worker says READY (message type 1) once its index is loaded; Material
    // posts each QUERY (2) to it, and it answers each with a RESULT (3).
    const Native = window.Worker;
    if (Native) {
        window.Worker = class extends Native {
            constructor(...args) {
                super(...args);
                this.addEventListener("message", (event) => {
                    if (event.data && event.data.type === 1 && record.ready === null) {
                        record.ready = performance.now();
                    }
                    if (event.data && event.data.type === 3) record.results.push(performance.now());
                });
            }
            postMessage(message, ...rest) {
                if (message && message.type === 2) record.queries.push(performance.now());
                return super.postMessage(message, ...rest);
            }
        };
    }
    document.addEventListener("keyup", (event) => {
        if (event.target && event.target.matches && event.target.matches(INPUT)) {
            record.keyups.push(performance.now());
        }
    }, true);
    const watch = () => {
        const list = document.querySelector(".md-search-result__list");
        if (!list) return;
        new MutationObserver(() => {
            const now = performance.now();
            record.changes.push(now);
            if (record.first === null && list.querySelector(".md-search-result__item")) {
                record.first = now;
            }
        }).observe(list, {childList: true, subtree: true});
    };
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", watch);
    } else {
        watch();
    }
})();""".replace("INPUT", repr(search_box.INPUT))


def browser_arguments(description: str, rounds: str) -> argparse.ArgumentParser:
    """The options of the benchmarks that time the search in Chromium (this and the widget's):
    sizes, seed, languages, `--rounds` (what a round is: `rounds`), queries typed, work folder."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sizes", type=bench_sites.sizes_argument, default="1000,5000")
    parser.add_argument("--seed", type=int, default=gen_kb.DEFAULT_SEED)
    parser.add_argument(
        "--langs", type=bench_sites.languages_argument, default=",".join(gen_kb.LANGUAGES)
    )
    parser.add_argument("--rounds", type=bench_sites.count_argument, default=3, help=rounds)
    parser.add_argument(
        "--queries",
        type=bench_sites.count_argument,
        default=len(QUERIES["en"]),
        help="queries typed per language",
    )
    parser.add_argument("--work", type=Path, help="where knowledge bases and sites are kept")
    parser.add_argument(
        "--insights",
        choices=bench_sites.INSIGHTS,
        default="off",
        help="our site with insights off (as the knowledge base has it) or in log mode",
    )
    return parser


class EventRequests:
    """The insights events that browser contexts sent in `log` mode: how many were answered,
    and which failed (no answer, or not a 2xx). In log mode an event is an image request: its
    empty answer is no image, so Chromium aborts it once answered, which is no failure."""

    def __init__(self) -> None:
        self.answered = 0
        self.failed: list[str] = []
        self._answered: set = set()  # the requests themselves: kept alive, never confused

    def watch(self, context) -> None:
        context.on("response", self._response)
        context.on("requestfailed", self._request_failed)

    def _response(self, response) -> None:
        if _is_event(response.url):
            if 200 <= response.status < 300:
                self.answered += 1
                self._answered.add(response.request)
            else:
                self.failed.append(f"{response.status} {response.url}")

    def _request_failed(self, request) -> None:
        if _is_event(request.url) and request not in self._answered:
            self.failed.append(f"{request.failure} {request.url}")

    def summary(self) -> str:
        return (
            f"Insights events: {self.answered} answered (GET /{EVENT_PATH}?…), "
            f"{len(self.failed)} failed"
        )


def _is_event(url: str) -> bool:
    return url.split("?", 1)[0].endswith("/" + EVENT_PATH)


def insights_label(insights: str) -> str:
    """What the tables' headers add for a mode: nothing for off, ` (insights log)` for log."""
    return "" if insights == "off" else f" (insights {insights})"


def insights_end(events: EventRequests | None) -> int:
    """Print what the events came to in `log` mode; 1 when any failed, else 0."""
    if events is None:
        return 0
    print(events.summary())
    for failure in events.failed[:10]:
        print(f"- failed: {failure}")
    return 1 if events.failed else 0


def browser_run(args, script: str) -> tuple[list[str], Path] | None:
    """The languages and work folder of a run of a browser benchmark, once the machine is
    printed; None, said on stderr, when there is no Chromium."""
    if not Path(search_box.CHROMIUM).exists():
        print(f"{script}: no Chromium at {search_box.CHROMIUM}", file=sys.stderr)
        return None
    print(f"Machine: {bench_sites.machine()}; load {bench_sites.load()}")
    print(f"Insights: {args.insights}")
    return args.langs, args.work or bench_sites.default_work()


def main(argv: list[str] | None = None) -> int:
    parser = browser_arguments(
        __doc__.split("\n\n")[0], "page openings per language (with --against: rounds of keys)"
    )
    parser.add_argument(
        "--against",
        metavar="REV",
        help="time the keys of our site and of the same knowledge base built by the code of "
        "git revision REV, alternately (no first results, no plain stack)",
    )
    args = parser.parse_args(argv)
    commit = None
    if args.against is not None:
        try:
            commit = bench_sites.revision(args.against)
        except ValueError as error:
            parser.error(f"argument --against: {error}")
    from playwright.sync_api import sync_playwright

    run = browser_run(args, "search_latency")
    if run is None:
        return 2
    langs, work = run
    events = EventRequests() if args.insights != "off" else None
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=search_box.CHROMIUM, args=search_box.CHROMIUM_ARGS, headless=True
        )
        print(f"Chromium {browser.version}")
        if commit is not None:
            print(f"Ours: {bench_sites.describe_checkout()}; against: {commit[:10]}")
            rows = compare(browser, args, langs, work, commit, events)
            browser.close()
            print(compare_report(rows, commit, args.insights))
            print(f"\nLoad at the end: {bench_sites.load()}")
            return insights_end(events)
        for n in args.sizes:
            sites = {
                "ours": bench_sites.built_site(work, n, args.seed, "ours", args.insights),
                "plain": bench_sites.built_site(work, n, args.seed, "plain"),
            }
            bases = {}
            servers = []
            for stack, site in sites.items():
                bases[stack], server = bench_sites.serve(site)
                servers.append(server)
            try:
                for lang in langs:
                    query = title_query(sites["ours"], lang)
                    row = {"n": n, "lang": lang, "query": query}
                    for stack in ("ours", "plain"):
                        url = bases[stack] + ("" if lang == gen_kb.LANGUAGES[0] else f"{lang}/")
                        watched = events if stack == "ours" else None
                        row[stack] = [
                            first_result(browser, url, query, watched) for _ in range(args.rounds)
                        ]
                    url = bases["ours"] + ("" if lang == gen_kb.LANGUAGES[0] else f"{lang}/")
                    row["keys"] = keystrokes(browser, url, QUERIES[lang][: args.queries], events)
                    rows.append(row)
                    print(_progress(row), file=sys.stderr, flush=True)
            finally:
                for server in servers:
                    server.shutdown()
                    server.server_close()
        browser.close()
    print(report(rows, args.insights))
    print(f"\nLoad at the end: {bench_sites.load()}")
    return insights_end(events)


def compare(browser, args, langs: list[str], work: Path, commit: str, events=None) -> list[dict]:
    """The keys of our site and of the same knowledge base built by `commit`, both served the
    same way: per language and round, a fresh page of each (index loaded), then every query
    typed on one and then the other, the first side changing from query to query and from
    round to round, so that the machine's load falls on both alike. Rows of per-round lists
    of each key's latency (None for a key that changed nothing), by side."""
    rows = []
    for n in args.sizes:
        sites = {
            "ours": bench_sites.built_site(work, n, args.seed, "ours", args.insights),
            "theirs": bench_sites.revision_site(work, n, args.seed, commit),
        }
        bases, servers = {}, []
        for side, site in sites.items():
            bases[side], server = bench_sites.serve(site)
            servers.append(server)
        try:
            for lang in langs:
                path = "" if lang == gen_kb.LANGUAGES[0] else f"{lang}/"
                row = {"n": n, "lang": lang, "ours": [], "theirs": [], "parts": {}}
                for round_ in range(args.rounds):
                    first = SIDES if round_ % 2 == 0 else SIDES[::-1]
                    pages = {}
                    try:
                        for side in first:
                            watched = events if side == "ours" else None
                            pages[side] = typing_page(browser, bases[side] + path, watched)
                            row[side].append([])
                        for index, query in enumerate(QUERIES[lang][: args.queries]):
                            for side in first if index % 2 == 0 else first[::-1]:
                                parts = row["parts"].setdefault(side, [])
                                row[side][-1] += type_query(pages[side], query, parts)
                        if events is not None:
                            pages["ours"].wait_for_timeout(INSIGHTS_SETTLE_MS)
                    finally:
                        for page in pages.values():
                            page.context.close()
                rows.append(row)
                print(
                    f"N={n} {lang}: {sum(map(len, row['ours']))} keys a side",
                    file=sys.stderr,
                    flush=True,
                )
        finally:
            for server in servers:
                server.shutdown()
                server.server_close()
    return rows


def compare_report(rows: list[dict], commit: str, insights: str = "off") -> str:
    """The keys of both sides of `compare`: p50, p95 and max of each, ours minus theirs, and
    how sure the p95's difference is."""
    theirs = commit[:7]
    label = insights_label(insights)
    lines = [
        "",
        f"| N per language{label} | language | keys | ours: p50 | p95 | max | {theirs}: p50 "
        "| p95 | max | ours − theirs: p50 | p95 | p95, 95 % interval | each key (median) "
        "| rounds with ours' p95 ≤ |",
        "|---:|---|---:|" + "---:|" * 12,
    ]
    verdicts = []
    for row in rows:
        figures = compare_figures(row)
        cells = [f"{row['n']:,}", row["lang"], figures["keys"]]
        for side in SIDES:
            cells += [_ms1(figures[side][key]) for key in ("p50", "p95", "max")]
        low, high = figures["interval"]
        cells += [
            _signed(figures["p50"]),
            _signed(figures["p95"]),
            f"{_signed(low)} to {_signed(high)}",
            _signed(figures["each"]),
            f"{figures['rounds']} of {len(row['ours'])}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
        worse = figures["p95"] > 0
        verdicts.append(
            f"N={row['n']:,} {row['lang']}: key p95 ours {_ms1(figures['ours']['p95'])}, "
            f"{theirs} {_ms1(figures['theirs']['p95'])}: "
            + (f"ours WORSE by {_signed(figures['p95'])}" if worse else "ours no worse")
        )
    lines += [
        "",
        f"| N per language{label} | language | side | keys | post p50 | p95 | worker p50 | p95 "
        "| draw p50 | p95 | slowest 5 %: post | worker | draw |",
        "|---:|---|---|---:|" + "---:|" * 9,
    ]
    for row in rows:
        for side in SIDES:
            figures = parts_figures(row["parts"].get(side, []))
            if figures is None:
                continue
            cells = [f"{row['n']:,}", row["lang"], "ours" if side == "ours" else theirs]
            cells.append(str(figures["keys"]))
            for part in PARTS:
                cells += [_ms1(figures[part]["p50"]), _ms1(figures[part]["p95"])]
            cells += [_ms1(figures["slowest"][part]) for part in PARTS]
            lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "Where a key's time goes: post = from keyup to Material's QUERY to the worker; worker ="
        " from there to the worker's RESULT back in the page (its search and both messages);"
        " draw = from there to the change of the result list (Material drawing the results);"
        " slowest 5 %: the mean of each part over the 5 % of keys slowest in all."
    )
    lines.append("")
    lines.append(
        f"Keys (ours: this checkout; {theirs}: the same knowledge base built by commit {commit}),"
        " typed alternately on the two sites, each round on fresh pages: from keyup to the next"
        " change of the result list. The interval is of ours' p95 minus theirs' over keys"
        f" drawn again ({BOOTSTRAP_DRAWS} draws of the keys answered on both); each key: the"
        " median of ours minus theirs, key by key. Queries "
        + "; ".join(f"{lang}: {', '.join(QUERIES[lang])}" for lang in QUERIES)
        + "."
    )
    lines += [f"- {verdict}" for verdict in verdicts]
    return "\n".join(lines)


def compare_figures(row: dict) -> dict:
    """Keys answered (`12`, or `12 / 11` when the sides differ); p50, p95 and max of each
    side's keys; ours minus theirs at p50, p95 and key by key (the
    median); a 95 % interval of the p95's difference (keys answered on both, drawn again with
    a fixed seed); and in how many rounds ours' p95 was at most theirs'."""
    figures: dict = {}
    for side in SIDES:
        keys = [key for run in row[side] for key in run if key is not None]
        figures[side] = {
            "p50": percentile(keys, 0.50),
            "p95": percentile(keys, 0.95),
            "max": max(keys),
        }
    counts = [sum(key is not None for run in row[side] for key in run) for side in SIDES]
    figures["keys"] = str(counts[0]) if counts[0] == counts[1] else " / ".join(map(str, counts))
    figures["p50"] = figures["ours"]["p50"] - figures["theirs"]["p50"]
    figures["p95"] = figures["ours"]["p95"] - figures["theirs"]["p95"]
    pairs = [
        (mine, other)
        for ours_run, theirs_run in zip(row["ours"], row["theirs"], strict=True)
        if len(ours_run) == len(theirs_run)
        for mine, other in zip(ours_run, theirs_run, strict=True)
        if mine is not None and other is not None
    ]
    figures["each"] = statistics.median(mine - other for mine, other in pairs)
    draws = random.Random(1)
    differences = sorted(
        percentile([mine for mine, _ in drawn], 0.95) - percentile([o for _, o in drawn], 0.95)
        for drawn in (draws.choices(pairs, k=len(pairs)) for _ in range(BOOTSTRAP_DRAWS))
    )
    figures["interval"] = (
        differences[int(0.025 * BOOTSTRAP_DRAWS)],
        differences[int(0.975 * BOOTSTRAP_DRAWS) - 1],
    )
    figures["rounds"] = sum(
        percentile([k for k in mine if k is not None], 0.95)
        <= percentile([k for k in other if k is not None], 0.95)
        for mine, other in zip(row["ours"], row["theirs"], strict=True)
    )
    return figures


def parts_figures(parts: list[dict[str, float] | None]) -> dict | None:
    """p50 and p95 of each of the `PARTS` of the keys that have them, and each part's mean
    over the 5 % of those keys slowest in all; None when no key has them."""
    keys = [key for key in parts if key is not None]
    if not keys:
        return None
    figures: dict = {"keys": len(keys)}
    for part in PARTS:
        values = [key[part] for key in keys]
        figures[part] = {"p50": percentile(values, 0.50), "p95": percentile(values, 0.95)}
    slowest = sorted(keys, key=lambda key: sum(key.values()), reverse=True)
    slowest = slowest[: max(1, round(len(keys) * 0.05))]
    figures["slowest"] = {part: statistics.fmean(key[part] for key in slowest) for part in PARTS}
    return figures


def _ms1(value: float) -> str:
    return f"{value:.1f} ms"


def _signed(value: float) -> str:
    return f"{value:+.1f} ms"


def title_query(site: Path, lang: str) -> str:
    """Two words of an entry's title in `lang`, as they are written: a query that both stacks
    answer (the plain stack has no Slovenian or Latvian analysis, so it needs the same form)."""
    payload = json.loads((site / "search" / f"kb-{lang}.json").read_text(encoding="utf-8"))
    stopwords = {word.lower() for word in payload["stopwords"]}
    # The payload lists what results show ([title, summary, ...]) in the order of its refs.
    for title, *_ in payload["docs"]:
        words = re.findall(r"\w+", title)
        words = [w for w in words if len(w) > 3 and w.lower() not in stopwords]
        if len(words) >= 2:
            return " ".join(words[:2]).lower()
    return QUERIES[lang][0]


def first_result(browser, url: str, query: str, events: EventRequests | None = None) -> dict | None:
    """Milliseconds from the start of navigation to DOMContentLoaded (`page`), to the search
    worker's READY (`ready`) and to the first result of `query` (`first`), put into the box as
    soon as it exists; None when no result came in time. `events` counts insights events."""
    context = browser.new_context()
    if events is not None:
        events.watch(context)
    page = context.new_page()
    page.add_init_script(_RECORDER)
    try:
        page.goto(url, wait_until="commit", timeout=FIRST_RESULT_TIMEOUT * 1000)
        page.wait_for_selector(search_box.INPUT, state="attached")
        # The whole query at once (as when pasting): the figure is the page's and the
        # search's, not the typing speed of the test driver.
        page.fill(search_box.INPUT, query[:-1])
        page.type(search_box.INPUT, query[-1])
        page.wait_for_function(
            "() => window.__kbTimes && window.__kbTimes.first !== null",
            timeout=FIRST_RESULT_TIMEOUT * 1000,
        )
        times = page.evaluate("() => window.__kbTimes")
        return {"page": times["dcl"], "ready": times["ready"], "first": times["first"]}
    except Exception:  # a page that never shows a result is reported as such
        return None
    finally:
        context.close()


def keystrokes(
    browser, url: str, queries: list[str], events: EventRequests | None = None
) -> list[float]:
    """Milliseconds from each keyup to the next change of the result list, once the index is
    loaded, over every key of every query. With `events` (log mode), they are counted, and the
    page waits for its last ones before it closes."""
    page = typing_page(browser, url, events)
    latencies: list[float] = []
    try:
        for query in queries:
            latencies += [key for key in type_query(page, query) if key is not None]
        if events is not None:
            page.wait_for_timeout(INSIGHTS_SETTLE_MS)
    finally:
        page.context.close()
    return latencies


def typing_page(browser, url: str, events: EventRequests | None = None):
    """A page of `url` in a fresh browser context, its search index loaded, recording keys and
    changes of the result list; the caller closes its context."""
    context = browser.new_context()
    if events is not None:
        events.watch(context)
    page = context.new_page()
    page.add_init_script(_RECORDER)
    try:
        page.goto(url)
        search_box.wait_until_ready(page, timeout=FIRST_RESULT_TIMEOUT)
    except BaseException:
        context.close()
        raise
    return page


def type_query(page, query: str, parts: list | None = None) -> list[float | None]:
    """Type `query` key by key into the emptied search box of a `typing_page`; each key's
    milliseconds to the next change of the result list (None for a key that changed nothing).
    With `parts`, each key's `_parts` are added to it."""
    page.click(search_box.INPUT)
    page.fill(search_box.INPUT, "")
    page.evaluate(
        "() => { for (const name of ['keyups', 'changes', 'queries', 'results'])"
        " window.__kbTimes[name] = []; }"
    )
    page.keyboard.type(query, delay=KEY_DELAY_MS)
    page.wait_for_timeout(500)
    times = page.evaluate("() => window.__kbTimes")
    if parts is not None:
        parts += _parts(times)
    return _pair_each(times["keyups"], times["changes"])


def _parts(times: dict) -> list[dict[str, float] | None]:
    """Where each key's time went: from its keyup to Material's QUERY to the worker (`post`),
    from there to the worker's RESULT back in the page (`worker`: its search and both
    messages), and from there to the change of the result list (`draw`: Material drawing the
    results). None for a key without all three within its time (up to the next keyup)."""
    parts: list[dict[str, float] | None] = []
    keyups = times["keyups"]
    for index, key in enumerate(keyups):
        end = keyups[index + 1] if index + 1 < len(keyups) else float("inf")
        post = _first(times["queries"], key, end)
        result = _first(times["results"], post, end)
        change = _first(times["changes"], result, end)
        if change is None:
            parts.append(None)
        else:
            parts.append({"post": post - key, "worker": result - post, "draw": change - result})
    return parts


def _first(times: list[float], start: float | None, end: float) -> float | None:
    """The first of `times` from `start` and before `end`; None when there is none (or no
    start)."""
    return next((t for t in times if start is not None and start <= t < end), None)


def _pair(keyups: list[float], changes: list[float]) -> list[float]:
    """Each keyup's latency: the first change after it and before the next keyup; keys
    without one are left out."""
    return [latency for latency in _pair_each(keyups, changes) if latency is not None]


def _pair_each(keyups: list[float], changes: list[float]) -> list[float | None]:
    """Each keyup's latency as `_pair` finds it, or None when no change followed it."""
    latencies: list[float | None] = []
    for index, key in enumerate(keyups):
        end = keyups[index + 1] if index + 1 < len(keyups) else float("inf")
        after = [change for change in changes if key <= change < end]
        latencies.append(after[0] - key if after else None)
    return latencies


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of `values`."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def _median(runs: list[dict | None], key: str = "first") -> float | None:
    """The median of one time over the openings; None when any opening had no result."""
    found = [run[key] for run in runs if run is not None and run.get(key) is not None]
    return statistics.median(found) if len(found) == len(runs) and found else None


def _ms(value: float | None) -> str:
    return "no result" if value is None else f"{value:,.0f} ms"


def _progress(row: dict) -> str:
    return (
        f"N={row['n']} {row['lang']}: first result ours {_ms(_median(row['ours']))}, "
        f"plain {_ms(_median(row['plain']))}; {len(row['keys'])} keys"
    )


def report(rows: list[dict], insights: str = "off") -> str:
    """First-result and keystroke tables, with the budgets; the headers say the insights mode
    of our site unless it is off."""
    label = insights_label(insights)
    lines = [
        "",
        f"| N per language{label} | language | query | ours: page | search ready | first result "
        "| plain: page | search ready | first result | plain ÷ ours |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        ours, plain = _median(row["ours"]), _median(row["plain"])
        ratio = f"×{plain / ours:.1f}" if ours and plain else "–"
        cells = [f"{row['n']:,}", row["lang"], f"`{row['query']}`"]
        for stack in ("ours", "plain"):
            cells += [_ms(_median(row[stack], key)) for key in ("page", "ready", "first")]
        lines.append("| " + " | ".join(cells) + f" | {ratio} |")
    lines += [
        "",
        f"| N per language{label} | language | keys | key p50 | key p95 | max |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    verdicts = []
    for row in rows:
        ours = _median(row["ours"])
        keys = row["keys"]
        p50 = percentile(keys, 0.50) if keys else None
        p95 = percentile(keys, 0.95) if keys else None
        lines.append(
            f"| {row['n']:,} | {row['lang']} | {len(keys)} | {_ms(p50)} | {_ms(p95)} | "
            f"{_ms(max(keys) if keys else None)} |"
        )
        first_ok = ours is not None and ours <= FIRST_RESULT_BUDGET_MS
        keys_ok = p95 is not None and p95 <= KEYSTROKE_BUDGET_P95_MS
        verdicts.append(
            f"N={row['n']:,} {row['lang']}: first result ≤ {FIRST_RESULT_BUDGET_MS} ms "
            f"{'met' if first_ok else 'MISSED'}; key p95 ≤ {KEYSTROKE_BUDGET_P95_MS} ms "
            f"{'met' if keys_ok else 'MISSED'}"
        )
    lines.append("")
    lines.append(
        "Median of the openings, from navigation start: page = DOMContentLoaded, search ready ="
        " the search worker's READY (index loaded), first result = the first result in the list;"
        " keys (ours only): from keyup to the next change of the result list, queries "
        + "; ".join(f"{lang}: {', '.join(QUERIES[lang])}" for lang in QUERIES)
        + "."
    )
    lines += [f"- {verdict}" for verdict in verdicts]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
