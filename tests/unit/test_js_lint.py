"""The browser code passes the JavaScript linter: eslint with eslint.config.js, installed by
`npm ci` from the committed package-lock.json (CI runs it before the tests)."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.sites import ROOT

ESLINT = ROOT / "node_modules" / ".bin" / "eslint"
BROWSER_CODE = [ROOT / "overrides" / "widget.js"] + sorted(
    path
    for path in (ROOT / "overrides" / "assets" / "kb").rglob("*.js")
    if "vendor" not in path.relative_to(ROOT).parts
)

MISSING = (
    "JAVASCRIPT NOT LINTED: node_modules/.bin/eslint is missing; run `npm ci` "
    "(Node.js and npm: `apt-get install nodejs npm`) to install the pinned linter"
)


@pytest.fixture(autouse=True)
def _eslint_installed():
    """Skip loudly without the linter; fail instead where CI sets KB_REQUIRE_ESLINT."""
    if not ESLINT.is_file():
        if os.environ.get("KB_REQUIRE_ESLINT"):
            pytest.fail(f"{MISSING} (KB_REQUIRE_ESLINT is set)")
        pytest.skip(MISSING)


def _eslint(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ESLINT), "--max-warnings", "0", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_every_browser_script_passes_the_linter():
    result = _eslint("--format", "json", ".")
    assert result.returncode == 0, _messages(result.stdout) or result.stderr
    linted = {entry["filePath"] for entry in json.loads(result.stdout)}
    # Every script the site and the widget ship is linted (none left out by an ignore).
    missing = [str(path.relative_to(ROOT)) for path in BROWSER_CODE if str(path) not in linted]
    assert not missing


@pytest.mark.parametrize(
    ("source", "rule"),
    [
        ("(() => { var late = 1; return late; })();\n", "no-var"),
        ("(() => { let once = 1; return once; })();\n", "prefer-const"),
        ("[1].map(function (n) { return n; });\n", "prefer-arrow-callback"),
        ("(() => { const a = {}; a.b ??= 1; })();\n", None),  # newer than ES2020
        ("found = 1;\n", "no-undef"),
    ],
    ids=["var", "let-never-reassigned", "function-callback", "es2021-syntax", "undeclared-global"],
)
def test_the_widgets_scripts_are_held_to_one_syntax(source, rule):
    result = _eslint(
        "--format",
        "json",
        "--stdin",
        "--stdin-filename",
        "overrides/assets/kb/widget/x.js",
        stdin='"use strict";\n' + source,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    messages = json.loads(result.stdout)[0]["messages"]
    if rule is None:
        assert messages[0]["fatal"] and "Parsing error" in messages[0]["message"]
    else:
        assert rule in {message["ruleId"] for message in messages}


def _messages(output: str) -> str:
    """eslint's JSON report as `path:line:column: message (rule)` lines."""
    try:
        report = json.loads(output)
    except ValueError:
        return output
    return "\n".join(
        f"{entry['filePath']}:{m.get('line')}:{m.get('column')}: {m['message']} ({m.get('ruleId')})"
        for entry in report
        for m in entry["messages"]
    )
