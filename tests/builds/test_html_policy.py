"""The HTML policy in real builds: hostile raw HTML on every page type never reaches the built
site (read with an HTML parser), each case is reported with its `path:line`, a strict build
stops, a non-strict build succeeds with the safe output, and `kb.py lint` says the same."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from tests.hostile_sites import HTML_DOCS, HTML_PAGES, HTML_PAYLOADS
from tests.scripts.test_kb import kb
from tests.sites import BASE_DOCS, build, config_line, make_project

pytestmark = pytest.mark.build

_MESSAGE = re.compile(r"^WARNING\s+-\s+(docs/\S+:\d+: .* is not allowed in content \(.*\))$", re.M)
# What the site's own templates put around a body (Material's inline scripts, JSON-LD).
_SITE_SCRIPT = re.compile(r"^(__md_|\s*var\s|\s*document\.)|^\{")


def _expected_messages() -> set[str]:
    """`path:line: <what> is not allowed in content` for every case in every fixture file."""
    expected = set()
    for path, text in HTML_DOCS.items():
        lines = text.split("\n")
        for payload, named in HTML_PAYLOADS:
            if payload not in text:
                continue
            # The payload's last line: an attribute list follows the paragraph it belongs to.
            last = payload.split("\n")[-1]
            line = next(number for number, line in enumerate(lines, 1) if line == last)
            for what in named:
                expected.add(f"docs/{path}:{line}: {what} is not allowed in content")
    return expected


def test_every_case_is_reported_with_its_line_and_the_strict_build_stops(tmp_path):
    project = make_project(tmp_path / "project", HTML_DOCS)
    result = build(project, tmp_path / "site", strict=True)
    assert result.returncode != 0
    assert "Traceback" not in result.log
    reported = {message.split(" (")[0] for message in _MESSAGE.findall(result.log)}
    assert reported == _expected_messages()
    # Each once, though static-i18n renders an untranslated page again for each language.
    assert len(_MESSAGE.findall(result.log)) == len(reported)


def test_the_non_strict_build_holds_only_what_the_policy_allows(html_policy_site):
    site = html_policy_site.site
    assert len(_MESSAGE.findall(html_policy_site.log)) == len(_expected_messages())
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(site)
        assert soup.find("base") is None, where
        assert soup.find("meta", attrs={"http-equiv": True}) is None, where
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                assert not name.startswith("on"), (where, element)
                if name in ("href", "src", "action", "data", "formaction"):
                    text = re.sub(r"\s", "", str(value)).lower()
                    assert not text.startswith(("javascript:", "data:", "vbscript:")), where
            assert element.name not in ("iframe", "object", "embed", "frame"), where
        for script in soup.find_all("script"):
            assert script.get("src") or _SITE_SCRIPT.search(script.string or ""), (where, script)
        article = soup.select_one("article")
        if article is None:
            continue
        for furniture in article.select(".kb-entry-footer, form.kb-feedback"):
            furniture.decompose()  # the site's own "Was this page helpful?" form
        for element in article.find_all(True):
            banned = ("script", "style", "form", "link", "meta", "svg", "noscript", "input")
            assert element.name not in banned or _is_checkbox(element), (where, element)
            style = element.get("style")
            assert style is None or element.name in ("th", "td"), (where, element)


def _is_checkbox(element) -> bool:
    """A checkbox: what an input becomes (task lists write one too)."""
    return element.name == "input" and element.get("type") == "checkbox"


@pytest.mark.parametrize("path", HTML_PAGES)
def test_every_page_type_still_shows_its_safe_text(html_policy_site, path):
    soup = BeautifulSoup(html_policy_site.read(path + "index.html"), "html.parser")
    article = soup.select_one("article")
    text = article.get_text(" ")
    for kept in ("A paragraph that wants to be clicked.", "Hidden text", "Click me", "Overlay"):
        assert kept in text, (path, kept)
    assert article.select_one("details summary").get_text() == "More"
    assert article.select_one("img[src='missing.png']") is not None


def test_nothing_of_a_payload_reaches_search_structured_data_or_the_widget(html_policy_site):
    site = html_policy_site.site
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js"):
            text = path.read_text(encoding="utf-8")
            assert "kbPwned" not in text, path
            assert "evil.example" not in text, path
    for lang in ("en", "sl"):
        payload = json.dumps(json.loads((site / "search" / f"kb-{lang}.json").read_bytes()))
        assert "alert" not in payload and "msgbox" not in payload
        # The text inside an element that goes with its content ("Plugin needed" in <object>).
        assert '"plugin' not in payload
    ld = BeautifulSoup(html_policy_site.read("faq/hostile-html/index.html"), "html.parser")
    answer = ld.select_one('script[type="application/ld+json"]').string
    assert "Hidden text" in answer and "Plugin" not in answer
    # The entry is still found by its safe text ("Hidden text").
    assert '"hidden"' in (site / "search" / "kb-en.json").read_text(encoding="utf-8")


def test_lint_reports_what_the_build_reports(tmp_path, html_policy_site):
    project = make_project(tmp_path / "project", HTML_DOCS)
    linted = kb(project, "lint")
    assert linted.returncode == 1
    built = set(_MESSAGE.findall(html_policy_site.log))
    assert {
        line for line in linted.stdout.splitlines() if "not allowed in content" in line
    } == built


def test_a_site_owner_can_allow_more_html(tmp_path):
    docs = {
        **BASE_DOCS,
        "faq/video.md": (
            "---\nsummary: A video.\ncategory: customer-portal\n---\n\n# Is there a video?\n\n"
            '<iframe src="https://video.example/embed/1" allowfullscreen></iframe>\n'
        ),
    }
    allowed = {"tags": ["iframe"], "attributes": {"iframe": ["src", "allowfullscreen"]}}
    project = make_project(tmp_path / "project", docs, {"extra.kb.html": allowed})
    result = build(project, tmp_path / "site", strict=True)
    assert result.returncode == 0, result.log
    iframe = BeautifulSoup(result.read("faq/video/index.html"), "html.parser").select_one(
        "article iframe"
    )
    assert iframe["src"] == "https://video.example/embed/1"


_CONTENT_MISTAKES = (
    "---\nsummary: Mistakes.\ncategory: customer-portal\n---\n\n# Where is my order?\n\n"
    "![Parcel](https://images.example/parcel.png)\n\n"
    "## Search { #__search }\n\n"
    "Order <ABC-123> is late; `<ABC-124>` is written as code.\n"
)


def test_outside_images_reserved_ids_and_bare_tags_are_reported_by_build_and_lint(tmp_path):
    project = make_project(
        tmp_path / "project", {**BASE_DOCS, "faq/mistakes.md": _CONTENT_MISTAKES}
    )
    result = build(project, tmp_path / "site", strict=True)
    assert result.returncode != 0
    assert "Traceback" not in result.log
    path = "docs/faq/mistakes.md"
    expected = [
        f"{path}:8: the image address https://images.example/parcel.png is not allowed in content"
        " (put the image in docs/ and link to it there: pages load nothing from other hosts;"
        " extra.kb.html.image_hosts can allow a host)",
        f"{path}:10: the id __search is not allowed in content (choose another id, one not"
        " beginning with __ and not one of the site's own (AUTHORING.md lists them); a heading"
        " takes one with { #its-id })",
        f"{path}:12: <ABC-123> looks like an HTML tag and is removed;"
        " write it as `<ABC-123>` in backticks or escape it as &lt;ABC-123&gt;",
    ]
    warned = [line.split(" - ", 1)[1].strip() for line in result.log.splitlines() if path in line]
    assert sorted(warned) == sorted(expected)
    linted = kb(project, "lint")
    assert linted.returncode == 1
    assert sorted(line for line in linted.stdout.splitlines() if path in line) == sorted(expected)
    page = BeautifulSoup(
        build(project, tmp_path / "lenient", strict=False).read("faq/mistakes/index.html"),
        "html.parser",
    )
    article = page.select_one("article")
    assert article.select_one("img[src*='images.example']") is None
    assert article.select_one("#__search") is None
    assert len(page.select("#__search")) == 1  # the theme's own search toggle
    assert "<ABC-124>" in article.select_one("code").get_text()


def test_a_site_owner_can_allow_image_hosts(tmp_path):
    docs = {**BASE_DOCS, "faq/mistakes.md": _CONTENT_MISTAKES.split("## Search")[0]}
    settings = {"extra.kb.html": {"image_hosts": ["images.example"]}}
    project = make_project(tmp_path / "project", docs, settings)
    result = build(project, tmp_path / "site", strict=True)
    assert result.returncode == 0, result.log
    page = BeautifulSoup(result.read("faq/mistakes/index.html"), "html.parser")
    assert page.select_one("article img")["src"] == "https://images.example/parcel.png"


def test_a_wrong_setting_is_named_with_its_key(tmp_path):
    project = make_project(
        tmp_path / "project", BASE_DOCS, {"extra.kb.html": {"tags": ["iframe"], "attrs": {}}}
    )
    result = build(project, tmp_path / "site", strict=True)
    assert result.returncode != 0
    line = config_line(project, "attrs: {}")
    assert (
        f"mkdocs.yml:{line}: extra.kb.html.attrs: unknown setting"
        " (allowed: attributes, image_hosts, tags)" in (result.log)
    )


def test_the_example_site_is_within_the_policy(real_site):
    assert "not allowed in content" not in real_site.log
    # The widget demo's contact form comes from the page's template, in the page's language.
    for prefix, placeholder in (("", "For example"), ("sl/", "Na primer"), ("lv/", "Piemēram")):
        soup = BeautifulSoup(real_site.read(prefix + "widget/index.html"), "html.parser")
        form = soup.select_one("article form#kb-demo-form")
        assert form is not None, prefix
        assert form.select_one("input#kb-demo-subject")["placeholder"].startswith(placeholder)
        assert form.find_next_sibling("h2") is not None  # in its place, before "Embed it"
