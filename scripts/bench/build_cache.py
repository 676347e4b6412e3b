"""Incremental builds: seconds of `kb.py build --cache` after one changed entry, against a full
build and against the plain stack, which has no such mode.

    python scripts/bench/build_cache.py [--size 1000] [--seed 1] [--work DIR] [--jobs N]
                                        [--plain]

A copy of a synthetic knowledge base of N entries per language (`gen_kb.py`) is built with
`kb.py build -d site --cache DIR`, each build in its own process: with an empty cache (every
language built, then merged), with nothing changed, after one Slovenian translation's body
changed (Slovenian is built again; English, whose /widget.js names every language's widget
settings, which the body is not in, and Latvian are copied), after one English source's body
changed (every language shows it: all are built again, each rendering the entry's page only)
and after one English title changed (a title is shown by other pages: every page is rendered
again). Then the same site is built
without the cache, with the languages side by side and in one process, and each is compared
with the last cached build file by file; with `--plain`, the plain stack's `mkdocs build` of
the same knowledge base too (every change is a full build there). Wall and CPU time (user +
system of the build's processes) are printed for each, with the pages each build rendered and
reused. The copy is removed afterwards.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_sites
import plain_stack
from bench_sites import KB, ROOT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    bench_sites.knowledge_base_arguments(parser)
    parser.add_argument(
        "--jobs", type=bench_sites.count_argument, help="kb build --jobs (default: its own)"
    )
    parser.add_argument("--plain", action="store_true", help="time the plain stack's build too")
    args = parser.parse_args(argv)
    work = args.work or bench_sites.default_work()
    print(f"Machine: {bench_sites.machine()}; load {bench_sites.load()}")
    source = bench_sites.knowledge_base(work, args.size, args.seed)
    options = ["--jobs", str(args.jobs)] if args.jobs else []
    with tempfile.TemporaryDirectory(prefix="kb-cache-bench-") as folder:
        project = Path(folder) / "project"
        shutil.copytree(source, project, symlinks=True)
        entry = sorted(p for p in (project / "docs" / "faq").glob("*.sl.md"))[0]
        english = entry.with_name(entry.name.replace(".sl.md", ".md"))
        cache = ["--cache", f"{folder}/cache", *options]
        rows = [("empty cache", _build(project, folder, cache))]
        rows.append(("nothing changed", _build(project, folder, cache)))
        _append(entry, "Urejeno za meritev.")
        rows.append(("one Slovenian translation's body changed", _build(project, folder, cache)))
        _append(english, "Edited for the benchmark.")
        rows.append(("one English source's body changed", _build(project, folder, cache)))
        _retitle(english)
        rows.append(("one English title changed", _build(project, folder, cache)))
        rows.append(("no cache: the full build", _build(project, folder, options, "full")))
        one = ["--jobs", "1"]
        rows.append(("no cache, one process: the full build", _build(project, folder, one, "one")))
        same = all(_same(Path(folder) / "site", Path(folder) / name) for name in ("full", "one"))
        if args.plain:
            rows.append(("plain stack: the full build", _plain(work, args, folder)))
    print(report(args.size, rows, same))
    print(f"\nLoad at the end: {bench_sites.load()}")
    return 0


def _append(path: Path, sentence: str) -> None:
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{text}\n\n{sentence}\n", encoding="utf-8")


def _retitle(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^# (.*)$", r"# \1 (edited)", text, count=1, flags=re.M), "utf-8")


def _build(project: Path, folder: str, options: list[str], site: str = "site") -> tuple:
    """One build: wall seconds, CPU seconds, the languages it built, the pages it rendered
    and reused (all languages together)."""
    # Our hooks import their package from this checkout, whatever the caller's PYTHONPATH.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(KB), "build", "-d", f"{folder}/{site}", *options],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    notes = [
        line.split("build: ", 1)[1] for line in result.stderr.splitlines() if "build: " in line
    ]
    print(f"{wall:.1f} s: {'; '.join(notes)}", file=sys.stderr, flush=True)
    built = [note.split(":")[0] for note in notes if ": built" in note]
    counts = [re.search(r"\((\d+) pages rendered, (\d+) reused\)", note) for note in notes]
    rendered = sum(int(found[1]) for found in counts if found)
    reused = sum(int(found[2]) for found in counts if found)
    pages = f"{rendered:,} / {reused:,}" if any(counts) else "all / none"
    return wall, cpu, ", ".join(built) or "none", pages


def _plain(work: Path, args, folder: str) -> tuple:
    """The plain stack's `mkdocs build` of the same knowledge base (before the edits)."""
    config = bench_sites.plain_config(work, args.size, args.seed)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = plain_stack.build(config, Path(folder) / "plain", timeout=7200)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(result.log[-4000:])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result.seconds, cpu, "every language", "all / none"


def _same(one: Path, other: Path) -> bool:
    """True when the two folders hold the same files with the same bytes."""
    names = {
        root: sorted(
            path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()
        )
        for root in (one, other)
    }
    if names[one] != names[other]:
        return False
    return all(filecmp.cmp(one / name, other / name, shallow=False) for name in names[one])


def report(size: int, rows: list, same: bool) -> str:
    lines = [
        "",
        f"Incremental builds, N={size:,} per language, `kb.py build --cache`",
        "",
        "| change | languages built | pages rendered / reused | wall s | CPU s |",
        "|---|---|---|---:|---:|",
    ]
    for label, (wall, cpu, built, pages) in rows:
        lines.append(f"| {label} | {built} | {pages} | {wall:.1f} | {cpu:.1f} |")
    verdict = "the same" if same else "NOT the same"
    lines.append(f"\nThe last cached build and the full builds: {verdict}, byte for byte.")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
