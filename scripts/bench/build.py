"""Build time, peak memory and output size at growing sizes, ours against the plain stack.

    python scripts/bench/build.py [--sizes 100,1000,5000] [--seed 1] [--repeat 1]
                                  [--flat-max 1000] [--work DIR]

For each N, a synthetic knowledge base of N entries per language (`gen_kb.py`, kept in the work
folder for the next run) is built, one build after the other, by:

- ours: the project's config, hooks and overrides (`mkdocs build --strict`);
- plain: Material and static-i18n alone (`plain_stack.py`) with the navigation design of ours,
  the home page and the section index pages: the baseline of the ratios;
- plain, every page in the navigation: MkDocs' default navigation, as a second baseline, up
  to `--flat-max` entries per language (at 5,000 it takes well over ten minutes and gigabytes);
- ours, languages in parallel: `scripts/kb.py build --lang` for each language, `--jobs` at a
  time (default: the number of cores), then `scripts/kb.py merge` (the same site, byte for
  byte; see the README), as a large help centre can build.

Each build is its own process; its wall time and its peak resident memory (`wait4`) are
measured, with its CPU time (user and system), which a machine busy with other work disturbs
less than the wall time; then the site's total bytes, its pages and the median and largest
page. With `--repeat R` each build runs R times and the run of median wall time counts. The
growth columns divide by N, so linear growth shows as a constant.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import bench_sites
import gen_kb
import plain_stack
from bench_sites import KB

STACKS = ("ours", "plain", "plain-flat", "ours-parallel")
LABELS = {
    "ours": "ours",
    "plain": "plain, same navigation",
    "plain-flat": "plain, every page in nav",
    "ours-parallel": "ours, languages in parallel",
}
DEFAULT_SIZES = (100, 1000, 5000)
DEFAULT_FLAT_MAX = 1000
BUILD_TIMEOUT = 3600.0


@dataclass
class Measure:
    """One stack built at one size."""

    stack: str
    n: int
    seconds: float
    cpu_seconds: float  # user + system: less sensitive than wall time to a busy machine
    peak_rss: int  # bytes
    output_bytes: int
    pages: int
    median_page: int
    max_page: int
    max_entry_page: int  # the largest page of an entry (listings hold a page of entries)
    returncode: int
    log: str = ""
    load: float = 0.0  # one-minute load average when the build started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=bench_sites.sizes_argument,
        default=",".join(map(str, DEFAULT_SIZES)),
    )
    parser.add_argument("--seed", type=int, default=gen_kb.DEFAULT_SEED)
    parser.add_argument(
        "--repeat", type=bench_sites.count_argument, default=1, help="builds per stack and size"
    )
    parser.add_argument(
        "--flat-max",
        type=int,
        default=DEFAULT_FLAT_MAX,
        help="largest N built with every page in the plain navigation",
    )
    parser.add_argument(
        "--jobs",
        type=bench_sites.count_argument,
        default=os.cpu_count() or 1,
        help="parallel language builds",
    )
    parser.add_argument("--work", type=Path, help="where knowledge bases are kept between runs")
    args = parser.parse_args(argv)
    sizes = args.sizes
    work = args.work or bench_sites.default_work()
    print(f"Machine: {bench_sites.machine()}; load {bench_sites.load()}")
    print(f"Work folder: {work} (generated knowledge bases are kept there)")
    results: list[Measure] = []
    for n in sizes:
        project = bench_sites.knowledge_base(work, n, args.seed)
        configs = {
            "ours": project / "mkdocs.yml",
            "plain": bench_sites.plain_config(work, n, args.seed),
            "plain-flat": bench_sites.plain_config(work, n, args.seed, flat=True),
            "ours-parallel": project / "mkdocs.yml",
        }
        for stack in STACKS:
            if stack == "plain-flat" and n > args.flat_max:
                print(
                    f"N={n}: plain with every page in the navigation skipped (over --flat-max "
                    f"{args.flat_max}: every page embeds the whole navigation, so it takes well "
                    "over ten minutes and gigabytes of output)",
                    flush=True,
                )
                continue
            runs = []
            for _ in range(args.repeat):
                site = work / f"measured-{stack}-{n}"
                if stack == "ours-parallel":
                    runs.append(measure_parallel(n, configs[stack], site, args.jobs))
                else:
                    runs.append(measure(stack, n, configs[stack], site))
                # The other benchmarks load these sites: keep the first of each.
                if stack in bench_sites.STACKS and runs[-1].returncode == 0:
                    bench_sites.keep_site(work, n, args.seed, stack, site)
                shutil.rmtree(site, ignore_errors=True)
            failed = [run for run in runs if run.returncode != 0]
            if failed:
                print(f"the {stack} build at N={n} failed:\n{failed[0].log[-4000:]}")
                return 1
            best = _median_run(runs)
            results.append(best)
            print(
                f"N={n} {stack}: {best.seconds:.1f} s (CPU {best.cpu_seconds:.1f} s), "
                f"{best.peak_rss / 2**20:.0f} MiB, "
                f"{best.output_bytes / 2**20:.1f} MiB in {best.pages} pages "
                f"(load {best.load:.1f}; runs {', '.join(f'{r.seconds:.1f}' for r in runs)} s)",
                flush=True,
            )
    print()
    print(report(results))
    print(f"\nLoad at the end: {bench_sites.load()}")
    return 0


def measure(stack: str, n: int, config: Path, site: Path) -> Measure:
    """Build one stack in a process of its own and measure it."""
    if site.exists():
        shutil.rmtree(site)
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    command.append("--strict" if stack == "ours" else "--no-strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=config.parent, stdout=log, stderr=subprocess.STDOUT, env=env
        )
        status, rusage = _wait(process)
        seconds = time.perf_counter() - started
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
    cpu = rusage.ru_utime + rusage.ru_stime
    # Linux reports kilobytes.
    return _measured(stack, n, site, seconds, cpu, rusage.ru_maxrss * 1024, status, text, load)


def _measured(stack, n, site, seconds, cpu, peak, status, log, load) -> Measure:
    """A Measure with the sizes of the built site."""
    pages = page_sizes(site) if site.exists() else {}
    sizes = list(pages.values())
    entries = [size for path, size in pages.items() if _is_entry_page(path)]
    total = sum(path.stat().st_size for path in site.rglob("*") if path.is_file()) if sizes else 0
    return Measure(
        stack=stack,
        n=n,
        seconds=seconds,
        cpu_seconds=cpu,
        peak_rss=peak,
        output_bytes=total,
        pages=len(sizes),
        median_page=int(statistics.median(sizes)) if sizes else 0,
        max_page=max(sizes, default=0),
        max_entry_page=max(entries, default=0),
        returncode=status,
        log=log,
        load=load,
    )


def measure_parallel(n: int, config: Path, site: Path, jobs: int) -> Measure:
    """Build each language in a process of its own, `jobs` at a time, then merge them. The
    memory is the sum of the builds' peaks (at most that much is in use at once)."""
    if site.exists():
        shutil.rmtree(site)
    parts = site.parent / f"{site.name}-parts"
    shutil.rmtree(parts, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    waiting = plain_stack.languages(config.parent)
    running: dict[int, subprocess.Popen] = {}
    cpu, peaks, status = 0.0, [], 0
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        while waiting or running:
            while waiting and len(running) < max(1, jobs):
                lang = waiting.pop(0)
                command = [sys.executable, str(KB), "build", "-f", str(config), "--lang", lang]
                command += ["-d", str(parts / lang)]
                process = subprocess.Popen(
                    command, cwd=config.parent, stdout=log, stderr=subprocess.STDOUT, env=env
                )
                running[process.pid] = process
            pid, code, rusage = os.wait4(-1, 0)
            process = running.pop(pid, None)
            if process is None:
                continue
            process.returncode = os.waitstatus_to_exitcode(code)
            status = status or process.returncode
            cpu += rusage.ru_utime + rusage.ru_stime
            peaks.append(rusage.ru_maxrss * 1024)
        if status == 0:
            command = [sys.executable, str(KB), "merge", "-f", str(config)]
            command += [str(path) for path in sorted(parts.iterdir())] + ["-d", str(site)]
            process = subprocess.Popen(
                command, cwd=config.parent, stdout=log, stderr=subprocess.STDOUT, env=env
            )
            status, rusage = _wait(process)
            cpu += rusage.ru_utime + rusage.ru_stime
        seconds = time.perf_counter() - started
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
    shutil.rmtree(parts, ignore_errors=True)
    return _measured("ours-parallel", n, site, seconds, cpu, sum(peaks), status, text, load)


def page_sizes(site: Path) -> dict[str, int]:
    """Bytes of every page of a built site (each `index.html`), by path below the site."""
    return {
        path.relative_to(site).as_posix(): path.stat().st_size for path in site.rglob("index.html")
    }


def _is_entry_page(path: str) -> bool:
    """`sl/faq/x/index.html` is an entry's page; `sl/faq/index.html` is its section's."""
    parts = path.split("/")
    return len(parts) >= 3 and parts[-3] in gen_kb.FOLDER_OF_KIND.values()


def _wait(process: subprocess.Popen):
    """Wait for exactly this child: its exit status and its own resource usage."""
    try:
        _, status, rusage = os.wait4(process.pid, 0)
    except BaseException:
        process.kill()
        raise
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, rusage


def _median_run(runs: list[Measure]) -> Measure:
    ordered = sorted(runs, key=lambda run: run.seconds)
    return ordered[(len(ordered) - 1) // 2]


def report(results: list[Measure]) -> str:
    """The table of every build, then ours against the plain stack and growth with N."""
    lines = [
        "| N per language | stack | pages | wall s | CPU s | peak MiB | output MiB "
        "| median page KiB | largest entry page KiB | largest page KiB |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in results:
        lines.append(
            f"| {m.n:,} | {LABELS[m.stack]} | {m.pages:,} | {m.seconds:.1f} | "
            f"{m.cpu_seconds:.1f} | "
            f"{m.peak_rss / 2**20:.0f} | {m.output_bytes / 2**20:.1f} | "
            f"{m.median_page / 1024:.1f} | {m.max_entry_page / 1024:.1f} | "
            f"{m.max_page / 1024:.1f} |"
        )
    by = {(m.stack, m.n): m for m in results}
    sizes = sorted({m.n for m in results})
    lines += [
        "",
        "| N per language | ours ÷ plain: wall time | CPU time | memory | output "
        "| ours ÷ plain every page: wall time | output |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        ours, plain, flat = by.get(("ours", n)), by.get(("plain", n)), by.get(("plain-flat", n))
        if ours is None or plain is None:
            continue
        lines.append(
            f"| {n:,} | {_ratio(ours.seconds, plain.seconds)} | "
            f"{_ratio(ours.cpu_seconds, plain.cpu_seconds)} | "
            f"{_ratio(ours.peak_rss, plain.peak_rss)} | "
            f"{_ratio(ours.output_bytes, plain.output_bytes)} | "
            + (
                f"{_ratio(ours.seconds, flat.seconds)} | "
                f"{_ratio(ours.output_bytes, flat.output_bytes)} |"
                if flat
                else "not built | not built |"
            )
        )
    lines += [
        "",
        "Growth with N (per entry per language: linear growth keeps these constant; memory"
        " as the growth from the previous size):",
        "",
        "| stack | N per language | wall ms per entry | CPU ms per entry | output KiB per entry "
        "| peak MiB | more peak MiB per 1,000 more entries |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for stack in STACKS:
        previous = None
        for n in sizes:
            m = by.get((stack, n))
            if m is None:
                continue
            growth = "–"
            if previous is not None:
                added = (m.peak_rss - previous.peak_rss) / 2**20
                growth = f"{added / (n - previous.n) * 1000:.1f}"
            lines.append(
                f"| {LABELS[stack]} | {n:,} | {m.seconds / n * 1000:.1f} | "
                f"{m.cpu_seconds / n * 1000:.1f} | {m.output_bytes / n / 1024:.1f} | "
                f"{m.peak_rss / 2**20:.0f} | {growth} |"
            )
            previous = m
    verdicts = budgets(by, sizes) or ["none is measured at these sizes (N=1,000 and 5,000)"]
    lines += ["", "Budgets:", ""] + [f"- {line}" for line in verdicts]
    return "\n".join(lines)


def budgets(by: dict, sizes: list[int]) -> list[str]:
    """The build budgets, met or missed, for the sizes measured."""
    lines = []
    for n in sizes:
        ours, plain = by.get(("ours", n)), by.get(("plain", n))
        if n == 5000 and ours:
            line = f"N=5,000 in under 5 minutes: ours {ours.seconds:.0f} s " + _verdict(
                ours.seconds <= 300
            )
            parallel = by.get(("ours-parallel", n))
            if parallel:
                line += f"; languages in parallel {parallel.seconds:.0f} s " + _verdict(
                    parallel.seconds <= 300
                )
            if plain:
                line += f"; the plain stack alone {plain.seconds:.0f} s"
            lines.append(line)
        if n == 1000 and ours and plain:
            lines.append(
                f"N=1,000, our hooks add at most 25 %: ×{ours.seconds / plain.seconds:.2f} wall, "
                f"×{ours.cpu_seconds / plain.cpu_seconds:.2f} CPU "
                + _verdict(ours.cpu_seconds <= 1.25 * plain.cpu_seconds)
            )
    ours_sizes = [by[("ours", n)] for n in sizes if ("ours", n) in by]
    lines += _page_growth(
        "An entry's page does not grow with N: largest",
        [m.max_entry_page for m in ours_sizes],
        1.1,
    )
    # Listing pages hold at most `listing_page_size` entries: a full one may be larger than a
    # small knowledge base's whole index, but no page keeps growing.
    lines += _page_growth(
        "No page grows with N: largest page", [m.max_page for m in ours_sizes], 1.25
    )
    return lines


def _page_growth(label: str, largest: list[int], tolerance: float) -> list[str]:
    """A budget line on page sizes over the sizes built: met when the largest is within
    `tolerance` times the smallest."""
    if len(largest) < 2:
        return []
    sizes = ", ".join(f"{size / 1024:.1f} KiB" for size in largest)
    return [f"{label} {sizes} " + _verdict(max(largest) <= tolerance * min(largest))]


def _verdict(met: bool) -> str:
    return "(met)" if met else "(MISSED)"


def _ratio(ours: float, plain: float) -> str:
    return f"×{ours / plain:.2f}" if plain else "–"


if __name__ == "__main__":
    sys.exit(main())
