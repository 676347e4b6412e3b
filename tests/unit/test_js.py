"""Scripts served without whole-line comments and indentation (helpfirst.js): every token and
every line break between tokens stays, and nothing inside a literal changes. Every script the
build serves is checked with a real JavaScript parser in tests/unit/test_js_tokens.py."""

from __future__ import annotations

import pytest

from helpfirst import js
from tests.sites import ROOT

#: (source, as served): tests/unit/test_js_tokens.py also checks that a parser reads both alike.
CASES = [
    # Whole-line comments, blank lines and indentation go; each line of code keeps its own.
    (
        "/* What this is,\n * over lines. */\n(() => {\n  // why\n\n  run();\n})();\n",
        "(() => {\nrun();\n})();\n",
    ),
    # A comment after code stays (the whitespace before it too); trailing blanks go.
    ("  x(); // why  \n  y();\t\n", "x(); // why\ny();\n"),
    # `//` and `/*` inside strings and templates are not comments.
    (
        "  const a = \"// no\";\n  const b = '/* nor */';\n  const c = `// x /* y */`;\n",
        "const a = \"// no\";\nconst b = '/* nor */';\nconst c = `// x /* y */`;\n",
    ),
    # A `*/` inside a string does not end a comment that is not there.
    ('  const end = "*/";\n  // gone\n  f(end);\n', 'const end = "*/";\nf(end);\n'),
    # A quote or backtick inside a comment starts nothing.
    ("  /* it's `x */\n  f();\n  // don't\n  g();\n", "f();\ng();\n"),
    # Regular expressions holding comment starts, quotes, a backtick and a `/` in a class.
    (
        "  const r = /\\/\\*/;\n  // gone\n  const q = /[\"'`/]/g;\n    next(q);\n",
        "const r = /\\/\\*/;\nconst q = /[\"'`/]/g;\nnext(q);\n",
    ),
    # A regular expression after a keyword or an operator; divisions after values.
    (
        "  return /'/.test(a) || x(/`/);\n  // c\n",
        "return /'/.test(a) || x(/`/);\n",
    ),
    (
        "  const half = total / 2 / count; const s = \"it's\";\n  f(a) / b; // c '\n",
        "const half = total / 2 / count; const s = \"it's\";\nf(a) / b; // c '\n",
    ),
    ("  a[0] / 2; x++ / 1; `t` / 3;\n  // c\n", "a[0] / 2; x++ / 1; `t` / 3;\n"),
    # A template literal spanning lines is kept as written, blank lines and `//` included.
    (
        "  const css = `\n    a {}\n\n  // not a comment\n`;\n    // c\n  y();\n",
        "const css = `\n    a {}\n\n  // not a comment\n`;\ny();\n",
    ),
    # Within a substitution it is code again; a template inside it is a template again.
    (
        "  f(`a ${g({\n    b: `x\n    y`,\n    // c\n  })} z\n    w`);\n",
        "f(`a ${g({\nb: `x\n    y`,\n})} z\n    w`);\n",
    ),
    # A `}` closing a block inside a substitution does not end it.
    ("  `${ {a: 1}.a }\n  `;\n", "`${ {a: 1}.a }\n  `;\n"),
    # A string continued on the next line is kept as written.
    ('  const s = "a\\\n    b";\n  f();\n', 'const s = "a\\\n    b";\nf();\n'),
    # A comment after code that ends on a line of its own stays whole.
    ("  x(); /* a\n\n     b */\n  y();\n", "x(); /* a\nb */\ny();\n"),
    # So does one that begins on a line begun inside a template.
    ("  const t = `\n  x`; /* a\n  b */\n  y();\n", "const t = `\n  x`; /* a\nb */\ny();\n"),
    # The line break that ends a `return` stays: it returns undefined, as written.
    ("  return\n\n  // c\n  /* d */\n  value;\n", "return\nvalue;\n"),
    # A source without a final line break gets none.
    ("  x();\n  // c", "x();"),
    ("", ""),
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_scripts_are_served_without_comment_lines_and_indentation(source, expected):
    assert js.strip(source) == expected
    assert js.strip(expected) == expected  # once is enough


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("const a = 1;\nconst t = `open\n\n", "line 2: a template literal is not closed (close"),
        ("f(`a ${`b`} c);\n", "line 1: a template literal is not closed (close it with `)"),
        ('x();\nconst s = "open;\nf();\n', 'line 2: a string is not closed (close it with ")'),
        ("x();\n\n/* open\n", "line 3: a comment is not closed (close it with */)"),
        ("x = /open\n", "line 1: a regular expression is not closed (close it with /)"),
    ],
)
def test_a_literal_or_comment_that_is_not_closed_is_refused_with_its_line(source, message):
    with pytest.raises(js.ScriptError) as error:
        js.strip(source)
    assert str(error.value).startswith(message)


def test_every_theme_script_is_read_to_its_end_and_served_once_for_all():
    """Every script of the theme is read without a problem, and its served form is served as
    it is (tests/unit/test_js_tokens.py: a parser reads both to the same tokens)."""
    scripts = [ROOT / "overrides" / "widget.js", *(ROOT / "overrides/assets/kb").rglob("*.js")]
    for path in scripts:
        if "vendor" in path.parts:
            continue
        served = js.strip(path.read_text(encoding="utf-8"))
        assert js.strip(served) == served, path
