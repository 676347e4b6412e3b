"""The help widget on host pages that are hostile or unusual, in real Chromium: an AMD loader
(real RequireJS), page swaps (real Turbo), DOM clobbering, Trusted Types, the tag twice, a page in
windows-1250 whose server names no charset; and the guided email's draft, which must never keep a
secret, must expire, and must stay small.

Each host page is on its own origin, under a strict Content-Security-Policy, and talks to the real
built help site. In every case: no request to another host, no page error, and the guided email
goes to the address the page configured."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from helpfirst.strings import strings
from tests.browser.test_widget import INIT, SHADOW, _HelpSite, _Quiet, _search

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
REQUIRE_JS = "node_modules/requirejs/require.js"
TURBO_JS = "node_modules/@hotwired/turbo/dist/turbo.es2017-umd.js"
EN, SL = strings("en"), strings("sl")
SUPPORT = "help@shop.example"
NS = "window[Symbol.for('helpfirst.widget')]"
DRAFT_KEY = "kb-help:draft:{origin}"


def _start(handler, directory):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class _Shop:
    """The host: pages under a strict CSP (per page, a directive may be added), the pinned
    RequireJS and Turbo from node_modules, and HTML served without a charset."""

    def __init__(self, directory, help_url):
        self.directory = directory
        self.help = help_url.rstrip("/")
        self.csp = {
            "default-src": "'none'",
            "script-src": f"'self' {self.help}",
            "connect-src": f"'self' {self.help}",
            "style-src": "'self'",
            "img-src": "'self'",
            "form-action": "'self'",
            "base-uri": "'none'",
        }
        self.pages: dict[str, dict[str, str]] = {}  # page name -> directives it changes
        self.posts: list[str] = []  # the paths that form posts went to
        shop = self

        class Handler(_Quiet):
            def end_headers(self):
                name = urlsplit(self.path).path.lstrip("/")
                policy = {**shop.csp, **shop.pages.get(name, {})}
                self.send_header(
                    "Content-Security-Policy", "; ".join(f"{k} {v}" for k, v in policy.items())
                )
                super().end_headers()

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                shop.posts.append(urlsplit(self.path).path)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def guess_type(self, path):
                # As nginx does: no charset; the page's <meta> (or the browser's guess) decides.
                return "text/html" if str(path).endswith(".html") else super().guess_type(path)

        self.server, self.url = _start(Handler, directory)
        (directory / "favicon.ico").write_bytes(b"")
        (directory / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)

    def page(self, name, *, head="", body="", tag=None, lang="en", charset="utf-8", csp=None):
        """Write a host page; `tag` is the widget's script tag (the usual one by default)."""
        if tag is None:
            tag = self.tag()
        html = (
            f'<!doctype html>\n<html lang="{lang}"><head><meta charset="{charset}">'
            f"<title>Shop {name}</title>{head}</head>\n<body><h1>Shop</h1>{body}\n{tag}\n"
            "</body></html>\n"
        )
        (self.directory / name).write_bytes(html.encode(charset))
        self.pages[name] = csp or {}
        return self.url + name

    def tag(self, attrs="defer"):
        return (
            f'<script src="{self.help}/widget.js" {attrs} crossorigin="anonymous" '
            f'data-kb-email="{SUPPORT}"></script>'
        )


@pytest.fixture(scope="module")
def shop(real_site, tmp_path_factory):
    """The real help site (with the one CORS header) and the shop's host."""
    if not (NODE_MODULES / REQUIRE_JS.removeprefix("node_modules/")).exists():
        pytest.skip("SKIPPED: no node_modules; run `npm ci --ignore-scripts` first")
    help_server, help_url = _start(_HelpSite, real_site.site)
    shop = _Shop(tmp_path_factory.mktemp("hostile-shop"), help_url)
    yield shop
    help_server.shutdown()
    shop.server.shutdown()


def _watch(page, shop, *others):
    """The page's problems (filling as they happen): errors, failed requests, other hosts (but
    the shop, its help site and `others`)."""
    problems: list[str] = []
    page.add_init_script(INIT)
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
    allowed = (shop.url, shop.help + "/", *others, "data:", "blob:")
    page.on(
        "request",
        lambda r: not r.url.startswith(allowed) and problems.append(f"other host: {r.url}"),
    )
    return problems


def _clean(page, problems):
    assert problems == []
    assert page.evaluate("window.__kb.violations") == []


def _launchers(page):
    return page.evaluate(
        "() => [...document.querySelectorAll('kb-help')]"
        ".filter((el) => el.shadowRoot && el.shadowRoot.querySelector('.launcher')).length"
    )


def _open(page):
    page.locator("kb-help .launcher").click()
    page.locator("kb-help .panel").wait_for(state="visible")


def _close(page):
    page.keyboard.press("Escape")
    page.locator("kb-help .panel").wait_for(state="hidden")


def _compose(page):
    page.locator("kb-help .foot button").click()
    page.locator("kb-help .compose").wait_for()


def _field(page, name, text):
    page.locator(f"kb-help #kb-field-{name}").fill(text)


def _mail_goes_to(page):
    """Write a short email; the address its mailto: link goes to."""
    _compose(page)
    return _write(page)


def _write(page):
    """Fill in the open composer; the address its mailto: link goes to."""
    _field(page, "subject", "Parcel not delivered")
    _field(page, "happened", "It was due on Monday and has not arrived.")
    _field(page, "order", "48213")
    link = page.locator("kb-help .compose .actions .primary")
    page.wait_for_function(
        f"() => {SHADOW}.querySelector('.compose .actions .primary').getAttribute('href')"
    )
    return urlsplit(link.get_attribute("href")).path


def _works(page, shop, query="passwords", ref="templates/password-reset"):
    """The panel opens, finds answers, and writes to the configured address."""
    assert _launchers(page) == 1
    _open(page)
    assert ref in _search(page, query)[:3]
    assert _mail_goes_to(page) == SUPPORT


def _draft(page, shop):
    key = DRAFT_KEY.format(origin=shop.help)
    return page.evaluate("(key) => localStorage.getItem(key)", key)


# ---- the bootstrap on hostile and unusual pages ---------------------------------------------


def test_requirejs_page_keeps_its_define_and_the_widget_its_lunr(page, shop):
    url = shop.page("amd.html", head=f'<script src="/{REQUIRE_JS}"></script>')
    problems = _watch(page, shop)
    page.goto(url)
    assert page.evaluate("typeof define === 'function' && !!define.amd")
    _works(page, shop)
    # lunr went to the widget, not to the page: no global, no (mismatched) AMD module.
    assert page.evaluate("typeof window.lunr") == "undefined"
    assert page.evaluate(f"typeof {NS}.lunr.Index") == "function"
    assert page.evaluate("Object.keys(requirejs.s.contexts._.defined)") == []
    _clean(page, problems)


def test_turbo_page_swaps_keep_one_working_launcher(page, shop):
    turbo = f'<script src="/{TURBO_JS}"></script>'
    # Turbo's progress bar is an inline <style>: the shop allows it (the widget needs no such).
    csp = {"style-src": "'self' 'unsafe-inline'"}
    for number, following in ((1, 2), (2, 3), (3, 1)):
        shop.page(
            f"turbo{number}.html",
            head=turbo,
            body=f'<a id="next" href="/turbo{following}.html">Page {following}</a>',
            csp=csp,
        )
    problems = _watch(page, shop)
    page.goto(shop.url + "turbo1.html")
    page.evaluate("window.__kbSameDocument = true")  # gone if a navigation reloads the page
    _works(page, shop)
    for number in (2, 3, 1):
        page.locator("#next").click()
        page.wait_for_function(
            "(title) => document.title === title", arg=f"Shop turbo{number}.html"
        )
        assert page.evaluate("window.__kbSameDocument") is True
        page.wait_for_function(
            "() => [...document.querySelectorAll('kb-help')].some((el) => el.shadowRoot)"
        )
        page.wait_for_timeout(300)  # the script of the new body runs again meanwhile
        _works(page, shop)
        assert page.evaluate("document.querySelectorAll('kb-help').length") == 1
    _clean(page, problems)


CLOBBERING = (
    # An image named currentScript, from another folder, with its own settings.
    '<img name="currentScript" src="/elsewhere/widget.js" alt=""'
    ' data-kb-email="thief@attacker.example" data-kb-endpoint="/steal">'
    # A form named like the old global, holding a "mount".
    '<form id="KbHelpWidget"><input name="mount"></form>'
    # Elements named like the search and analysis modules' globals.
    '<div id="KbSearch"></div><div id="KbAnalysis"></div>'
    # CommonJS names, and the document's own properties.
    '<div id="exports"></div><div id="module"></div><div id="define"></div>'
    '<img name="head" alt=""><img name="body" alt=""><img name="readyState" alt="">'
)


def test_dom_clobbering_changes_neither_settings_nor_where_the_widget_loads_from(page, shop):
    (shop.directory / "elsewhere").mkdir(exist_ok=True)
    (shop.directory / "elsewhere" / "widget.js").write_text("", encoding="utf-8")
    url = shop.page("clobber.html", body=CLOBBERING)
    problems = _watch(page, shop)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    _works(page, shop)
    # Everything the widget loaded came from the help site; nothing from the image's folder.
    assert [u for u in requests if "/elsewhere/" in u] == [shop.url + "elsewhere/widget.js"]
    assert any(re.search(r"/assets/kb/v/panel\.[0-9a-f]{10}\.js$", u) for u in requests)
    # The host's form is still its own: the widget defines no global of that name.
    assert page.evaluate("window.KbHelpWidget instanceof HTMLFormElement")
    assert page.evaluate("typeof window.lunr") == "undefined"
    _clean(page, problems)


def test_trusted_types_page_runs_the_widget_through_its_named_policy(page, shop):
    csp = {"require-trusted-types-for": "'script'", "trusted-types": "helpfirst-widget"}
    url = shop.page("trusted.html", csp=csp)
    problems = _watch(page, shop)
    page.goto(url)
    # An answer inside the panel: its HTML is parsed through the policy too.
    _open(page)
    _search(page, "passwords")
    page.locator("kb-help .search .result").first.click()
    page.locator("kb-help .answer .content:not([aria-busy])").wait_for()
    assert page.locator("kb-help .answer .content").inner_text().strip()
    link = page.locator("kb-help .answer a.article")
    assert link.get_attribute("rel") == "noopener noreferrer"
    # The policy stays inside the bootstrap: no other script on the page can use it.
    assert page.evaluate(f"Object.values({NS}).some((v) => v && v.createHTML)") is False
    page.locator("kb-help .back").click()
    assert _mail_goes_to(page) == SUPPORT
    _clean(page, problems)


def test_trusted_types_without_the_policy_says_which_policy_to_allow(page, shop):
    csp = {"require-trusted-types-for": "'script'", "trusted-types": "'none'"}
    url = shop.page("untrusted.html", csp=csp)
    problems = _watch(page, shop)
    page.goto(url)
    page.locator("kb-help .launcher").click()
    page.locator("kb-help .notice").wait_for()
    messages = [p for p in problems if p.startswith("console:")]
    assert any('allow the policy "helpfirst-widget"' in m for m in messages), messages
    assert page.locator("kb-help .notice a").get_attribute("href") == f"mailto:{SUPPORT}"


def test_widget_loaded_twice_once_async_has_one_launcher(page, shop):
    url = shop.page("twice.html", head=shop.tag("async"), tag=shop.tag("defer"))
    problems = _watch(page, shop)
    page.goto(url, wait_until="networkidle")
    assert page.evaluate("document.querySelectorAll('script[src$=\"/widget.js\"]').length") == 2
    _works(page, shop)
    assert page.evaluate("document.querySelectorAll('kb-help').length") == 1
    _clean(page, problems)


def test_windows_1250_page_without_a_charset_finds_slovenian_answers(page, shop):
    query = "številka naročila"
    problems = _watch(page, shop)
    page.goto(shop.page("cp1250.html", lang="sl", charset="windows-1250", body="<p>Številka</p>"))
    assert page.evaluate("document.characterSet") == "windows-1250"
    assert page.locator("p").inner_text() == "Številka"
    _open(page)
    found = _search(page, query)
    _clean(page, problems)
    # The same query on a UTF-8 page, in a context of its own: Chromium reuses a script it has
    # decoded once, whatever the next page's charset.
    context = page.context.browser.new_context()
    try:
        other = context.new_page()
        other.goto(shop.page("utf8.html", lang="sl", body="<p>Številka naročila</p>"))
        _open(other)
        expected = _search(other, query)
    finally:
        context.close()
    assert len(expected) >= 8
    assert found == expected


# ---- the guided email's draft ---------------------------------------------------------------


def test_draft_never_keeps_a_card_number_or_a_password(page, shop):
    url = shop.page("draft.html")
    problems = _watch(page, shop)
    page.goto(url)
    _open(page)
    _compose(page)
    _field(page, "subject", "Parcel not delivered")
    _field(page, "happened", "I paid with 4111  1111.1111\u00a01111, order 48213.")
    _field(page, "want", "My password is Hunter2, please check.")
    page.wait_for_timeout(500)  # past the draft's save delay
    kept = json.loads(_draft(page, shop))
    assert kept["fields"] == {"subject": "Parcel not delivered"}
    page.reload()  # leaving the page saves too
    _open(page)
    _compose(page)
    stored = _draft(page, shop)
    assert "4111" not in stored and "Hunter2" not in stored
    assert page.locator("kb-help #kb-field-subject").input_value() == "Parcel not delivered"
    assert page.locator("kb-help #kb-field-happened").input_value() == ""
    # Fullwidth digits are a card number too.
    _field(page, "happened", "Card \uff14\uff11\uff11\uff11" + "\uff11" * 12)
    page.wait_for_timeout(500)
    assert "happened" not in json.loads(_draft(page, shop))["fields"]
    _clean(page, problems)


def test_draft_expires_and_copy_clears_it(page, shop):
    url = shop.page("expire.html")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=shop.url)
    problems = _watch(page, shop)
    key = DRAFT_KEY.format(origin=shop.help)
    page.goto(url)
    hour = 3600 * 1000
    for age, kept in ((25 * hour, False), (23 * hour, True)):
        page.goto(url)  # a page whose composer is not open (leaving one saves what it holds)
        page.evaluate(
            "([key, age]) => localStorage.setItem(key, JSON.stringify("
            "{saved: Date.now() - age, fields: {subject: 'Old subject'}}))",
            [key, age],
        )
        page.reload()
        _open(page)
        _compose(page)
        value = page.locator("kb-help #kb-field-subject").input_value()
        assert value == ("Old subject" if kept else "")
        assert (_draft(page, shop) is not None) is kept
    # A draft from before drafts had a time is not read back, and is removed.
    page.goto(url)
    page.evaluate("(key) => localStorage.setItem(key, JSON.stringify({subject: 'Untimed'}))", key)
    page.reload()
    _open(page)
    _compose(page)
    assert page.locator("kb-help #kb-field-subject").input_value() == ""
    assert _draft(page, shop) is None

    assert _write(page) == SUPPORT
    page.wait_for_timeout(500)
    assert _draft(page, shop) is not None
    page.locator("kb-help .compose .actions .secondary").click()
    page.wait_for_function(f"() => {SHADOW}.querySelector('.compose .note').textContent !== ''")
    assert _draft(page, shop) is None
    page.reload()  # and leaving the page does not keep it again
    assert _draft(page, shop) is None
    _clean(page, problems)


def test_a_megabyte_pasted_is_cut_to_the_limit(page, shop):
    """The field keeps its limit and the kept draft stays small. That the checks run on a long
    text cheaply is counted, not timed: tests/browser/test_widget_parts.py."""
    url = shop.page("paste.html")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=shop.url)
    problems = _watch(page, shop)
    page.goto(url)
    _open(page)
    _compose(page)
    page.evaluate("navigator.clipboard.writeText('It never came, again. '.repeat(47663))")
    page.locator("kb-help #kb-field-happened").focus()
    page.keyboard.press("Control+V")
    page.wait_for_timeout(1500)  # checks, suggestions and the save have all run
    value = page.locator("kb-help #kb-field-happened").input_value()
    limit = page.locator("kb-help #kb-field-happened").get_attribute("maxlength")
    assert value and len(value) == int(limit) <= 10000
    stored = page.evaluate("() => JSON.stringify(localStorage).length")
    assert stored < 20000
    _clean(page, problems)


# ---- settings from the site's mkdocs.yml ----------------------------------------------------


@pytest.fixture(scope="module")
def endpoint_help(real_site, shop, tmp_path_factory):
    """The real help site as built with `extra.kb.widget.form_endpoint` set to the shop's
    /support (the built site, its English widget settings written as the build writes them)."""
    from helpfirst.widget import dumps, settings_path

    where = tmp_path_factory.mktemp("help-with-endpoint")
    settings = settings_path("en")
    # widget.js loads the settings by their versioned name: that copy holds the endpoint too.
    bootstrap = real_site.read("widget.js")
    versioned = json.loads(re.search(r"const FILLED ?= ?(\{.*?\});", bootstrap).group(1))
    written = {settings, versioned["assets"]["settings"]["en"]}
    for path in sorted(real_site.site.rglob("*")):
        relative = path.relative_to(real_site.site).as_posix()
        if path.is_file() and relative not in written:
            (where / relative).parent.mkdir(parents=True, exist_ok=True)
            (where / relative).symlink_to(path)
    data = json.loads(real_site.read(settings))
    data["form_endpoint"] = shop.url + "support"
    for relative in written:
        (where / relative).write_text(dumps(data), encoding="utf-8")
    server, url = _start(_HelpSite, where)
    yield url
    server.shutdown()


@pytest.mark.parametrize(
    ("attrs", "posted_to"), [("", "/support"), ('data-kb-endpoint="/own"', "/own")]
)
def test_form_endpoint_of_the_site_unless_the_tag_names_its_own(
    page, shop, endpoint_help, attrs, posted_to
):
    origin = endpoint_help.rstrip("/")
    tag = f'<script src="{endpoint_help}widget.js" defer {attrs}></script>'
    name = f"endpoint{len(attrs)}.html"
    csp = {"script-src": f"'self' {origin}", "connect-src": f"'self' {origin}"}
    url = shop.page(name, tag=tag, csp=csp)
    problems = _watch(page, shop, endpoint_help)
    shop.posts.clear()
    page.goto(url)
    _open(page)
    _compose(page)
    _field(page, "subject", "Parcel not delivered")
    _field(page, "happened", "It was due on Monday and has not arrived.")
    _field(page, "order", "48213")
    _field(page, "email", "ana@example.com")
    page.wait_for_timeout(300)
    page.locator("kb-help .compose .actions .primary").click()
    page.locator("kb-help .sent").wait_for()
    assert shop.posts == [posted_to]
    _clean(page, problems)
