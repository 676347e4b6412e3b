"""Heading structure: a heading more than one level below the one before it is reported with
its line; code, indented lines and levels that go back up are not."""

from __future__ import annotations

from helpfirst import headings
from helpfirst.content import Entry


def _entry(body: str, body_line: int = 6) -> Entry:
    return Entry(
        src_uri="guides/g.md",
        display_path="docs/guides/g.md",
        lang="en",
        id="g",
        kind="guide",
        body=body,
        body_line=body_line,
    )


def test_levels_are_read_with_their_lines_outside_code():
    body = "# T\n\n```md\n### not a heading\n```\n\n## A\n    ### indented\n#hashtag\n###### Six\n"
    assert headings.levels(body, 10) == [(10, 1), (16, 2), (19, 6)]


def test_a_skipped_level_is_reported_at_its_line_with_the_fix():
    problems = headings.check(_entry("# Guide\n\nIntro.\n\n### Step\n"))
    assert [str(p) for p in problems] == [
        "docs/guides/g.md:10: heading level 3 follows level 1, skipping a level "
        "(make it '##', or add the heading it belongs under)"
    ]
    assert not problems[0].fatal


def test_each_step_down_is_one_level_and_going_back_up_is_free():
    body = "# G\n\n## Part\n\n### Step\n\n#### Detail\n\n## Next part\n\n### Step\n"
    assert headings.check(_entry(body)) == []
    # A page whose title comes from its front matter may start at `##`, not deeper.
    assert headings.check(_entry("## Section\n")) == []
    assert [p.line for p in headings.check(_entry("### Section\n"))] == [6]


def test_every_skip_is_reported_not_only_the_first():
    body = "# G\n\n### A\n\n## B\n\n#### C\n"
    assert [(p.line, p.message) for p in headings.check(_entry(body, 1))] == [
        (3, "heading level 3 follows level 1, skipping a level"),
        (7, "heading level 4 follows level 2, skipping a level"),
    ]


def test_setext_headings_are_read_on_their_titles_line_as_markdown_reads_them():
    body = (
        "Title\n=====\n\nIntro.\nNot a title\n---\n\n---\nAfter a rule\n---\n\n"
        "```md\nIn code\n-------\n```\n\n    Indented\n    ---\n## Hashes\n---\nNext\n===\n"
    )
    assert headings.levels(body, 1) == [(1, 1), (9, 2), (19, 2), (21, 1)]


def test_html_headings_are_read_outside_code_spans_comments_and_fences():
    body = (
        "Use `<h3>` or ``<h4 class=x>`` <!-- <h5> --> here.\n\n"
        '<h3 class="x">Three</h3>\n<H2>Two</H2>\n<header>no</header> <hr>\n\n'
        "```html\n<h6>code</h6>\n```\n"
    )
    assert headings.levels(body, 5) == [(7, 3), (8, 2)]


def test_skips_are_reported_across_setext_and_html_headings():
    body = "Guide\n=====\n\n<h3>Step</h3>\n\nPart\n----\n\n#### Detail\n"
    assert [(p.line, p.message) for p in headings.check(_entry(body, 1))] == [
        (4, "heading level 3 follows level 1, skipping a level"),
        (9, "heading level 4 follows level 2, skipping a level"),
    ]
