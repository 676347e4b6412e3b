"""How long `kb insights` takes, and how much memory, as the access log grows.

    python scripts/bench/insights_log.py [--events 100000,300000,1000000] [--seed 1] [--work DIR]

For each size a synthetic nginx access log in the combined format is written (`write_log`):
that many insights events from site and widget visits in three languages over four weeks,
queries drawn from a vocabulary with several forms of each word, some failed, some typos, and
one ordinary page request for every ten events, which the report passes over; each event's
query string as the browser writes it (helpfirst.insights.encode). The report is then made in
a fresh process, as `kb insights LOG --no-site --json … --html …` makes it (reading,
aggregation, JSON and HTML), and its wall time, processor time (user and system, imports
included) and peak resident memory are printed.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_sites

from helpfirst.insights import encode

ROOT = Path(__file__).resolve().parent.parent.parent

#: The budget for 1,000,000 events.
BUDGET_SECONDS = 30
BUDGET_MB = 500
AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
# Several forms of each word, as readers type them.
WORDS = {
    "sl": "geslo gesla geslom račun računa računi dostava dostave vračilo vračila naročilo "
    "naročila prijava prijave kartica kartice".split(),
    "lv": "parole paroles paroli rēķins rēķinu piegāde piegādes atmaksa atmaksu pasūtījums "
    "pasūtījuma pieteikšanās karte kartes".split(),
    "en": "password passwords reset invoice invoices delivery refund refunds order orders "
    "login card cards account".split(),
}
ENTRIES = [f"entry-{number}" for number in range(300)]


def write_log(path: Path, events: int, seed: int = 1) -> int:
    """Write a combined-format log with `events` insights events; return the lines written."""
    rng = random.Random(seed)
    start = 1_796_083_200  # 2026-12-01 00:00 UTC
    span = 28 * 86_400
    written = lines = visit_number = 0
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        while written < events:
            visit_number += 1
            moment = start + int(span * written / events)
            for query in _visit(rng, f"v{visit_number:x}"):
                if written == events:
                    break
                handle.write(_line(moment, f"/insights/e?{query}", rng))
                written += 1
                lines += 1
                if written % 10 == 0:
                    handle.write(_line(moment, "/sl/faq/entry-1/", rng))
                    lines += 1
                moment += rng.randint(1, 20)
    return lines


def _visit(rng: random.Random, visit: str) -> list[str]:
    """The query strings of one visit's events, percent-encoded as the browser sends them."""
    lang = rng.choice(("en", "sl", "lv"))
    where = "widget" if rng.random() < 0.4 else "site"
    base = {"v": "1", "s": visit, "l": lang, "w": where}
    events = [{**base, "t": "start"}] if where == "widget" else []
    read = []
    for _ in range(rng.randint(1, 3)):
        words = rng.sample(WORDS[lang], rng.randint(1, 3))
        if rng.random() < 0.1:  # a typo, or a word the site does not have
            words.append(f"x{rng.randint(0, 5000)}")
        results = 0 if rng.random() < 0.2 else rng.randint(1, 12)
        events.append({**base, "t": "search", "q": " ".join(words), "n": results})
        if results and rng.random() < 0.6:
            entry = rng.choice(ENTRIES)
            kind = "answer" if where == "widget" else "open"
            events.append({**base, "t": kind, "p": rng.randint(1, results), "e": entry})
            read.append(entry)
    if where == "widget" and rng.random() < 0.3:
        events.append({**base, "t": "compose"})
        if rng.random() < 0.7:
            events.append({**base, "t": "sent", "m": "mailto", "seen": read[:5]})
    if read and rng.random() < 0.2:
        vote = rng.choice(("yes", "no"))
        events.append({**base, "t": "vote", "e": read[0], "vote": vote, "r": "too short"})
    return [encode(event) for event in events]


def _line(moment: int, target: str, rng: random.Random) -> str:
    """One access-log line for a GET of `target` at `moment` (seconds, UTC)."""
    stamp = time.gmtime(moment)
    when = (
        f"{stamp.tm_mday:02d}/{_MONTHS[stamp.tm_mon - 1]}/{stamp.tm_year}:"
        f"{stamp.tm_hour:02d}:{stamp.tm_min:02d}:{stamp.tm_sec:02d} +0000"
    )
    host = f"198.51.100.{rng.randint(1, 254)}"
    return (
        f'{host} - - [{when}] "GET {target} HTTP/1.1" 200 0 "https://help.example.com/" "{AGENT}"\n'
    )


def measure(log: Path, out: Path) -> dict:
    """Make the report of `log` in this process; return the seconds and the peak memory."""
    from helpfirst import cli

    started = time.perf_counter()
    status = cli.main(
        [
            "insights",
            str(log),
            "--no-site",
            "--json",
            str(out / "figures.json"),
            "--html",
            str(out / "report.html"),
        ]
    )
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "status": status,
        "seconds": round(seconds, 2),
        # On a shared machine the processor time tells more than the wall time.
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
    }


def events_argument(text: str) -> list[int]:
    """`100000,1000000` as a list of log sizes (an argparse type: a bad list is a usage
    error)."""
    return bench_sites.numbers_argument(text, "numbers of events", "100000,1000000")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--events",
        type=events_argument,
        default=[100_000, 300_000, 1_000_000],
        help="numbers of events, comma-separated (default: 100000,300000,1000000)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, help="keep the logs here (default: temporary)")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.measure.parent)))
        return 0
    if args.work and args.work.exists() and not args.work.is_dir():
        parser.error(f"argument --work: {str(args.work)!r} is a file; give a folder")
    sizes = args.events
    with tempfile.TemporaryDirectory(prefix="kb-insights-bench-") as temporary:
        work = args.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        print(f"{'events':>9} {'lines':>9} {'MB':>7} {'seconds':>8} {'cpu s':>7} {'peak MB':>8}")
        failed = False
        for size in sizes:
            folder = work / f"events-{size}"
            folder.mkdir(exist_ok=True)
            log = folder / "access.log"
            lines = write_log(log, size, args.seed)
            result = subprocess.run(
                [sys.executable, __file__, "--measure", str(log)],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode:
                print(result.stdout + result.stderr, file=sys.stderr)
                return 1
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            megabytes = log.stat().st_size / 1e6
            print(
                f"{size:>9} {lines:>9} {megabytes:>7.1f} {figures['seconds']:>8.2f} "
                f"{figures['cpu_seconds']:>7.2f} {figures['peak_mb']:>8.1f}"
            )
            if size >= 1_000_000:
                over = figures["seconds"] > BUDGET_SECONDS or figures["peak_mb"] > BUDGET_MB
                failed = failed or over
    if failed:
        print(f"over budget: {BUDGET_SECONDS} s and {BUDGET_MB} MB for 1,000,000 events")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
