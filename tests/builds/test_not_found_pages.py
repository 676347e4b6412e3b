"""Each language's 404 page, in a real build of the example site: a title saying the page was
not found in that language, and a language menu that leads to each language's home."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from tests.sites import ROOT

PREFIXES = {"en": "", "sl": "sl/", "lv": "lv/"}
SITE_NAMES = {
    "en": "Helpfirst Help Centre",
    "sl": "Center za pomoč Helpfirst",
    "lv": "Helpfirst palīdzības centrs",
}


def _strings(lang: str) -> dict:
    path = ROOT / "hooks" / "helpfirst" / "strings" / f"{lang}.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", PREFIXES)
def test_404_title_says_not_found_in_its_language(real_site, lang):
    soup = BeautifulSoup(real_site.read(f"{PREFIXES[lang]}404.html"), "html.parser")
    assert soup.html["lang"] == lang
    not_found = _strings(lang)["notfound.title"]
    assert soup.title.get_text(strip=True) == f"{not_found} - {SITE_NAMES[lang]}"
    assert soup.find("h1").get_text(strip=True) == not_found


@pytest.mark.parametrize("lang", PREFIXES)
def test_404_language_menu_leads_to_each_languages_home(real_site, lang):
    soup = BeautifulSoup(real_site.read(f"{PREFIXES[lang]}404.html"), "html.parser")
    menu = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link[hreflang]")}
    # From the server's root: a 404 page is served at any address.
    assert menu == {"en": "/", "sl": "/sl/", "lv": "/lv/"}
