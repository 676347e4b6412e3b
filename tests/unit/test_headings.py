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
