"""Hostile titles and summaries (`<img onerror>`, `</script>`, `&`, quotes) found through the
real site search and the real widget in Chromium: shown literally, no element injected, no
script run."""

from __future__ import annotations

import pytest

from helpfirst.tools.search_box import search, wait_until_ready
from tests.browser.test_widget import (
    SHADOW,
    _clean,
    _help_paths,
    _HelpSite,
    _Host,
    _open,
    _origin,
    _search,
    _start,
    _watch,
)
from tests.browser.watch import watch
from tests.hostile_sites import ESCAPE_TEXTS, ESCAPE_WORD

REFS = {f"faq/hostile-{number}": text for number, text in enumerate(ESCAPE_TEXTS)}
# Elements a hostile text would inject, anywhere in the page or the widget's shadow root.
INJECTED = "img, script:not([src]):not([type]), iframe, svg"
COUNT = (
    "() => [...document.querySelectorAll('*')].length + "
    f"[...({SHADOW}?.querySelectorAll('*') || [])].length"
)


def _dialogs(page) -> list[str]:
    """Collect (and dismiss) every alert the page opens."""
    opened: list[str] = []
    page.on("dialog", lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
    return opened


@pytest.fixture(scope="module")
def escape_url(escape_site, serve):
    return serve(escape_site.site)


@pytest.mark.parametrize("prefix", ["", "sl/"])
def test_site_search_shows_hostile_titles_and_summaries_literally(page, escape_url, prefix):
    problems, dialogs = watch(page, escape_url), _dialogs(page)
    page.goto(escape_url + prefix)
    wait_until_ready(page)
    scripts = page.locator(INJECTED).count()
    result = search(page, ESCAPE_WORD)
    assert not result["timed_out"]
    articles = page.locator(".md-search-result__article")
    shown = articles.evaluate_all(
        """els => els.map((a) => [
            a.querySelector('h1').firstChild.textContent,
            [...a.childNodes].slice(2).map((n) => n.textContent).join(''),
            [...a.querySelectorAll('*')].map((e) => e.localName).join(' '),
        ])"""
    )
    # On sl/ a space separates the title from the "not yet translated" label.
    space = " " if prefix else ""
    expected = sorted([text + space, text] for text in ESCAPE_TEXTS)
    assert sorted(row[:2] for row in shown) == expected
    for _title, _summary, elements in shown:
        # The icon and the title (with the "not yet translated" label on sl/), then the summary.
        assert elements == ("div h1 span" if prefix else "div h1"), elements
    assert page.locator(INJECTED).count() == scripts
    assert page.evaluate("window.kbPwned") is None
    assert dialogs == [] and problems == []


@pytest.fixture(scope="module")
def widget_sites(escape_site, tmp_path_factory):
    """The hostile help site (with the widget's CORS header) and a shop that embeds it."""
    help_server, help_url = _start(_HelpSite, escape_site.site)
    host = _Host(tmp_path_factory.mktemp("shop"))
    host.help_origins.append(_origin(help_url))
    yield {"help": help_url, "sl": help_url, "broken": help_url, "host": host}
    help_server.shutdown()


def test_widget_shows_hostile_titles_and_summaries_literally(page, widget_sites):
    help_url, host = widget_sites["help"], widget_sites["host"]
    url = host.page("hostile-titles.html", help_url)
    problems, requests = _watch(page, widget_sites)
    dialogs = _dialogs(page)
    page.goto(url)
    _open(page)
    refs = _search(page, ESCAPE_WORD)
    assert sorted(refs) == sorted(REFS)
    rows = page.evaluate(
        f"""() => [...{SHADOW}.querySelectorAll('.results .result')].map((b) => [
            b.dataset.kbRef,
            b.querySelector('.result-title').textContent,
            b.querySelector('.result-summary').textContent,
            [...b.querySelectorAll('*')].map((e) => e.localName).join(' '),
        ])"""
    )
    for ref, title, summary, elements in rows:
        assert title == summary == REFS[ref]
        assert elements == "span span", elements
    elements = page.evaluate(COUNT)
    # Each answer opens in the panel: its title as text, its body sanitised.
    for ref, text in REFS.items():
        page.locator(f"kb-help .result[data-kb-ref='{ref}']").click()
        page.locator("kb-help .answer .content:not([aria-busy]) p").first.wait_for()
        assert page.locator("kb-help .answer h3").text_content() == text
        assert page.locator("kb-help .answer h3 *").count() == 0
        assert page.locator(f"kb-help .answer .content :is({INJECTED})").count() == 0
        page.locator("kb-help .back").click()
        page.locator("kb-help .search").wait_for(state="visible")
        assert page.evaluate(COUNT) == elements
    assert page.evaluate("window.kbPwned") is None
    assert dialogs == []
    assert all(not path.endswith("/x") for path in _help_paths(requests, help_url))
    _clean(page, problems)
