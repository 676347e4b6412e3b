"""Translation checks in a real build: a translation that differs from its source is a located
warning, logged once, that fails `--strict` only; an accept in its front matter silences it."""

from __future__ import annotations

from tests.sites import BASE_DOCS, build, make_project

SOURCE = (
    "---\nsummary: It takes 4 to 8 days.\ncategory: contacting-support\n---\n\n"
    "# How long does delivery take?\n\nBetween 4 and 8 working days. See [order numbers]"
    "(order-number.md).\n"
)
TRANSLATION = (
    "---\nsummary: Traja 5 do 8 dni.\n---\n\n# Koliko časa traja dostava?\n\n"
    "Od 5 do 8 delovnih dni.\n"
)
WARNINGS = [
    'docs/faq/delivery.sl.md:2: "5" is not in the source (docs/faq/delivery.md:2 has "4")',
    'docs/faq/delivery.sl.md:7: "5" is not in the source (docs/faq/delivery.md:8 has "4")',
    "docs/faq/delivery.sl.md:7: link to 'order-number.md' from the source is missing "
    "(docs/faq/delivery.md:8 has it)",
]


def test_a_difference_is_a_located_warning_that_fails_only_a_strict_build(tmp_path):
    docs = {**BASE_DOCS, "faq/delivery.md": SOURCE, "faq/delivery.sl.md": TRANSLATION}
    project = make_project(tmp_path / "project", docs)
    strict = build(project, tmp_path / "site")
    assert strict.returncode != 0
    for warning in WARNINGS:
        # Once, although every language's pass runs the hooks.
        assert strict.log.count(f"WARNING -  {warning}\n") == 1, strict.log
    assert "Traceback" not in strict.log
    lenient = build(project, tmp_path / "site2", strict=False)
    assert lenient.returncode == 0, lenient.log
    assert WARNINGS[0] in lenient.log


def test_accepted_differences_build_strictly(tmp_path):
    accepted = TRANSLATION.replace(
        "---\n\n#",
        "accept:\n"
        '  - {check: numbers, value: "5", reason: the Slovenian carrier needs a day more}\n'
        '  - {check: numbers, value: "4", reason: the Slovenian carrier needs a day more}\n'
        '  - {check: links, value: "order-number.md", reason: not translated yet}\n'
        "---\n\n#",
        1,
    )
    docs = {**BASE_DOCS, "faq/delivery.md": SOURCE, "faq/delivery.sl.md": accepted}
    project = make_project(tmp_path / "project", docs)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
