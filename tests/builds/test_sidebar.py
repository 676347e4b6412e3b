"""Material's navigation sidebar and tabs, made once for the pages of a folder the navigation
does not show (helpfirst.adapter.nav_cache): every page's still lead where its language's home
page's do, in that language's words. A real build of a fixture project, read with an HTML
parser."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from tests.sites import BASE_DOCS, build, make_project, run_python

GUIDE = "---\nsummary: {0}.\ncategory: customer-portal\n---\n\n# {0}\n\nStep one.\n"
DOCS = {
    **BASE_DOCS,
    "guides/set-up-the-portal.md": GUIDE.format("Set up the portal"),
    "guides/set-up-the-portal.sl.md": "---\nsummary: Nastavitev.\n---\n\n# Nastavitev\n\nKorak.\n",
}
HOMES = {"en": "", "sl": "sl/", "lv": "lv/"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    where = tmp_path_factory.mktemp("sidebar")
    result = build(make_project(where / "project", DOCS), where / "site")
    assert result.returncode == 0, result.log
    return result


def _sidebar(site, url: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The sidebar's and the tabs' labels and links (text, address they lead to), anchors of
    the page's own table of contents left out."""
    soup = BeautifulSoup(site.read(url + "index.html"), "html.parser")
    page = "https://help.example.com/" + url
    found = []
    for nav in soup.select("nav.md-nav--primary, nav.md-tabs"):
        links = [
            (link.get_text(" ", strip=True), urljoin(page, link["href"]))
            for link in nav.select("a[href]")
            if not link["href"].startswith("#")
        ]
        found.append((nav["aria-label"], links))
    return found


@pytest.mark.parametrize("lang", HOMES)
def test_every_pages_sidebar_leads_where_its_homes_does(site, lang):
    home = HOMES[lang]
    expected = _sidebar(site, home)
    assert len(expected) == 2 and all(links for _, links in expected)
    others = tuple(root for root in HOMES.values() if root and root != home)
    pages = [
        path.parent.relative_to(site.site).as_posix() + "/"
        for path in sorted(site.site.glob(f"{home}*/*/index.html"))
    ]
    pages = [page for page in pages if not page.startswith(others)]
    assert {page.split("/")[-3] for page in pages} >= {"faq", "guides"}, pages
    for page in pages:
        assert _sidebar(site, page) == expected, page


# Two builds in one process, as `mkdocs serve` rebuilds (the hook module is loaded once), with
# a category's name changed in between.
TWO_BUILDS = """
import sys
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

for number, label in enumerate(["Portal before", "Portal after"]):
    path = Path("mkdocs.yml")
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["extra"]["kb"]["categories"]["customer-portal"]["en"] = label
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    build(load_config("mkdocs.yml", site_dir=f"{sys.argv[1]}/{number}"))
"""


def test_a_second_build_in_the_same_process_shows_its_own_sidebar_and_tabs(tmp_path):
    project = make_project(tmp_path / "project", DOCS)
    built = run_python(project, "-c", TWO_BUILDS, str(tmp_path))
    assert built.returncode == 0, built.stderr
    for number, label in enumerate(["Portal before", "Portal after"]):
        soup = BeautifulSoup(
            (tmp_path / str(number) / "faq/order-number/index.html").read_text("utf-8"),
            "html.parser",
        )
        assert label in soup.select_one("nav.md-nav--primary").get_text(" ", strip=True)
