"""The hostile structured-data page in real Chromium: one JSON-LD script whose text parses to
what was written, no script run from content, and the question as the document's title."""

from __future__ import annotations

import json

import lxml.html
import pytest

from tests.hostile_sites import HOSTILE_QUESTION

pytestmark = pytest.mark.browser


def test_chromium_reads_one_json_ld_block_and_runs_no_content(page, structured_site, serve):
    base_url = serve(structured_site.site)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base_url + "faq/hostile/", wait_until="networkidle")
    blocks = page.eval_on_selector_all(
        'script[type="application/ld+json"]', "scripts => scripts.map(s => s.textContent)"
    )
    assert len(blocks) == 1
    parsed = page.evaluate("text => JSON.parse(text)", blocks[0])
    html = structured_site.read("faq/hostile/index.html")
    (written,) = lxml.html.document_fromstring(html.encode("utf-8")).xpath(
        '//script[@type="application/ld+json"]'
    )
    assert parsed == json.loads(written.text)
    assert page.evaluate("document.scripts.length") == html.count("<script")
    assert page.title().startswith(f"Is {HOSTILE_QUESTION} safe?")
    assert dialogs == []
