"""Incremental builds: seconds of `kb.py build --cache` after one changed entry, against a build
without the cache.

    python scripts/bench/build_cache.py [--size 1000] [--seed 1] [--work DIR]

A copy of a synthetic knowledge base of N entries per language (`gen_kb.py`) is built with
`kb.py build -d site --cache DIR` four times, each in its own process: with an empty cache
(every language built, then merged), with nothing changed, after one Slovenian translation's
body changed (Slovenian is built again, English and Latvian are copied), and after one English
source's body changed (every language shows it: all are built again). Wall and CPU time (user +
system of the process and its children) are printed for each. The copy is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_sites
from bench_sites import KB


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    bench_sites.knowledge_base_arguments(parser)
    args = parser.parse_args(argv)
    work = args.work or bench_sites.default_work()
    print(f"Machine: {bench_sites.machine()}; load {bench_sites.load()}")
    source = bench_sites.knowledge_base(work, args.size, args.seed)
    with tempfile.TemporaryDirectory(prefix="kb-cache-bench-") as folder:
        project = Path(folder) / "project"
        shutil.copytree(source, project, symlinks=True)
        entry = sorted(p for p in (project / "docs" / "faq").glob("*.sl.md"))[0]
        rows = [("empty cache", _build(project, folder))]
        rows.append(("nothing changed", _build(project, folder)))
        _append(entry, "Urejeno za meritev.")
        rows.append(("one Slovenian translation changed", _build(project, folder)))
        _append(entry.with_name(entry.name.replace(".sl.md", ".md")), "Edited for the benchmark.")
        rows.append(("one English source changed", _build(project, folder)))
    print(report(args.size, rows))
    print(f"\nLoad at the end: {bench_sites.load()}")
    return 0


def _append(path: Path, sentence: str) -> None:
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{text}\n\n{sentence}\n", encoding="utf-8")


def _build(project: Path, folder: str) -> tuple[float, float, str]:
    """One cached build: wall seconds, CPU seconds, and what it says it built or reused."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(KB), "build", "-d", f"{folder}/site", "--cache", f"{folder}/cache"],
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
    lines = result.stderr.splitlines()
    notes = [line.split("build: ", 1)[1] for line in lines if "build: " in line]
    print(f"{wall:.1f} s: {'; '.join(notes)}", file=sys.stderr, flush=True)
    built = [note.split(":")[0] for note in notes if note.endswith(": built")]
    return wall, cpu, ", ".join(built) or "none"


def report(size: int, rows: list) -> str:
    lines = [
        "",
        f"Incremental builds, N={size:,} per language, `kb.py build --cache`",
        "",
        "| change | languages built | wall s | CPU s |",
        "|---|---|---:|---:|",
    ]
    for label, (wall, cpu, built) in rows:
        lines.append(f"| {label} | {built} | {wall:.1f} | {cpu:.1f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
