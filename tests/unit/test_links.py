"""Every verdict of the link check, with its exact message: same-page anchors, translation
files, folders, anchors on other pages, site-absolute links and links from the home page."""

from __future__ import annotations

import random

import pytest

from helpfirst import links
from helpfirst.sources import SiteFiles, SourceFile, site_files

FILES = site_files(
    [
        SourceFile("index.md", "i"),
        SourceFile("faq/a.md", "a"),
        SourceFile("faq/b.md", "b"),
        SourceFile("faq/b.sl.md", "bs"),
        SourceFile("faq/gone.md", "g", published=False),
        SourceFile("images/logo.png", "l"),
    ]
)
ANCHORS = {"faq/a.md": {"top"}, "faq/b.md": {"here"}}


def _judge(target: str, page_uri: str = "faq/b.md") -> str | None:
    problem = links.judge(f"docs/{page_uri}", page_uri, 3, target, FILES, ANCHORS)
    return str(problem) if problem else None


def test_anchors_on_the_same_page():
    assert _judge("#here") is None
    assert _judge("#") is None
    assert _judge("#here", "faq/a.md") == (
        "docs/faq/a.md:3: no heading '#here' on this page (check the anchor)"
    )
    assert _judge("#nowhere", "index.md") == (
        "docs/index.md:3: no heading '#nowhere' on this page (check the anchor)"
    )


def test_anchors_on_another_page():
    assert _judge("a.md#top") is None
    assert _judge("a.md") is None
    assert _judge("a.md#here") == (
        "docs/faq/b.md:3: link to 'a.md#here': that page has no heading '#here'"
        " (check the anchor against the target page's headings in this language)"
    )
    # A page whose built HTML offered no ids at all has none to link to.
    assert _judge("../index.md#top") == (
        "docs/faq/b.md:3: link to '../index.md#top': that page has no heading '#top'"
        " (check the anchor against the target page's headings in this language)"
    )
    # An escaped anchor is compared as the reader's browser decodes it.
    assert links.judge("p", "faq/b.md", 1, "a.md#t%6Fp", FILES, ANCHORS) is None


def test_a_link_to_a_translation_file():
    assert _judge("b.sl.md") == (
        "docs/faq/b.md:3: link to a translation file 'b.sl.md'"
        " (link to b.md: each language links to its own version)"
    )


def test_a_translation_of_a_page_left_out_is_left_out_too():
    assert _judge("gone.sl.md") == (
        "docs/faq/b.md:3: link to 'gone.sl.md', which exclude_docs or draft_docs leave out of"
        " the site (remove the link until that page is published)"
    )


def test_links_to_folders_and_other_files_suggest_the_markdown_file():
    assert _judge("../images/") == (
        "docs/faq/b.md:3: link to '../images/', which is not a file of the help centre"
        " (link to the Markdown file, such as ../images/index.md)"
    )
    assert _judge("images", "index.md") == (
        "docs/index.md:3: link to 'images', which is not a file of the help centre"
        " (link to the Markdown file, such as images/index.md)"
    )
    assert _judge("/faq/c/") == (
        "docs/faq/b.md:3: link to '/faq/c/', which is not a file of the help centre"
        " (link to the Markdown file, such as c.md)"
    )
    assert _judge("/faq/X/").endswith("(link to the Markdown file, such as X.md)")
    assert _judge("../images/missing.png") == (
        "docs/faq/b.md:3: link to '../images/missing.png', which is not a file of the help centre"
        " (link to the Markdown file, such as ../images/missing.png.md)"
    )


def test_site_absolute_and_external_links():
    assert links.resolve("/faq/a.md#top", "guides/g.md") == ("faq/a.md", "top")
    assert links.resolve("/X.md", "faq/x.md") == ("X.md", "")
    assert links.resolve("a%20b.md", "faq/x.md") == ("faq/a b.md", "")
    assert _judge("/faq/a.md") is None
    assert _judge("/images/logo.png") is None
    assert links.is_external("//cdn.example.com/x.js")
    assert not links.is_external("/faq/a.md")
    assert _judge("//cdn.example.com/missing.md") is None


def test_a_listing_link_is_reported_at_its_directive_only_when_one_is_named():
    problem = links.judge("docs/index.md", "index.md", 5, "faq/none.md", FILES, {})
    assert str(problem) == (
        "docs/index.md:5: link to 'faq/none.md', which does not exist"
        " (check the file name and folder, relative to this file)"
    )
    listed = links.judge("docs/index.md", "index.md", 5, "faq/none.md", FILES, {}, "featured")
    assert (listed.path, listed.line) == ("docs/index.md", 5)
    assert listed.fatal is False


def test_links_in_inline_code_are_not_links_but_those_beside_it_are():
    text = "Type `[a](x.md)` then [b](y.md).\n`x`[c](z.md)\n"
    assert links.find_links(text) == [(1, "y.md"), (2, "z.md")]
    assert links.find_links("[a](x.md)\n") == [(1, "x.md")]


def test_an_empty_site_has_no_folders():
    assert SiteFiles().is_folder("faq") is False


def test_a_footnote_is_no_link_but_a_link_in_its_text_is():
    text = "Text.[^1]\n\n[^1]: See the guide, [refunds](refunds.md).\n[ref]: other.md\n"
    assert links.find_links(text) == [(3, "refunds.md"), (4, "other.md")]


# --- the ids a page offers to links ---------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<h2 id=\"when\">When</h2><p id='b'>x</p>",
        'id="first" at the start, then\tid="tab" and\nid="line"',
        '<a data-id="x" href="#y">no id</a><p class="id=z">text id= alone</p>',
        '<p title="a id=\'inner\'" id="outer">x</p>',
        '<p id="one" id="two">next to each other</p>',
        '<p id="">empty</p><p id="a\'b">quote</p> id="unclosed',
        "",
    ],
)
def test_anchor_ids_are_the_ones_a_full_scan_finds(html):
    assert links.anchor_ids(html) == set(links._ID_ATTRIBUTE.findall(html))


def test_anchor_ids_of_generated_html_are_the_ones_a_full_scan_finds():
    pieces = [" ", "\t", "id=", "id", "=", '"', "'", "a", "<p ", ">", "x id="]
    rng = random.Random(5)
    for _ in range(20000):
        html = "".join(rng.choices(pieces, k=rng.randint(0, 12)))
        assert links.anchor_ids(html) == set(links._ID_ATTRIBUTE.findall(html)), html
