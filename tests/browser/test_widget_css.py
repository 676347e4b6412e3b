"""The help widget's stylesheet as served (minified) means to Chromium exactly what its source
says: the same rules, read by the browser's own CSS parser."""

from __future__ import annotations

from helpfirst.css import minify
from tests.unit.test_css import PANEL

RULES = """texts => texts.map(text => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  return [...sheet.cssRules].map(rule => rule.cssText);
})"""


def test_minified_panel_stylesheet_has_the_rules_of_its_source(page):
    source = PANEL.read_text(encoding="utf-8")
    written, served = page.evaluate(RULES, [source, minify(source)])
    assert len(written) > 40
    assert served == written
