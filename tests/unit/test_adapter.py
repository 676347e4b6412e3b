"""The adapter's events in-process, on the example site's own config: MkDocs and static-i18n
run as in a build (their handlers and ours, by priority), without writing a site."""

from __future__ import annotations

import json

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from helpfirst.adapter import search_index
from helpfirst.adapter.events import Adapter
from tests.conftest import ROOT

HOOK = "hooks/helpfirst_hooks.py"


def _adapter(config) -> Adapter:
    """The adapter the loaded config hands its events to."""
    return config.hooks[HOOK]._adapter


@pytest.fixture
def first_pass():
    """The example site's config after on_startup, on_config and on_files of the first
    (default-language) pass, with listings of two entries a page; its files and adapter."""
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    config.extra["kb"]["listing_page_size"] = 2
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    return config, files, _adapter(config)


def _page(config, files, src_uri: str, content: str) -> Page:
    """A page of this pass with `content` as its rendered body."""
    page = Page(None, files.get_file_from_path(src_uri), config)
    page.content = content
    return page


def test_the_adapter_is_the_only_hook_and_each_event_has_one_handler_or_two_for_files(
    first_pass,
):
    config, _files, adapter = first_pass
    assert isinstance(adapter, Adapter)
    ours = {
        name: [method for method in methods if getattr(method, "__self__", None) is adapter]
        for name, methods in config.plugins.events.items()
    }
    counts = {name: len(methods) for name, methods in ours.items() if methods}
    assert counts == {
        "startup": 1,
        "config": 1,
        "files": 2,
        "nav": 1,
        "env": 1,
        "page_markdown": 1,
        "page_content": 1,
        "page_context": 1,
        "template_context": 1,
        "post_build": 1,
    }


def test_content_is_read_before_static_i18n_keeps_one_language_and_pages_added_after(first_pass):
    config, files, adapter = first_pass
    state = adapter.state
    # Read before static-i18n (-100) dropped the other languages' files from this pass ...
    assert set(state.catalog.versions("faq/email-or-call.md")) == {"en", "sl", "lv"}
    assert files.get_file_from_path("faq/email-or-call.sl.md") is None
    # ... and the later listing pages added after it, so that they survive its file handling.
    generated = files.get_file_from_path("faq/page/2.md")
    assert generated is not None and generated.dest_uri == "faq/page/2/index.html"
    assert state.lang == "en" and state.languages == ["en", "sl", "lv"]


def test_the_policy_cleans_the_body_before_its_anchors_are_collected(first_pass):
    config, files, adapter = first_pass
    page = _page(config, files, "faq/email-or-call.md", "")
    html = '<h2 id="kept">Kept</h2><form id="gone"><input name="q"></form>'
    cleaned = config.plugins.on_page_content(html, page=page, config=config, files=files)
    assert 'id="gone"' not in cleaned
    assert adapter.state.current.anchors["faq/email-or-call.md"] == {"kept"}


def test_structured_data_shows_the_breadcrumbs_of_the_entry_described_before_it(first_pass):
    config, files, adapter = first_pass
    page = _page(config, files, "faq/email-or-call.md", "<h1>Email or call?</h1><p>Email us.</p>")
    page.title = "Email or call?"
    context = config.plugins.on_page_context({}, page=page, config=config, nav=None)
    trail = [crumb["title"] for crumb in context["kb_entry"]["breadcrumbs"]]
    graph = json.loads(str(context["kb_structured_data"]))["@graph"]
    breadcrumbs = next(node for node in graph if node["@type"] == "BreadcrumbList")
    names = [item["name"] for item in breadcrumbs["itemListElement"]]
    assert names[: len(trail)] == trail
    assert [doc["id"] for doc in adapter.state.current.search_docs] == ["faq/email-or-call"]


def test_a_later_pass_keeps_the_build_and_starts_its_own_collections(first_pass):
    config, files, adapter = first_pass
    catalog = adapter.state.catalog
    adapter.state.current.links.append(("docs/x.md", "x.md", 1, "y.md", ""))
    adapter.state.reported.add("docs/x.md:1: reported once")
    i18n = config.plugins["i18n"]
    i18n.building, i18n.current_language = True, "sl"
    config = config.plugins.on_config(config)
    assert adapter.state.catalog is catalog and adapter.state.lang == "sl"
    assert adapter.state.reported == {"docs/x.md:1: reported once"}
    assert adapter.state.current.links == []
    # A new build (static-i18n no longer building) starts from nothing.
    i18n.building, i18n.current_language = False, "en"
    config.plugins.on_config(config)
    assert adapter.state.catalog is None and adapter.state.reported == set()


def test_the_search_box_facts_are_made_once_per_pass_and_anew_in_the_next(first_pass):
    config, files, adapter = first_pass
    english = search_index.search_context(adapter.state)
    assert search_index.search_context(adapter.state) is english
    assert english["lang"] == "en" and "lang=en" in english["worker_query"]
    i18n = config.plugins["i18n"]
    i18n.building, i18n.current_language = True, "sl"
    config.plugins.on_config(config)
    slovenian = search_index.search_context(adapter.state)
    assert slovenian["lang"] == "sl" and "lang=sl" in slovenian["worker_query"]
    assert slovenian["strings"] != english["strings"]
