"""deploy/nginx.conf served by a real nginx: statuses, content types with their charset,
compression, cache headers, each language's 404 page, CORS and the security headers; and the
Netlify-style pair (deploy/_headers, deploy/_redirects) saying the same for every built file."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import ROOT

pytestmark = pytest.mark.build

DEPLOY = ROOT / "deploy"
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
# The headers deploy/nginx.conf adds, which deploy/_headers must give the same values.
HEADERS = (
    "cache-control",
    "access-control-allow-origin",
    "x-content-type-options",
    "referrer-policy",
    "content-security-policy",
)
# Headers nginx.conf adds that _headers cannot: a static host without content negotiation
# serves no Markdown twin at a page's address, so nothing there varies by Accept.
NGINX_ONLY = ("vary",)
# Script types a browser runs (the JSON and JSON-LD blocks are data, which a CSP ignores).
_RUNS = {None, "", "text/javascript", "application/javascript", "module"}


def _languages() -> tuple[str, list[str]]:
    """The default language and every language, from mkdocs.yml."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    plugin = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    languages = [lang["locale"] for lang in plugin["languages"]]
    default = next(lang["locale"] for lang in plugin["languages"] if lang.get("default"))
    return default, languages


DEFAULT, LANGUAGES = _languages()


def _prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def _one(site, pattern: str) -> str:
    """The site-relative path of the one built file matching a glob (hashed names)."""
    found = sorted(site.glob(pattern))
    assert len(found) == 1, (pattern, found)
    return "/" + found[0].relative_to(site).as_posix()


def _policy(text: str) -> dict[str, list[str]]:
    """A Content-Security-Policy as {directive: [sources]}."""
    policy = {}
    for part in text.split(";"):
        words = part.split()
        if words:
            policy[words[0]] = words[1:]
    return policy


def _nginx_policy() -> str:
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    return re.search(r'add_header Content-Security-Policy "([^"]+)" always;', text).group(1)


# ---- statuses, types, compression, cache ------------------------------------------------------


def test_pages_and_files_are_served_and_folders_redirect_relatively(nginx):
    for path in ("/", "/sl/", "/lv/", "/faq/", "/sl/faq/customer-portal/", "/widget.js"):
        assert nginx.get(path).status == 200, path
    for path in ("/search/kb-sl.json", "/assets/kb/widget/sl.json", "/sitemap.xml"):
        assert nginx.get(path).status == 200, path
    moved = nginx.get("/sl/faq")
    assert (moved.status, moved.headers["location"]) == (301, "/sl/faq/")


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/", "text/html"),
        ("/sl/faq/customer-portal/", "text/html"),
        ("/widget.js", "application/javascript"),
        ("/assets/kb/analysis.js", "application/javascript"),
        ("/search/kb-sl.json", "application/json"),
        ("/assets/kb/widget/lv.json", "application/json"),
        ("/assets/kb/kb.css", "text/css"),
        ("/sitemap.xml", "text/xml"),
        ("/assets/kb/logo.svg", "image/svg+xml"),
        ("/robots.txt", "text/plain"),
    ],
)
def test_text_is_served_as_utf_8(nginx, path, media_type):
    assert nginx.get(path).headers["content-type"] == f"{media_type}; charset=utf-8"


def test_hashed_assets_are_served_as_utf_8_too(nginx):
    for pattern in ("assets/javascripts/bundle.*.min.js", "assets/stylesheets/main.*.min.css"):
        content_type = nginx.get(_one(nginx.site, pattern)).headers["content-type"]
        assert content_type.endswith("; charset=utf-8"), (pattern, content_type)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/sl/guides/write-to-customer-service/",
        "/widget.js",
        "/assets/kb/widget/panel.js",
        "/search/kb-lv.json",
        "/assets/kb/kb.css",
        "/assets/kb/logo.svg",
        "/sitemap.xml",
    ],
)
def test_text_is_compressed_when_the_client_accepts_gzip(nginx, path):
    file = nginx.site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
    compressed = nginx.get(path, gzip=True)
    assert compressed.headers.get("content-encoding") == "gzip"
    assert "Accept-Encoding" in compressed.headers["vary"]
    assert gzip.decompress(compressed.body) == file.read_bytes()
    assert len(compressed.body) < file.stat().st_size
    plain = nginx.get(path)
    assert "content-encoding" not in plain.headers
    assert plain.body == file.read_bytes()


def test_the_hashed_material_bundle_is_compressed(nginx):
    response = nginx.get(_one(nginx.site, "assets/javascripts/bundle.*.min.js"), gzip=True)
    assert response.headers.get("content-encoding") == "gzip"


def test_fingerprinted_assets_are_kept_a_year_everything_else_five_minutes(nginx):
    site = nginx.site
    for pattern in (
        "assets/javascripts/bundle.*.min.js",
        "assets/javascripts/workers/search.*.min.js",
        "assets/stylesheets/main.*.min.css",
        "assets/stylesheets/palette.*.min.css",
        "assets/stylesheets/main.*.min.css.map",
        # What /widget.js loads, by the versioned names it knows.
        "assets/kb/v/lunr.*.js",
        "assets/kb/v/search.*.js",
        "assets/kb/v/panel.*.js",
        "assets/kb/v/panel.*.css",
        "assets/kb/v/sl.*.json",
    ):
        assert nginx.get(_one(site, pattern)).headers["cache-control"] == IMMUTABLE, pattern
    for path in (
        "/",
        "/sl/faq/customer-portal/",
        "/faq/",
        "/widget.js",
        "/search/kb-sl.json",
        "/assets/kb/widget/sl.json",
        "/assets/kb/widget/panel.js",
        "/answers/email-or-call.json",
        "/lv/answers/email-or-call.json",
        "/assets/kb/kb.css",
        "/assets/kb/vendor/lunr-2.3.9.min.js",
        "/assets/javascripts/lunr/min/lunr.de.min.js",  # Material's, not fingerprinted
        "/assets/images/favicon.png",
        "/sitemap.xml",
        "/sl/nope/",
    ):
        assert nginx.get(path).headers["cache-control"] == SHORT, path


# ---- 404 pages, CORS, security headers ----------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_missing_page_gets_its_languages_404_page_with_status_404(nginx, lang):
    prefix = _prefix(lang)
    expected = (nginx.site / f"{prefix}404.html").read_bytes()
    for path in (f"/{prefix}nope/", f"/{prefix}faq/nope/", f"/{prefix}search/missing.json"):
        response = nginx.get(path)
        assert response.status == 404, path
        assert response.body == expected, path
        assert BeautifulSoup(response.body, "html.parser").html["lang"] == lang
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert response.headers["content-security-policy"] == _nginx_policy()


@pytest.mark.parametrize(
    "path",
    [
        "/widget.js",
        "/assets/kb/vendor/lunr-2.3.9.min.js",
        "/assets/kb/widget/lunr.js",
        "/assets/kb/analysis.js",
        "/assets/kb/search.js",
        "/assets/kb/widget/sanitise.js",
        "/assets/kb/widget/compose.js",
        "/assets/kb/widget/panel.js",
        "/assets/kb/widget/search-view.js",
        "/assets/kb/widget/answer-view.js",
        "/assets/kb/widget/compose-view.js",
        "/assets/kb/widget/panel.css",
        "/assets/kb/widget/sl.json",
        "/search/kb-sl.json",
        "/sl/answers/email-or-call.json",
        "/sl/nope/",
    ],
)
def test_everything_the_widget_reads_allows_every_origin(nginx, path):
    assert nginx.get(path).headers["access-control-allow-origin"] == "*"


def test_what_widget_js_loads_is_versioned_and_allows_every_origin(nginx):
    text = nginx.get("/widget.js").body.decode("utf-8")
    assets = json.loads(re.search(r"const FILLED ?= ?(\{.*?\});", text).group(1))["assets"]
    paths = [*assets["scripts"], assets["stylesheet"], *assets["settings"].values()]
    assert len(paths) == 13
    for path in paths:
        response = nginx.get("/" + path)
        assert response.status == 200, path
        assert response.headers["cache-control"] == IMMUTABLE, path
        assert response.headers["access-control-allow-origin"] == "*", path
    assert nginx.get("/widget.js").headers["cache-control"] == SHORT


def test_every_response_carries_the_security_headers(nginx):
    for path in ("/", "/sl/nope/", "/widget.js", "/search/kb-sl.json", "/faq"):
        headers = nginx.get(path).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin", path
        assert headers["content-security-policy"] == _nginx_policy(), path


def test_the_policy_allows_nothing_from_other_hosts_no_inline_style_and_no_eval():
    policy = _policy(_nginx_policy())
    assert policy["default-src"] == ["'none'"]
    for directive, sources in policy.items():
        for source in sources:
            assert source.startswith("'") or source in ("data:",), (directive, source)
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, directive
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    for directive in ("connect-src", "worker-src", "img-src", "base-uri", "form-action"):
        assert "'self'" in policy[directive], directive


# ---- the policy's script hashes against what the builds write ----------------------------------


def _inline_script_sources(site) -> dict[str, str]:
    """Every inline script the browser runs, as its CSP source ('sha256-...') -> a page."""
    found = {}
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            if script.get("src") or script.get("type") not in _RUNS:
                continue
            digest = hashlib.sha256((script.string or "").encode("utf-8")).digest()
            source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
            found.setdefault(source, page.relative_to(site).as_posix())
    return found


def test_every_inline_script_the_builds_write_is_allowed_by_its_hash(real_site, paged_site):
    allowed = set(_policy(_nginx_policy())["script-src"])
    written = {**_inline_script_sources(paged_site.site), **_inline_script_sources(real_site.site)}
    missing = {source: page for source, page in written.items() if source not in allowed}
    assert not missing, (
        "inline scripts the Content-Security-Policy of deploy/nginx.conf and deploy/_headers "
        f"does not allow (add these sources to script-src): {missing}"
    )
    unused = {s for s in allowed if s.startswith("'sha256-")} - set(written)
    assert not unused, f"script hashes no page of the example site needs: {sorted(unused)}"


# ---- the Netlify-style pair says the same ----------------------------------------------------


def _netlify_rules() -> list[tuple[re.Pattern, dict[str, str]]]:
    """deploy/_headers as (path pattern, headers) rules, in order. A `*` matches any text, and
    a lone `*` segment also nothing at all (`/*` matches `/`), as Netlify matches them."""
    rules = []
    for number, line in enumerate(
        (DEPLOY / "_headers").read_text(encoding="utf-8").splitlines(), 1
    ):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("/"):
            parts = []
            for part in line.strip().split("/")[1:]:
                if part == "*":
                    parts.append("(?:/.*)?")  # `/a/*` matches /a, /a/ and below, not /ab
                else:
                    parts.append("/" + ".*".join(re.escape(piece) for piece in part.split("*")))
            rules.append((re.compile("^" + "".join(parts) + "/?$"), {}))
        else:
            name, _, value = line.strip().partition(":")
            assert rules and value, f"deploy/_headers:{number}: a header outside a path rule"
            rules[-1][1][name.strip().lower()] = value.strip()
    return rules


def _netlify_headers(rules, path: str) -> dict[str, str]:
    """The headers a Netlify-style host adds to `path`: every matching rule, later ones first."""
    headers = {}
    for pattern, values in rules:
        if pattern.match(path):
            headers.update(values)
    return headers


_MAP = re.compile(r"^map \$uri \$(\w+) \{\n(.*?)^\}", re.M | re.S)
_MAP_ENTRY = re.compile(r'^\s*(default|"~[^"]+")\s+"([^"]*)";$', re.M)
_ADD_HEADER = re.compile(r'^\s*add_header ([\w-]+) ("[^"]*"|\S+) always;$', re.M)


def _nginx_rules():
    """deploy/nginx.conf read as text: its $uri maps ({variable: [(regex or None, value)]})
    and its add_header lines ({name: value})."""
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    maps = {
        variable: [
            (None if key == "default" else re.compile(key[2:-1]), value)
            for key, value in _MAP_ENTRY.findall(body)
        ]
        for variable, body in _MAP.findall(text)
    }
    headers = {
        name.lower(): value.strip('"')
        for name, value in _ADD_HEADER.findall(text)
        if name.lower() not in NGINX_ONLY
    }
    return maps, headers


def _nginx_headers(rules, path: str) -> dict[str, str]:
    """The headers deploy/nginx.conf adds to `path`: a map's regexes in order, then default."""
    maps, headers = rules
    resolved = {}
    for name, value in headers.items():
        if value.startswith("$"):
            entries = maps[value[1:]]
            matched = [v for regex, v in entries if regex is not None and regex.search(path)]
            value = (matched or [v for regex, v in entries if regex is None])[0]
        resolved[name] = value
    return resolved


def _paths(site) -> list[str]:
    """The address of every built file (folders for index.html), and a few missing ones."""
    paths = ["/sl/nope/", "/nope/", "/faq"]
    for file in sorted(site.rglob("*")):
        if file.is_file():
            paths.append("/" + file.relative_to(site).as_posix().removesuffix("index.html"))
    assert len(paths) > 100
    return paths


def _differences(paths, first, second) -> dict:
    """Per path, the headers whose values differ between two functions path -> headers."""
    different = {}
    for path in paths:
        one = {name: first(path).get(name) for name in HEADERS}
        other = {name: second(path).get(name) for name in HEADERS}
        if one != other:
            different[path] = {n: (one[n], other[n]) for n in HEADERS if one[n] != other[n]}
    return different


def test_headers_file_says_what_nginx_conf_says_for_every_built_file(real_site):
    """Read as text, without nginx: the two files give every address the same headers."""
    netlify, nginx_conf = _netlify_rules(), _nginx_rules()
    assert set(nginx_conf[1]) == set(HEADERS)
    different = _differences(
        _paths(real_site.site),
        lambda path: _nginx_headers(nginx_conf, path),
        lambda path: _netlify_headers(netlify, path),
    )
    assert not different, f"nginx.conf and _headers differ (nginx.conf, _headers): {different}"


def test_headers_file_gives_every_built_file_the_headers_nginx_sends(nginx):
    rules = _netlify_rules()
    different = _differences(
        _paths(nginx.site),
        lambda path: nginx.get(path, method="HEAD").headers,
        lambda path: _netlify_headers(rules, path),
    )
    assert not different, f"nginx and _headers differ (nginx, _headers): {different}"


def test_redirects_file_gives_each_language_its_404_page_default_last():
    rules = [
        line.split()
        for line in (DEPLOY / "_redirects").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    expected = [[f"/{lang}/*", f"/{lang}/404.html", "404"] for lang in LANGUAGES if _prefix(lang)]
    assert rules == [*expected, ["/*", "/404.html", "404"]]


@pytest.mark.parametrize("prefix", ["", "/sl", "/lv"])
def test_a_client_asking_for_markdown_gets_the_twin_and_a_browser_the_page(nginx, prefix):
    page = f"{prefix}/faq/customer-portal/"
    twin = nginx.site / page.lstrip("/") / "index.md"
    markdown = nginx.get(page, accept="text/markdown, text/plain;q=0.5")
    assert markdown.status == 200
    assert markdown.headers["content-type"] == "text/markdown; charset=utf-8"
    assert markdown.body == twin.read_bytes()
    assert "Accept" in markdown.headers["vary"]
    browser = nginx.get(page, accept="text/html,application/xhtml+xml,*/*;q=0.8")
    assert browser.headers["content-type"] == "text/html; charset=utf-8"
    assert browser.body == (twin.parent / "index.html").read_bytes()
    direct = nginx.get(f"{page}index.md")
    assert direct.status == 200 and direct.headers["content-type"].startswith("text/markdown")
    # A page without a twin is the page, whatever is asked for.
    listing = nginx.get(f"{prefix}/faq/", accept="text/markdown")
    assert listing.status == 200 and listing.headers["content-type"].startswith("text/html")
