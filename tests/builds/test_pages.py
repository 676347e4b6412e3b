"""One list of pages: the site is made of the files MkDocs lists (after exclude_docs and
draft_docs), nothing else. Real builds and `kb.py lint` on fixture projects."""

from __future__ import annotations

import json
import os
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from helpfirst import cli
from tests.scripts.test_kb import kb
from tests.sites import BASE_DOCS, build, make_project, run_python


def _entry(title: str, summary: str, extra: str = "") -> str:
    return f"---\nsummary: {summary}\ncategory: customer-portal\n{extra}---\n\n# {title}\n\nText.\n"


#: An excluded entry with a translation, a draft, an entry naming both as related, and an
#: entry whose Slovenian translation alone is excluded.
LEFT_OUT_DOCS = {
    **BASE_DOCS,
    "faq/retired-offer.md": _entry("Retired offer?", "Gone."),
    "faq/retired-offer.sl.md": "---\nsummary: Ni je več.\n---\n\n# Umaknjena ponudba?\n\nx\n",
    "faq/upcoming-feature.md": _entry("Upcoming feature?", "Not yet."),
    "faq/portal-login.md": _entry(
        "How do I sign in to the portal?",
        "With your email.",
        "related: [retired-offer, upcoming-feature, reset-password]\n",
    ),
    "faq/half-done.md": _entry("Half done?", "Only English."),
    "faq/half-done.sl.md": "---\nsummary: Napol.\n---\n\n# Napol narejeno?\n\nx\n",
}
LEFT_OUT_CONFIG = {
    "exclude_docs": "!/templates/\nfaq/retired-offer*\nfaq/half-done.sl.md\n",
    "draft_docs": "faq/upcoming-feature.md\n",
    "extra.kb.featured": ["retired-offer", "reset-password"],
    "extra.kb.widget": {"topics": {"account": ["upcoming-feature", "reset-password"]}},
}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
#: Text that only the left-out entries hold: none of it may reach any built file.
TRACES = ("retired-offer", "Retired offer", "Umaknjena", "upcoming-feature", "Upcoming feature")


@pytest.fixture(scope="module")
def left_out(tmp_path_factory):
    """The fixture project and its strict build."""
    where = tmp_path_factory.mktemp("left-out")
    project = make_project(where / "project", LEFT_OUT_DOCS, LEFT_OUT_CONFIG)
    result = build(project, where / "site")
    assert result.returncode == 0, result.log
    return project, result


def _html(result, path: str) -> BeautifulSoup:
    return BeautifulSoup(result.read(path), "html.parser")


def test_left_out_entries_leave_no_trace_in_any_built_file(left_out, capsys):
    _, result = left_out
    for path in sorted(result.site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".js", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            found = [trace for trace in TRACES if trace in text]
            assert not found, f"{path.relative_to(result.site)} holds {found}"
    for prefix in ("", "sl/", "lv/"):
        assert not (result.site / prefix / "faq/retired-offer").exists()
        assert not (result.site / prefix / "faq/upcoming-feature").exists()
    # And no link of the built site leads nowhere.
    status = cli.main(["check-links", str(result.site)])
    out = capsys.readouterr().out
    assert status == 0 and out == "", out


def test_listings_related_sitemap_hreflang_and_search_know_only_published_pages(left_out):
    _, result = left_out
    faq = [a["href"] for a in _html(result, "faq/index.html").select("article a[href]")]
    assert "portal-login/" in faq and "half-done/" in faq
    assert not [href for href in faq if "retired" in href or "upcoming" in href]
    # Related: the two left-out ids are skipped, the published one stays.
    related = _html(result, "faq/portal-login/index.html").select(".kb-related a[href]")
    assert [a["href"] for a in related] == ["../reset-password/"]
    # A Slovenian translation left out: static-i18n gives Slovenian no page at all, so the
    # Slovenian listing, sitemap, hreflang and search leave it out too.
    assert not (result.site / "sl/faq/half-done").exists()
    sl_faq = [a["href"] for a in _html(result, "sl/faq/index.html").select("article a[href]")]
    assert "half-done/" not in sl_faq and "portal-login/" in sl_faq
    hreflang = _html(result, "faq/half-done/index.html").select("link[hreflang]")
    assert "sl" not in {link["hreflang"] for link in hreflang}
    sitemaps = {
        prefix: [
            loc.text
            for loc in ElementTree.fromstring(result.read(f"{prefix}sitemap.xml")).iter(
                f"{SITEMAP}loc"
            )
        ]
        for prefix in ("", "sl/", "lv/")
    }
    assert "https://help.example.com/faq/half-done/" in sitemaps[""]
    assert not [loc for loc in sitemaps["sl/"] if "half-done" in loc]
    search = {
        lang: json.loads(result.read(f"search/kb-{lang}.json")) for lang in ("en", "sl", "lv")
    }
    assert "faq/half-done" in json.dumps(search["en"])
    assert "faq/half-done" not in json.dumps(search["sl"])
    widget = json.loads(result.read("assets/kb/widget/en.json"))
    assert "faq/reset-password/" in json.dumps(widget)


# What `mkdocs serve` does before it serves: the same build, told that it serves.
SERVE = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config

config = load_config("mkdocs.yml", site_dir=sys.argv[1])
config.plugins.on_startup(command="serve", dirty=False)
config.site_url = "http://127.0.0.1:8000/"
build(config, serve_url=config.site_url)
"""


def test_serve_shows_a_draft_in_the_language_static_i18n_builds_it_in(left_out, tmp_path):
    project, _ = left_out
    site = tmp_path / "served"
    served = run_python(project, "-c", SERVE, str(site))
    assert served.returncode == 0, served.stderr
    assert (site / "faq/upcoming-feature/index.html").is_file()
    en = BeautifulSoup((site / "faq/index.html").read_text("utf-8"), "html.parser")
    assert "upcoming-feature/" in [a["href"] for a in en.select("article a[href]")]
    # static-i18n builds Slovenian and Latvian without the drafts: nothing there links to it.
    for lang in ("sl", "lv"):
        assert not (site / lang / "faq/upcoming-feature").exists()
        listing = BeautifulSoup((site / lang / "faq/index.html").read_text("utf-8"), "html.parser")
        assert "upcoming-feature/" not in [a["href"] for a in listing.select("article a[href]")]
    # The excluded entry stays out even in serve.
    assert not (site / "faq/retired-offer").exists()


def test_lint_agrees_that_left_out_entries_are_no_problem(left_out):
    project, _ = left_out
    result = kb(project, "lint", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


LINK_CASES = {
    "link-to-excluded": (
        {
            "faq/old-link.md": _entry("Old link?", "x", "").replace(
                "Text.", "See [it](retired-offer.md)."
            )
        },
        "docs/faq/old-link.md:8: link to 'retired-offer.md', which exclude_docs or draft_docs leave out of the site (remove the link until that page is published)",
        False,
    ),
    "translation-of-excluded": (
        {"faq/upcoming-feature.lv.md": "---\nsummary: x\n---\n\n# Y?\n\nx\n"},
        "docs/faq/upcoming-feature.lv.md:1: translation of docs/faq/upcoming-feature.md, which exclude_docs or draft_docs leave out of the site (leave this file out too",
        True,
    ),
    "listing-to-missing-index": (
        # A guide in a category without FAQ entries: the home page's topic card links to the
        # guides index, which this knowledge base does not have.
        {
            "guides/index.md": None,
            "guides/mail.md": _entry("Mail guide", "x").replace(
                "customer-portal", "account-emails"
            ),
        },
        "docs/index.md:3: <!-- kb:home --> makes a link to 'guides/index.md#account-emails', which does not exist (add the page or heading the listing links to, or take the directive out of this page)",
        False,
    ),
    "listing-to-missing-heading": (
        # The FAQ index lists no categories, so the home page's topic cards find no heading.
        {"faq/index.md": "# FAQ\n\nAsk us.\n"},
        "docs/index.md:3: <!-- kb:home --> makes a link to 'faq/index.md#customer-portal': that page has no heading '#customer-portal'",
        False,
    ),
}


def _docs(extra: dict) -> dict:
    docs = {**LEFT_OUT_DOCS, **{k: v for k, v in extra.items() if v is not None}}
    return {k: v for k, v in docs.items() if extra.get(k, "") is not None}


@pytest.mark.parametrize("name", sorted(LINK_CASES))
def test_links_to_left_out_or_missing_pages_stop_build_and_lint(tmp_path, name):
    extra, message, fatal = LINK_CASES[name]
    project = make_project(tmp_path / "project", _docs(extra), LEFT_OUT_CONFIG)
    result = build(project, tmp_path / "site", strict=not fatal)
    assert result.returncode != 0
    assert message in result.log, result.log
    assert "Traceback" not in result.log
    linted = kb(project, "lint")
    assert linted.returncode == 1
    assert message in linted.stdout, linted.stdout + linted.stderr


def test_symbolic_links_in_docs_stop_build_and_lint_with_their_path(tmp_path):
    project = make_project(tmp_path / "project", dict(BASE_DOCS))
    outside = tmp_path / "outside"
    (outside / "shared").mkdir(parents=True)
    (outside / "secret.txt").write_text("secret\n", encoding="utf-8")
    (outside / "shared/page.md").write_text("# Shared\n\nx\n", encoding="utf-8")
    os.symlink(outside / "secret.txt", project / "docs/secret.txt")
    os.symlink(outside / "shared", project / "docs/shared", target_is_directory=True)
    os.symlink("../index.md", project / "docs/faq/home.md")
    expected = [
        "docs/faq/home.md: a symbolic link (to ../index.md); docs/ may hold only real files (copy the file in instead)",
        f"docs/secret.txt: a symbolic link (to {outside}/secret.txt); docs/ may hold only real files (copy the file in instead)",
        f"docs/shared: a symbolic link (to {outside}/shared/); docs/ may hold only real files (copy the folder in instead)",
    ]
    # Without --strict too: the site would publish what the links point at.
    result = build(project, tmp_path / "site", strict=False)
    assert result.returncode != 0
    for message in expected:
        assert result.log.count(message) == 1, result.log
    assert "Traceback" not in result.log
    assert not (tmp_path / "site/secret.txt").exists()
    linted = kb(project, "lint")
    assert linted.returncode == 1
    assert [line for line in linted.stdout.splitlines() if "symbolic" in line] == expected
