"""Lighthouse scores of the example site served as the README deploys it.

    npm ci --prefix scripts/bench/lighthouse    # once: Lighthouse, pinned in its package-lock
    python scripts/bench/lighthouse.py [--runs 3] [--pages /,/sl/]

The example site is built strictly with `site_url` set to the address it is served from (so
its canonical and language links point at pages Lighthouse can check), into a folder that a
real nginx serves with deploy/nginx.conf exactly as the deployment tests serve it
(`nginx_server`) on a loopback port. Lighthouse (npm, pinned in scripts/bench/lighthouse/)
audits each page in Debian's Chromium (CHROME_PATH) with its default mobile settings:
simulated slow 4G and a 4x slower CPU, so that performance is estimated from a trace and
depends less on the machine than a measured load would. Each page is audited `--runs` times,
each in a fresh Chromium; the table gives the median of each column.

Offline: Chromium resolves no host name but 127.0.0.1 (`--host-resolver-rules`), so any
request the site or Chromium made to another host would fail and show as an error in the
audits; Lighthouse's error reporting is off. Lighthouse does not audit a page served with
status 404, so the 404 pages are not in the list (axe-core checks them in the browser tests).

Below the table: every audit that is not passed in accessibility, best practices and SEO, and
for a page whose performance is below 95, what its median run loses time on (Lighthouse's
metrics and its audits with estimated savings).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import bench_sites
import nginx_server

from helpfirst.tools import search_box

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "scripts" / "bench" / "lighthouse"
LIGHTHOUSE = PACKAGE / "node_modules" / ".bin" / "lighthouse"
# The pages of BENCHMARKS.md: every page type in English, and two of each other language.
PAGES = {
    "/": "home",
    "/faq/": "section listing",
    "/faq/email-or-call/": "entry",
    "/guides/write-to-customer-service/": "guide",
    "/templates/welcome/": "template",
    "/widget/": "widget page",
    "/sl/": "home",
    "/sl/faq/email-or-call/": "entry",
    "/lv/": "home",
    "/lv/guides/write-to-customer-service/": "guide",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Lighthouse's metrics of the performance score, in the order of its report.
METRICS = {
    "first-contentful-paint": "FCP ms",
    "largest-contentful-paint": "LCP ms",
    "total-blocking-time": "TBT ms",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI ms",
}
TARGET_PERFORMANCE = 95
# Nothing but loopback resolves: a request to any other host fails instead of leaving the
# machine. Chromium's own background services are off too (search_box.CHROMIUM_ARGS).
OFFLINE = '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"'
# The example site, built with another site_url and into another folder: `mkdocs build` has
# no option for site_url, so the build runs MkDocs' own build command on a loaded config.
_BUILD = """\
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
try:
    build(load_config("mkdocs.yml", site_url=sys.argv[1], site_dir=sys.argv[2], strict=True))
except MkDocsException as error:
    sys.exit(f"mkdocs build failed: {error}")
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--runs",
        type=bench_sites.count_argument,
        default=3,
        help="Lighthouse runs per page; the table gives the median (default 3)",
    )
    parser.add_argument(
        "--pages",
        type=bench_sites.choices_argument(
            PAGES, "give pages of the example site from {choices}, separated by commas"
        ),
        default=list(PAGES),
        help="pages to audit, separated by commas (default: all of " + ", ".join(PAGES) + ")",
    )
    args = parser.parse_args(argv)
    missing = _missing()
    if missing:
        print(f"lighthouse: {missing}", file=sys.stderr)
        return 2
    print(f"Machine: {bench_sites.machine()}; load {bench_sites.load()}")
    with tempfile.TemporaryDirectory(prefix="kb-lighthouse-") as tmp:
        site = Path(tmp) / "site"
        try:
            process, port = nginx_server.start(site, Path(tmp) / "nginx")
        except nginx_server.NginxError as error:
            print(f"lighthouse: {error}", file=sys.stderr)
            return 1
        try:
            url = f"http://127.0.0.1:{port}/"
            built = subprocess.run(
                [sys.executable, "-c", _BUILD, url, str(site)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"},
            )
            if built.returncode != 0:
                print(built.stdout + built.stderr, file=sys.stderr)
                return 1
            results = {}
            for path in args.pages:
                out = Path(tmp) / "report.json"
                runs = [audit(url + path.lstrip("/"), out) for _ in range(args.runs)]
                results[path] = runs
                print(f"{path}: {_scores_line(runs)}", file=sys.stderr, flush=True)
        except LighthouseError as error:
            print(f"lighthouse: {error}", file=sys.stderr)
            return 1
        finally:
            nginx_server.stop(process)
    version = next(iter(results.values()))[0]
    print(
        f"Lighthouse {version['lighthouseVersion']}, {_chromium(version)}, "
        f"mobile (default settings); benchmark index {_benchmark_index(results)}; "
        f"median of {args.runs} run{'s' if args.runs > 1 else ''} per page\n"
    )
    print(report(results))
    print(f"\nLoad at the end: {bench_sites.load()}")
    return 0


class LighthouseError(Exception):
    """Lighthouse did not run, or could not audit a page."""


def audit(url: str, out: Path) -> dict:
    """One Lighthouse run of `url` in a fresh Chromium: its JSON report (the result object)."""
    flags = [*search_box.CHROMIUM_ARGS, "--headless=new", OFFLINE]
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=" + ",".join(CATEGORIES),
        "--no-enable-error-reporting",
        "--disable-full-page-screenshot",
        # Lighthouse splits this as a shell would: the quotes keep OFFLINE's rule one flag.
        "--chrome-flags=" + " ".join(flags),
    ]
    env = {**os.environ, "CHROME_PATH": search_box.CHROMIUM}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    if result.returncode != 0 or not out.exists():
        raise LighthouseError(f"{url}: Lighthouse failed:\n{result.stdout}{result.stderr}")
    report_ = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    if report_.get("runtimeError"):
        raise LighthouseError(f"{url}: {report_['runtimeError'].get('message')}")
    return report_


def report(results: dict[str, list[dict]]) -> str:
    """The Markdown table of median scores and metrics, and what each page lost points on."""
    head = ["Page", "Performance", "Accessibility", "Best practices", "SEO", *METRICS.values()]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    notes: list[str] = []
    for path, runs in results.items():
        scores = [_median(_score(run, category) for run in runs) for category in CATEGORIES]
        metrics = [_median(_metric(run, metric) for run in runs) for metric in METRICS]
        cells = [f"`{path}` ({PAGES[path]})", *(_number(s) for s in scores)]
        cells += [
            _number(value, 3 if name == "cumulative-layout-shift" else 0)
            for name, value in zip(METRICS, metrics, strict=True)
        ]
        lines.append("| " + " | ".join(cells) + " |")
        notes += _notes(path, runs, scores[0])
    if notes:
        lines += ["", *notes]
    return "\n".join(lines)


def _missing() -> str:
    """What the benchmark needs and this machine lacks, said as how to get it; else ''."""
    if not LIGHTHOUSE.exists():
        return f"no Lighthouse in {PACKAGE}: run `npm ci --prefix scripts/bench/lighthouse`"
    if not Path(search_box.CHROMIUM).exists():
        return f"no Chromium at {search_box.CHROMIUM} (Debian's chromium package)"
    if not nginx_server.available():
        return f"no nginx at {nginx_server.NGINX} (Debian's nginx package)"
    return ""


def _notes(path: str, runs: list[dict], performance: float) -> list[str]:
    """The audits not passed in the other categories (in any run), and for a page below the
    performance target, the opportunities of its median run by estimated savings."""
    notes = []
    failed = {}
    for run in runs:
        for category in CATEGORIES[1:]:
            for ref in run["categories"][category]["auditRefs"]:
                result = run["audits"][ref["id"]]
                if ref["weight"] > 0 and result["score"] is not None and result["score"] < 1:
                    failed[ref["id"]] = f"{category}: {result['title']}"
    notes += [f"- `{path}` {text} (`{name}`)" for name, text in sorted(failed.items())]
    if performance < TARGET_PERFORMANCE:
        median_run = min(runs, key=lambda run: abs(_score(run, "performance") - performance))
        savings = []
        for name, result in median_run["audits"].items():
            saved = (result.get("metricSavings") or {}).get("LCP", 0) or 0
            saved += (result.get("metricSavings") or {}).get("FCP", 0) or 0
            if saved > 0 and result["score"] is not None and result["score"] < 1:
                shown = result.get("displayValue") or ""
                savings.append((saved, f"{result['title']} ({name}{', ' if shown else ''}{shown})"))
        savings.sort(key=lambda item: -item[0])
        costs = [text for _, text in savings[:3]] + _main_thread(median_run)
        notes.append(
            f"- `{path}` performance {performance:.0f} < {TARGET_PERFORMANCE}, "
            f"{_lost_points(median_run)}: " + ("; ".join(costs) or "no opportunity named")
        )
    return notes


def _lost_points(run: dict) -> str:
    """The metrics that cost the performance score most points, largest first."""
    lost = []
    for ref in run["categories"]["performance"]["auditRefs"]:
        score = run["audits"][ref["id"]]["score"]
        if ref["weight"] > 0 and score is not None and score < 1:
            name = METRICS.get(ref["id"], ref["id"]).removesuffix(" ms")
            lost.append((ref["weight"] * (1 - score), name))
    lost.sort(key=lambda item: -item[0])
    return "points lost to " + ", ".join(f"{name} {points:.0f}" for points, name in lost[:3])


def _main_thread(run: dict) -> list[str]:
    """The scripts that keep the main thread busiest (Lighthouse's JavaScript execution time,
    with its CPU slowdown applied), which is what total blocking time is made of."""
    items = (run["audits"].get("bootup-time", {}).get("details") or {}).get("items", [])
    items = sorted(items, key=lambda item: -item.get("total", 0))[:2]
    return [f"main thread {item['total']:.0f} ms in {_short(item['url'])}" for item in items]


def _short(url: str) -> str:
    """A script's file name, or the page's own path (its inline scripts and parsing), without
    the server's port, which changes from run to run."""
    if not url.startswith("http"):
        return url  # Lighthouse's "Unattributable"
    path = "/" + url.split("/", 3)[3]
    return path.rsplit("/", 1)[-1] if not path.endswith("/") else f"the page {path}"


def _score(run: dict, category: str) -> float:
    score = run["categories"][category]["score"]
    return float("nan") if score is None else score * 100


def _metric(run: dict, name: str) -> float:
    value = run["audits"][name].get("numericValue")
    return float("nan") if value is None else value


def _median(values) -> float:
    return statistics.median(values)


def _number(value: float, digits: int = 0) -> str:
    return "–" if value != value else f"{value:.{digits}f}"


def _benchmark_index(results: dict[str, list[dict]]) -> str:
    """Lighthouse's measure of the CPU (higher is faster; it expects about 1000 or more)."""
    values = [run["environment"].get("benchmarkIndex") for runs in results.values() for run in runs]
    values = [value for value in values if value]
    return f"{min(values):.0f}–{max(values):.0f}" if values else "unknown"


def _chromium(run: dict) -> str:
    """The Chromium version that ran the audits, from its user agent."""
    found = re.search(r"Chrome/([\d.]+)", run["environment"]["hostUserAgent"])
    return f"Chromium {found.group(1)}" if found else run["environment"]["hostUserAgent"]


def _scores_line(runs: list[dict]) -> str:
    return "; ".join(
        " ".join(f"{_score(run, category):.0f}" for category in CATEGORIES) for run in runs
    )


if __name__ == "__main__":
    sys.exit(main())
