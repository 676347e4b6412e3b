"""Every script the build serves reads, to a real JavaScript parser, as its source does: acorn
(pinned in package.json, installed by `npm ci`) parses both, and their tokens, template parts
and regular expressions included, and the line breaks between them, which automatic semicolon
insertion reads, are the same."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from helpfirst import js
from helpfirst.widget import (
    BOOTSTRAP_MARKER,
    LUNR_SOURCE,
    ascii_script,
    dumps,
    render_bootstrap,
    served_script,
)
from tests.sites import ROOT
from tests.unit.test_js import CASES

ACORN = ROOT / "node_modules" / "acorn"
THEME = ROOT / "overrides"
SCRIPTS = sorted(
    path
    for path in (THEME / "assets" / "kb").rglob("*.js")
    if path.relative_to(THEME).as_posix() != LUNR_SOURCE
)
MISSING = (
    "SERVED SCRIPTS NOT PARSED: node or node_modules/acorn is missing; run `npm ci` "
    "(Node.js and npm: `apt-get install nodejs npm`) to install the pinned parser"
)
# Reads a JSON list of sources on stdin; writes, per source, its tokens as
# [type, value, whether a line break comes before it].
_TOKENS = r"""
const acorn = require(process.argv[1]);
const sources = JSON.parse(require("fs").readFileSync(0, "utf8"));
const lineBreak = /[\n\r\u2028\u2029]/;
const result = sources.map((source) => {
  const tokens = [];
  let end = 0;
  acorn.parse(source, {
    ecmaVersion: "latest",
    sourceType: "script",
    onToken: (token) => {
      const value = token.type.label === "regexp" ? [token.value.pattern, token.value.flags]
        : token.value;
      tokens.push([token.type.label, value === undefined ? null : value,
        tokens.length > 0 && lineBreak.test(source.slice(end, token.start))]);
      end = token.end;
    },
  });
  return tokens;
});
process.stdout.write(JSON.stringify(result));
"""


@pytest.fixture(scope="module")
def tokens():
    """Tokens of sources, read by acorn in one run of node."""
    node = shutil.which("node")
    if node is None or not ACORN.is_dir():
        if os.environ.get("KB_REQUIRE_ESLINT"):
            pytest.fail(f"{MISSING} (KB_REQUIRE_ESLINT is set)")
        pytest.skip(MISSING)

    def read(*sources: str) -> list:
        result = subprocess.run(
            [node, "-e", _TOKENS, str(ACORN)],
            input=json.dumps(sources),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    return read


def test_every_served_script_has_its_source_tokens_and_line_breaks(tokens):
    names = [path.relative_to(THEME).as_posix() for path in SCRIPTS]
    assert "assets/kb/widget/panel.js" in names and "assets/kb/site.js" in names
    sources = [path.read_text(encoding="utf-8") for path in SCRIPTS]
    served = [served_script(source) for source in sources]
    # The bootstrap, with site facts that hold what a template and a string may hold.
    bootstrap = (THEME / "widget.js").read_text(encoding="utf-8")
    site = {"default": "en", "words": {"en": {"launcher": "`${x}` // \"'\n/*"}}}
    names.append("widget.js")
    sources.append(bootstrap.replace(BOOTSTRAP_MARKER, dumps(site, ascii_only=True)))
    served.append(render_bootstrap(bootstrap, site))
    # Each source as ASCII, as it is served (`ascii_script` escapes regular expressions too).
    read = tokens(*(ascii_script(source) for source in sources), *served)
    for index, name in enumerate(names):
        expected, actual = read[index], read[len(names) + index]
        assert len(actual) == len(expected), name
        for want, got in zip(expected, actual, strict=True):
            assert got == want, (name, want, got)
        # Served smaller: nothing of the source's comments and indentation is left.
        assert len(served[index]) < len(sources[index]) * 0.8, name


def test_hostile_cases_keep_their_tokens(tokens):
    """The cases of tests/unit/test_js.py, each in a function (some `return`)."""
    sources = [f"(function () {{\n{source}\n}});\n" for source, _ in CASES]
    read = tokens(*sources, *(js.strip(source) for source in sources))
    assert read[: len(sources)] == read[len(sources) :]
