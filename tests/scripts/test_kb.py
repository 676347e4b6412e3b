"""scripts/kb.py on fixture projects, run as an author runs it: translations, lint, new."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.builds.test_validation import CASES
from tests.sites import BASE_DOCS, ROOT, build, make_project

KB = ROOT / "scripts" / "kb.py"


def kb(project, *args) -> subprocess.CompletedProcess:
    """Run scripts/kb.py in `project`, as `python scripts/kb.py ...` from its folder."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, str(KB), *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


# --- translations ------------------------------------------------------------------------------


def test_translations_lists_missing_and_unrecorded_per_language(tmp_path):
    project = make_project(tmp_path / "project", dict(BASE_DOCS))
    result = kb(project, "translations")
    assert result.returncode == 0, result.stderr
    unrecorded = "(compare it with docs/{0}.md, then: kb.py translations --update docs/{0}.{1}.md)"
    assert result.stdout.splitlines() == [
        "sl: 0 of 6 current; 0 stale, 3 not recorded, 3 missing",
        "  not recorded docs/faq/index.sl.md " + unrecorded.format("faq/index", "sl"),
        "  missing      docs/faq/order-number.sl.md (translate docs/faq/order-number.md)",
        "  not recorded docs/faq/reset-password.sl.md "
        + unrecorded.format("faq/reset-password", "sl"),
        "  missing      docs/guides/index.sl.md (translate docs/guides/index.md)",
        "  not recorded docs/index.sl.md " + unrecorded.format("index", "sl"),
        "  missing      docs/templates/index.sl.md (translate docs/templates/index.md)",
        "lv: 0 of 6 current; 0 stale, 2 not recorded, 4 missing",
        "  not recorded docs/faq/index.lv.md " + unrecorded.format("faq/index", "lv"),
        "  missing      docs/faq/order-number.lv.md (translate docs/faq/order-number.md)",
        "  missing      docs/faq/reset-password.lv.md (translate docs/faq/reset-password.md)",
        "  missing      docs/guides/index.lv.md (translate docs/guides/index.md)",
        "  not recorded docs/index.lv.md " + unrecorded.format("index", "lv"),
        "  missing      docs/templates/index.lv.md (translate docs/templates/index.md)",
    ]


def test_the_example_site_records_every_translation_as_current():
    result = kb(ROOT, "translations")
    assert result.stdout.splitlines() == [
        "sl: 27 of 27 current; 0 stale, 0 not recorded, 0 missing",
        "lv: 27 of 27 current; 0 stale, 0 not recorded, 0 missing",
    ]


def test_update_records_the_source_then_a_source_change_makes_it_stale(tmp_path):
    project = make_project(tmp_path / "project", dict(BASE_DOCS))
    translation = project / "docs/faq/reset-password.sl.md"
    before = translation.read_bytes()
    recorded = kb(project, "translations", "--update", "docs/faq/reset-password.sl.md")
    assert recorded.returncode == 0, recorded.stderr
    value = re.search(r'source_hash: "([0-9a-f]{8})"', recorded.stdout).group(1)
    after = translation.read_bytes()
    # Only the record is added: every byte the translator wrote is kept.
    assert after.replace(f'source_hash: "{value}"\n'.encode(), b"", 1) == before
    listing = kb(project, "translations", "--lang", "sl").stdout
    assert "reset-password" not in listing
    source = project / "docs/faq/reset-password.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("choose **Forgot", "choose **Reset"),
        encoding="utf-8",
    )
    listing = kb(project, "translations", "--lang", "sl").stdout
    assert re.search(
        rf"  stale        docs/faq/reset-password.sl.md \(docs/faq/reset-password.md changed "
        rf"since {value}; now [0-9a-f]{{8}}\)",
        listing,
    ), listing
    # A stale translation is listed, never a build problem.
    assert kb(project, "lint").returncode == 0


def test_update_refuses_a_file_that_is_not_a_translation(tmp_path):
    project = make_project(tmp_path / "project", dict(BASE_DOCS))
    result = kb(project, "translations", "--update", "docs/faq/reset-password.md")
    assert result.returncode != 0
    assert "docs/faq/reset-password.md: not a translation of this site" in result.stderr


# --- lint --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CASES))
def test_lint_reports_each_seeded_problem_like_the_build(tmp_path, name):
    extra, message, _fatal = CASES[name]
    project = make_project(tmp_path / "project", {**BASE_DOCS, **extra})
    result = kb(project, "lint")
    assert result.returncode == 1
    assert message in result.stdout, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_lint_prints_exactly_the_messages_of_a_strict_build(tmp_path):
    docs = {**BASE_DOCS}
    for name in ("unknown-key", "unknown-related", "broken-link", "broken-anchor", "no-title"):
        docs.update(CASES[name][0])
    docs["faq/reset-password.sl.md"] += "\n[nowhere](order-number.md#nothing-here)\n"
    project = make_project(tmp_path / "project", docs)
    built = build(project, tmp_path / "site")
    logged = sorted(
        set(re.findall(r"^(?:WARNING|ERROR)\s+-\s+(docs/\S+:\d+: .*)$", built.log, re.M))
    )
    linted = kb(project, "lint")
    assert linted.returncode == 1
    # The build logs translation differences as warnings too; lint marks them as such.
    printed = [line.removesuffix(" [warning]") for line in linted.stdout.splitlines()]
    assert sorted(printed) == logged
    assert len(logged) == 7, built.log


def test_lint_warns_about_glossary_variants_and_leftover_todo_text(tmp_path):
    docs = {
        **BASE_DOCS,
        "faq/order-number.md": BASE_DOCS["faq/order-number.md"].replace(
            "In the confirmation email.", "In the confirmation email or the Client Portal."
        ),
        "faq/reset-password.sl.md": BASE_DOCS["faq/reset-password.sl.md"].replace(
            "Pišite nam.", "TODO: translate the last line."
        ),
    }
    project = make_project(tmp_path / "project", docs)
    (project / "glossary").mkdir()
    (project / "glossary/en.yml").write_text("customer portal: [client portal]\n", "utf-8")
    result = kb(project, "lint")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines() == [
        "docs/faq/order-number.md:9: 'Client Portal' is not the glossary term (write 'customer portal', as glossary/en.yml says) [warning]",
        "docs/faq/reset-password.sl.md:11: text left to write (replace the 'TODO:' text) [warning]",
    ]
    assert kb(project, "lint", "--strict").returncode == 1


def test_lint_checks_synonym_sets(tmp_path):
    """Every problem of a synonym file at its line, and a non-zero exit."""
    project = make_project(tmp_path / "project", BASE_DOCS)
    (project / "glossary").mkdir()
    (project / "glossary/synonyms.en.yml").write_text(
        "- [forgot password, lost password]\n"
        "- [order number, order no]\n"
        "- [Lost  Passwords, cannot log in]\n"
        "- [the, confirmation]\n"
        "- [sign-in page, email]\n"
        "- [lonely]\n"
        "- {not: a list}\n",
        "utf-8",
    )
    (project / "glossary/synonyms.de.yml").write_text("- [Passwort, Kennwort]\n", "utf-8")
    (project / "glossary/synonyms.sl.yml").write_text("- [geslo, ]\n- [", "utf-8")
    result = kb(project, "lint")
    assert result.returncode == 1, result.stdout
    path = "glossary/synonyms.en.yml"
    assert sorted(result.stdout.splitlines()) == sorted(
        [
            "glossary/synonyms.de.yml:1: this site has no language 'de' (name the file synonyms.<lang>.yml for one of: en, sl, lv)",
            f"{path}:3: 'Lost  Passwords' is already a synonym on line 1 (keep each word in one set: merge the sets or remove it)",
            f"{path}:4: 'the' has only stop words, so it finds nothing (use a word that says what the reader means)",
            f"{path}:5: this set's words stand in 2 of 2 entries, so a search with one of them finds nearly everything (keep only words that name one thing)",
            f"{path}:6: a synonym set needs two or more members (add one or remove the set)",
            f"{path}:7: a synonym set must be a list (write '- [word, other word]', one set a line)",
            "glossary/synonyms.sl.yml:2: not valid YAML (write '- [word, other word]', one set a line)",
        ]
    )


def test_lint_warns_about_translation_differences_and_fails_on_them_with_strict(tmp_path):
    from tests.builds.test_translation_checks import SOURCE, TRANSLATION, WARNINGS

    docs = {**BASE_DOCS, "faq/delivery.md": SOURCE, "faq/delivery.sl.md": TRANSLATION}
    project = make_project(tmp_path / "project", docs)
    result = kb(project, "lint")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [f"{warning} [warning]" for warning in WARNINGS]
    assert "0 problem(s), 3 warning(s)" in result.stderr
    assert kb(project, "lint", "--strict").returncode == 1


def test_lint_is_clean_on_the_example_site():
    result = kb(ROOT, "lint", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


# --- new ---------------------------------------------------------------------------------------


def test_new_scaffolds_every_kind_in_every_language_and_a_strict_build_passes(tmp_path):
    project = make_project(tmp_path / "project", dict(BASE_DOCS))
    for args in (
        ("faq", "cancel-order", "--category", "contacting-support"),
        ("guide", "first-steps", "--category", "customer-portal", "--title", "First steps"),
        ("template", "order-shipped"),
    ):
        result = kb(project, "new", *args)
        assert result.returncode == 0, result.stderr
    for name in ("faq/cancel-order", "guides/first-steps", "templates/order-shipped"):
        for suffix in (".md", ".sl.md", ".lv.md"):
            assert (project / "docs" / f"{name}{suffix}").is_file(), name + suffix
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.log
    assert "First steps" in built.read("sl/guides/first-steps/index.html")
    assert 'class="kb-subject"' in built.read("lv/templates/order-shipped/index.html")
    # The placeholders are there to be replaced, and lint says where.
    linted = kb(project, "lint")
    assert linted.returncode == 0
    assert "docs/faq/cancel-order.sl.md:2: text left to write" in linted.stdout
    # Untranslated placeholders are not recorded translations.
    assert "not recorded docs/faq/cancel-order.lv.md" in kb(project, "translations").stdout


def test_new_refuses_to_overwrite_and_writes_nothing(tmp_path):
    project = make_project(tmp_path / "project", dict(BASE_DOCS))
    (project / "docs/faq/cancel-order.lv.md").write_text("# Mine\n", encoding="utf-8")
    result = kb(project, "new", "faq", "cancel-order", "--category", "customer-portal")
    assert result.returncode != 0
    assert "docs/faq/cancel-order.lv.md exists already: nothing was written" in result.stderr
    assert not (project / "docs/faq/cancel-order.md").exists()
    assert (project / "docs/faq/cancel-order.lv.md").read_text(encoding="utf-8") == "# Mine\n"


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ("faq", "Cancel_Order", "--category", "customer-portal"),
            "'Cancel_Order' is not a valid id",
        ),
        (("faq", "cancel-order"), "a faq needs --category, one of: account-emails,"),
        (("faq", "cancel-order", "--category", "billing"), "unknown category 'billing'"),
        (
            ("guide", "order-number", "--category", "customer-portal"),
            "the id 'order-number' is used by docs/faq/order-number.md",
        ),
    ],
)
def test_new_explains_what_it_cannot_do(tmp_path, args, message):
    project = make_project(tmp_path / "project", dict(BASE_DOCS))
    result = kb(project, "new", *args)
    assert result.returncode != 0
    assert message in result.stderr
    assert sorted(p.name for p in (project / "docs").rglob("cancel-order*")) == []


# --- search ------------------------------------------------------------------------------------


def test_search_builds_the_language_and_ranks_with_the_sites_analysers(tmp_path):
    project = make_project(tmp_path / "project", dict(BASE_DOCS))
    result = kb(project, "search", "--lang", "sl", "gesla")  # the text says "geslo"
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.fullmatch(r" 1\. \d+\.\d{3}  faq/reset-password  Kako ponastavim geslo\?", lines[0])
    assert lines[1].strip() == "/sl/faq/reset-password/"
    assert len(lines) == 2  # the English-only entry is not in the Slovenian index


def test_search_reads_a_built_site_and_takes_any_input(real_site):
    result = kb(
        ROOT, "search", "--lang", "lv", "--site", str(real_site.site), "paroles atiestatisana"
    )
    assert result.returncode == 0, result.stderr
    assert "templates/password-reset" in result.stdout.splitlines()[0]
    for text in ["*:~^+-", '"(', "\u2028", ""]:
        hostile = kb(ROOT, "search", "--site", str(real_site.site), text)
        assert hostile.returncode == 0, hostile.stderr
        assert hostile.stdout == f"no results in en for {text!r}\n"


def test_search_names_an_unknown_language(real_site):
    result = kb(ROOT, "search", "--lang", "de", "--site", str(real_site.site), "x")
    assert result.returncode == 2
    assert result.stderr == "kb.py: unknown language 'de' (use one of: en, sl, lv)\n"
