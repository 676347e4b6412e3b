"""The CSS minifier: comments and meaningless whitespace go; strings, selectors' combinators and
the spaces that values need stay."""

from __future__ import annotations

import pytest

from helpfirst.css import minify
from tests.conftest import ROOT

PANEL = ROOT / "overrides" / "assets" / "kb" / "widget" / "panel.css"


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        ("/* note */\na {\n  color: red;\n}\n", "a{color:red}"),
        ("a , b > c { x : 1 ; y : 2 ; }", "a,b > c{x:1;y:2}"),
        # A descendant pseudo-class is not the same selector as one on the element itself.
        (".a :hover { x: 1 }", ".a :hover{x:1}"),
        ("a:not(.b) .c::before { x: 1 }", "a:not(.b) .c::before{x:1}"),
        # calc() needs the spaces around + and -; a value's words keep one space.
        ("a { width: calc(100% - 2 * var(--x)); }", "a{width:calc(100% - 2 * var(--x))}"),
        ("a { font: 14px/1.5  var(--f) }", "a{font:14px/1.5 var(--f)}"),
        (
            "a { box-shadow: 0 1px rgba(0, 0, 0, .2), 0 2px red }",
            "a{box-shadow:0 1px rgba(0,0,0,.2),0 2px red}",
        ),
        # Strings are kept as written, with what looks like CSS inside them.
        (
            'a::after { content: "  a ; } /* b */ , : " }',
            'a::after{content:"  a ; } /* b */ , : "}',
        ),
        ("a { content: 'it\\'s  ;}' }", "a{content:'it\\'s  ;}'}"),
        ('a{content:"x" attr(title)}', 'a{content:"x" attr(title)}'),
        # A comment between two words still separates them.
        ("a/**/b { x: 1 }", "a b{x:1}"),
        ("@media (max-width: 480px) {\n  a { x: 1; }\n}\n", "@media (max-width: 480px){a{x:1}}"),
        ("@keyframes k { from { opacity: 0; } }", "@keyframes k{from{opacity:0}}"),
        ("a { x: 1 !important; }", "a{x:1 !important}"),
        # A custom property's value may hold colons; only the first one is the separator.
        ("a { --u : a: b ; }", "a{--u:a: b}"),
        ("", ""),
        ("/* only a comment */", ""),
    ],
)
def test_minify(css, expected):
    assert minify(css) == expected


def test_the_panel_stylesheet_shrinks_and_minifying_again_changes_nothing():
    source = PANEL.read_text(encoding="utf-8")
    once = minify(source)
    assert len(once) < 0.8 * len(source)
    assert "/*" not in once and "\n" not in once
    assert minify(once) == once
