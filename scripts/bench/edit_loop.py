"""The editing loop: seconds from saving one entry to the moment the page open in Chromium
shows the new text, under `mkdocs serve`, ours against the plain stack, and under `kb serve`
(stack `serve`); and the server's memory.

    python scripts/bench/edit_loop.py [--size 1000] [--seed 1] [--edits 3]
                                      [--stacks ours,plain,serve] [--edit body|title|body-sl]
                                      [--work DIR]

A copy of a synthetic knowledge base of N entries per language (`gen_kb.py`) is served by a
real `mkdocs serve` on a free loopback port, live reload on, as authors run it. When its first
build is served, one English entry after another is saved with a new sentence (`--edit body`;
`title`: words added to its title; `body-sl`: the sentence added to its Slovenian
translation). Before each save the entry's page is opened in headless Chromium
(/usr/bin/chromium, or `$KB_CHROMIUM`), as an author keeps it open beside the editor; the
server's live reload reloads it. "Save → page" runs from the write to the moment the text is in
that page (`document.body.innerText`, looked at every 20 ms and again after each reload,
stamped by the page's clock); text in a document loaded before the save is an error, not a
figure. "Save → all rebuilt" runs to the server's "Reloading browsers" line (`kb serve`:
its "rebuilt" line), when the rebuild ends. `kb serve` shows a saved page before it rebuilds:
the time to its "shown" line is given too, which tells the rendering from the reload in the
browser. Nothing else asks the server for the page while a save is timed: a second client
would compete with the browser for the server.

Memory is the server's resident set from /proc (Linux), summed over its process and any
children: after the first build is served, after the last save's rebuild, and its peak (the
high-water marks, VmHWM). The copy is removed afterwards.
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

from helpfirst.tools import search_box

POLL_SECONDS = 0.05
#: How often the page in Chromium is looked at for the saved text, in milliseconds.
PAGE_POLL_MS = 20
#: Longest single wait in Chromium before the server is checked to be still running, in seconds.
PAGE_WAIT_SLICE = 5.0
#: How many times a page is opened before a navigation that keeps being interrupted fails.
NAVIGATION_TRIES = 5
START_TIMEOUT = 1800.0
EDIT_TIMEOUT = 1800.0
_RELOADED = {"ours": "Reloading browsers", "plain": "Reloading browsers", "serve": "serve: rebuilt"}
#: `kb serve`'s line when it has shown a saved page on its own, before the rebuild.
_SHOWN = "serve: page "
#: In the page, once its text holds the marker: the time by its clock and when its document
#: was loaded (ms since the epoch).
_SHOWS = """marker => document.body !== null && document.body.innerText.includes(marker)
    && [Date.now(), performance.timeOrigin]"""
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
    stacks = [stack for stack in args.stacks.split(",") if stack]
    for stack in stacks:
        if stack not in _RELOADED:
            parser.error(f"unknown stack {stack!r}")
    if not Path(search_box.CHROMIUM).exists():
        print(f"edit_loop: no Chromium at {search_box.CHROMIUM}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    work = args.work or bench_sites.default_work()
    print(f"Machine: {bench_sites.machine()}; load {bench_sites.load()}")
    source = bench_sites.knowledge_base(work, args.size, args.seed)
    entries = sorted(p.stem for p in (source / "docs" / "faq").glob("*.md") if "." not in p.stem)
    entries = [e for e in entries if e != "index"][: args.edits]
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=search_box.CHROMIUM, args=search_box.CHROMIUM_ARGS, headless=True
        )
        print(f"Chromium {browser.version}")
        for stack in stacks:
            with tempfile.TemporaryDirectory(prefix=f"kb-edit-{stack}-") as folder:
                project = Path(folder) / "project"
                shutil.copytree(source, project, symlinks=True)
                if stack in ("ours", "serve"):
                    config = project / "mkdocs.yml"
                else:
                    nav = plain_stack.sections_nav(project)
                    config = plain_stack.write_config(project, Path(folder) / "plain", nav=nav)
                results[stack] = run(stack, config, project, entries, browser, args.edit)
                print(_progress(stack, results[stack]), file=sys.stderr, flush=True)
        browser.close()
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


def run(
    stack: str, config: Path, project: Path, entries: list[str], browser, edit: str = "body"
) -> dict:
    """Serve, wait for the first build, then save each entry with its page open in `browser`
    (Playwright's); the times and the server's memory."""
    # One page for the whole run, as an author keeps one tab open.
    context = browser.new_context()
    page = context.new_page()
    server = Server(config, stack)
    memory = Memory(server.process.pid)
    started = time.perf_counter()
    try:
        first = entries[0]
        if _wait_for(server, f"faq/{first}/", None, started + START_TIMEOUT) is None:
            raise RuntimeError(f"{stack}: the first build was not served:\n{server.log()}")
        first_build = time.perf_counter() - started
        first_rss = memory.read()
        page_seconds, rebuild_seconds, shown_seconds = [], [], []
        for number, entry in enumerate(entries, 1):
            name = f"{entry}.sl.md" if edit == "body-sl" else f"{entry}.md"
            address = f"sl/faq/{entry}/" if edit == "body-sl" else f"faq/{entry}/"
            path = project / "docs" / "faq" / name
            # The round in letters: a number in a source that its translations lack is a
            # translation warning, and the strict build under serve would not show the edit.
            marker = f"Edited for the benchmark, round {_letters(number)}."
            text = path.read_text(encoding="utf-8")
            _open(page, server.base + address)
            # Let the watcher settle after the previous rebuild before the next save.
            time.sleep(2.0)
            saved = time.perf_counter()
            saved_clock = time.time()
            if edit == "title":
                marker = f"edited {_letters(number)}"
                text = re.sub(r"^# (.*)$", rf"# \1 {marker}", text, count=1, flags=re.M)
            else:
                text = text.rstrip("\n") + f"\n\n{marker}\n"
            path.write_text(text, encoding="utf-8")
            shown = _page_shows(page, marker, saved_clock, server, saved + EDIT_TIMEOUT)
            if shown is None:
                raise RuntimeError(f"{stack}: the edit of {entry} never showed:\n{server.log()}")
            page_seconds.append(shown - saved_clock)
            deadline = saved + EDIT_TIMEOUT
            while server.reloaded_after(saved) is None and time.perf_counter() < deadline:
                time.sleep(POLL_SECONDS)
            reloaded = server.reloaded_after(saved)
            if reloaded is not None:
                rebuild_seconds.append(reloaded - saved)
            # Each rebuild's processes are looked at, so that a child's peak is not missed.
            last_rss = memory.read()
            shown_line = server.said_after(saved, _SHOWN)
            if shown_line is not None:
                shown_seconds.append(shown_line - saved)
        return {
            "first_build": first_build,
            "page": page_seconds,
            "rebuild": rebuild_seconds,
            "shown": shown_seconds,
            "rss_first": first_rss,
            "rss_last": last_rss,
            "rss_peak": memory.peak(),
        }
    finally:
        try:
            # Closing the page while the live reload reloads it could hang: it leaves first.
            _open(page, "about:blank")
            context.close()
        finally:
            server.stop()


def _open(page, url: str) -> None:
    """Open `url` in `page`; again when the live reload of the page before (after the last
    rebuild) interrupts it."""
    from playwright.sync_api import Error

    for attempt in range(NAVIGATION_TRIES):
        try:
            page.goto(url, wait_until="domcontentloaded", timeout=120_000)
        except Error:
            if attempt == NAVIGATION_TRIES - 1:
                raise
            time.sleep(0.5)
            continue
        if page.url == url:
            return
    raise RuntimeError(f"{url} did not stay open in Chromium")


def _page_shows(page, marker: str, saved: float, server: Server, deadline: float) -> float | None:
    """When (seconds since the epoch) the page in Chromium first showed `marker`, saved at
    `saved`, through the reloads the server makes; None if it did not by `deadline` or the
    server stopped."""
    from playwright.sync_api import Error, TimeoutError

    while time.perf_counter() < deadline:
        if server.process.poll() is not None:
            return None
        wait = min(PAGE_WAIT_SLICE, deadline - time.perf_counter())
        try:
            seen = page.wait_for_function(
                _SHOWS, arg=marker, polling=PAGE_POLL_MS, timeout=max(wait, 0.001) * 1000
            )
            at, loaded = seen.json_value()
        except TimeoutError:
            continue
        except Error:
            # A reload replaced the document while it was looked at: look at the new one.
            continue
        if loaded < saved * 1000:
            # Only a reload can bring the saved text: the figure would not be of the loop.
            raise RuntimeError(f"the page showed {marker!r} without a reload after the save")
        return at / 1000
    return None


class Memory:
    """The resident memory of a process and its children, from /proc (kB, None elsewhere)."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peaks: dict[int, int] = {}

    def read(self) -> int | None:
        """The resident set now, summed over the tree; each process's peak is kept."""
        total = None
        for pid in _process_tree(self.pid):
            status = _status(pid)
            if "VmRSS" not in status:
                continue
            total = (total or 0) + status["VmRSS"]
            self.peaks[pid] = max(self.peaks.get(pid, 0), status.get("VmHWM", 0))
        return total

    def peak(self) -> int | None:
        """The sum of the high-water marks of every process seen (so far and now)."""
        self.read()
        return sum(self.peaks.values()) if self.peaks else None


def _process_tree(root: int) -> list[int]:
    """`root` and its descendants that run now."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="utf-8").rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += children.get(pid, [])
    return tree


def _status(pid: int) -> dict[str, int]:
    """The memory lines of /proc/<pid>/status in kB; empty when the process is gone."""
    try:
        text = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return {}
    found = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0])
    return found


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
    pages = ", ".join(f"{s:.2f}" for s in result["page"])
    rebuilt = ", ".join(f"{s:.1f}" for s in result["rebuild"])
    text = f"{stack}: first build {result['first_build']:.1f} s; page after save {pages} s"
    if result.get("shown"):
        text += f" (shown line {', '.join(f'{s:.2f}' for s in result['shown'])} s)"
    memory = "/".join(_mib(result[key]) for key in ("rss_first", "rss_last", "rss_peak"))
    return text + f"; rebuilt after {rebuilt} s; memory first/last/peak {memory} MiB"


def _mib(kilobytes: int | None) -> str:
    return "–" if kilobytes is None else f"{kilobytes / 1024:.0f}"


def report(size: int, results: dict, edit: str = "body") -> str:
    """The table: first build, the median time from a save to the page showing it in
    Chromium and to the end of the rebuild, and the server's memory."""
    lines = [
        "",
        f"Editing loop, N={size:,} per language, save: {edit}, live reload on",
        "",
        "| stack | first build s | save → page s (median) | save → all rebuilt s (median) "
        "| saves | memory after first build MiB | after last rebuild MiB | peak MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    labels = {"ours": "ours", "plain": "plain, same navigation", "serve": "ours, `kb serve`"}
    for stack, result in results.items():
        page = statistics.median(result["page"]) if result["page"] else float("nan")
        rebuild = statistics.median(result["rebuild"]) if result["rebuild"] else float("nan")
        memory = " | ".join(_mib(result[key]) for key in ("rss_first", "rss_last", "rss_peak"))
        lines.append(
            f"| {labels[stack]} | {result['first_build']:.1f} | {page:.2f} | {rebuild:.1f} | "
            f"{len(result['page'])} | {memory} |"
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
