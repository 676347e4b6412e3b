"""Shared fixtures for the three test tiers: unit, real build, real browser."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpfirst.tools.search_box import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent

#: The tiers in the order their files are handed to the workers (pyproject's addopts): the
#: slowest files first, so that no worker is left with a long one when the others are done.
_TIER_ORDER = ("scripts", "browser", "deploy", "builds", "unit")


def pytest_collection_modifyitems(items):
    """Tests in tier order (`_TIER_ORDER`), each tier's files in their own order."""

    def tier(item) -> int:
        parts = Path(str(item.path)).parts
        name = parts[-2] if len(parts) > 2 and parts[-3] == "tests" else ""
        return _TIER_ORDER.index(name) if name in _TIER_ORDER else len(_TIER_ORDER)

    items.sort(key=tier)


@pytest.fixture(scope="session")
def browser():
    """A real headless Chromium (Debian's), driven by Playwright; skipped loudly if absent."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"SKIPPED: no Chromium at {CHROMIUM}; browser tests need Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh page in its own context, closed after the test."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The project's own site, built once with `mkdocs build --strict` into a temp dir."""
    from tests.sites import build

    result = build(ROOT, tmp_path_factory.mktemp("real-site") / "site")
    assert result.returncode == 0, result.log
    return result


#: Entries per listing page in `paged_site`: few enough that every section has a page 2.
PAGED_PAGE_SIZE = 3


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory):
    """The project's own docs built with `listing_page_size: 3` (the deepest folders a build
    writes, and every section listed over several pages), once per test run."""
    from tests.sites import build, make_project

    where = tmp_path_factory.mktemp("paged")
    docs = {
        path.relative_to(ROOT / "docs").as_posix(): path.read_text(encoding="utf-8")
        for path in sorted((ROOT / "docs").rglob("*"))
        if path.is_file()
    }
    config = {"extra.kb.listing_page_size": PAGED_PAGE_SIZE}
    result = build(make_project(where / "project", docs, config), where / "site")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session")
def sl_default_site(tmp_path_factory):
    """A small knowledge base with Slovenian as the default language (tests.sites.SL_DEFAULT_DOCS)."""
    from tests.sites import SL_DEFAULT_DOCS, build, default_language_plugins, make_project

    where = tmp_path_factory.mktemp("sl-default")
    project = make_project(
        where / "project",
        SL_DEFAULT_DOCS,
        config_changes={"plugins": default_language_plugins("sl"), "theme.language": "sl"},
    )
    result = build(project, where / "site")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session")
def serve(tmp_path_factory):
    """Serve a directory over HTTP on loopback; returns a function dir -> base URL."""
    import functools
    import http.server
    import threading

    servers = []

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    def start(directory, port=0):
        handler = functools.partial(QuietHandler, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def structured_site(tmp_path_factory):
    """A fixture project with hostile text for structured data, built once (Organization off)."""
    from tests.hostile_sites import STRUCTURED_DOCS
    from tests.sites import build, make_project

    where = tmp_path_factory.mktemp("structured")
    project = make_project(
        where / "project", STRUCTURED_DOCS, {"extra.kb.structured_data": {"Organization": False}}
    )
    result = build(project, where / "site")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session")
def escape_site(tmp_path_factory):
    """A fixture project whose titles, summaries and category hold hostile text, built once."""
    from tests.hostile_sites import ESCAPE_CONFIG, ESCAPE_DOCS
    from tests.sites import build, make_project

    where = tmp_path_factory.mktemp("escape")
    # Not strict: a heading written as raw HTML is also taken out of the page body by the HTML
    # policy (tests/builds/test_html_policy.py), which warns; here what counts is every other
    # surface, where the title is text.
    project = make_project(where / "project", ESCAPE_DOCS, ESCAPE_CONFIG)
    result = build(project, where / "site", strict=False)
    assert result.returncode == 0, result.log
    warnings = [line for line in result.log.splitlines() if line.startswith("WARNING")]
    policy = ("is not allowed in content", "looks like an HTML tag and is removed")
    assert warnings and all(any(text in line for text in policy) for line in warnings), warnings
    return result


@pytest.fixture(scope="session")
def html_policy_site(tmp_path_factory):
    """Every hostile HTML case on every page type (tests.hostile_sites.HTML_DOCS), built without
    --strict: the site is built with what the policy lets through."""
    from tests.hostile_sites import HTML_DOCS
    from tests.sites import build, make_project

    where = tmp_path_factory.mktemp("html-policy")
    project = make_project(where / "project", HTML_DOCS)
    result = build(project, where / "site", strict=False)
    assert result.returncode == 0, result.log
    return result
