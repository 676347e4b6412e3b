"""Search quality: do customers' queries find the right entry, with our search and with the
plain stack on the same content?

Builds the project's site (its own mkdocs.yml, `--strict`) and the plain stack (Material and
static-i18n alone, `plain_stack.py`) into a temporary folder, serves each on loopback, opens
each language's home page in headless Chromium and types every query of `search_queries.json`
into Material's real search box (`helpfirst.tools.search_box`), as a reader does.

A query's rank is the position of the first expected entry among the distinct result pages
(sections of one page count once), counting only that entry's page in the query's language:
`/sl/faq/x/` for a Slovenian query, never `/faq/x/`. hit@1 and hit@3 are the share of queries
ranked first or in the top three; MRR is the mean of 1/rank, 0 when the entry is not among the
first 10 pages. A query that gets no settled answer within the time limit counts as a miss.

    python scripts/bench/search_quality.py [--json OUT] [--langs en,sl,lv] [--limit N] [--check]

`--check` exits 1 unless, in every language, our hit@3 is at least 0.90 and we are ahead of the
plain stack (higher MRR, hit@3 not lower).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import bench_sites
import plain_stack

from helpfirst.tools import search_box
from helpfirst.tools.search_scoring import (
    TARGET_HIT3,
    BenchError,
    Outcome,
    load_queries,
    meets_targets,
    prefix_of,
    rank_of,
    result_refs,
    summary,
)

ROOT = Path(__file__).resolve().parents[2]
QUERIES = Path(__file__).with_name("search_queries.json")
STACKS = ("ours", "plain")
READY_TIMEOUT = 30.0  # seconds for a search box to load its index
QUERY_TIMEOUT = 10.0  # seconds for one query to get a settled answer


def _build_sites(work: Path) -> dict[str, Path]:
    """Build our site and the plain stack into `work`, side by side; each stack's site."""
    plain_config = plain_stack.write_config(ROOT, work / "plain")
    jobs = {
        "ours": lambda: plain_stack.build(ROOT / "mkdocs.yml", work / "ours-site", strict=True),
        "plain": lambda: plain_stack.build(plain_config, work / "plain-site"),
    }
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = {stack: pool.submit(job) for stack, job in jobs.items()}
    sites = {}
    for stack, future in futures.items():
        result = future.result()
        if result.returncode != 0:
            raise BenchError(f"the {stack} build failed:\n{result.log[-4000:]}")
        print(f"built {stack} in {result.seconds:.1f} s", file=sys.stderr)
        sites[stack] = result.site
    return sites


def _search_languages(site: Path) -> list[str]:
    """The lunr languages of Material's own search index in a built site."""
    try:
        index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        return list(index["config"]["lang"])
    except (OSError, ValueError, KeyError, TypeError):
        return []


def _run_language(browser, base, lang, languages, rows) -> list[Outcome]:
    """Every query of one language, typed into the search box of that language's home page."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(QUERY_TIMEOUT * 1000)
    search_box.count_worker_messages(page)
    try:
        return _ask_all(page, base, lang, languages, rows)
    finally:
        context.close()


def _ask_all(page, base, lang, languages, rows) -> list[Outcome]:
    """Load the home page of `lang` in `page` and ask every query; a failure is a miss."""
    outcomes = []
    try:
        page.goto(base + prefix_of(lang, languages[0]), timeout=READY_TIMEOUT * 1000)
        search_box.wait_until_ready(page, timeout=READY_TIMEOUT)
        ready_problem = ""
    except Exception as error:  # any failure here means: no answers at all
        ready_problem = f"search box not ready: {str(error).splitlines()[0]}"
    for row in rows:
        if ready_problem:
            outcomes.append(
                Outcome(row["query"], row["kind"], row["expect"], None, [], ready_problem)
            )
            continue
        try:
            shown = search_box.search(page, row["query"], timeout=QUERY_TIMEOUT)
        except Exception as error:  # a query that breaks the page is a miss
            shown = {"hrefs": [], "timed_out": True}
            note = f"error: {str(error).splitlines()[0]}"
        else:
            note = "no settled answer in time" if shown["timed_out"] else ""
        refs = [] if shown["timed_out"] else result_refs(shown["hrefs"], base, lang, languages)
        outcomes.append(
            Outcome(
                row["query"], row["kind"], row["expect"], rank_of(refs, row["expect"]), refs, note
            )
        )
    return outcomes


def run(langs: list[str] | None = None, limit: int | None = None) -> dict:
    """Build, serve and query both stacks: {"version", "machine", "chromium", "plain_lang",
    "outcomes": {stack: {lang: [Outcome]}}}."""
    from playwright.sync_api import sync_playwright

    if not shutil.which(search_box.CHROMIUM) and not Path(search_box.CHROMIUM).exists():
        raise BenchError(f"no Chromium at {search_box.CHROMIUM} (install Debian's chromium)")
    languages = plain_stack.languages(ROOT)
    langs = langs or languages
    unknown = [lang for lang in langs if lang not in languages]
    if unknown:
        raise BenchError(f"not a language of the site: {', '.join(unknown)}")
    version, rows = load_queries(QUERIES, langs, limit)
    result = {"version": version, "machine": bench_sites.machine(), "outcomes": {}}
    with tempfile.TemporaryDirectory(prefix="kb-search-quality-") as work:
        sites = _build_sites(Path(work))
        result["plain_lang"] = _search_languages(sites["plain"])
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=search_box.CHROMIUM, args=search_box.CHROMIUM_ARGS, headless=True
            )
            result["chromium"] = browser.version
            for stack in STACKS:
                base, server = bench_sites.serve(sites[stack])
                result["outcomes"][stack] = {}
                try:
                    for lang in langs:
                        started = time.perf_counter()
                        outcomes = _run_language(browser, base, lang, languages, rows[lang])
                        result["outcomes"][stack][lang] = outcomes
                        print(
                            f"{stack} {lang}: {len(outcomes)} queries in "
                            f"{time.perf_counter() - started:.0f} s",
                            file=sys.stderr,
                        )
                finally:
                    server.shutdown()
                    server.server_close()
            browser.close()
    return result


def figures(result: dict) -> dict:
    """The shape other tools read: {stack: {lang: {"hit1", "hit3", "mrr", "queries"}}}."""
    return {
        stack: {lang: summary(outcomes) for lang, outcomes in by_lang.items()}
        for stack, by_lang in result["outcomes"].items()
    }


def _ratio(ours: float, plain: float) -> str:
    return f"×{ours / plain:.2f}" if plain else "–"


def report(result: dict) -> str:
    """The printed report: figures per language, per kind, and our missed queries."""
    numbers = figures(result)
    lines = [
        f"Search quality, query set version {result['version']}",
        f"Machine: {result['machine']}; Chromium {result.get('chromium', '?')}",
        "Plain stack: one Material index of all languages, lunr language "
        f"{', '.join(result['plain_lang'] or ['?'])} (static-i18n sets no Slovenian or Latvian"
        " analysis: lunr.js has none)",
        "",
    ]
    for lang, outcomes in result["outcomes"]["ours"].items():
        ours, plain = numbers["ours"][lang], numbers["plain"][lang]
        lines.append(f"[{lang}] {ours['queries']} queries")
        lines.append(f"  {'':8}{'ours':>8}{'plain':>8}{'diff':>8}{'ratio':>8}")
        for key, label in (("hit1", "hit@1"), ("hit3", "hit@3"), ("mrr", "MRR")):
            a, b = ours[key], plain[key]
            lines.append(f"  {label:8}{a:8.3f}{b:8.3f}{a - b:+8.3f}{_ratio(a, b):>8}")
        lines.append(f"  {'kind':14}{'n':>3}  hit@3 ours/plain   MRR ours/plain")
        kinds = Counter(outcome.kind for outcome in outcomes)
        for kind in sorted(kinds):
            mine = summary([o for o in outcomes if o.kind == kind])
            theirs = summary([o for o in result["outcomes"]["plain"][lang] if o.kind == kind])
            lines.append(
                f"  {kind:14}{kinds[kind]:3}  {mine['hit3']:5.2f} / {theirs['hit3']:4.2f}"
                f"        {mine['mrr']:5.2f} / {theirs['mrr']:4.2f}"
            )
        missed = [o for o in outcomes if o.rank is None or o.rank > 3]
        if missed:
            lines.append("  ours, not in the top 3:")
        for outcome in missed:
            where = f"rank {outcome.rank}" if outcome.rank else "not in the top 10"
            shown = ", ".join(outcome.got[:3]) or "nothing"
            note = f" ({outcome.note})" if outcome.note else ""
            lines.append(
                f"    {outcome.query!r} [{outcome.kind}] expected {' or '.join(outcome.expect)}:"
                f" {where}; top 3: {shown}{note}"
            )
        lines.append(
            f"  target (hit@3 ≥ {TARGET_HIT3:.2f}, ahead of plain): "
            + ("met" if meets_targets(ours, plain) else "MISSED")
        )
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", metavar="OUT", help="also write the figures as JSON to OUT")
    parser.add_argument("--langs", help="comma-separated languages (default: all of the site's)")
    parser.add_argument("--limit", type=int, help="only the first N queries of each language")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 unless every language meets the targets"
    )
    args = parser.parse_args(argv)
    langs = [lang.strip() for lang in args.langs.split(",") if lang.strip()] if args.langs else None
    try:
        result = run(langs, args.limit)
    except BenchError as error:
        print(f"search_quality: {error}", file=sys.stderr)
        return 2
    print(report(result))
    numbers = figures(result)
    if args.json:
        Path(args.json).write_text(json.dumps(numbers, indent=2, sort_keys=True) + "\n")
    if args.check and not all(
        meets_targets(numbers["ours"][lang], numbers["plain"][lang]) for lang in numbers["ours"]
    ):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
