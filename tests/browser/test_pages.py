"""Each language's home page and an entry page, in real Chromium: no console errors, no failed
requests, nothing requested from another host, the language switcher keeps the entry, the
palette toggle works, and a page load styles the whole page only once."""

from __future__ import annotations

import json

import pytest

from tests.browser.watch import watch

PAGES = [
    "",
    "faq/support-email-contents/",
    "templates/welcome/",
    "guides/write-to-customer-service/",
]
PREFIXES = {"en": "", "sl": "sl/", "lv": "lv/"}


@pytest.fixture(scope="module")
def base_url(real_site, serve):
    return serve(real_site.site)


@pytest.mark.parametrize("lang", PREFIXES)
@pytest.mark.parametrize("path", PAGES)
def test_page_renders_without_errors_or_failed_requests(page, base_url, lang, path):
    problems = watch(page, base_url)
    page.goto(base_url + PREFIXES[lang] + path, wait_until="networkidle")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("article h1").first.is_visible()
    page.wait_for_timeout(300)
    assert problems == []


def test_language_switcher_goes_to_same_entry_after_navigating_in_the_site(page, base_url):
    problems = watch(page, base_url)
    page.goto(base_url + "sl/", wait_until="networkidle")
    # Navigate inside the site (with navigation.instant on, Material keeps the header).
    page.locator("article a[href*='support-email-contents']").first.click()
    page.wait_for_url("**/sl/faq/support-email-contents/")
    page.wait_for_load_state("networkidle")
    hrefs = page.eval_on_selector_all(
        "a.md-select__link[hreflang]", "els => els.map(e => [e.hreflang, e.href])"
    )
    assert dict(hrefs)["lv"] == base_url + "lv/faq/support-email-contents/"
    assert dict(hrefs)["en"] == base_url + "faq/support-email-contents/"
    assert problems == []


def test_feedback_no_offers_contact_with_page_named(page, base_url):
    page.goto(base_url + "lv/faq/email-or-call/", wait_until="networkidle")
    form = page.locator("form.kb-feedback")
    assert form.is_visible()
    form.locator("button[value=no]").click()
    link = form.locator(".kb-feedback__sorry a")
    assert link.is_visible()
    href = link.get_attribute("href")
    assert href.startswith("mailto:support@example.com?subject=")
    assert "email-or-call" in href


@pytest.mark.parametrize("system", ["light", "dark"])
def test_palette_follows_the_system_then_the_readers_choice(browser, base_url, system):
    other = {"light": "dark", "dark": "light"}[system]
    schemes = {"light": "default", "dark": "slate"}
    context = browser.new_context(color_scheme=system)
    page = context.new_page()
    try:
        problems = watch(page, base_url)
        page.goto(base_url + "sl/", wait_until="networkidle")
        body = page.locator("body")
        assert body.get_attribute("data-md-color-scheme") == schemes[system]
        assert page.locator("meta[name=color-scheme]").get_attribute("content") == system
        toggle = page.locator("form[data-kb-palette] label:visible")
        assert toggle.count() == 1
        # The toggle shown offers the other scheme, in the page's language.
        assert (
            toggle.get_attribute("title")
            == {"light": "Temni način", "dark": "Svetli način"}[system]
        )
        toggle.click()
        assert body.get_attribute("data-md-color-scheme") == schemes[other]
        assert page.locator("meta[name=color-scheme]").get_attribute("content") == other
        # The choice outlives the page, and Enter on the toggle switches back.
        page.goto(base_url + "sl/faq/email-or-call/", wait_until="networkidle")
        assert body.get_attribute("data-md-color-scheme") == schemes[other]
        page.locator("form[data-kb-palette] input:checked, #__palette_0").first.focus()
        page.keyboard.press("Enter")
        assert body.get_attribute("data-md-color-scheme") == schemes[system]
        # The switching mark (Material's transition guard) is taken off right after the switch.
        page.wait_for_function(
            "!document.body.hasAttribute('data-md-color-switching')", timeout=2000
        )
        assert problems == []
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "sl/faq/email-or-call/"])
def test_a_page_load_styles_the_whole_page_once(browser, base_url, path):
    # Each recalculation of every element's style is main-thread time a phone pays before the
    # page answers (Lighthouse's total blocking time): Material's palette component alone caused
    # four at every load (partials/palette.html). Chromium's trace counts the elements of each.
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto("about:blank")
        browser.start_tracing(page=page, categories=["devtools.timeline"])
        page.goto(base_url + path, wait_until="load")
        page.wait_for_timeout(1000)
        events = json.loads(browser.stop_tracing())["traceEvents"]
        elements = page.evaluate("document.getElementsByTagName('*').length")
    finally:
        context.close()
    # From the start of Material's script: before it, the parser may show the page in parts.
    start = min(
        event["ts"]
        for event in events
        if event.get("name") == "EvaluateScript"
        and "/assets/javascripts/bundle." in event["args"]["data"].get("url", "")
    )
    recalculated = [
        event["args"]["elementCount"]
        for event in events
        if event.get("name") == "UpdateLayoutTree"
        and event.get("ph") == "X"
        and event["ts"] >= start
        and (event.get("args") or {}).get("elementCount", 0) > elements * 0.8
    ]
    assert len(recalculated) == 1, f"{len(recalculated)} full style recalculations of {elements}"
