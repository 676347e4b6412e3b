"""WCAG 2.1 AA in real Chromium: axe-core finds no violation on any page type, in any language,
in the light and the dark colour scheme, on a desktop and a mobile viewport.

One browser; one page per scheme and viewport, reused for every address. The 404 page is
reached at a missing address, served as a server configured as the README says would."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

PREFIXES = {"en": "", "sl": "sl/", "lv": "lv/"}
# One page of each type, by its address below a language's root.
PAGES = {
    "home": "",
    "section listing": "faq/",
    "entry": "faq/email-or-call/",
    "guide": "guides/write-to-customer-service/",
    "template": "templates/welcome/",
    "widget page": "widget/",
    "404": "no-such-page/",
}
SCHEMES = {"light": "default", "dark": "slate"}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 390, "height": 844}}


def _server(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `site` on loopback; a missing address gets its language's 404 page, status 404."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_error(self, code, message=None, explain=None):
            if code != 404:
                return super().send_error(code, message, explain)
            first = self.path.lstrip("/").split("/", 1)[0] + "/"
            prefix = first if first in PREFIXES.values() else ""
            body = (site / prefix / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return None

    handler = functools.partial(Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def sites(real_site, paged_site):
    """Base URLs of the example site and of the same docs listed a few entries per page."""
    paged = paged_site
    servers = [_server(real_site.site), _server(paged.site)]
    yield {"example": servers[0][1], "paged": servers[1][1]}
    for server, _ in servers:
        server.shutdown()


def _addresses(sites: dict) -> list[tuple[str, str]]:
    """(what, URL) of every page type in every language."""
    found = []
    for lang, prefix in PREFIXES.items():
        for kind, path in PAGES.items():
            found.append((f"{lang} {kind}", sites["example"] + prefix + path))
        found.append((f"{lang} section listing page 2", sites["paged"] + prefix + "faq/page/2/"))
    return found


def _summary(violation: dict) -> str:
    """One line per failing element: rule, where, and axe's reason."""
    return "; ".join(
        f"{violation['id']} at {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}"
        for node in violation["nodes"]
    )


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violation_on_any_page_type_or_language(browser, sites, scheme, viewport):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(color_scheme=scheme, viewport=VIEWPORTS[viewport])
    page = context.new_page()
    found = []
    try:
        for what, url in _addresses(sites):
            response = page.goto(url, wait_until="load")
            expected_status = 404 if what.endswith("404") else 200
            assert response.status == expected_status, f"{what}: HTTP {response.status}"
            # The scheme the reader's system asks for is the one shown (Material's palette).
            shown = page.locator("body").get_attribute("data-md-color-scheme")
            assert shown == SCHEMES[scheme], f"{what}: scheme {shown}"
            # Every rule axe has (WCAG 2.0/2.1 A and AA and its best practices).
            result = axe.run(page, options={"resultTypes": ["violations"]})
            found += [f"{what}: {_summary(v)}" for v in result.response["violations"]]
    finally:
        context.close()
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("key", ["Enter", " "])
def test_home_search_button_opens_the_search_with_the_field_focused(browser, sites, key):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(sites["example"] + "sl/", wait_until="load")
        # A real button, named by its text, reached with the keyboard.
        page.get_by_role("button", name="Iskanje po centru za pomoč").focus()
        page.keyboard.press(key)
        page.wait_for_function("document.activeElement.matches('.md-search__input')")
        assert page.locator("[data-md-toggle=search]").is_checked()
        assert page.get_by_role("dialog").get_attribute("aria-label")
    finally:
        context.close()
