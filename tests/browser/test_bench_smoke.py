"""The search-quality benchmark still runs end to end (both builds, real Chromium, the real
search box), at a tiny size: two queries per language. Its figures are not judged here."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.bench.search_box import CHROMIUM
from tests.conftest import ROOT
from tests.sites import i18n_languages

SCRIPT = ROOT / "scripts" / "bench" / "search_quality.py"

pytestmark = [pytest.mark.browser, pytest.mark.build]


def test_search_quality_runs_and_writes_figures_for_both_stacks(tmp_path):
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"SKIPPED: no Chromium at {CHROMIUM}; browser tests need Debian's chromium")
    out = tmp_path / "figures.json"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--limit", "2", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
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
