"""Which pages share Material's sidebar (helpfirst.adapter.nav_cache), on MkDocs' own
navigation objects."""

from __future__ import annotations

from types import SimpleNamespace

from mkdocs.structure.nav import Link, Navigation, Section

from helpfirst.adapter.nav_cache import NavCache


def _page(url: str, parent=None):
    return SimpleNamespace(url=url, parent=parent, title=url, is_homepage=url == "")


def _site(*links: str):
    """Home and the FAQ section (its index and `links`), an entry outside the navigation
    whose parent is a section MkDocs made before the navigation was replaced."""
    home, faq = _page(""), _page("faq/")
    section = Section("FAQ", [faq, *(Link(url, url) for url in links)])
    faq.parent = section
    nav = Navigation([home, section], [home, faq])
    config = SimpleNamespace(extra={}, theme={"logo": "assets/logo.svg"})
    return nav, config, faq, section


def test_pages_outside_the_navigation_share_their_folders_sidebar():
    nav, config, _, _ = _site("faq/#billing")
    old_section = Section("Faq", [])
    keys = NavCache()
    assert keys.page_key(_page("faq/reset/", old_section), nav, config) == ("faq",)
    assert keys.page_key(_page("faq/order/"), nav, config) == ("faq",)
    assert keys.page_key(_page("sl/guides/setup/"), nav, config) == ("sl", "guides")
    assert keys.page_key(_page("faq/page/2/"), nav, config) == ("faq", "page")
    assert keys.page_key(_page("about/"), nav, config) == ()
    assert keys.page_key(_page("faq/reset.html"), nav, config) is None  # "faq/" leads in
    assert keys.page_key(_page("help/reset.html"), nav, config) == ()


def test_a_page_the_navigation_shows_active_has_its_own():
    nav, config, faq, section = _site()
    keys = NavCache()
    assert keys.page_key(faq, nav, config) is None
    assert keys.page_key(nav.homepage, nav, config) is None
    assert keys.page_key(_page("faq/later/", section), nav, config) is None


def test_a_page_whose_folder_a_link_leads_into_has_its_own():
    nav, config, _, _ = _site("faq/page/2/#billing", "faq/reset")
    keys = NavCache()
    assert keys.page_key(_page("faq/page/2/"), nav, config) is None
    assert keys.page_key(_page("faq/reset/"), nav, config) is None
    assert keys.page_key(_page("faq/page/3/"), nav, config) == ("faq", "page")
    assert keys.page_key(_page("assets/logo.svg/"), nav, config) is None


def test_a_page_without_navigation_has_its_own():
    nav, config, _, _ = _site()
    keys = NavCache()
    assert keys.page_key(_page("faq/x/"), None, config) is None
    assert keys.page_key(None, nav, config) is None


def test_each_part_is_made_once_per_key_and_every_time_without_one():
    made = []

    def caller():
        made.append(1)
        return f"<nav>{len(made)}</nav>"

    keys = NavCache()
    assert keys.render_once(("faq",), "nav", caller) == "<nav>1</nav>"
    assert keys.render_once(("faq",), "nav", caller) == "<nav>1</nav>"
    assert keys.render_once(("faq",), "tabs", caller) == "<nav>2</nav>"
    assert keys.render_once(("faq",), "tabs", caller) == "<nav>2</nav>"
    assert keys.render_once(("guides",), "nav", caller) == "<nav>3</nav>"
    assert keys.render_once((), "nav", caller) == "<nav>4</nav>"
    assert keys.render_once((), "nav", caller) == "<nav>4</nav>"
    assert keys.render_once(None, "nav", caller) == "<nav>5</nav>"
    assert keys.render_once(None, "nav", caller) == "<nav>6</nav>"
    assert len(made) == 6
