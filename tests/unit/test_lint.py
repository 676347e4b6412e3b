"""One tool for formatting and lint (ruff, configured in pyproject.toml), run as a test."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _ruff(*args: str) -> subprocess.CompletedProcess:
    beside_python = Path(sys.executable).parent / "ruff"
    executable = str(beside_python) if beside_python.exists() else shutil.which("ruff")
    if executable is None:
        pytest.skip("SKIPPED: ruff is not installed (it is in requirements-test.txt)")
    return subprocess.run([executable, *args], cwd=ROOT, capture_output=True, text=True)


SOURCES = [name for name in ("hooks", "scripts", "tests") if (ROOT / name).is_dir()]


def test_ruff_finds_no_lint_problem():
    result = _ruff("check", *SOURCES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted():
    result = _ruff("format", "--check", *SOURCES)
    assert result.returncode == 0, result.stdout + result.stderr
