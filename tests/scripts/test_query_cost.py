"""scripts/bench/query_cost.mjs runs in Node on payloads of the real build: it prints its
figures for both versions of analysis.js, and --same tells a changed ranking from an equal one."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from helpfirst.search import build_payload
from tests.conftest import ROOT
from tests.unit.test_search_core import CORPORA

SCRIPT = ROOT / "scripts" / "bench" / "query_cost.mjs"
ANALYSIS_JS = ROOT / "overrides" / "assets" / "kb" / "analysis.js"
LANGS = ["en", "sl", "lv"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A folder laid out as a built site's search payloads, one per language."""
    folder = tmp_path_factory.mktemp("site")
    (folder / "search").mkdir()
    for lang in LANGS:
        payload = build_payload(lang, CORPORA[lang])
        (folder / "search" / f"kb-{lang}.json").write_text(json.dumps(payload), encoding="utf-8")
    return folder


def _run(site: Path, old: Path) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    return subprocess.run(
        [node, str(SCRIPT), "--site", str(site), "--old", str(old), "--passes", "2", "--same"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_query_cost_prints_both_versions_for_every_language(site):
    result = _run(site, ANALYSIS_JS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "DIFFERENT" not in result.stdout
    for lang in LANGS:
        for name in ("old", "new"):
            for what in ("all", "medians", "minima"):
                line = [row for row in result.stdout.splitlines() if f"\t{lang}\t{name}\t" in row]
                assert any(f"\t{what}\tp50 " in row for row in line), (lang, name, what)


def test_query_cost_same_reports_a_changed_ranking(site, tmp_path):
    changed = tmp_path / "analysis.js"
    source = ANALYSIS_JS.read_text(encoding="utf-8")
    assert source.count("const PREFIX_BOOST = 3;") == 1
    changed.write_text(source.replace("const PREFIX_BOOST = 3;", "const PREFIX_BOOST = 7;"))
    result = _run(site, changed)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "DIFFERENT" in result.stdout
