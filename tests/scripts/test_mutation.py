"""scripts/mutation.py without running mutmut: its module list, its mutmut settings, the copy
it mutates and the kill-rate table it prints."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

from scripts import mutation
from tests.conftest import ROOT


@pytest.mark.parametrize("module", sorted(mutation.MODULES))
def test_every_listed_module_and_its_tests_exist(module):
    assert (ROOT / mutation.module_source(module)).is_file()
    assert mutation.module_tests(module)
    for path in mutation.module_tests(module):
        assert (ROOT / path).is_file(), path
        assert "/unit/" in path.as_posix(), "only fast unit tests run against mutants"


def test_the_modules_the_project_promises_are_listed():
    promised = (
        "analysis stemmers search structured_data content catalog links listings translations"
    )
    assert set(promised.split()) <= set(mutation.MODULES)


def test_an_unknown_module_is_refused_before_anything_runs():
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "mutation.py"), "links", "linkz"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 2
    assert "unknown module(s) linkz (one of: analysis, " in run.stderr
    assert not (ROOT / ".mutation" / "linkz").exists()


def test_the_mutmut_settings_mutate_one_module_with_its_tests():
    settings = tomllib.loads(mutation.mutmut_config("links", ["docs", "tests"]))["tool"]["mutmut"]
    assert settings["source_paths"] == ["src"]
    assert settings["only_mutate"] == ["src/helpfirst/links.py"]
    assert settings["also_copy"] == ["docs", "tests"]
    assert settings["pytest_add_cli_args_test_selection"] == [
        "tests/unit/test_links.py",
        "tests/unit/test_content.py",
        "tests/unit/test_sources.py",
    ]


def test_the_copy_holds_the_package_under_src_only(tmp_path):
    root = tmp_path / "project"
    (root / "hooks" / "helpfirst").mkdir(parents=True)
    (root / "hooks" / "helpfirst" / "links.py").write_text("X = 1\n")
    (root / "hooks" / "kb.py").write_text("")
    (root / "tests").mkdir()
    (root / ".git").mkdir()
    (root / "pyproject.toml").write_text('[project]\nname = "x"\n')
    work = mutation.prepare("links", root, tmp_path / "work")
    assert (work / "src" / "helpfirst" / "links.py").read_text() == "X = 1\n"
    assert (work / "hooks" / "kb.py").exists()
    assert not (work / "hooks" / "helpfirst").exists()
    assert not (work / ".git").exists()
    settings = tomllib.loads((work / "pyproject.toml").read_text())
    assert settings["project"]["name"] == "x"
    mutmut = settings["tool"]["mutmut"]
    assert mutmut["also_copy"] == ["hooks", "pyproject.toml", "tests", "mutation_fresh_caches.py"]
    # The plugin that makes each mutant's tests compute afresh is copied and switched on.
    assert (work / "mutation_fresh_caches.py").is_file()
    assert mutmut["pytest_add_cli_args"][4:6] == ["-p", "mutation_fresh_caches"]
    # In one process, whatever the project's addopts say: mutmut follows the tests there.
    assert mutmut["pytest_add_cli_args"][:2] == ["-n", "0"]


def test_the_table_counts_timeouts_as_killed_and_untested_mutants_as_survivors_and_rates_the_checked():
    found = mutation.statuses(
        "    helpfirst.links.x_a__mutmut_1: killed\n"
        "    helpfirst.links.x_a__mutmut_2: timeout\n"
        "    helpfirst.links.x_a__mutmut_3: survived\n"
        "    helpfirst.links.x_b__mutmut_1: no tests\n"
        "    helpfirst.links.x_b__mutmut_2: not checked\n"
    )
    assert found["helpfirst.links.x_b__mutmut_1"] == "no tests"
    row = mutation.tally(found)
    assert row == {"mutants": 5, "not_checked": 1, "killed": 2, "survived": 2, "no_tests": 1}
    assert mutation.table({"links": row, "search": mutation.tally({})}).splitlines()[2:] == [
        "| links | 5 | 1 | 2 | 2 | 1 | 50.0 % |",
        "| search | 0 | 0 | 0 | 0 | 0 | - |",
    ]
