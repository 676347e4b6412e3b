"""The site's search box in real Chromium: typed queries in each language find their entry in
the top 3, only that language's pages appear, counts use the language's plural forms, the
default-language fallback is labelled, and no input breaks it."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from helpfirst.strings import strings
from helpfirst.tools.search_box import INPUT, META, search, wait_until_ready
from tests.browser.watch import watch

PREFIXES = {"en": "", "sl": "sl/", "lv": "lv/"}
# Read from the content: inflected forms not in the text, no diacritics, a typo, other words.
QUERIES = {
    "en": [
        ("passwords", "templates/password-reset"),
        ("custmer portal", "faq/customer-portal"),
        ("attachments", "faq/support-email-attachments"),
        ("subject line", "faq/support-email-subject"),
    ],
    "sl": [
        ("geslom", "templates/password-reset"),
        ("priponke", "faq/support-email-attachments"),
        ("zadevo sporocila", "faq/support-email-subject"),
        ("telefon ali mejl", "faq/email-or-call"),
    ],
    "lv": [
        ("paroles atiestatisana", "templates/password-reset"),
        ("pielikumi", "faq/support-email-attachments"),
        ("temats", "faq/support-email-subject"),
        ("zvanit vai rakstit", "faq/email-or-call"),
    ],
}
HOSTILE = [
    ":", "*", "~", "^", "+", "-", "title:geslo", "geslo~2", "geslo^10", "+geslo -račun", "ges*",
    '"unbalanced', "(", ")]}", "\\", "'", "<img src=x onerror=window.kbPwned=1>",
    "<script>window.kbPwned=1</script>", "&amp; &lt;", "\u2028\u2029", "😀😀😀", "\u202egeslo",
    "e-pošta", "--", "*:~^+-", "0", "NaN", "__proto__", "constructor",
]  # fmt: skip


def _paths(result: dict, base_url: str) -> list[str]:
    """Result URLs as site-relative paths, without Material's highlight parameter."""
    return [urlsplit(href).path.removeprefix(urlsplit(base_url).path) for href in result["hrefs"]]


@pytest.fixture(scope="module")
def base_url(real_site, serve):
    return serve(real_site.site)


@pytest.mark.parametrize("lang", PREFIXES)
def test_typed_queries_find_their_entry_in_the_language_only(page, base_url, lang):
    problems = watch(page, base_url)
    prefix = PREFIXES[lang]
    page.goto(base_url + prefix)
    wait_until_ready(page)
    for text, expected in QUERIES[lang]:
        result = search(page, text)
        paths = _paths(result, base_url)
        assert f"{prefix}{expected}/" in paths[:3], (text, paths[:5])
        for path in paths:
            others = [p for p in PREFIXES.values() if p and p != prefix]
            assert path.startswith(prefix) and not path.startswith(tuple(others)), (text, path)
        # Each result shows its summary under the title.
        teaser = page.locator(".md-search-result__article").first.inner_text()
        assert len(teaser) > len(result["titles"][0]) + 20
    assert problems == []


def test_no_input_breaks_the_search_box_or_reaches_the_page_as_html(page, base_url):
    problems = watch(page, base_url)
    page.goto(base_url + "sl/")
    wait_until_ready(page)
    none = page.evaluate("JSON.parse(document.getElementById('kb-search-strings').textContent)")
    for text in [*HOSTILE, "geslo " * 400]:
        result = search(page, text, paste=len(text) > 50)
        assert result["meta"], text
        assert page.locator(".md-search-result img, .md-search-result script").count() == 0
        assert page.evaluate("window.kbPwned") is None
        assert page.input_value("input.md-search__input") == text
    assert none["strings"]["search.result.none"]
    # Still searching after all that.
    assert "sl/templates/password-reset/" in _paths(search(page, "geslom"), base_url)[:3]
    assert problems == []


@pytest.fixture(scope="module")
def sl_default_url(sl_default_site, serve):
    return serve(sl_default_site.site)


@pytest.mark.parametrize(
    ("text", "count"),
    [("alfa", "1 zadetek"), ("beta", "2 zadetka"), ("gama", "3 zadetki"), ("delta", "5 zadetkov")],
)
def test_result_counts_use_slovenian_dual_and_plural(page, sl_default_url, text, count):
    page.goto(sl_default_url)
    wait_until_ready(page)
    assert search(page, text)["meta"] == count


@pytest.mark.parametrize(
    ("prefix", "text", "expected"),
    [
        ("", "geslom", "faq/one/"),
        ("en/", "passwords", "en/faq/one/"),
        ("lv/", "paroli", "lv/faq/one/"),
    ],
)
def test_search_works_in_every_language_with_slovenian_as_default(
    page, sl_default_url, prefix, text, expected
):
    problems = watch(page, sl_default_url)
    page.goto(sl_default_url + prefix)
    wait_until_ready(page)
    assert _paths(search(page, text), sl_default_url)[:1] == [expected]
    assert problems == []


def test_fallback_to_the_default_language_is_labelled(page, sl_default_url):
    """`paket` is only in a Slovenian entry: a Latvian reader gets it, marked as Slovenian."""
    problems = watch(page, sl_default_url)
    page.goto(sl_default_url + "lv/")
    wait_until_ready(page)
    result = search(page, "paket")
    assert _paths(result, sl_default_url) == ["lv/faq/five/"]
    label = page.locator(".md-search-result .kb-search-fallback")
    assert label.inner_text() == "Slovenščina"
    assert label.get_attribute("lang") == "sl"
    strings = page.evaluate("JSON.parse(document.getElementById('kb-search-strings').textContent)")
    assert result["meta"].startswith(strings["strings"]["search.result.fallback"])
    assert problems == []


@pytest.fixture(scope="module")
def broken_search_urls(real_site, serve, tmp_path_factory):
    """The real site served twice: without the Slovenian index, and with it cut in half."""
    urls = {}
    for case in ("missing", "truncated"):
        where = tmp_path_factory.mktemp(f"search-{case}")
        for item in real_site.site.iterdir():
            if item.name != "search":
                os.symlink(item, where / item.name)
        (where / "search").mkdir()
        for item in (real_site.site / "search").iterdir():
            if item.name != "kb-sl.json":
                os.symlink(item, where / "search" / item.name)
        if case == "truncated":
            whole = (real_site.site / "search" / "kb-sl.json").read_bytes()
            (where / "search" / "kb-sl.json").write_bytes(whole[: len(whole) // 2])
        urls[case] = serve(where)
    return urls


@pytest.mark.parametrize("case", ["missing", "truncated"])
def test_search_that_cannot_load_says_so_and_offers_the_contact_route(
    page, broken_search_urls, case
):
    base = broken_search_urls[case]
    problems = watch(page, base)
    page.goto(base + "sl/")
    page.wait_for_selector(INPUT, state="attached")
    page.click("label.md-search__icon, .md-search__input", force=True)
    page.fill(INPUT, "geslo")
    words = strings("sl")
    meta = page.locator(META)
    expect(meta).to_have_text(words["search.unavailable"])
    assert meta.get_attribute("role") == "alert"
    contact = page.locator(".md-search-result .kb-search-contact")
    before, after = words["search.unavailable.contact"].split("{email}")
    expect(contact).to_have_text(f"{before}support@example.com{after}")
    assert contact.locator("a").get_attribute("href") == "mailto:support@example.com"
    # Typing on does not bring back "no results".
    page.fill(INPUT, "geslo ponastavitev")
    page.wait_for_timeout(300)
    expect(meta).to_have_text(words["search.unavailable"])
    assert page.locator(".md-search-result__item").count() == 0
    # Only the missing or broken index is reported.
    assert all("kb-sl.json" in p or "[kb-help]" in p for p in problems), problems
    # The English site's search is unaffected.
    page.goto(base)
    wait_until_ready(page)
    assert search(page, "passwords")["hrefs"]
