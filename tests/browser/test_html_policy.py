"""Hostile raw HTML in real Chromium, on every page type of the fixture site built without
--strict (tests.hostile_sites.HTML_DOCS): no payload runs (no dialog, no `window.kbPwned`), no
request leaves the local server, and no navigation happens, also when the reader hovers,
focuses and clicks what the payloads left behind."""

from __future__ import annotations

import pytest

from tests.hostile_sites import HTML_PAGES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(html_policy_site, serve):
    return serve(html_policy_site.site)


def _guard(page, base_url: str) -> dict[str, list[str]]:
    """Record dialogs and stop (and record) every request to another host."""
    seen: dict[str, list[str]] = {"dialogs": [], "foreign": [], "navigations": []}

    def on_dialog(dialog):
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    def route(handle):
        url = handle.request.url
        if url.startswith((base_url, "data:", "blob:", "about:")):
            handle.continue_()
        else:
            seen["foreign"].append(url)
            handle.abort()

    page.on("dialog", on_dialog)
    page.on(
        "framenavigated",
        lambda frame: frame == page.main_frame and seen["navigations"].append(frame.url),
    )
    page.route("**/*", route)
    return seen


@pytest.mark.parametrize("path", HTML_PAGES)
def test_no_payload_runs_loads_or_navigates(page, base_url, path):
    seen = _guard(page, base_url)
    url = base_url + path
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    _assert_nothing_happened(page, seen, url)
    page.set_default_timeout(5000)
    content = page.locator("article")
    # What a reader does with what is left: hover and click paragraphs, open the details,
    # follow the links and buttons the payloads wrote, focus what can be focused.
    for text in ("A paragraph that wants to be clicked.", "A box that focuses itself."):
        paragraph = content.get_by_text(text)
        paragraph.hover()
        paragraph.click()
    content.locator("details summary").first.click()
    for name in ("Click me", "Data", "VB"):
        content.get_by_text(name, exact=True).first.click()
    content.get_by_role("button", name="Sign in").first.click()
    page.keyboard.press("Tab")
    page.wait_for_timeout(300)
    _assert_nothing_happened(page, seen, url)
    assert page.locator("article h1").first.is_visible()


def _assert_nothing_happened(page, seen: dict[str, list[str]], url: str) -> None:
    """No payload ran, loaded anything from elsewhere or left the page."""
    assert page.evaluate("typeof window.kbPwned") == "undefined"
    assert seen["dialogs"] == []
    assert seen["foreign"] == []
    assert page.url == url
    assert seen["navigations"] == [url]
    # Addresses resolve against the page itself (no <base> took over).
    assert page.evaluate("document.baseURI") == url
