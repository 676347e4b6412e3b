"""The size and speed benchmarks still run end to end, at a tiny size (3 entries per language):
each prints its table and exits 0. Their figures are not judged here (see BENCHMARKS.md)."""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from bs4 import BeautifulSoup

from helpfirst.insights import encode
from helpfirst.tools.search_box import CHROMIUM
from scripts.bench import nginx_server
from tests.conftest import ROOT
from tests.sites import run_python

BENCH = ROOT / "scripts" / "bench"
N = 3

pytestmark = pytest.mark.build


def _run(script: str, *args: str, timeout: float = 180, code: int = 0) -> str:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
    assert result.returncode == code, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    """One work folder for every benchmark: the knowledge base and sites are made once."""
    return tmp_path_factory.mktemp("bench")


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink() and path.name != ".complete"
    }


def test_build_benchmark_builds_both_stacks_strictly_and_prints_ratios(work):
    out = _run("build.py", "--sizes", str(N), "--flat-max", "0", "--work", str(work))
    assert "| N per language | stack |" in out
    assert f"| {N} | ours | " in out and f"| {N} | plain, same navigation | " in out
    assert "ours ÷ plain: wall time" in out
    assert "plain with every page in the navigation skipped" in out


def test_build_cache_benchmark_builds_what_each_change_reaches(work):
    out = _run("build_cache.py", "--size", str(N), "--work", str(work), timeout=600)
    assert "| empty cache | en, sl, lv | " in out
    assert "| nothing changed | none | " in out
    # A body renders its own page in each language it reaches; a title every page.
    assert "| one Slovenian translation's body changed | sl | 1 / " in out
    assert "| one English source's body changed | en, sl, lv | 3 / " in out
    assert re.search(r"\| one English title changed \| en, sl, lv \| [\d,]+ / 0 \|", out)
    assert "| no cache: the full build | en, sl, lv | all / none | " in out
    assert "| no cache, one process: the full build | en, sl, lv | all / none | " in out
    assert "The last cached build and the full builds: the same, byte for byte." in out


def test_build_floor_benchmark_times_a_build_without_pages_and_leaves_the_site_unchanged(
    work, tmp_path
):
    out = _run("build_floor.py", "--size", str(N), "--work", str(work), "--keep", str(tmp_path))
    assert "| whole | " in out and "| no pages | " in out
    assert "| ours: reading and checking the content (once) | " in out
    # Timing the parts changes nothing: the whole build is the site MkDocs builds.
    reference = tmp_path / "reference"
    built = run_python(work / f"kb-{N}-1", "-m", "mkdocs", "build", "-q", "-d", str(reference))
    assert built.returncode == 0, built.stderr
    assert _files(tmp_path / "whole") == _files(reference)
    # Without pages, no entry page is written.
    assert not list((tmp_path / "no-pages" / "faq").rglob("index.html"))


def test_generated_knowledge_base_is_deterministic_and_in_the_authors_format(work, tmp_path):
    # build.py above generated it and built it with --strict (our stack builds strictly).
    kept = work / f"kb-{N}-1"
    again = tmp_path / "again"
    out = _run("gen_kb.py", str(N), str(again))
    assert "total" in out
    assert _files(kept / "docs") == _files(again / "docs")
    assert (kept / "mkdocs.yml").read_bytes() == (again / "mkdocs.yml").read_bytes()
    other = tmp_path / "other-seed"
    _run("gen_kb.py", str(N), str(other), "--seed", "2")
    assert _files(other / "docs") != _files(again / "docs")
    docs = _files(again / "docs")
    for lang in ("", ".sl", ".lv"):
        entries = [name for name in docs if name.count(".") == (2 if lang else 1)]
        entries = [name for name in entries if name.endswith(f"{lang}.md")]
        entries = [name for name in entries if not name.split("/")[-1].startswith("index")]
        assert len(entries) == N, (lang, entries)
    kinds = {name.split("/")[0] for name in docs if "/" in name and "index" not in name}
    assert kinds == {"faq", "guides", "templates"}
    template = next(
        text.decode()
        for name, text in docs.items()
        if name.startswith("templates/") and "index" not in name
    )
    assert "\nsubjects:\n" in template and "<!-- kb:subjects -->" in template
    assert '```text title="' in template
    for name, text in docs.items():
        if "index" not in name:
            head = text.decode().split("\n---\n", 1)[0]
            for key in ("summary:", "category:", "keywords:", "updated:"):
                assert f"\n{key}" in head, (name, key)


def test_index_size_benchmark_prints_sizes_per_language(work):
    out = _run("index_size.py", "--sizes", str(N), "--work", str(work))
    for lang in ("en", "sl", "lv"):
        assert f"| {lang} | {N} | " in out
    assert "ours ÷ plain share (gzip)" in out
    assert "widget:" in out


def test_machine_readable_benchmark_builds_with_and_without_the_outputs(work):
    out = _run("machine_readable.py", "--sizes", str(N), "--work", str(work))
    assert f"| {N} | as configured | " in out and f"| {N} | cost | " in out
    assert f"| {N} | without: every section excluded | " in out
    assert "the build without has no twin" in out
    for lang in ("en", "sl", "lv"):
        assert f"| {N} | {lang} | Markdown twins (`<page>/index.md`) | {N} | " in out
    assert f"| {N} | all | **total** | {3 * (N + 3) + 1} | " in out


def test_insights_benchmark_reports_a_generated_log(work):
    out = _run("insights_log.py", "--events", "500", "--work", str(work / "insights"))
    assert out.splitlines()[0].split() == [
        *("events", "lines", "MB", "seconds", "cpu", "s", "peak", "MB")
    ]
    assert out.splitlines()[1].split()[:2] == ["500", "550"]
    figures = (work / "insights" / "events-500" / "figures.json").read_text(encoding="utf-8")
    assert '"events": 500' in figures
    # Each event's query string is what the browser sends for it (helpfirst.insights.encode,
    # held to insights.js by tests/browser/test_insights_js.py): non-ASCII and commas escaped.
    log = (work / "insights" / "events-500" / "access.log").read_text(encoding="utf-8")
    targets = [line.split('"')[1].split(" ")[1] for line in log.splitlines()]
    queries = [target.split("?", 1)[1] for target in targets if "/insights/e?" in target]
    again = [encode(dict(parse_qsl(query))) for query in queries]
    assert len(queries) == 500 and again == queries
    assert all(query.isascii() for query in queries)
    assert any("%2C" in query for query in queries) and any("%C4%8D" in query for query in queries)


def _assert_insights_log(out: str, work: Path) -> None:
    """The run said it measured insights in log mode, every event was answered, and the site
    it measured (kept apart from the one without insights) records them."""
    assert "Insights: log" in out.splitlines()
    events = re.search(r"^Insights events: (\d+) answered .*, (\d+) failed$", out, re.M)
    assert events and int(events[1]) >= 1 and events[2] == "0", out
    on = list(work.glob(f"site-ours-insights-log-{N}-1-*"))
    assert len(on) == 1, on
    facts = BeautifulSoup((on[0] / "sl" / "index.html").read_bytes(), "html.parser")
    holder = facts.find(id="kb-insights")
    assert holder and json.loads(holder.string)["mode"] == "log"
    assert (on[0] / "insights" / "e").is_file()
    for off in work.glob(f"site-ours-{N}-1-*"):
        page = BeautifulSoup((off / "sl" / "index.html").read_bytes(), "html.parser")
        assert page.find(id="kb-insights") is None, off


@pytest.mark.browser
@pytest.mark.parametrize("insights", ["off", "log"])
def test_search_latency_benchmark_times_both_stacks(work, insights):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"SKIPPED: no Chromium at {CHROMIUM}; browser tests need Debian's chromium")
    out = _run(
        "search_latency.py",
        *("--sizes", str(N), "--langs", "sl", "--rounds", "1", "--queries", "1"),
        *("--work", str(work), "--insights", insights),
    )
    label = "N per language" + (" (insights log)" if insights == "log" else "")
    assert f"| {label} | language | query | ours: page | search ready | first result" in out
    assert f"| {label} | language | keys | key p50 | key p95 | max |" in out
    assert f"| {N} | sl | " in out
    if insights == "log":
        _assert_insights_log(out, work)
    else:
        assert "Insights: off" in out.splitlines() and "(insights" not in out


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.browser
def test_search_latency_benchmark_times_keys_against_another_commit(work):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"SKIPPED: no Chromium at {CHROMIUM}; browser tests need Debian's chromium")
    try:
        commit = _git("rev-parse", "HEAD").strip()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip(
            "SKIPPED: this checkout is not a git repository git can read; --against needs it"
        )
    out = _run(
        "search_latency.py",
        *("--sizes", str(N), "--langs", "sl", "--rounds", "2", "--queries", "1"),
        *("--work", str(work), "--against", "HEAD"),
    )
    assert f"; against: {commit[:10]}" in out
    header = next(line for line in out.splitlines() if line.startswith("| N per language"))
    assert header.startswith(
        f"| N per language | language | keys | ours: p50 | p95 | max | {commit[:7]}: p50 | p95 |"
    )
    assert "ours − theirs: p50 | p95 | p95, 95 % interval |" in header
    row = next(line for line in out.splitlines() if line.startswith(f"| {N} | sl | "))
    assert row.count("|") == header.count("|")
    assert row.endswith(" of 2 |")
    assert "first result" not in out and "plain" not in out
    assert "| N per language | language | side | keys | post p50 | p95 | worker p50 |" in out
    for side in ("ours", commit[:7]):
        assert re.search(rf"^\| {N} \| sl \| {side} \| \d+ \| ", out, re.M), out
    assert re.search(rf"^- N={N} sl: key p95 ours [\d.]+ ms, {commit[:7]} [\d.]+ ms: ", out, re.M)
    # The revision's site is kept by commit; the worktree it was built from is gone.
    theirs = work / f"site-at-{commit[:10]}-{N}-1"
    assert (theirs / ".complete").is_file()
    assert str(work) not in _git("worktree", "list", "--porcelain")
    assert not list(work.glob("checkout-*"))
    # The same knowledge base built by the same code is the same site, file for file, unless
    # what builds it has changes not committed.
    if not _git("status", "--porcelain", "--", "mkdocs.yml", "hooks", "overrides"):
        ours = next(work.glob(f"site-ours-{N}-1-*"))
        assert _files(theirs) == _files(ours)


@pytest.mark.browser
def test_widget_latency_benchmark_measures_the_site_with_insights_on(work):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"SKIPPED: no Chromium at {CHROMIUM}; browser tests need Debian's chromium")
    out = _run(
        "widget_latency.py",
        *("--sizes", str(N), "--langs", "sl", "--rounds", "1", "--queries", "1"),
        *("--work", str(work), "--insights", "log"),
    )
    assert (
        "| N per language (insights log) | language | keys | no change | key → results p50" in out
    )
    assert f"| {N} | sl | " in out
    _assert_insights_log(out, work)
    # A host that does not answer the events (no `insights/e` file): the run says so and fails.
    site = next(work.glob(f"site-ours-insights-log-{N}-1-*"))
    event = site / "insights" / "e"
    event.rename(site / "insights" / "e.away")
    try:
        out = _run(
            "widget_latency.py",
            *("--sizes", str(N), "--langs", "sl", "--rounds", "1", "--queries", "1"),
            *("--work", str(work), "--insights", "log"),
            code=1,
        )
    finally:
        (site / "insights" / "e.away").rename(event)
    assert re.search(r"^- failed: 404 http://127\.0\.0\.1:\d+/insights/e\?v=1&", out, re.M), out


def _edit_loop_row(out: str, label: str) -> dict[str, float]:
    """The figures of one stack's row of edit_loop.py's table, by column."""
    header = next(line for line in out.splitlines() if line.startswith("| stack |"))
    row = next(line for line in out.splitlines() if line.startswith(f"| {label} | "))
    names = [cell.strip() for cell in header.strip("|").split("|")][1:]
    cells = [cell.strip() for cell in row.strip("|").split("|")][1:]
    return dict(zip(names, map(float, cells), strict=True))


def _assert_edit_loop_figures(row: dict[str, float]) -> None:
    # No reload can show a save sooner: both servers look at the sources every 0.1 s and wait
    # that long again before they build or render.
    assert row["save → page s (median)"] >= 0.1, row
    assert row["saves"] == 1
    first, last = row["memory after first build MiB"], row["after last rebuild MiB"]
    # A Python process that has run MkDocs holds tens of MiB.
    assert first > 20 and last > 20, row
    assert row["peak MiB"] >= max(first, last), row


@pytest.mark.browser
def test_edit_loop_benchmark_times_a_save_under_mkdocs_serve(work):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"SKIPPED: no Chromium at {CHROMIUM}; browser tests need Debian's chromium")
    out = _run(
        "edit_loop.py",
        *("--size", str(N), "--edits", "1", "--stacks", "ours", "--work", str(work)),
    )
    assert "| stack | first build s | save → page s (median) |" in out
    row = _edit_loop_row(out, "ours")
    _assert_edit_loop_figures(row)
    # mkdocs serve reloads the browser once the whole site is rebuilt.
    assert row["save → page s (median)"] >= row["save → all rebuilt s (median)"] - 0.1, row


@pytest.mark.browser
def test_edit_loop_benchmark_times_a_title_save_under_kb_serve(work):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"SKIPPED: no Chromium at {CHROMIUM}; browser tests need Debian's chromium")
    out = _run(
        "edit_loop.py",
        *("--size", str(N), "--edits", "1", "--stacks", "serve", "--edit", "title"),
        *("--work", str(work)),
    )
    assert "save: title" in out
    _assert_edit_loop_figures(_edit_loop_row(out, "ours, `kb serve`"))
    assert "`kb serve`, save → its line saying the page is shown s (median): " in out


def test_search_latency_comparison_figures(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    search_latency = importlib.import_module("search_latency")
    # Two rounds; a key without a change (None) is left out, and out of the pairs. The second
    # round's p95 is the same on both sides (8 ms).
    row = {
        "ours": [[1.0, 2.0, None, 4.0], [5.0, 8.0]],
        "theirs": [[2.0, 2.0, 9.0, 3.0], [8.0, 7.0]],
    }
    figures = search_latency.compare_figures(row)
    assert figures["keys"] == "5 / 6"
    assert figures["ours"] == {"p50": 4.0, "p95": 8.0, "max": 8.0}
    assert figures["theirs"] == {"p50": 3.0, "p95": 9.0, "max": 9.0}
    assert (figures["p50"], figures["p95"]) == (1.0, -1.0)
    # Key by key: -1, 0, +1, -3, +1.
    assert figures["each"] == 0.0
    assert figures["rounds"] == 2
    low, high = figures["interval"]
    assert -7.0 <= low <= figures["p95"] <= high <= 6.0
    # A round whose p95 is worse for ours counts as such.
    row["ours"][1] = [9.5, 6.0]
    assert search_latency.compare_figures(row)["rounds"] == 1


def test_search_latency_splits_a_key_at_the_workers_messages(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    search_latency = importlib.import_module("search_latency")
    # Three keys: the first answered (a query posted before its keyup is not its own), the
    # second's answer drawn only after the third key, the third never answered.
    times = {
        "keyups": [10.0, 200.0, 350.0],
        "queries": [9.0, 10.5, 200.5, 350.5],
        "results": [13.0, 300.0],
        "changes": [17.0, 360.0],
    }
    parts = search_latency._parts(times)
    assert parts == [{"post": 0.5, "worker": 2.5, "draw": 4.0}, None, None]
    assert search_latency._pair_each(times["keyups"], times["changes"]) == [7.0, None, 10.0]
    figures = search_latency.parts_figures(parts * 3)
    assert figures["keys"] == 3
    assert figures["worker"] == {"p50": 2.5, "p95": 2.5}
    assert figures["slowest"] == {"post": 0.5, "worker": 2.5, "draw": 4.0}
    assert search_latency.parts_figures([None]) is None


def test_edit_loop_memory_sums_the_server_tree_and_its_peaks(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    edit_loop = importlib.import_module("edit_loop")
    # A shell (a few hundred kB) whose child wrote 80 MiB, let it go and waits.
    child = "b = b'x' * (80 << 20); del b; print('freed', flush=True); input()"
    command = f'{sys.executable} -c "{child}"; true'
    shell = subprocess.Popen(
        ["sh", "-c", command], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert shell.stdout.readline() == "freed\n"
        tree = edit_loop._process_tree(shell.pid)
        assert len(tree) == 2 and tree[0] == shell.pid
        memory = edit_loop.Memory(shell.pid)
        resident = memory.read()
        peak = memory.peak()
        assert 0 < resident < 40 * 1024, resident
        # The child's high-water mark counts, though its memory is back with the system.
        assert peak >= resident + 70 * 1024, (resident, peak)
    finally:
        shell.communicate("\n", timeout=30)


@pytest.mark.browser
def test_lighthouse_benchmark_audits_a_page_behind_nginx():
    lighthouse = BENCH / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
    if not lighthouse.exists():
        pytest.skip(
            "SKIPPED: no Lighthouse in scripts/bench/lighthouse/node_modules; "
            "`npm ci --prefix scripts/bench/lighthouse` installs it (not in CI)"
        )
    if not Path(CHROMIUM).exists() or not nginx_server.available():
        pytest.skip(f"SKIPPED: the Lighthouse benchmark needs Chromium at {CHROMIUM} and nginx")
    out = _run("lighthouse.py", "--runs", "1", "--pages", "/sl/", timeout=600)
    assert "| Page | Performance | Accessibility | Best practices | SEO |" in out
    assert "Lighthouse 13.5.0, " in out and "mobile (default settings)" in out
    rows = [line for line in out.splitlines() if line.startswith("| `")]
    assert len(rows) == 1 and rows[0].startswith("| `/sl/` (home) | "), out
    scores = [int(cell) for cell in rows[0].split("|")[2:6]]
    assert all(0 <= score <= 100 for score in scores), rows


@pytest.mark.parametrize(
    ("script", "args", "message"),
    [
        ("build.py", ["--sizes", "abc"], "whole numbers of at least 1"),
        ("index_size.py", ["--sizes", "1000,0"], "whole numbers of at least 1"),
        ("widget_latency.py", ["--sizes", "-5"], "whole numbers of at least 1"),
        ("search_latency.py", ["--langs", "en,de"], "the knowledge bases are in en, sl, lv"),
        ("edit_loop.py", ["--size", "10,20"], "give one number of entries per language"),
        ("edit_loop.py", ["--edits", "0"], "give a whole number of at least 1"),
        ("search_latency.py", ["--rounds", "none"], "give a whole number of at least 1"),
        ("search_latency.py", ["--against", "no-such-rev"], "'no-such-rev' names no commit"),
        ("widget_latency.py", ["--queries", "-1"], "give a whole number of at least 1"),
        ("widget_latency.py", ["--insights", "on"], "argument --insights: invalid choice: 'on'"),
        ("build.py", ["--repeat", "0"], "give a whole number of at least 1"),
        ("build_floor.py", ["--size", "0"], "whole number"),
        ("machine_readable.py", ["--sizes", "0"], "whole numbers of at least 1"),
        ("lighthouse.py", ["--runs", "0"], "give a whole number of at least 1"),
        ("lighthouse.py", ["--pages", "/,/nope/"], "give pages of the example site from /,"),
        ("insights_log.py", ["--events", "abc"], "give numbers of events as whole numbers"),
        ("insights_log.py", ["--events", "1000,0"], "give numbers of events as whole numbers"),
        ("insights_log.py", ["--events", "100,"], "give numbers of events as whole numbers"),
        ("build.py", ["--sizes", "100,"], "give entries per language as whole numbers"),
        ("insights_log.py", ["--seed", "x"], "argument --seed: invalid int value: 'x'"),
        ("insights_log.py", ["--work", "README.md"], "'README.md' is a file; give a folder"),
    ],
)
def test_bad_arguments_are_a_usage_error_not_a_traceback(script, args, message):
    result = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
