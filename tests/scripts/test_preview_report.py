"""`kb preview-report` and `kb check-links` on two fixture builds with known differences: a page
added, an answer changed, a translation gone stale, a translation removed."""

from __future__ import annotations

import json
import re
import subprocess
from types import SimpleNamespace

import pytest

from helpfirst import cli, translations
from helpfirst.content import parse_entry
from tests.sites import BASE_DOCS, build, make_project

LV = (
    "---\nsummary: Pieteikšanās lapā izvēlieties saiti.\n---\n\n# Kā atiestatīt paroli?\n\n"
    "Atveriet pieteikšanās lapu.\n\n## Joprojām neizdodas { #still-stuck }\n\nRakstiet mums.\n"
)


def _recorded(source_text: str, translation_text: str) -> str:
    """The translation with its source's current fingerprint recorded."""
    source = parse_entry("faq/reset-password.md", "docs/faq/reset-password.md", source_text, "en")
    return translations.record(translation_text, translations.fingerprint(source))


def _base_docs():
    source = BASE_DOCS["faq/reset-password.md"]
    return {
        **BASE_DOCS,
        "faq/reset-password.sl.md": _recorded(source, BASE_DOCS["faq/reset-password.sl.md"]),
        "faq/reset-password.lv.md": _recorded(source, LV),
        "files/price-list.pdf": "%PDF-1.4 prices of 2026\n",
        "images/old-logo.svg": "<svg/>\n",
    }


def _head_docs():
    docs = _base_docs()
    del docs["faq/reset-password.lv.md"]  # a translation removed
    docs["faq/reset-password.md"] = docs["faq/reset-password.md"].replace(
        "choose **Forgot password**", "choose **Reset password**"
    )  # the source changes: the Slovenian translation is now stale
    docs["faq/order-number.md"] = docs["faq/order-number.md"].replace(
        "In the confirmation email.", "In the confirmation email and in your account."
    )  # a changed answer
    docs["faq/cancel-order.md"] = (
        "---\nsummary: Within 14 days.\ncategory: contacting-support\n---\n\n"
        "# Can I cancel an order?\n\nYes, within 14 days.\n"
    )  # an added page
    docs["files/price-list.pdf"] = "%PDF-1.4 prices of 2027\n"  # a changed file
    docs["images/portal.png"] = "\x89PNG\n"  # an added image
    del docs["images/old-logo.svg"]  # a removed one
    return docs


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The base and head fixture projects, each built once."""
    where = tmp_path_factory.mktemp("report")
    built = {}
    for name, docs in (("base", _base_docs()), ("head", _head_docs())):
        project = make_project(where / name, docs)
        result = build(project, where / f"{name}-site")
        assert result.returncode == 0, result.log
        built[name] = (project, result.site)
    return built


@pytest.fixture
def kb(capsys):
    """Run `kb <subcommand> ...` in this process: its exit status, stdout and stderr."""

    def run(*args):
        status = cli.main([str(arg) for arg in args])
        out, err = capsys.readouterr()
        return SimpleNamespace(returncode=status, stdout=out, stderr=err)

    return run


def test_report_lists_pages_coverage_and_stale_translations(sites, kb):
    project, head = sites["head"]
    _, base = sites["base"]
    result = kb(
        "preview-report",
        base,
        head,
        "-f",
        project / "mkdocs.yml",
        "--no-structured-data",
        "--preview-url",
        "https://preview.example.com/",
    )
    assert result.returncode == 0, result.stderr
    report = result.stdout
    lines = report.splitlines()
    start = lines.index(
        "| language | pages | added | removed | changed | translated | stale | missing |"
    )
    table = [line for line in lines[start:] if line.startswith("| ")][:4]
    assert table == [
        "| language | pages | added | removed | changed | translated | stale | missing |",
        "| en | 7 | 1 | 0 | 4 | — | — | — |",
        "| lv | 7 | 1 | 0 | 5 | 2 of 7 (29%) −1 | 0 | 5 |",
        "| sl | 7 | 1 | 0 | 4 | 3 of 7 (43%) | 1 | 4 |",
    ]
    assert (
        "- **en added:** [/faq/cancel-order/](https://preview.example.com/faq/cancel-order/)"
        in report
    )
    # The changed answer, the changed source, and the home and FAQ index that list the new page.
    assert (
        "- **en changed:** [/](https://preview.example.com/), "
        "[/faq/](https://preview.example.com/faq/), "
        "[/faq/order-number/](https://preview.example.com/faq/order-number/), "
        "[/faq/reset-password/](https://preview.example.com/faq/reset-password/)"
    ) in report
    assert (
        "- **lv translation removed:** "
        "[/lv/faq/reset-password/](https://preview.example.com/lv/faq/reset-password/)"
    ) in report
    assert re.search(
        r"- stale: `docs/faq/reset-password.sl.md` \(source changed since [0-9a-f]{8}\)", report
    )
    assert "<summary>Translations: 1 stale, 9 missing</summary>" in report
    assert "<summary>Structured data: not run</summary>" in report
    assert "structured data: not run · broken links: 0 · search quality: not run" in report
    assert "<summary>Broken links: 0; base: 0</summary>" in report
    # Short enough for a pull-request comment, details folded.
    assert report.count("<details>") == report.count("</details>") == 7
    assert len(report) < 6000


def test_report_lists_files_that_are_not_pages_added_removed_and_changed(sites, kb, tmp_path):
    project, head = sites["head"]
    _, base = sites["base"]
    result = kb("preview-report", base, head, "-f", tmp_path / "none.yml", "--no-structured-data")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    start = lines.index("<summary>Other files added, removed and changed (3)</summary>")
    assert lines[start + 1 : start + 6] == [
        "",
        "- **added:** `/images/portal.png`",
        "- **removed:** `/images/old-logo.svg`",
        "- **changed:** `/files/price-list.pdf`",
        "",
    ]


def test_report_shows_checks_search_figures_sizes_and_broken_links(sites, kb, tmp_path):
    project, head_site = sites["head"]
    _, base_site = sites["base"]
    head = tmp_path / "head"
    subprocess.run(["cp", "-r", str(head_site), str(head)], check=True)
    page = head / "faq/order-number/index.html"
    text = page.read_text(encoding="utf-8")
    # A question whose answer is only suggested: the structured-data check finds it.
    assert text.count('"acceptedAnswer"') == 1
    text = text.replace('"acceptedAnswer"', '"suggestedAnswer"')
    page.write_text(text + '<a href="../nowhere/">x</a>', encoding="utf-8")
    (head / "widget.js").write_text("x" * 1000, encoding="utf-8")  # smaller than the base's
    (head / "search" / "kb-new.json").write_text("{}", encoding="utf-8")
    figures = {"hit1": 0.5, "hit3": 0.75, "mrr": 0.6, "queries": 20}
    search_base = tmp_path / "base.json"
    search_head = tmp_path / "head.json"
    search_base.write_text(json.dumps({"ours": {"en": figures}}))
    search_head.write_text(json.dumps({"ours": {"en": {**figures, "mrr": 0.65}}}))
    result = kb(
        "preview-report",
        base_site,
        head,
        "-f",
        project / "mkdocs.yml",
        "--search-base",
        search_base,
        "--search-head",
        search_head,
    )
    assert result.returncode == 0, result.stderr
    report = result.stdout
    assert "structured data: 2 problem(s), failed" in report
    assert ("faq/order-number/index.html: unknown property 'suggestedAnswer' on Question") in report
    assert (
        "faq/order-number/index.html: question 'Where do I find my order number?' has 0 "
        "accepted answers (give it exactly one)"
    ) in report
    assert "search MRR: en 0.65 (+0.050)" in report
    assert "| ours | en | 20 | 0.500 (±0) | 0.750 (±0) | 0.650 (+0.050) |" in report
    assert re.search(r"\| `widget.js` \| 1,000 \| \d+ \| \u2212[\d,]+ \|", report)
    assert re.search(r"\| `search/kb-new.json` \| 2 \| \d+ \| new \|", report)
    assert "- `faq/order-number/index.html: no such file: ../nowhere/`" in report
    assert "<summary>Broken links: 1; base: 0</summary>" in report
    # The link check on its own says the same and fails.
    links = kb("check-links", head)
    assert links.returncode == 1
    assert links.stdout == "faq/order-number/index.html: no such file: ../nowhere/\n"
    assert links.stderr == "kb.py check-links: 1 broken link(s)\n"


def test_report_shows_synonym_sets_only_when_they_change(sites, kb, tmp_path):
    project, head_site = sites["head"]
    _, base_site = sites["base"]
    unchanged = _report(kb, project, base_site, head_site)
    assert unchanged.returncode == 0, unchanged.stderr
    assert "Synonym sets" not in unchanged.stdout
    head = tmp_path / "head"
    subprocess.run(["cp", "-r", str(head_site), str(head)], check=True)
    index = head / "search" / "kb-en.json"
    payload = json.loads(index.read_text(encoding="utf-8"))
    payload["synonyms"] = [[["forgot", "password"], ["lost", "password"]], [["order"], ["purchas"]]]
    index.write_text(json.dumps(payload), encoding="utf-8")
    result = _report(kb, project, base_site, head)
    assert result.returncode == 0, result.stderr
    assert "<summary>Synonym sets changed (2)</summary>" in result.stdout
    assert "- en added: `forgot password ≈ lost password`" in result.stdout
    assert "- en added: `order ≈ purchas`" in result.stdout
    # The other way round, the sets are removed.
    reverse = _report(kb, project, head, base_site)
    assert "- en removed: `order ≈ purchas`" in reverse.stdout


def _report(kb, project, base, head):
    return kb("preview-report", base, head, "-f", project / "mkdocs.yml", "--no-structured-data")


def test_report_on_a_clean_head_passes_the_structured_data_check(sites, kb, tmp_path):
    result = kb("preview-report", tmp_path / "no-base", sites["head"][1], "-o", tmp_path / "r.md")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "structured data: clean · broken links: 0" in report


def test_report_without_base_or_docs_says_what_was_not_compared(sites, kb, tmp_path):
    _, head = sites["head"]
    result = kb(
        "preview-report",
        tmp_path / "no-base",
        head,
        "-f",
        tmp_path / "none.yml",
        "--no-structured-data",
    )
    assert result.returncode == 0, result.stderr
    assert "The base site could not be built: no comparison with it." in result.stdout
    assert "| en | 7 | n/a | n/a | n/a | — | — | — |" in result.stdout
    assert "Stale and missing translations: n/a" in result.stdout


def test_link_check_passes_on_a_clean_site(sites, kb):
    result = kb("check-links", sites["base"][1])
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert result.stderr == "kb.py check-links: 0 broken link(s)\n"


def test_the_checks_refuse_a_folder_that_is_not_a_built_site(kb, tmp_path):
    for command in ("check-links", "check-structured-data"):
        result = kb(command, tmp_path)
        assert result.returncode == 2
        assert result.stderr == f"kb.py: {tmp_path} is not a built site (no index.html)\n"
    # With the site's address given, index.html is not needed, but pages are.
    for folder in (tmp_path, tmp_path / "absent"):
        result = kb("check-structured-data", folder, "--site-url", "https://help.example.com/")
        assert result.returncode == 2
        assert result.stderr == f"kb.py: {folder} is not a built site (no HTML pages)\n"
    result = kb("preview-report", tmp_path, tmp_path)
    assert result.returncode == 2
