"""Stale translations on the built site: a notice only when the site owner turns it on."""

from __future__ import annotations

from tests.sites import BASE_DOCS, build, make_project

STALE = '---\nsummary: Na strani za prijavo.\nsource_hash: "00000000"\n---\n\n# Kako ponastavim geslo?\n\nStaro besedilo.\n\n## Še vedno ne gre { #still-stuck }\n\nPišite nam.\n'
NOTICE = 'class="admonition warning kb-stale"'


def _docs():
    return {**BASE_DOCS, "faq/reset-password.sl.md": STALE}


def test_stale_translation_shows_a_localised_notice_when_enabled(tmp_path):
    project = make_project(tmp_path / "project", _docs(), {"extra.kb.stale_notice": True})
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    html = result.read("sl/faq/reset-password/index.html")
    assert NOTICE in html
    assert "Izvirnik te strani se je od prevoda spremenil" in html
    assert '<a href="../../../faq/reset-password/" hreflang="en">Preberite izvirnik</a>' in html
    # Neither the original, nor a fallback, nor a translation that records no version.
    assert NOTICE not in result.read("faq/reset-password/index.html")
    assert NOTICE not in result.read("lv/faq/reset-password/index.html")
    assert NOTICE not in result.read("sl/faq/order-number/index.html")


def test_stale_translation_builds_without_notice_by_default(tmp_path):
    project = make_project(tmp_path / "project", _docs())
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    assert "kb-stale" not in result.read("sl/faq/reset-password/index.html")
