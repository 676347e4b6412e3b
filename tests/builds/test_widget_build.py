"""The help widget in real builds: the bootstrap at /widget.js within its size budget, each
language's widget settings and words, the demo page, and settings mistakes named by key."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re

from helpfirst.css import minify
from helpfirst.search import documents
from helpfirst.strings import strings
from helpfirst.widget import (
    BOOTSTRAP_MARKER,
    INSIGHTS_SCRIPT,
    LUNR_PATH,
    LUNR_SOURCE,
    STYLESHEET_PATH,
    WIDGET_SCRIPTS,
    served_script,
    settings_path,
)
from tests.builds.test_site import LANGUAGES
from tests.sites import BASE_DOCS, ROOT, build, config_line, make_project

# The bootstrap is all that loads before the panel opens.
BOOTSTRAP_BUDGET_GZIP = 6 * 1024


def test_bootstrap_is_served_at_the_site_root_within_its_budget(real_site):
    raw = (real_site.site / "widget.js").read_bytes()
    compressed = len(gzip.compress(raw, compresslevel=9))
    assert compressed <= BOOTSTRAP_BUDGET_GZIP, f"widget.js: {len(raw)} B raw, {compressed} B gzip"
    text = raw.decode("utf-8")
    assert BOOTSTRAP_MARKER not in text
    facts = json.loads(re.search(r"const FILLED = (\{.*?\});", text).group(1))
    assert facts["default"] == "en" and facts["languages"] == list(LANGUAGES)
    assert facts["email"] == "support@example.com"
    assert facts["words"]["lv"]["launcher"] == "Palīdzība"
    # One copy, at the root: not in any language's folder.
    assert [
        path.relative_to(real_site.site).as_posix() for path in real_site.site.rglob("widget.js")
    ] == ["widget.js"]
    # The source's marker is what the build replaced.
    assert BOOTSTRAP_MARKER in (ROOT / "overrides" / "widget.js").read_text(encoding="utf-8")


def test_each_language_has_its_widget_settings_and_words(real_site):
    for lang, prefix in LANGUAGES.items():
        data = json.loads(real_site.read(f"assets/kb/widget/{lang}.json"))
        assert data["lang"] == lang and data["default_lang"] == "en"
        expected = {k: v for k, v in strings(lang).items() if k.startswith("widget.")}
        assert expected.items() <= data["strings"].items()
        account = data["topics"]["account"]
        assert [item["ref"] for item in account] == [
            "templates/password-reset",
            "faq/customer-portal",
            "templates/verification",
        ]
        assert all(item["location"].startswith(prefix) for item in account)
        assert all((real_site.site / item["location"] / "index.html").is_file() for item in account)
        assert data["pages"] == [["/contact*", "contact"], ["/account/*", "account"]]
        assert len(data["featured"]) == 6
    for name in (
        "lunr.js",
        "sanitise.js",
        "compose.js",
        "panel.js",
        "panel.css",
        "search-view.js",
        "answer-view.js",
        "compose-view.js",
    ):
        assert (real_site.site / f"assets/kb/widget/{name}").is_file()
    # The stylesheet is served minified (tests/browser/test_widget_css.py: the same rules).
    source = (ROOT / "overrides/assets/kb/widget/panel.css").read_text(encoding="utf-8")
    assert real_site.read("assets/kb/widget/panel.css") == minify(source)


def test_every_shipped_script_is_ascii_whatever_the_sources_hold(real_site):
    """A server may send scripts without a charset; the browser then decodes them as the page
    (windows-1250, say): ASCII reads the same in all of them."""
    scripts = sorted(real_site.site.glob("assets/kb/**/*.js")) + [real_site.site / "widget.js"]
    assert len(scripts) >= 10
    # The versioned copies the bootstrap loads too.
    # (The example site has insights off: no insights script.)
    assert len([path for path in scripts if path.parent.name == "v"]) == len(WIDGET_SCRIPTS) - 1
    for path in scripts:
        assert path.read_bytes().isascii(), path
    # What the sources write as UTF-8 reaches the browser as escapes of the same characters,
    # without the comment lines and indentation (tests/unit/test_js_tokens.py: the same tokens).
    source = (ROOT / "overrides/assets/kb/analysis.js").read_text(encoding="utf-8")
    assert not source.isascii()
    assert real_site.read("assets/kb/analysis.js") == served_script(source)
    # The widget's lunr.js is the vendored one, unchanged, in a wrapper.
    vendored = (ROOT / "overrides" / LUNR_SOURCE).read_text(encoding="utf-8")
    assert real_site.read(LUNR_SOURCE) == vendored
    wrapped = real_site.read(LUNR_PATH)
    assert vendored.rstrip() in wrapped and wrapped.startswith("/* lunr.js for the help widget")


def test_demo_page_embeds_the_widget_as_other_sites_do(real_site):
    for lang, prefix in LANGUAGES.items():
        html = real_site.read(f"{prefix}widget/index.html")
        depth = "../" * (2 if prefix else 1)
        tag = re.search(r"<script src=\"([^\"]+)\"[^>]*data-kb-attach[^>]*>", html)
        assert tag.group(1) == f"{depth}widget.js"
        assert f'data-lang="{lang}"' in tag.group(0)
        assert 'crossorigin="anonymous"' in tag.group(0)
        assert '<form id="kb-demo-form"' in html and "<kb-help></kb-help>" in html
    english = real_site.read("widget/index.html")
    for attribute in ("data-lang", "data-kb-attach", "data-kb-topic", "data-kb-endpoint"):
        assert f"<code>{attribute}</code>" in english
    assert "Access-Control-Allow-Origin: *" in english


_INLINE = re.compile(r"""<style\b|\sstyle\s*=|\son[a-z]+\s*=""", re.IGNORECASE)


def test_entry_pages_give_an_embedding_page_nothing_its_csp_would_report(real_site):
    """The widget reads entry pages in the embedding page, whose browser reports every inline
    style and handler it parses to that page's CSP."""
    for lang in LANGUAGES:
        payload = json.loads(real_site.read(f"search/kb-{lang}.json"))
        for doc in documents(payload).values():
            html = real_site.read(doc["location"] + "index.html")
            assert not _INLINE.search(html), (doc["location"], _INLINE.search(html).group(0))


def test_widget_setting_mistakes_stop_the_build_with_the_key(tmp_path):
    project = make_project(
        tmp_path / "project",
        dict(BASE_DOCS),
        {"extra.kb.widget": {"topics": {"orders": ["order-number", "refunds"]}}},
    )
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    line = config_line(project, "- refunds")
    assert f"mkdocs.yml:{line}: extra.kb.widget.topics.orders[1]: unknown entry 'refunds'" in (
        result.log
    )


def test_what_the_bootstrap_loads_is_versioned_by_content(real_site):
    text = real_site.read("widget.js")
    assets = json.loads(re.search(r"const FILLED = (\{.*?\});", text).group(1))["assets"]
    # With insights off (the example site), no insights script.
    scripts = [path for path in WIDGET_SCRIPTS if path != INSIGHTS_SCRIPT]
    sources = [*scripts, STYLESHEET_PATH, *map(settings_path, sorted(LANGUAGES))]
    versioned = [*assets["scripts"], assets["stylesheet"], *assets["settings"].values()]
    assert list(assets["settings"]) == sorted(LANGUAGES)
    for source, path in zip(sources, versioned, strict=True):
        content = (real_site.site / path).read_bytes()
        assert content == (real_site.site / source).read_bytes(), path
        digest = hashlib.sha256(content).hexdigest()[:10]
        stem, extension = os.path.splitext(os.path.basename(source))
        assert path == f"assets/kb/v/{stem}.{digest}{extension}"
    # Nothing else in the versioned folder.
    assert sorted(p.name for p in (real_site.site / "assets/kb/v").iterdir()) == sorted(
        os.path.basename(path) for path in versioned
    )
