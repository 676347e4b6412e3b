"""The HTML tokenizer that search documents and structured data read pages with builds the
trees of the standard library's parser on every page of the example site, read whole (head,
navigation, scripts, icons)."""

from __future__ import annotations

import pytest

from helpfirst.fragments import parse
from tests.unit.test_fragments import joined, reference_tree

pytestmark = pytest.mark.build


def test_the_tokenizer_reads_every_built_page_as_html_parser_does(real_site):
    pages = sorted(real_site.site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert joined(parse(html)) == reference_tree(html), path
