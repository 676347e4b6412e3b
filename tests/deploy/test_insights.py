"""Insights end to end: the project's docs built with `insights: log`, behind a real nginx running
deploy/nginx.conf (its own port, pid and access log), visited by real Chromium; `kb insights`'
report() on nginx's own access log then gives exactly the figures of those visits, and each
way the widget's guided email leaves (mailto:, a form post, the clipboard) is logged as its
own `sent` event naming the answers read before it. Every request the browser made is free of
digit runs, email addresses and card numbers, and with Global Privacy Control on there is no
insights request at all."""

from __future__ import annotations

import http.client
import re
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from helpfirst.strings import strings
from helpfirst.tools.insights_report import report
from scripts.bench import nginx_server
from tests.conftest import ROOT
from tests.deploy.test_nginx import (
    _differences,
    _netlify_headers,
    _netlify_rules,
    _nginx_headers,
    _nginx_rules,
    _paths,
)

pytestmark = [pytest.mark.browser, pytest.mark.build]

#: What the Slovenian reader types: nothing in the help centre answers it.
SL_QUERY = "kvantna teleportacija"
#: The Latvian reader's search, which finds several entries; the year leaves as "#".
LV_QUERY = "e-pasts 2026"
LV_SENT = "e-pasts #"
#: The reason given with "No", holding what must never leave the browser.
REASON = "refund anna.novak@example.com order 48213 card 4111 1111 1111 1111"
REASON_SENT = "refund @ order # card"
VOTED = "customer-portal"
#: What no request may hold.
FORBIDDEN = (
    re.compile(r"[0-9]{4,}"),
    re.compile(r"@[a-z]|%40[a-z]", re.I),
    re.compile(r"4111"),
)


@pytest.fixture(scope="module")
def insights_server(tmp_path_factory):
    """The docs built with `insights: log`, served by nginx; yields (base URL, access log,
    built site)."""
    from tests.sites import build, make_project

    if not nginx_server.available():
        pytest.skip(f"SKIPPED: no nginx at {nginx_server.NGINX}; insights need Debian's nginx")
    where = tmp_path_factory.mktemp("insights")
    docs = {
        path.relative_to(ROOT / "docs").as_posix(): path.read_text(encoding="utf-8")
        for path in sorted((ROOT / "docs").rglob("*"))
        if path.is_file()
    }
    project = make_project(where / "project", docs, {"extra.kb.insights": "log"})
    result = build(project, where / "site")
    assert result.returncode == 0, result.log
    try:
        process, port = nginx_server.start(result.site, where / "nginx")
    except nginx_server.NginxError as error:
        pytest.fail(str(error))
    try:
        yield f"http://127.0.0.1:{port}/", where / "nginx" / "access.log", result.site
    finally:
        nginx_server.stop(process)


def _events(log: Path) -> list[str]:
    """The insights requests in nginx's access log so far."""
    if not log.exists():
        return []
    return [line for line in log.read_text(encoding="utf-8").splitlines() if "/insights/e?" in line]


def _wait_for_events(log: Path, count: int) -> list[str]:
    """Waits (up to 20 s) until the access log holds `count` insights requests."""
    deadline = time.monotonic() + 20
    while len(_events(log)) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    return _events(log)


def _search(page, query: str) -> None:
    """Opens the search box and types `query` key by key, as a reader does."""
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(query, delay=40)


def _without_origin(text: str) -> str:
    """A URL's path and query (the test server's port is digits too), or a request line."""
    if "://" not in text:
        return text
    parts = urlsplit(text)
    return f"{parts.path}?{parts.query}"


def _visit(browser, requests: list, **options):
    """A fresh context whose every request URL is collected into `requests`."""
    context = browser.new_context(**options)
    context.on("request", lambda request: requests.append(request.url))
    return context


def test_visits_give_exactly_their_figures_in_the_report(browser, insights_server):
    """Three visits through nginx: a failed Slovenian search, a Latvian search whose second
    result is opened, and a "No" with a reason. report() on the access log: those figures."""
    base, log, _site = insights_server
    before = len(_events(log))
    requests: list[str] = []

    # A Slovenian search that finds nothing: one search event, sent once the reader paused.
    context = _visit(browser, requests)
    page = context.new_page()
    page.goto(base + "sl/")
    _search(page, SL_QUERY)
    none = strings("sl")["search.result.none"]
    page.wait_for_function(
        "none => document.querySelector('.md-search-result__meta').textContent.trim() === none",
        arg=none,
    )
    _wait_for_events(log, before + 1)
    context.close()

    # A Latvian search, then the second result opened (a full page load: the events leave as
    # the page is left).
    context = _visit(browser, requests)
    page = context.new_page()
    page.goto(base + "lv/")
    _search(page, LV_QUERY)
    second = page.locator(".md-search-result__list > .md-search-result__item").nth(1)
    second.wait_for()
    href = second.locator("a").first.get_attribute("href")
    opened = [part for part in urlsplit(href).path.split("/") if part][-1]
    second.locator("a").first.click()
    page.wait_for_load_state("load")
    _wait_for_events(log, before + 3)
    context.close()

    # "Was this page helpful?" No, with a reason.
    context = _visit(browser, requests)
    page = context.new_page()
    page.goto(base + f"faq/{VOTED}/")
    page.click("form[data-kb-feedback] button[value=no]")
    page.fill(".kb-feedback__reason input", REASON)
    page.click(".kb-feedback__reason button[value=reason]")
    lines = _wait_for_events(log, before + 4)
    # Nothing kept: no cookie; only Material's palette and the page's local answer stored.
    assert context.cookies() == []
    kept = page.evaluate("() => [Object.keys(localStorage).sort(), sessionStorage.length]")
    assert kept == [["/.__palette", f"kb-feedback:/faq/{VOTED}/"], 0]
    context.close()
    time.sleep(2)  # nothing more may come
    assert len(_events(log)) == len(lines) == before + 4, "\n".join(_events(log))

    figures = report([log])
    sl, lv = figures["languages"]["sl"], figures["languages"]["lv"]
    assert (sl["searches"], sl["zero_results"]) == (1, 1)
    assert [(g["searches"], g["queries"]) for g in sl["failed_queries"]] == [
        (1, [{"query": SL_QUERY, "count": 1}])
    ]
    assert sl["failed_queries"][0]["suggestion"]["action"] == "new_entry"
    assert (lv["searches"], lv["zero_results"]) == (1, 0)
    assert lv["results_not_opened"] == []
    assert figures["entries"][opened]["opened"] == 1
    voted = figures["entries"][VOTED]
    assert (voted["helpful_yes"], voted["helpful_no"]) == (0, 1)
    assert voted["reasons"] == [{"lang": "en", "vote": "no", "reason": REASON_SENT, "count": 1}]
    assert figures["events"] == 4 and figures["malformed"]["count"] == 0
    assert figures["widget"]["funnel"] == dict.fromkeys(figures["widget"]["funnel"], 0)

    # What left the browser: every request it reported, and every request line and referrer
    # nginx logged (requests sent as a page is left are in the log, not always in the former).
    logged = [
        text
        for line in log.read_text(encoding="utf-8").splitlines()
        for text in re.findall(r'"([^"]*)"', line)[:2]
    ]
    insights = [text for text in logged if "/insights/e?" in text]
    assert len(insights) == before + 4
    assert any("t=open" in text and "p=2" in text for text in insights), insights
    assert any("q=e-pasts%20%23" in text for text in insights), insights
    sent = [_without_origin(text) for text in requests + logged]
    leaks = [(text, p.pattern) for text in sent for p in FORBIDDEN if p.search(text)]
    assert leaks == []


def test_global_privacy_control_sends_nothing(browser, insights_server):
    """With Global Privacy Control on, the same visits make no insights request at all."""
    base, log, _site = insights_server
    requests: list[str] = []
    context = _visit(browser, requests)
    context.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true})"
    )
    page = context.new_page()
    page.goto(base + "sl/")
    _search(page, SL_QUERY)
    page.wait_for_function(
        "none => document.querySelector('.md-search-result__meta').textContent.trim() === none",
        arg=strings("sl")["search.result.none"],
    )
    page.goto(base + f"faq/{VOTED}/")
    page.click("form[data-kb-feedback] button[value=no]")
    page.fill(".kb-feedback__reason input", REASON)
    page.click(".kb-feedback__reason button[value=reason]")
    time.sleep(4)  # longer than the search pause and the send delay together
    page.goto(base)
    context.close()
    assert [url for url in requests if "/insights/" in url] == []
    assert any(url.endswith("/assets/kb/insights.js") for url in requests)


def test_the_event_file_is_never_cached_by_nginx_or_by_the_headers_file(insights_server):
    """/insights/e answers 200 with `Cache-Control: no-store` (so every event reaches the log),
    and deploy/_headers gives every file of this build what deploy/nginx.conf gives it."""
    base, _log, site = insights_server
    port = int(urlsplit(base).port)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/insights/e?v=1&t=start&s=a&l=en&w=widget")
        answer = connection.getresponse()
        assert (answer.status, answer.read()) == (200, b"")
        assert answer.getheader("Cache-Control") == "no-store"
    finally:
        connection.close()
    netlify, nginx_conf = _netlify_rules(), _nginx_rules()
    different = _differences(
        _paths(site),
        lambda path: _nginx_headers(nginx_conf, path),
        lambda path: _netlify_headers(netlify, path),
    )
    assert "/insights/e" in _paths(site) and not different, different


ENDPOINT = "https://insights.example.test/events"


@pytest.fixture(scope="module")
def receiver(tmp_path_factory):
    """A receiver of endpoint mode's batches, as a team would run one: each POSTed JSON array's
    events written one a line with `ts` added. Yields (its URL, the JSON Lines file)."""
    import datetime
    import http.server
    import json
    import threading

    lines = tmp_path_factory.mktemp("receiver") / "events.jsonl"

    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            now = datetime.datetime.now(datetime.UTC).isoformat()
            with lines.open("a", encoding="utf-8") as handle:
                for event in json.loads(body):
                    handle.write(json.dumps({**event, "ts": now}) + "\n")
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/events", lines
    finally:
        server.shutdown()


def _wait_for(page, done) -> None:
    """Lets the page run until `done()` holds (at most 20 s)."""
    deadline = time.monotonic() + 20
    while not done() and time.monotonic() < deadline:
        page.wait_for_timeout(200)


def test_endpoint_mode_posts_json_batches_that_the_report_reads(
    browser, serve, receiver, tmp_path_factory
):
    """Built with `endpoint:`, the same visit POSTs its events as JSON to that address (routed
    to the test's receiver); report() on the receiver's JSON Lines gives its figures."""
    from tests.sites import build, make_project

    where = tmp_path_factory.mktemp("insights-endpoint")
    docs = {
        path.relative_to(ROOT / "docs").as_posix(): path.read_text(encoding="utf-8")
        for path in sorted((ROOT / "docs").rglob("*"))
        if path.is_file()
    }
    project = make_project(where / "project", docs, {"extra.kb.insights": {"endpoint": ENDPOINT}})
    result = build(project, where / "site")
    assert result.returncode == 0, result.log
    assert not (result.site / "insights").exists()
    base = serve(result.site)
    address, lines = receiver
    posted = []

    def forward(route):
        request = route.request
        posted.append((request.method, request.headers.get("content-type"), request.post_data))
        route.fulfill(response=route.fetch(url=address))

    requests: list[str] = []
    context = _visit(browser, requests)
    context.route(ENDPOINT, forward)
    page = context.new_page()
    page.goto(base + "sl/")
    _search(page, SL_QUERY)
    _wait_for(page, lambda: len(posted) >= 1)
    page.goto(base + f"faq/{VOTED}/")
    page.click("form[data-kb-feedback] button[value=yes]")
    _wait_for(page, lambda: len(posted) >= 2)
    context.close()

    assert [(method, kind) for method, kind, _ in posted] == [
        ("POST", "text/plain;charset=UTF-8")
    ] * 2
    figures = report([lines])
    assert figures["events"] == 2 and figures["malformed"]["count"] == 0
    assert (figures["languages"]["sl"]["searches"], figures["languages"]["sl"]["zero_results"]) == (
        1,
        1,
    )
    assert figures["entries"][VOTED]["helpful_yes"] == 1
    assert not [url for url in requests if "/insights/e" in url]


#: Where the shop's post.html sends the guided email (routed by the test, never reached).
FORM = "https://forms.shop.example/support"
#: What the widget's reader types: the digits leave as "#".
WIDGET_QUERY = "password 48213"
WIDGET_SENT = "password #"
SUPPORT = "help@shop.example"
#: The host page's init script: a click on a mailto: link would leave the page (the widget has
#: handled it by then), so it is stopped and its address kept.
MAILTO = """
window.__mailto = [];
window.addEventListener("click", (event) => {
  const link = event.composedPath().find((node) => node.localName === "a");
  if (link && String(link.href).startsWith("mailto:")) {
    event.preventDefault();
    window.__mailto.push(String(link.href).split("?")[0]);
  }
});
"""
SHADOW = "document.querySelector('kb-help').shadowRoot"


@pytest.fixture(scope="module")
def host_page(insights_server, tmp_path_factory):
    """A shop's page on another origin (another loopback port) with the help site's widget."""
    import http.server
    import threading

    base, _log, _site = insights_server
    directory = tmp_path_factory.mktemp("shop")
    # index.html: the guided email goes to the support address; post.html: to a form service.
    for name, where in (
        ("index", f'data-kb-email="{SUPPORT}"'),
        ("post", f'data-kb-endpoint="{FORM}"'),
    ):
        (directory / f"{name}.html").write_text(
            '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Shop</title>'
            f'</head>\n<body><h1>Shop</h1>\n<script src="{base}widget.js" defer '
            f'crossorigin="anonymous" {where}></script>\n</body></html>\n',
            encoding="utf-8",
        )

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(directory), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://localhost:{server.server_address[1]}/"
    finally:
        server.shutdown()


def _widget_visit(browser, host: str, requests: list, gpc: bool = False) -> list[str]:
    """On the shop's page: open the widget, search, read the first answer, open the guided
    email and send it by mailto:. The addresses the mailto: links went to."""
    context = _visit(browser, requests)
    context.add_init_script(MAILTO)
    if gpc:
        context.add_init_script(
            "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true})"
        )
    page = context.new_page()
    _write_guided_email(page, host)
    page.locator("kb-help .compose .actions .primary").click()
    page.locator("kb-help .sent").wait_for()
    page.wait_for_timeout(3000)  # longer than the send delay
    mailto = page.evaluate("() => window.__mailto")
    context.close()
    return mailto


def _write_guided_email(page, host: str, reads: int = 1, email: str = "") -> list[str]:
    """On the shop's page: open the widget, search, read the first `reads` answers (back to
    the results between them), open the guided email and fill it in (with the reply address
    `email` where the page posts it), ready to send. The ids of the answers read."""
    page.goto(host)
    page.locator("kb-help .launcher").click()
    page.locator("kb-help .panel").wait_for(state="visible")
    box = page.locator("kb-help .panel input[type=search]")
    # The whole query at once: typed key by key, a slow machine's pause between two keys would
    # be a reader's pause, and the search typed so far an event of its own.
    box.fill(WIDGET_QUERY)
    page.wait_for_function(
        f"(text) => {SHADOW}.querySelector('.search .results').dataset.kbQuery === text",
        arg=WIDGET_QUERY,
    )
    page.wait_for_timeout(1500)  # the reader pauses: the search is kept
    read = []
    for position in range(reads):
        if position:
            page.locator("kb-help .head button.back").click()
        result = page.locator("kb-help .search .results .result").nth(position)
        read.append(result.get_attribute("data-kb-ref").split("/")[-1])
        result.click()
        page.locator("kb-help .answer .content:not([aria-busy])").wait_for()
    page.locator("kb-help .foot button").click()
    page.locator("kb-help .compose").wait_for()
    page.locator("kb-help #kb-field-subject").fill("Parcel not delivered")
    page.locator("kb-help #kb-field-happened").fill("It was due on Monday and has not arrived.")
    page.locator("kb-help #kb-field-order").fill("48213")
    if email:
        page.locator("kb-help #kb-field-email").fill(email)
    else:
        page.wait_for_function(
            f"() => {SHADOW}.querySelector('.compose .actions .primary').getAttribute('href')"
        )
    return read


def test_widget_on_another_origin_gives_its_funnel_in_the_report(
    browser, insights_server, host_page
):
    """The widget on a shop's page of another origin: opened, a search, an answer read, the
    guided email opened and sent by mailto:. report() on nginx's access log: exactly that
    funnel, no deflection, and the email counted against the answer read."""
    base, log, _site = insights_server
    start = len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0
    requests: list[str] = []
    assert _widget_visit(browser, host_page, requests) == [f"mailto:{SUPPORT}"]
    time.sleep(1)
    own = [line for line in log.read_text(encoding="utf-8").splitlines()[start:]]
    widget_log = log.parent / "widget-access.log"
    widget_log.write_text("".join(line + "\n" for line in own), encoding="utf-8")

    figures = report([widget_log])
    assert figures["malformed"]["count"] == 0
    assert figures["widget"]["funnel"] == {
        "opened": 1,
        "searched": 1,
        "answer_read": 1,
        "email_opened": 1,
        "email_sent": 1,
    }
    assert (figures["widget"]["deflected"], figures["widget"]["deflection_rate"]) == (0, 0.0)
    insights = [line for line in own if "/insights/e?" in line]
    types = [re.search(r"[?&]t=([a-z]+)", line).group(1) for line in insights]
    assert sorted(types) == sorted(["start", "search", "open", "answer", "compose", "sent"]), (
        insights
    )
    assert all("w=widget" in line for line in insights), insights
    assert any("q=password%20%23" in line and "n=" in line for line in insights), insights
    read = re.search(r"[?&]t=answer&[^ ]*?e=([a-z0-9-]+)", " ".join(insights)).group(1)
    assert figures["entries"][read]["answer_read"] == 1
    assert figures["entries"][read]["email_after"] == 1
    assert any("t=sent" in line and "m=mailto" in line for line in insights), insights

    # Every request went to the shop's page or the help site; none holds what the reader typed.
    help_origin, shop_origin = base.rstrip("/"), host_page.rstrip("/")
    others = [url for url in requests if not url.startswith((help_origin, shop_origin))]
    assert others == []
    help_requests = [url for url in requests if url.startswith(help_origin)]
    assert any("/insights/e?" in url for url in help_requests)
    # (Query strings: the versioned scripts' names hold hex digits.)
    sent = [_without_origin(url) for url in requests] + [line.split('"')[1] for line in own]
    sent = [text.split(" ")[1] if " " in text else text for text in sent]
    sent = [text.partition("?")[2] for text in sent]
    assert len([text for text in sent if "t=" in text]) >= 12  # reported and logged
    leaks = [(text, p.pattern) for text in sent for p in FORBIDDEN if p.search(text)]
    assert leaks == []


def test_widget_with_global_privacy_control_sends_nothing(browser, insights_server, host_page):
    """With Global Privacy Control on, the same widget visit makes no insights request."""
    base, log, _site = insights_server
    before = len(_events(log))
    requests: list[str] = []
    assert _widget_visit(browser, host_page, requests, gpc=True) == [f"mailto:{SUPPORT}"]
    assert [url for url in requests if "/insights/" in url] == []
    assert len(_events(log)) == before


def _log_since(log: Path, start: int, kind: str) -> list[str]:
    """nginx's access log lines after its first `start`, once an event of type `kind` is among
    them (waits up to 20 s)."""
    deadline = time.monotonic() + 20
    while True:
        lines = log.read_text(encoding="utf-8").splitlines()[start:]
        if any(f"t={kind}&" in line for line in lines) or time.monotonic() > deadline:
            time.sleep(1)  # what the same flush sent is logged too
            return log.read_text(encoding="utf-8").splitlines()[start:]
        time.sleep(0.2)


def _logged_events(lines: list[str]) -> list[dict[str, str]]:
    """The insights events among access log lines, each as its query string's keys, without
    the visit id; all of them must be of one visit."""
    targets = [line.split('"')[1].split(" ")[1] for line in lines]
    events = [dict(parse_qsl(urlsplit(t).query)) for t in targets if t.startswith("/insights/e?")]
    visits = {event.pop("s") for event in events}
    assert len(visits) == 1, events
    return events


def _report_of(log: Path, lines: list[str], name: str) -> dict:
    """report() on these lines of the access log alone."""
    part = log.parent / name
    part.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return report([part])


def test_guided_email_posted_to_a_form_is_sent_with_the_answers_read(
    browser, insights_server, host_page
):
    """The widget on a shop's page that posts the guided email to a form service (routed by
    the test): two answers read, then the email sent. One `sent` event is logged, with
    m=post and both answers in the order read; report() counts the email after each."""
    _base, log, _site = insights_server
    start = len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0
    posted = []

    def form(route):
        request = route.request
        posted.append((request.method, request.headers["content-type"], request.post_data))
        route.fulfill(
            status=200,
            headers={"Access-Control-Allow-Origin": "*", "Content-Type": "application/json"},
            body="{}",
        )

    context = _visit(browser, [])
    context.route(FORM, form)
    page = context.new_page()
    read = _write_guided_email(page, host_page + "post.html", reads=2, email="anna@shop.example")
    page.locator("kb-help .compose .actions .primary").click()
    page.locator("kb-help .sent").wait_for()
    lines = _log_since(log, start, "sent")
    context.close()

    assert len(read) == len(set(read)) == 2
    assert [(method, kind.split(";")[0]) for method, kind, _ in posted] == [
        ("POST", "multipart/form-data")
    ]
    assert "Parcel not delivered" in posted[0][2] and "anna@shop.example" in posted[0][2]
    events = _logged_events(lines)
    widget = {"v": "1", "l": "en", "w": "widget"}
    assert [event for event in events if event["t"] == "sent"] == [
        {**widget, "t": "sent", "seen": ",".join(read), "m": "post"}
    ]
    assert sorted(event["e"] for event in events if event["t"] == "answer") == sorted(read)
    assert sorted(event["t"] for event in events) == sorted(
        ["start", "search", "open", "answer", "open", "answer", "compose", "sent"]
    ), events
    figures = _report_of(log, lines, "post-access.log")
    assert figures["widget"]["funnel"]["email_sent"] == 1
    assert [figures["entries"][entry]["email_after"] for entry in read] == [1, 1]


def test_guided_email_copied_is_sent_with_the_answer_read(browser, insights_server, host_page):
    """The guided email copied to the clipboard (allowed in the context) after one answer
    read: the clipboard holds the message, and one `sent` event is logged, with m=copy and
    that answer; report() counts the email after it."""
    _base, log, _site = insights_server
    start = len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0
    context = _visit(browser, [], permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    read = _write_guided_email(page, host_page)
    page.locator("kb-help .compose .actions .secondary").click()
    lines = _log_since(log, start, "sent")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    context.close()

    assert "Parcel not delivered" in copied and "has not arrived" in copied
    events = _logged_events(lines)
    assert [event for event in events if event["t"] == "sent"] == [
        {"v": "1", "t": "sent", "l": "en", "w": "widget", "seen": read[0], "m": "copy"}
    ]
    assert sorted(event["t"] for event in events) == sorted(
        ["start", "search", "open", "answer", "compose", "sent"]
    ), events
    figures = _report_of(log, lines, "copy-access.log")
    assert figures["widget"]["funnel"]["email_sent"] == 1
    assert figures["entries"][read[0]]["email_after"] == 1
