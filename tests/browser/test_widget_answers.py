"""The widget's answer view in real Chromium, on a host page of another origin under a strict
CSP: every entry's answer in every language shows the text of its page's answer, read from the
answer built for the widget (never the page itself), and hostile content stays inert."""

from __future__ import annotations

import json

import pytest

from tests.browser import test_widget
from tests.browser.test_widget import (
    SHADOW,
    _clean,
    _help_paths,
    _HelpSite,
    _open,
    _origin,
    _search,
    _start,
    _watch,
)
from tests.builds.test_answers import article_text, entry_pages
from tests.builds.test_site import LANGUAGES

CONTENT = "kb-help .answer .content"
#: The help sites and the shop of the widget's tests (a fixture of this module too).
sites = test_widget.sites


def _shown_text(page):
    """The answer's text as the widget shows it, once loaded, whitespace collapsed."""
    page.wait_for_function(
        f"() => {{ const c = {SHADOW}.querySelector('.answer .content');"
        " return c && !c.hasAttribute('aria-busy'); }"
    )
    return " ".join(page.locator(CONTENT).text_content().split())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_answer_shows_its_pages_answer_text(page, sites, real_site, lang):
    help_url, host = sites["help"], sites["host"]
    url = host.page(f"answers-{lang}.html", help_url, lang=lang)
    problems, requests = _watch(page, sites)
    page.goto(url)
    _open(page)
    entries = [e for e in entry_pages(real_site.site) if e[0] == lang]
    assert len(entries) == 22
    for _lang, section, entry_id, path in entries:
        ref = f"{section}/{entry_id}"
        html = path.read_text(encoding="utf-8")
        title = json.loads(real_site.read(f"{LANGUAGES[lang]}answers/{entry_id}.json"))["title"]
        assert ref in _search(page, title), (lang, ref)
        page.locator(f"kb-help .search .result[data-kb-ref='{ref}']").click()
        assert _shown_text(page) == article_text(html), (lang, ref)
        page.locator("kb-help .back").click()
    loaded = _help_paths(requests, help_url)
    # The answers, never an entry's page (whose inline styles the host's CSP would report).
    assert not [p for p in loaded if p.endswith(("/", ".html"))], loaded
    assert len([p for p in loaded if "answers/" in p]) == 22
    _clean(page, problems)  # no CSP violation reported in the host page either


@pytest.fixture(scope="module")
def hostile_help(sites, html_policy_site):
    """The site of every hostile HTML case, served as a help site the shop allows."""
    server, url = _start(_HelpSite, html_policy_site.site)
    sites["host"].help_origins.append(_origin(url))
    yield url
    server.shutdown()


@pytest.mark.parametrize(("lang", "ref"), [("en", "faq/hostile-html"), ("sl", "faq/hostile-html"),
                                           ("en", "guides/hostile-steps"),
                                           ("en", "templates/hostile-template")])  # fmt: skip
def test_hostile_answers_stay_inert_in_the_widget(page, sites, hostile_help, lang, ref):
    url = sites["host"].page(f"hostile-answer-{lang}.html", hostile_help, lang=lang)
    problems, _ = _watch(page, sites)
    page.on("dialog", lambda dialog: problems.append(f"dialog: {dialog.message}"))
    page.goto(url)
    _open(page)
    assert ref in _search(page, "HTML" if lang == "en" else "HTML odgovor")
    page.locator(f"kb-help .search .result[data-kb-ref='{ref}']").click()
    _shown_text(page)
    content = page.locator(CONTENT)
    dangerous = "script, style, iframe, img, svg, form, input, object, embed, base, meta, link"
    assert content.locator(dangerous).count() == 0
    hrefs = content.locator("a[href]").evaluate_all("els => els.map((a) => a.href)")
    assert all(href.startswith(hostile_help) for href in hrefs), hrefs
    page.wait_for_timeout(300)
    assert page.evaluate("window.kbPwned") is None
    # Other hosts: the help site of this test is not one of the module's three.
    problems[:] = [p for p in problems if not p.startswith(f"third-party: {hostile_help}")]
    _clean(page, problems)
