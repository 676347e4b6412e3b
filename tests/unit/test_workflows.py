"""The GitHub workflows are valid and safe, checked offline: the workflow schema that
check-jsonschema bundles, zizmor's audits (nothing above low), and the project's own rules."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
_PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def _tool(name: str) -> str:
    """The tool installed beside this Python (requirements-test.txt), else on PATH."""
    beside_python = Path(sys.executable).parent / name
    executable = str(beside_python) if beside_python.exists() else shutil.which(name)
    if executable is None:
        pytest.skip(f"SKIPPED: {name} is not installed (it is in requirements-test.txt)")
    return executable


def _load(path: Path) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); the workflows are read as GitHub reads them.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def test_there_are_preview_publish_and_shared_checks_workflows():
    assert [path.name for path in WORKFLOWS] == ["checks.yml", "preview.yml", "publish.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_matches_the_github_workflow_schema(path):
    result = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_above_low():
    result = subprocess.run(
        [_tool("zizmor"), "--offline", "--format", "json", str(ROOT / ".github" / "workflows")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # zizmor exits non-zero when it finds anything; a crash leaves no JSON on stdout.
    assert result.stdout.strip().startswith("["), result.stderr
    findings = [
        f"{finding['ident']} ({finding['determinations']['severity']}): {finding['desc']}"
        for finding in json.loads(result.stdout)
        if finding["determinations"]["severity"] not in ("Informational", "Low")
    ]
    assert findings == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*(?:-\s+)?uses:\s*(.+)$", line)
        if match and not match.group(1).startswith("./"):
            assert _PINNED.match(match.group(1)), line


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_no_privileged_trigger_and_least_privilege(path):
    workflow = _load(path)
    triggers = workflow["on"] if isinstance(workflow["on"], dict) else {workflow["on"]: None}
    assert not {"pull_request_target", "workflow_run"} & set(triggers)
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {name} states no permissions"


def test_the_checks_run_tests_build_strictly_and_use_debian_chromium():
    text = (ROOT / ".github" / "workflows" / "checks.yml").read_text(encoding="utf-8")
    job = _load(ROOT / ".github" / "workflows" / "checks.yml")["jobs"]["checks"]
    assert job["permissions"] == {"contents": "read"}
    assert "bookworm" in job["container"]["image"]
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "apt-get install -y -qq chromium" in runs
    assert "playwright install" not in text
    for command in (
        "pip install -q -r requirements-test.txt",
        "python -m pytest",
        ".venv/bin/kb lint --strict",
        ".venv/bin/kb merge parts/* -d site",
        ".venv/bin/kb check-structured-data site",
        ".venv/bin/kb check-links site",
        "scripts/bench/search_quality.py --json",
        ".venv/bin/kb preview-report base-site site",
    ):
        assert command in runs, command


def test_each_language_is_built_in_its_own_job_and_merged():
    """The matrix names the languages of mkdocs.yml; pull requests reuse unchanged languages
    from the build cache, the published site is built from scratch."""
    from tests.sites import i18n_languages

    workflows = ROOT / ".github" / "workflows"
    jobs = _load(workflows / "checks.yml")["jobs"]
    build = jobs["build"]
    assert build["permissions"] == {"contents": "read"}
    assert build["strategy"]["matrix"]["lang"] == i18n_languages(ROOT / "mkdocs.yml")
    steps = {step["name"]: step for step in build["steps"]}
    command = steps["Build (strict)"]["run"]
    assert '.venv/bin/kb build --lang "$KB_LANG" -d "part-$KB_LANG"' in command
    assert '${KB_CACHE:+--cache "$KB_CACHE"}' in command
    cache = steps["Restore the language's last build"]
    assert cache["if"] == "inputs.build-cache"
    assert cache["with"]["path"] == ".kb-cache"
    assert cache["with"]["key"].startswith("kb-build-${{ matrix.lang }}-${{ hashFiles(")
    assert jobs["checks"]["needs"] == "build"
    callers = {
        name: _load(workflows / name)["jobs"]["checks"].get("with", {})
        for name in ("preview.yml", "publish.yml")
    }
    assert callers["preview.yml"]["build-cache"] is True
    assert "build-cache" not in callers["publish.yml"]


def test_the_checks_unpack_the_schemaorg_release_where_the_tests_look(tmp_path):
    """The step runs here as on GitHub, in a scratch workspace: the release it leaves beside the
    project is the one the tests read, byte for byte, and the tests may not skip without it."""
    from helpfirst.tools.jsonld_check import Vocabulary
    from tests.unit.test_jsonld_check import SCHEMAORG

    steps = _load(ROOT / ".github" / "workflows" / "checks.yml")["jobs"]["checks"]["steps"]
    names = [step.get("name") for step in steps]
    unpack = names.index("Unpack the schema.org release beside the project")
    tests = names.index("Tests")
    assert unpack < tests
    assert steps[tests]["env"]["KB_REQUIRE_SCHEMAORG"] == "1"
    workspace = tmp_path / "repo"
    shutil.copytree(ROOT / "tests" / "vendor", workspace / "tests" / "vendor")
    result = subprocess.run(
        ["sh", "-e", "-c", steps[unpack]["run"]],
        cwd=workspace,
        env={"PATH": "/usr/bin:/bin", "GITHUB_WORKSPACE": str(workspace)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    unpacked = tmp_path / "shared" / "schemaorg"
    assert sorted(path.name for path in unpacked.iterdir()) == [
        "schemaorg-current-https.jsonld",
        "schemaorgcontext.jsonld",
    ]
    vocabulary = Vocabulary.from_release(unpacked)
    assert vocabulary.complete and len(vocabulary.classes) > 900
    assert vocabulary.ancestors("FAQPage") >= {"WebPage", "CreativeWork", "Thing"}
    if SCHEMAORG.exists():
        for path in unpacked.iterdir():
            assert path.read_bytes() == (SCHEMAORG / path.name).read_bytes(), path.name


def _steps(name: str, job: str) -> list[dict]:
    return _load(ROOT / ".github" / "workflows" / name)["jobs"][job]["steps"]


def test_the_published_site_holds_the_hosts_headers_and_redirects(tmp_path):
    """The step that adds them runs here as on GitHub, after the checks and before the site is
    kept; every job that deploys deploys that site as it is."""
    steps = _steps("checks.yml", "checks")
    names = [step.get("name") for step in steps]
    add = names.index("Add the host's headers and redirects to the site")
    assert names.index("Reviewer report") < add < names.index("Keep the site")
    assert steps[names.index("Keep the site")]["with"]["path"] == "site/"
    workspace = tmp_path / "repo"
    shutil.copytree(ROOT / "deploy", workspace / "deploy")
    (workspace / "site").mkdir()
    result = subprocess.run(
        ["sh", "-e", "-c", steps[add]["run"]],
        cwd=workspace,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("_headers", "_redirects"):
        assert (workspace / "site" / name).read_bytes() == (ROOT / "deploy" / name).read_bytes()
    for workflow, job in (("preview.yml", "preview"), ("publish.yml", "pages"),
                          ("publish.yml", "netlify")):  # fmt: skip
        steps = _steps(workflow, job)
        got = [step for step in steps if step.get("name") == "Get the site"]
        assert [step["with"] for step in got] == [{"name": "site", "path": "site"}], workflow
        deployed = " ".join(
            step.get("run", "") + str(step.get("with", {}).get("path", ""))
            for step in steps
            if "deploy" in step.get("run", "") or "upload-pages" in step.get("uses", "")
        )
        assert "--dir site" in deployed or deployed == "site", (workflow, job)
