"""Valid HTML: the Nu Html Checker (vnu, pinned in package.json, run offline) finds no error in
any page of the built example site, except those allowed below, each with its reason.

vnu needs Java and `npm ci` (.ci/run installs both); without them the test is skipped loudly."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from tests.sites import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (message, the marked markup, why it stays): each must still occur, so a fixed one is removed.
ALLOWED = [
    (
        re.compile(r"^Attribute “autocomplete” is only allowed when the input type is "),
        re.compile(r'^<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"'),
        "Material's drawer and search toggles carry autocomplete=off, which keeps Firefox from "
        "restoring an open drawer or search after a reload or going back. They are written by "
        "Material's base.html outside any block, so removing the attribute means a copy of the "
        "whole page shell, and the behaviour it guards.",
    ),
]


def _marked(message: dict) -> str:
    """The markup vnu highlights in its extract."""
    start = message.get("hiliteStart", 0)
    return message.get("extract", "")[start : start + message.get("hiliteLength", 0)]


def _allowed_by(message: dict):
    """The allow-list entry that covers `message`, or None."""
    for entry in ALLOWED:
        text, markup, _ = entry
        if text.search(message["message"]) and markup.search(_marked(message)):
            return entry
    return None


@pytest.fixture(scope="module")
def vnu_messages(real_site):
    """vnu's errors for every HTML page of the example site."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.skip(
            "SKIPPED: the HTML validity test needs Java and vnu "
            "(apt-get install default-jre-headless; npm ci --ignore-scripts)"
        )
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json"]
        + [str(real_site.site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # vnu writes its report to stderr and exits non-zero when it found errors.
    report = json.loads(result.stderr or result.stdout)
    # "non-document-error": a page vnu could not read at all.
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def test_vnu_finds_no_error_outside_the_allow_list(real_site, vnu_messages):
    pages = list(real_site.site.rglob("*.html"))
    assert len(pages) > 80  # every page of the site was there to check
    errors = [
        f"{m['url'].split(str(real_site.site), 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        f" [{_marked(m).strip()[:120]}]"
        for m in vnu_messages
        if _allowed_by(m) is None
    ]
    assert errors == [], "\n".join(errors)


def test_every_allowed_error_still_occurs(vnu_messages):
    used = {id(_allowed_by(m)) for m in vnu_messages}
    stale = [entry[2] for entry in ALLOWED if id(entry) not in used]
    assert stale == [], "allowed errors that no longer occur (remove them): " + "; ".join(stale)
