"""mypy (configured in pyproject.toml) finds no type error in the package, run as a test."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_mypy_finds_no_type_error():
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("SKIPPED: mypy is not installed (it is in requirements-test.txt)")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
