"""hreflang on a page translated into some languages but not all: the fallback page that a
language without a translation shows claims no alternates."""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.sites import BASE_DOCS, build, make_project

SITE_URL = "https://help.example.com/"
# reset-password exists in en and sl, not in lv: lv shows the English text as a fallback.
PAGE = "faq/reset-password/"


def _head(html: str) -> tuple[dict[str, str], str]:
    """hreflang -> href of the alternates, and the canonical URL, of one built page."""
    soup = BeautifulSoup(html, "html.parser")
    alternates = {
        link["hreflang"]: link["href"]
        for link in soup.find_all("link", rel="alternate")
        if link.get("hreflang")
    }
    return alternates, soup.find("link", rel="canonical")["href"]


def test_partly_translated_page_has_hreflang_only_where_a_translation_exists(tmp_path):
    result = build(make_project(tmp_path / "project", dict(BASE_DOCS)), tmp_path / "site")
    assert result.returncode == 0, result.log
    cluster = {
        "en": f"{SITE_URL}{PAGE}",
        "sl": f"{SITE_URL}sl/{PAGE}",
        "x-default": f"{SITE_URL}{PAGE}",
    }
    for prefix in ("", "sl/"):
        alternates, canonical = _head(result.read(f"{prefix}{PAGE}index.html"))
        assert alternates == cluster, prefix
        assert canonical == f"{SITE_URL}{prefix}{PAGE}"
    fallback = result.read(f"lv/{PAGE}index.html")
    assert "Šī lapa vēl nav iztulkota latviešu valodā" in fallback
    alternates, canonical = _head(fallback)
    # Carrying the real versions' cluster would present this English text as their lv version.
    assert alternates == {}
    assert canonical == f"{SITE_URL}{PAGE}"
    assert f"{SITE_URL}lv/{PAGE}" not in result.read("lv/sitemap.xml")
