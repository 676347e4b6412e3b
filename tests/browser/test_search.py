"""The site's search box in real Chromium: typed queries in each language find their entry in
the top 3, only that language's pages appear, counts use the language's plural forms, the
default-language fallback is labelled, and no input breaks it."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from helpfirst.tools.search_box import search, wait_until_ready
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
