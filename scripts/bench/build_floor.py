"""What a build costs when no page is rendered: the least that reusing unchanged pages within
MkDocs' language passes could cost.

    python scripts/bench/build_floor.py [--size 1000] [--seed 1] [--work DIR] [--keep DIR]

A synthetic knowledge base of N entries per language (`gen_kb.py`) is built twice, each time in
a process of its own with every language in it, as `mkdocs build` does: once whole, and once
with MkDocs' two steps of each page (`_populate_page`: read, Markdown and the page events
around it; `_build_page`: the page's context, its template and writing it) doing nothing, and
the links not judged (their anchors are read from the rendered pages). Everything else runs as
in a real build: the configuration, MkDocs' file list, reading and checking the content,
static-i18n's files and navigation of each language pass, the end of each pass (with no page's
facts collected, its indexes are nearly empty) and the theme's files. The second build's
output is not a site. Both are written to a temporary folder and removed, or with `--keep DIR`
kept in DIR/whole and DIR/no-pages (the whole one is the site `mkdocs build` makes: the
timing leaves it unchanged).

Wall and CPU time of each, and the CPU time of the parts that remain without pages.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_sites

#: The parts of the build without pages whose CPU time is taken, as (label, where).
PARTS = (
    ("ours: reading and checking the content (once)", "content"),
    ("static-i18n: the files of each language pass", "i18n"),
    ("ours: the end of each language pass", "end"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    bench_sites.knowledge_base_arguments(parser)
    parser.add_argument("--keep", type=Path, help="keep the two builds' output here")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "SITE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(*args.child)
    work = args.work or bench_sites.default_work()
    print(f"Machine: {bench_sites.machine()}; load {bench_sites.load()}")
    project = bench_sites.knowledge_base(work, args.size, args.seed)
    with tempfile.TemporaryDirectory(prefix="kb-floor-bench-") as folder:
        where = args.keep or Path(folder)
        rows = [
            (mode, _run(project, mode, where.resolve() / mode.replace(" ", "-")))
            for mode in ("whole", "no pages")
        ]
    print(report(args.size, rows))
    print(f"\nLoad at the end: {bench_sites.load()}")
    return 0


def _run(project: Path, mode: str, site: Path) -> dict:
    """One build in its own process, in the knowledge base's folder: what the child reports."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, os.path.abspath(__file__), "--child", mode, str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-4000:])
    print(f"{mode}: {result.stdout.strip()}", file=sys.stderr, flush=True)
    return json.loads(result.stdout)


def child(mode: str, site: str) -> int:
    """Build the project in the current folder (`mode` "whole" or "no pages") into `site`, and
    print its wall and CPU seconds and its parts' CPU seconds as JSON."""
    from mkdocs.commands import build
    from mkdocs.config import load_config
    from mkdocs_static_i18n.plugin import I18n

    from helpfirst.adapter import content_model, events

    spent = {where: 0.0 for _, where in PARTS}

    def timed(where, function):
        # `wraps` keeps the handler's event priority (an attribute of the function) too.
        @functools.wraps(function)
        def run(*args, **kwargs):
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[where] += time.process_time() - started

        return run

    content_model.read_content = timed("content", content_model.read_content)
    I18n.on_files = timed("i18n", I18n.on_files)
    events.Adapter.on_post_build = timed("end", events.Adapter.on_post_build)
    if mode == "no pages":
        build._populate_page = lambda *args, **kwargs: None
        build._build_page = lambda *args, **kwargs: None
        content_model.judge_links = lambda state: None
    config = load_config("mkdocs.yml", site_dir=site)
    config.plugins.on_startup(command="build", dirty=False)
    wall = time.perf_counter()
    cpu = time.process_time()
    build.build(config)
    print(
        json.dumps(
            {
                "wall": time.perf_counter() - wall,
                "cpu": time.process_time() - cpu,
                "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "parts": spent,
            }
        )
    )
    return 0


def report(size: int, rows: list[tuple[str, dict]]) -> str:
    lines = [
        "",
        f"A build with no page rendered, N={size:,} per language, one process, every language",
        "",
        "| build | wall s | CPU s | peak MiB |",
        "|---|---:|---:|---:|",
    ]
    for mode, row in rows:
        lines.append(f"| {mode} | {row['wall']:.1f} | {row['cpu']:.1f} | {row['peak_mib']:.0f} |")
    floor = dict(rows)["no pages"]
    lines += ["", "What remains without pages (CPU s):", "", "| part | CPU s |", "|---|---:|"]
    rest = floor["cpu"]
    for label, where in PARTS:
        lines.append(f"| {label} | {floor['parts'][where]:.1f} |")
        rest -= floor["parts"][where]
    lines.append(f"| MkDocs, the theme's files and the rest | {rest:.1f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
