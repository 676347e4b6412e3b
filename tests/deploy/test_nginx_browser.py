"""The example site behind a real nginx running deploy/nginx.conf, in real Chromium: every page
type in every language passes the server's Content-Security-Policy without one violation or
console error, and the help widget works from another origin on a page in windows-1250."""

from __future__ import annotations

import http.server
import threading

import pytest

from helpfirst.strings import strings
from helpfirst.tools.search_box import search, wait_until_ready
from tests.browser.test_widget import _open, _search
from tests.deploy.test_nginx import DEFAULT, LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.build]

# One of each page type, as a path below a language's folder.
PAGE_TYPES = {
    "home": "",
    "section listing": "faq/",
    "faq entry": "faq/customer-portal/",
    "guide": "guides/write-to-customer-service/",
    "template": "templates/password-reset/",
    "widget page": "widget/",
    "404": "nope/",
}
# Collects what the page's CSP refuses (init scripts run outside the policy).
WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " +
    (event.sourceFile || "") + ":" + event.lineNumber);
}, true);
"""
# A shop's page in windows-1250 (Slovenian letters are single bytes there), under a strict CSP
# that names only the help centre, embedding the widget with its one line.
HOST_PAGE = """<!doctype html>
<html lang="sl"><head><meta charset="windows-1250"><title>Trgovina Čebelica</title></head>
<body><h1>Kontakt – številka naročila, žal, ček</h1>
<script src="{help}widget.js" defer></script>
</body></html>
"""


def _prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def _watch(page, origins: tuple[str, ...], not_found: str = "") -> list[str]:
    """Console errors, page errors, HTTP errors, failed requests, other hosts; the list fills
    as they come. `not_found`: the address of a 404 page, whose own status is expected."""
    problems: list[str] = []
    page.add_init_script(WATCH_CSP)

    def console(message):
        expected = not_found and message.location.get("url") == not_found
        if message.type == "error" and not (expected and "status of 404" in message.text):
            problems.append(f"console: {message.text}")

    page.on("console", console)
    page.on(
        "response",
        lambda r: (
            r.status >= 400 and r.url != not_found and problems.append(f"HTTP {r.status}: {r.url}")
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on(
        "request",
        lambda r: (
            not r.url.startswith((*origins, "data:", "blob:"))
            and problems.append(f"other host: {r.url}")
        ),
    )
    return problems


@pytest.mark.parametrize("kind", PAGE_TYPES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_type_passes_the_policy_with_no_violation(page, nginx, lang, kind):
    url = nginx.url + _prefix(lang) + PAGE_TYPES[kind]
    problems = _watch(page, (nginx.url,), not_found=url if kind == "404" else "")
    response = page.goto(url, wait_until="load")
    assert response.status == (404 if kind == "404" else 200)
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
    assert page.evaluate("document.documentElement.lang") == lang
    # What the page does after loading, under the policy: the search worker downloads its
    # index and answers; on the widget page, the widget opens, searches and shows an answer.
    wait_until_ready(page)
    assert search(page, "email")["hrefs"], "the site search found nothing"
    if kind == "widget page":
        _open(page)
        assert _search(page, "email")
        page.locator("kb-help .search .result").first.click()
        page.locator("kb-help .answer .content:not([aria-busy]) p").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__csp") == []
    assert problems == []


def test_the_violation_listener_sees_what_the_policy_blocks(page, nginx):
    """An inline script the build did not write is refused and reported: the listener works."""
    problems = _watch(page, (nginx.url,))
    page.goto(nginx.url + "sl/", wait_until="load")
    page.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.kbRan = true"; document.body.appendChild(s); }"""
    )
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.kbRan") is None
    assert page.evaluate("window.__csp")[0].startswith("script-src")
    assert any("Content Security Policy" in problem for problem in problems)


@pytest.fixture
def windows_1250_host():
    """A shop on another loopback origin: one page, sent as windows-1250."""
    pages: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/favicon.ico":  # the browser asks for it: no icon, no error
                self.send_response(204)
                self.end_headers()
                return
            body = pages.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=windows-1250")
            self.send_header("Content-Security-Policy", pages["csp"].decode("ascii"))
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", pages
    server.shutdown()


def test_the_widget_works_from_another_origin_on_a_windows_1250_page(
    page, nginx, windows_1250_host
):
    host_url, pages = windows_1250_host
    help_origin = nginx.url.rstrip("/")
    pages["/"] = HOST_PAGE.format(help=nginx.url).encode("windows-1250")
    pages["csp"] = (
        f"default-src 'none'; script-src {help_origin}; connect-src {help_origin}; "
        "style-src 'self'; img-src 'self'; base-uri 'none'"
    ).encode("ascii")
    problems = _watch(page, (host_url, nginx.url))
    page.goto(host_url, wait_until="load")
    assert page.evaluate("document.characterSet") == "windows-1250"
    assert page.locator("h1").inner_text() == "Kontakt – številka naročila, žal, ček"
    # The page's language, in the widget's own words.
    assert page.locator("kb-help .launcher").inner_text() == strings("sl")["widget.launcher"]

    _open(page)
    assert page.locator("kb-help h2").inner_text() == strings("sl")["widget.title"]
    refs = _search(page, "številka naročila")
    assert "faq/email-or-call" in refs[:3], refs
    title = page.locator("kb-help .result[data-kb-ref='faq/email-or-call'] .result-title")
    assert title.inner_text() == "Naj službi za pomoč strankam pišem ali jo pokličem?"
    # The answer opens inside the panel, read cross-origin from the entry page.
    title.click()
    content = page.locator("kb-help .answer .content")
    page.locator("kb-help .answer .content:not([aria-busy]) p").first.wait_for()  # loaded
    assert "č" in content.inner_text() or "š" in content.inner_text()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__csp") == []
    assert problems == []
