"""The editing loop: seconds from saving one entry to the rebuilt page under `mkdocs serve`,
ours against the plain stack, and under `kb serve` (stack `serve`).

    python scripts/bench/edit_loop.py [--size 1000] [--seed 1] [--edits 3]
                                      [--stacks ours,plain,serve] [--edit body|title|body-sl]
                                      [--work DIR]

A copy of a synthetic knowledge base of N entries per language (`gen_kb.py`) is served by a
real `mkdocs serve` on a free loopback port, live reload on, as authors run it. When its first
build is served, one English entry after another is saved with a new sentence (`--edit body`;
`title`: words added to its title; `body-sl`: the sentence added to its Slovenian
translation); the time runs from the write to the moment the served page contains the new
text (polled every 50 ms), and to the server's "Reloading browsers" line (`kb serve`: its
"rebuilt" line), when the rebuild ends. `kb serve` shows a saved page before it rebuilds: the
time to its "shown" line is given too, which tells the rendering from what serving the page
costs while the rebuild runs. The copy is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import bench_sites
import gen_kb
import plain_stack
from bench_sites import KB

POLL_SECONDS = 0.05
START_TIMEOUT = 1800.0
EDIT_TIMEOUT = 1800.0
_RELOADED = {"ours": "Reloading browsers", "plain": "Reloading browsers", "serve": "serve: rebuilt"}
#: `kb serve`'s line when it has shown a saved page on its own, before the rebuild.
_SHOWN = "serve: page "
EDITS = ("body", "title", "body-sl")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--size", type=bench_sites.size_argument, default=1000, help="entries per language"
    )
    parser.add_argument("--seed", type=int, default=gen_kb.DEFAULT_SEED)
    parser.add_argument(
        "--edits",
        type=bench_sites.count_argument,
        default=3,
        help="entries saved one after another",
    )
    parser.add_argument("--stacks", default="ours,plain", help="ours, plain, serve: any of them")
    parser.add_argument("--edit", choices=EDITS, default="body", help="what each save changes")
    parser.add_argument("--work", type=Path, help="where knowledge bases are kept")
    args = parser.parse_args(argv)
    work = args.work or bench_sites.default_work()
    print(f"Machine: {bench_sites.machine()}; load {bench_sites.load()}")
    source = bench_sites.knowledge_base(work, args.size, args.seed)
    entries = sorted(p.stem for p in (source / "docs" / "faq").glob("*.md") if "." not in p.stem)
    entries = [e for e in entries if e != "index"][: args.edits]
    results = {}
    for stack in [stack for stack in args.stacks.split(",") if stack]:
        if stack not in _RELOADED:
            parser.error(f"unknown stack {stack!r}")
        with tempfile.TemporaryDirectory(prefix=f"kb-edit-{stack}-") as folder:
            project = Path(folder) / "project"
            shutil.copytree(source, project, symlinks=True)
            if stack in ("ours", "serve"):
                config = project / "mkdocs.yml"
            else:
                nav = plain_stack.sections_nav(project)
                config = plain_stack.write_config(project, Path(folder) / "plain", nav=nav)
            results[stack] = run(stack, config, project, entries, args.edit)
            print(_progress(stack, results[stack]), file=sys.stderr, flush=True)
    print(report(args.size, results, args.edit))
    print(f"\nLoad at the end: {bench_sites.load()}")
    return 0


class Server:
    """A running `mkdocs serve` whose output is read as it comes."""

    def __init__(self, config: Path, stack: str = "ours"):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.reloaded = _RELOADED[stack]
        if stack == "serve":
            command = [sys.executable, str(KB), "serve", "-f", str(config), "-p", str(self.port)]
        else:
            command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config)]
            command += ["-a", f"127.0.0.1:{self.port}"]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
        if stack == "serve":
            # This checkout's code, as the knowledge base's linked hooks are.
            paths = [str(bench_sites.ROOT / "hooks"), os.environ.get("PYTHONPATH", "")]
            env["PYTHONPATH"] = os.pathsep.join(path for path in paths if path)
        self.lines: list[tuple[float, str]] = []
        self.process = subprocess.Popen(
            command,
            cwd=config.parent,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append((time.perf_counter(), line.rstrip()))

    def reloaded_after(self, moment: float) -> float | None:
        """When the server finished a rebuild after `moment`, if it has."""
        return self.said_after(moment, self.reloaded)

    def said_after(self, moment: float, text: str) -> float | None:
        """When the server first wrote a line with `text` after `moment`, if it has."""
        for at, line in list(self.lines):
            if at > moment and text in line:
                return at
        return None

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log(self) -> str:
        return "\n".join(line for _, line in self.lines[-40:])


def run(stack: str, config: Path, project: Path, entries: list[str], edit: str = "body") -> dict:
    """Serve, wait for the first build, then save each entry and time the rebuilt page."""
    server = Server(config, stack)
    started = time.perf_counter()
    try:
        first = entries[0]
        if _wait_for(server, f"faq/{first}/", None, started + START_TIMEOUT) is None:
            raise RuntimeError(f"{stack}: the first build was not served:\n{server.log()}")
        first_build = time.perf_counter() - started
        page_seconds, rebuild_seconds, shown_seconds = [], [], []
        for number, entry in enumerate(entries, 1):
            name = f"{entry}.sl.md" if edit == "body-sl" else f"{entry}.md"
            page = f"sl/faq/{entry}/" if edit == "body-sl" else f"faq/{entry}/"
            path = project / "docs" / "faq" / name
            # The round in letters: a number in a source that its translations lack is a
            # translation warning, and the strict build under serve would not show the edit.
            marker = f"Edited for the benchmark, round {_letters(number)}."
            text = path.read_text(encoding="utf-8")
            # Let the watcher settle after the previous rebuild before the next save.
            time.sleep(2.0)
            saved = time.perf_counter()
            if edit == "title":
                marker = f"edited {_letters(number)}"
                text = re.sub(r"^# (.*)$", rf"# \1 {marker}", text, count=1, flags=re.M)
            else:
                text = text.rstrip("\n") + f"\n\n{marker}\n"
            path.write_text(text, encoding="utf-8")
            shown = _wait_for(server, page, marker, saved + EDIT_TIMEOUT)
            if shown is None:
                raise RuntimeError(f"{stack}: the edit of {entry} never showed:\n{server.log()}")
            page_seconds.append(shown - saved)
            deadline = saved + EDIT_TIMEOUT
            while server.reloaded_after(saved) is None and time.perf_counter() < deadline:
                time.sleep(POLL_SECONDS)
            reloaded = server.reloaded_after(saved)
            if reloaded is not None:
                rebuild_seconds.append(reloaded - saved)
            shown_line = server.said_after(saved, _SHOWN)
            if shown_line is not None:
                shown_seconds.append(shown_line - saved)
        return {
            "first_build": first_build,
            "page": page_seconds,
            "rebuild": rebuild_seconds,
            "shown": shown_seconds,
        }
    finally:
        server.stop()


def _letters(number: int) -> str:
    """`number` written with the letters a-j for its digits (12 -> "bc")."""
    return "".join("abcdefghij"[int(digit)] for digit in str(number))


def _wait_for(server: Server, path: str, marker: str | None, deadline: float) -> float | None:
    """Poll a served page until it answers (and contains `marker`); when it did."""
    url = server.base + path
    while time.perf_counter() < deadline:
        if server.process.poll() is not None:
            return None
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read().decode("utf-8", "replace")
            if marker is None or marker in body:
                return time.perf_counter()
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(POLL_SECONDS)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _progress(stack: str, result: dict) -> str:
    pages = ", ".join(f"{s:.1f}" for s in result["page"])
    rebuilt = ", ".join(f"{s:.1f}" for s in result["rebuild"])
    text = f"{stack}: first build {result['first_build']:.1f} s; page after save {pages} s"
    if result.get("shown"):
        text += f" (shown line {', '.join(f'{s:.2f}' for s in result['shown'])} s)"
    return text + f"; rebuilt after {rebuilt} s"


def report(size: int, results: dict, edit: str = "body") -> str:
    """The table: first build, then the median time from a save to the rebuilt page and to
    the end of the rebuild."""
    lines = [
        "",
        f"Editing loop, N={size:,} per language, save: {edit}, live reload on",
        "",
        "| stack | first build s | save → page s (median) | save → all rebuilt s (median) "
        "| saves |",
        "|---|---:|---:|---:|---:|",
    ]
    labels = {"ours": "ours", "plain": "plain, same navigation", "serve": "ours, `kb serve`"}
    for stack, result in results.items():
        page = statistics.median(result["page"]) if result["page"] else float("nan")
        rebuild = statistics.median(result["rebuild"]) if result["rebuild"] else float("nan")
        lines.append(
            f"| {labels[stack]} | {result['first_build']:.1f} | {page:.1f} | {rebuild:.1f} | "
            f"{len(result['page'])} |"
        )
    shown = [result["shown"] for result in results.values() if result.get("shown")]
    if shown:
        lines.append("")
        lines.append(
            "`kb serve`, save → its line saying the page is shown s (median): "
            f"{statistics.median(shown[0]):.2f}"
        )
    ours, plain = results.get("ours"), results.get("plain")
    if ours and plain and ours["page"] and plain["page"]:
        ratio = statistics.median(ours["page"]) / statistics.median(plain["page"])
        lines.append("")
        lines.append(f"ours ÷ plain, save → page: ×{ratio:.2f}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
