"""Where pages land: the language switcher of a page with no versions (a 404 page)."""

from __future__ import annotations

from helpfirst import urls

SWITCHER = [
    {"name": "English", "link": "templates/welcome/", "lang": "en"},
    {"name": "Slovenščina", "link": "sl/templates/welcome/", "lang": "sl"},
]


def test_home_switcher_links_each_language_to_its_home_from_the_servers_root():
    homes = urls.home_switcher(SWITCHER, "en", "https://help.example.com/")
    assert homes == [
        {"name": "English", "link": "/", "lang": "en"},
        {"name": "Slovenščina", "link": "/sl/", "lang": "sl"},
    ]


def test_home_switcher_keeps_the_folder_the_site_is_served_from():
    homes = urls.home_switcher(SWITCHER, "sl", "https://example.com/help")
    assert [entry["link"] for entry in homes] == ["/help/en/", "/help/"]
    assert urls.home_switcher(SWITCHER, "en", "/")[1]["link"] == "/sl/"
