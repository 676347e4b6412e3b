"""Mutation testing of the pure helpers with mutmut: how many planted bugs the unit tests catch.

    python scripts/mutation.py [MODULE ...] [--max-children N] [--time-cap SECONDS] [--survivors]

With no module, every module of MODULES runs, one after the other. Each module is mutated in
its own copy of the project under .mutation/<module>/, where the helpers sit at src/helpfirst
(mutmut finds a package under ./, src/ or source/ only), and only the unit tests listed for it
run. The last line is a kill-rate table; --survivors also prints the diff of every mutant that
survived (`mutmut show NAME` in .mutation/<module>/ shows one again). Needs
requirements-mutation.txt; too slow for every CI run, so it runs on demand only.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path("hooks") / "helpfirst"
WORK = ROOT / ".mutation"

# Module of hooks/helpfirst -> the unit tests that exercise it (mutmut runs, for each mutant,
# only those of them that reach the mutated function).
MODULES = {
    "analysis": [
        "test_analysis.py",
        "test_analysis_registry.py",
        "test_stemmer_oracles.py",
        "test_search_core.py",
    ],
    "stemmers": ["test_analysis.py", "test_stemmer_oracles.py", "test_porter_measure.py"],
    "search": ["test_search_core.py"],
    "structured_data": ["test_structured_data.py"],
    "content": [
        "test_content.py",
        "test_front_matter.py",
        "test_glossary.py",
        "test_listing_pages.py",
        "test_listing_text.py",
        "test_translation_checks.py",
        "test_translations.py",
    ],
    "catalog": [
        "test_catalog.py",
        "test_content.py",
        "test_listing_pages.py",
        "test_listing_text.py",
        "test_sources.py",
        "test_translation_checks.py",
        "test_translations.py",
        "test_widget.py",
    ],
    "links": ["test_links.py", "test_content.py", "test_sources.py"],
    "listings": [
        "test_listing_pages.py",
        "test_listing_home.py",
        "test_listing_text.py",
        "test_sources.py",
        "test_html_policy.py",
    ],
    "translations": ["test_translations.py", "test_translation_records.py"],
    "translation_checks": ["test_translation_checks.py", "test_translation_check_rules.py"],
    "html_policy": ["test_html_policy.py"],
}
UNIT_TESTS = Path("tests") / "unit"

# What the copy leaves out: the package moves to src/, the rest is not needed by unit tests.
_SKIPPED = {".git", ".mutation", ".venv", "site", "node_modules", "__pycache__", ".pytest_cache"}
_KILLED = {"killed", "timeout", "caught by type check"}

# mutmut runs each mutant's tests in a process forked from the one that first ran them all, so
# whatever the helpers remember (lru_cache, the lazily filled character tables, the terms each
# lunr pipeline function remembers) would answer with the unmutated code's results. This
# plugin forgets it all before every test.
_PLUGIN_NAME = "mutation_fresh_caches"
_PLUGIN = """
import sys

import pytest


@pytest.fixture(autouse=True)
def _fresh_caches():
    for name, module in list(sys.modules.items()):
        if name == "helpfirst" or name.startswith("helpfirst."):
            for value in list(vars(module).values()):
                _forget(value)
    lunr = sys.modules.get("lunr.pipeline")
    if lunr is not None:
        for function in lunr.Pipeline.registered_functions.values():
            _forget(getattr(function, "terms_of", None))
    yield


def _forget(value):
    if hasattr(value, "cache_clear"):
        value.cache_clear()
    elif isinstance(value, dict) and type(value).__module__.startswith("helpfirst"):
        value.clear()
"""


def module_source(module: str) -> Path:
    """The source file of a module of the package, relative to the project."""
    return PACKAGE / f"{module}.py"


def module_tests(module: str) -> list[Path]:
    """The unit test files that run against a module's mutants, relative to the project."""
    return [UNIT_TESTS / name for name in MODULES[module]]


def mutmut_config(module: str, also_copy: list[str]) -> str:
    """The [tool.mutmut] table that mutates one module of the copied project."""
    table = {
        "source_paths": ["src"],
        "only_mutate": [f"src/helpfirst/{module}.py"],
        "also_copy": also_copy,
        # The tests run in this process (mutmut follows which tests reach which mutant here).
        "pytest_add_cli_args": ["-n", "0", "-p", "no:cacheprovider", "-p", _PLUGIN_NAME, "-q"],
        "pytest_add_cli_args_test_selection": [str(path) for path in module_tests(module)],
    }
    # A JSON string or list of strings is also a TOML value.
    lines = [f"{key} = {json.dumps(value)}" for key, value in table.items()]
    return "\n[tool.mutmut]\n" + "\n".join(lines) + "\n"


def prepare(module: str, root: Path = ROOT, work: Path = WORK) -> Path:
    """A fresh copy of the project for one module's run, with the package under src/."""
    target = work / module
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    also_copy = []
    for item in sorted(root.iterdir()):
        if item.name in _SKIPPED:
            continue
        ignore = shutil.ignore_patterns(*_SKIPPED, "helpfirst")
        if item.is_dir():
            shutil.copytree(item, target / item.name, ignore=ignore, symlinks=True)
        else:
            shutil.copy2(item, target / item.name)
        also_copy.append(item.name)
    shutil.copytree(
        root / PACKAGE, target / "src" / "helpfirst", ignore=shutil.ignore_patterns(*_SKIPPED)
    )
    (target / f"{_PLUGIN_NAME}.py").write_text(_PLUGIN, encoding="utf-8")
    also_copy.append(f"{_PLUGIN_NAME}.py")
    with (target / "pyproject.toml").open("a", encoding="utf-8") as pyproject:
        pyproject.write(mutmut_config(module, also_copy))
    return target


def statuses(results: str) -> dict[str, str]:
    """Mutant name -> status, from the lines `mutmut results --all true` prints."""
    found = {}
    for line in results.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and name:
            found[name] = status
    return found


def tally(found: dict[str, str]) -> dict[str, int]:
    """Counts of one module's run: mutants, those a stopped run left unchecked, killed, and
    survived (of them, those no test reaches)."""
    checked = {name: status for name, status in found.items() if status != "not checked"}
    killed = sum(status in _KILLED for status in checked.values())
    return {
        "mutants": len(found),
        "not_checked": len(found) - len(checked),
        "killed": killed,
        "survived": len(checked) - killed,
        "no_tests": sum(status == "no tests" for status in checked.values()),
    }


def table(rows: dict[str, dict[str, int]]) -> str:
    """A Markdown kill-rate table, one row per module; the rate is of the mutants checked."""
    lines = [
        "| module | mutants | not checked | killed | survived | of them no test | kill rate |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for module, row in rows.items():
        checked = row["mutants"] - row["not_checked"]
        rate = f"{100 * row['killed'] / checked:.1f} %" if checked else "-"
        lines.append(
            f"| {module} | {row['mutants']} | {row['not_checked']} | {row['killed']} "
            f"| {row['survived']} | {row['no_tests']} | {rate} |"
        )
    return "\n".join(lines)


def _mutmut(work: Path, *args: str, timeout: float | None = None) -> subprocess.CompletedProcess:
    """mutmut from this Python's environment, run in a module's copy."""
    command = [sys.executable, "-m", "mutmut", *args]
    return subprocess.run(
        command, cwd=work, capture_output=True, text=True, timeout=timeout, check=False
    )


def run_module(module: str, max_children: int, time_cap: float, survivors: bool) -> dict:
    """Mutate one module, run its unit tests against every mutant, and count the outcome."""
    work = prepare(module)
    print(f"mutation.py: {module}: running in {work.relative_to(ROOT)}", file=sys.stderr)
    try:
        run = _mutmut(work, "run", "--max-children", str(max_children), timeout=time_cap)
    except subprocess.TimeoutExpired:
        print(f"mutation.py: {module}: stopped after {time_cap:.0f} s", file=sys.stderr)
    else:
        if run.returncode != 0:
            print(run.stdout[-2000:], run.stderr[-2000:], file=sys.stderr)
            print(f"mutation.py: {module}: mutmut failed ({run.returncode})", file=sys.stderr)
    found = statuses(_mutmut(work, "results", "--all", "true").stdout)
    if survivors:
        for name, status in sorted(found.items()):
            if status not in _KILLED:
                print(_mutmut(work, "show", name).stdout)
    return tally(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help=f"modules to mutate (default: all of {MODULES})")
    parser.add_argument("--max-children", type=int, default=1, help="parallel test processes")
    parser.add_argument("--time-cap", type=float, default=1800, help="seconds per module at most")
    parser.add_argument("--survivors", action="store_true", help="print each survivor's diff")
    args = parser.parse_args(argv)
    unknown = [module for module in args.modules if module not in MODULES]
    if unknown:
        parser.error(f"unknown module(s) {', '.join(unknown)} (one of: {', '.join(MODULES)})")
    if args.max_children < 1:
        parser.error("--max-children must be at least 1")
    rows = {}
    for module in args.modules or MODULES:
        rows[module] = run_module(module, args.max_children, args.time_cap, args.survivors)
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
