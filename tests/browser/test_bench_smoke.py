"""The browser benchmarks still run end to end (real builds, real Chromium): search quality with
two queries per language, the help widget's latency at 3 entries per language. Their figures are
not judged here."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpfirst.tools.search_box import CHROMIUM
from tests.conftest import ROOT
from tests.sites import i18n_languages

SCRIPT = ROOT / "scripts" / "bench" / "search_quality.py"
WIDGET_SCRIPT = ROOT / "scripts" / "bench" / "widget_latency.py"
# A figure as the benchmarks print it: 1,234 ms, 5.1 KiB, 43%, or a count.
FIGURE = re.compile(r"[\d,]+(\.\d+)? (ms|KiB)|\d+%|\d+")

pytestmark = [pytest.mark.browser, pytest.mark.build]


def _run(script: Path, *args: str) -> subprocess.CompletedProcess:
    """Runs a benchmark script in Chromium (skipped, loudly, without one); it must exit 0."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"SKIPPED: no Chromium at {CHROMIUM}; browser tests need Debian's chromium")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, str(script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_search_quality_runs_and_writes_figures_for_both_stacks(tmp_path):
    out = tmp_path / "figures.json"
    result = _run(SCRIPT, "--limit", "2", "--json", str(out))
    figures = json.loads(out.read_text(encoding="utf-8"))
    languages = i18n_languages(ROOT / "mkdocs.yml")
    assert set(figures) == {"ours", "plain"}
    for stack in figures.values():
        assert set(stack) == set(languages)
        for numbers in stack.values():
            assert set(numbers) == {"hit1", "hit3", "mrr", "queries"}
            assert numbers["queries"] == 2
            assert 0 <= numbers["hit1"] <= numbers["hit3"] <= 1
            assert 0 <= numbers["mrr"] <= 1
    for lang in languages:
        assert f"[{lang}] 2 queries" in result.stdout


def _table(out: str, header: str) -> list[list[str]]:
    """The cells of each row of the printed table whose header line starts with `header`."""
    lines = out.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(header)), None)
    assert start is not None, f"no table {header!r} in:\n{out}"
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def _figures(cells: list[str]) -> None:
    for cell in cells:
        assert FIGURE.fullmatch(cell), cells


def test_widget_latency_prints_a_row_of_figures_per_language(tmp_path):
    result = _run(
        WIDGET_SCRIPT, "--sizes", "3", "--rounds", "1", "--queries", "1", "--work", str(tmp_path)
    )
    out = result.stdout
    languages = ("en", "sl", "lv")  # the synthetic knowledge base's (gen_kb.py)
    (bootstrap,) = _table(out, "| N per language | widget.js raw |")
    assert bootstrap[0] == "3"
    _figures(bootstrap[1:-1])
    tables = {
        "| N per language | language | files |": 2,  # the figures start after the language
        "| N per language | language | query | results |": 4,  # after the query and the count
        "| N per language | language | keys |": 2,
    }
    for header, first in tables.items():
        rows = _table(out, header)
        assert sorted(row[1] for row in rows) == sorted(languages), (header, rows)
        for row in rows:
            assert row[0] == "3"
            _figures(row[first:])
    for row in _table(out, "| N per language | language | query | results |"):
        assert re.match(r"\d+", row[3]), row
    assert "Budgets:" in out
