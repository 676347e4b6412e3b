"""The help widget's build side on its own: `extra.kb.widget` validation, the bootstrap's site
facts, and each language's widget settings and words."""

from __future__ import annotations

import json

import pytest

from helpfirst import css, js, settings, widget
from helpfirst.catalog import load_catalog
from helpfirst.strings import strings
from tests.sites import BASE_DOCS, ROOT, docs_files

LANGUAGES = ["en", "sl", "lv"]
CATEGORIES = {
    "customer-portal": {"en": "Portal", "sl": "Portal", "lv": "Portāls"},
    "contacting-support": {"en": "Contact", "sl": "Stik", "lv": "Saziņa"},
}


def _widget(raw):
    result, problems = settings.validate({"widget": raw}, LANGUAGES)
    return result.widget, [str(problem) for problem in problems]


def test_widget_settings_have_defaults():
    result, problems = _widget(None)
    assert problems == []
    assert result == settings.WidgetSettings()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"colour": "red"}, "mkdocs.yml:1: extra.kb.widget.colour: unknown setting (allowed: "),
        (
            {"form_endpoint": "forms.example.com"},
            "extra.kb.widget.form_endpoint: 'forms.example.com' is not an http(s) address",
        ),
        (
            {"order_pattern": "[0-9"},
            "extra.kb.widget.order_pattern: '[0-9' is not a regular expression",
        ),
        ({"order_pattern": "[0-9]*"}, "extra.kb.widget.order_pattern: '[0-9]*' matches an empty"),
        (
            {"order_pattern": "(?P<n>[0-9]+)"},
            "extra.kb.widget.order_pattern: '(?P<n>[0-9]+)' uses syntax that JavaScript",
        ),
        ({"order_pattern": "(?i)a[0-9]+"}, "uses syntax that JavaScript does not share"),
        ({"topics": ["a"]}, "extra.kb.widget.topics: must map topic names to lists of entry ids"),
        ({"topics": {"Account": ["x"]}}, "extra.kb.widget.topics.Account: a topic name is"),
        ({"topics": {"account": "x"}}, "extra.kb.widget.topics.account: must be a list"),
        ({"pages": {"account": "account"}}, "extra.kb.widget.pages.account: a pattern is a path"),
        ({"pages": {"/a/*": ["x"]}}, "extra.kb.widget.pages./a/*: must name one topic"),
        ("on", "extra.kb.widget: must be a group of settings"),
    ],
)
def test_widget_setting_mistakes_name_the_key(raw, message):
    result, problems = _widget(raw)
    assert any(problem.startswith(message) or message in problem for problem in problems), problems
    # What is wrong is left out, so the build output stays usable under --no-strict.
    assert isinstance(result, settings.WidgetSettings)
    assert result.order_pattern


def test_support_email_must_fit_a_mailto_link():
    _, problems = settings.validate({"support_email": "help@shop.example?cc=x"}, LANGUAGES)
    assert [str(p) for p in problems] == [
        "mkdocs.yml:1: extra.kb.support_email: 'help@shop.example?cc=x' is not an email "
        "address (write it as name@example.com)"
    ]


@pytest.fixture
def catalog(tmp_path):
    for path, text in BASE_DOCS.items():
        target = tmp_path / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return load_catalog(docs_files(tmp_path / "docs"), LANGUAGES, "en", CATEGORIES, tmp_path)


def test_topics_are_categories_and_configured_lists_in_each_language(catalog):
    config = settings.WidgetSettings(topics={"orders": ["order-number", "reset-password"]})
    topics = widget.topic_items(config, catalog, "sl", "en")
    assert sorted(topics) == ["contacting-support", "customer-portal", "orders"]
    assert [item["ref"] for item in topics["orders"]] == ["faq/order-number", "faq/reset-password"]
    order, reset = topics["orders"]
    # Untranslated: the English text at the Slovenian fallback page, marked as such.
    assert order == {
        "ref": "faq/order-number",
        "location": "sl/faq/order-number/",
        "title": "Where do I find my order number?",
        "summary": "It is in your confirmation email.",
        "fallback": True,
    }
    assert reset["title"] == "Kako ponastavim geslo?" and reset["fallback"] is False
    assert topics["customer-portal"][0]["location"] == "sl/faq/reset-password/"
    assert widget.topic_items(config, catalog, "en", "en")["orders"][0]["location"] == (
        "faq/order-number/"
    )


def test_unknown_topic_entries_and_page_topics_are_reported(catalog):
    config = settings.WidgetSettings(
        topics={"orders": ["order-number", "refunds"]},
        pages={"/shop/*": "orders", "/help/*": "billing", "/me/*": "customer-portal"},
    )
    problems = [str(problem) for problem in widget.check_topics(config, catalog)]
    assert problems == [
        "mkdocs.yml:1: extra.kb.widget.topics.orders[1]: unknown entry 'refunds' "
        "(use the file name of an entry, without .md)",
        "mkdocs.yml:1: extra.kb.widget.pages./help/*: unknown topic 'billing' "
        "(use a topic under extra.kb.widget.topics or a category: contacting-support, "
        "customer-portal, orders)",
    ]


def test_language_settings_carry_words_settings_and_featured(catalog):
    site = settings.Settings(
        support_email="help@shop.example",
        featured=["reset-password", "missing-id"],
        widget=settings.WidgetSettings(pages={"/account/*": "customer-portal"}),
    )
    data = widget.language_settings(site, catalog, "lv", "en")
    assert data["lang"] == "lv" and data["default_lang"] == "en"
    assert data["fallback_label"] == "English"
    assert data["support_email"] == "help@shop.example"
    assert data["pages"] == [["/account/*", "customer-portal"]]
    assert [item["ref"] for item in data["featured"]] == ["faq/reset-password"]
    assert data["strings"]["widget.launcher"] == "Palīdzība"
    assert data["strings"]["search.result.one"] == "# rezultāts"
    assert all(key.startswith(("widget.", "search.result.")) for key in data["strings"])
    english = {key for key in strings("en") if key.startswith("widget.")}
    assert english <= set(data["strings"])


def test_language_settings_say_where_the_widgets_insights_go(catalog):
    """Off by default; the site's own event file in log mode; the endpoint in endpoint mode."""
    facts = [
        widget.language_settings(
            settings.Settings(insights=settings.InsightsSettings(mode, endpoint)),
            catalog,
            "sl",
            "en",
        )["insights"]
        for mode, endpoint in (("off", ""), ("log", ""), ("endpoint", "https://i.example/e"))
    ]
    assert facts == [
        {"mode": "off"},
        {"mode": "log", "url": "insights/e"},
        {"mode": "endpoint", "url": "https://i.example/e"},
    ]


def test_bootstrap_gets_the_site_facts_at_its_marker():
    site = widget.bootstrap_site(
        settings.Settings(support_email="help@shop.example"), LANGUAGES, "en"
    )
    assert site["default"] == "en" and site["languages"] == LANGUAGES
    assert site["words"]["sl"] == {
        "launcher": "Pomoč",
        "offline": "Centra za pomoč trenutno ni mogoče doseči.",
        "contact": "Pišite nam na {email}",
    }
    text = widget.render_bootstrap("var SITE = /*kb:site*/null || {};", site)
    assert widget.BOOTSTRAP_MARKER not in text
    text = text.removeprefix(widget.BOOTSTRAP_BANNER)
    filled = json.loads(text.removeprefix("var SITE= ").removesuffix("||{};"))
    assert filled == site
    assert text.isascii()  # no raw U+2028 or non-ASCII in the script


@pytest.mark.parametrize("source", ["var SITE = {};", "/*kb:site*/null /*kb:site*/null"])
def test_bootstrap_without_one_marker_is_refused(source):
    with pytest.raises(widget.WidgetError, match="exactly once"):
        widget.render_bootstrap(source, {})


def test_versioned_names_carry_a_hash_of_the_content():
    assert widget.versioned_path("assets/kb/widget/panel.js", b"x") == (
        "assets/kb/v/panel.2d711642b7.js"  # sha256("x") begins 2d711642b726b044
    )
    assert widget.versioned_path("assets/kb/vendor/lunr-2.3.9.min.js", b"") == (
        "assets/kb/v/lunr-2.3.9.min.e3b0c44298.js"
    )
    files = {path: path.encode() for path in (*widget.WIDGET_SCRIPTS, widget.STYLESHEET_PATH)}
    manifest = widget.asset_manifest(files, {"sl": "{}", "en": "{}"})
    assert [path.split(".")[0] for path in manifest["scripts"]] == [
        "assets/kb/v/" + path.rsplit("/", 1)[1].split(".")[0] for path in widget.WIDGET_SCRIPTS
    ]
    # With insights off, the panel loads no insights script.
    off = widget.asset_manifest(files, {"en": "{}"}, insights_on=False)
    assert [path for path in manifest["scripts"] if path not in off["scripts"]] == [
        widget.versioned_path(widget.INSIGHTS_SCRIPT, files[widget.INSIGHTS_SCRIPT])
    ]
    assert manifest["stylesheet"].startswith("assets/kb/v/panel.")
    assert manifest["stylesheet"].endswith(".css")
    assert list(manifest["settings"]) == ["en", "sl"]
    assert manifest["settings"]["sl"] == "assets/kb/v/sl.44136fa355.json"  # sha256("{}")
    site = widget.bootstrap_site(settings.Settings(), LANGUAGES, "en", manifest)
    assert site["assets"] == manifest


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("const a = 'plain';", "const a = 'plain';"),
        ("['čšž', 'c'] // e-pošta", "['\\u010d\\u0161\\u017e', 'c'] // e-po\\u0161ta"),
        ("/^[\"'“”]$/u.test(x)", "/^[\"'\\u201c\\u201d]$/u.test(x)"),
        ("'\U0001f600'", "'\\ud83d\\ude00'"),
        ("'\u2028'", "'\\u2028'"),
    ],
)
def test_scripts_are_written_as_ascii_escapes(source, expected):
    assert widget.ascii_script(source) == expected
    assert widget.ascii_script(expected) == expected  # once is enough


def test_ascii_script_refuses_a_backslash_before_a_non_ascii_character():
    with pytest.raises(
        widget.WidgetError, match=r"line 2: a backslash before 'é' \(write \\u00e9\)"
    ):
        widget.ascii_script("ok\n'\\é'")


def test_lunr_is_wrapped_so_it_never_sees_the_page_define_module_or_exports():
    source = "!function(){var e=1;define(function(){return e})}();\n"
    text = widget.scoped_lunr(source)
    assert source.rstrip() in text  # unchanged inside
    head, tail = text.split(source.rstrip())
    assert head.endswith("(function (define, module, exports) {\n")
    assert tail.startswith("\n})(Object.assign(function (factory) {")
    assert 'Symbol.for("helpfirst.widget")' in tail and "{ amd: true }" in tail
    assert "window.lunr" not in tail and "self.lunr" not in tail


def test_bootstrap_is_served_without_its_comment_lines_and_indentation():
    source = (
        "/* What this is,\n * over lines. */\n(() => {\n  // why\n"
        '  const a = "http://x/*y*/"; // kept: after code\n'
        "  const FILLED = /*kb:site*/null;\n  /** doc */\n  const css = `\n    a{}`;\n})();\n"
    )
    text = widget.render_bootstrap(source, {"default": "en"})
    assert text == (
        widget.BOOTSTRAP_BANNER + '(()=>{\nconst a="http://x/*y*/"; // kept: after code\n'
        'const FILLED= {"default":"en"};\nconst css=`a{}`;\n})();\n'
    )


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("const A = `\n  a {\n    color: red;\n  }\n`;\n", "const A = `a{color:red}`;\n"),
        # What a substitution holds stays apart from its neighbours where whitespace was.
        (
            "`:host {\n  x:1;\n  ${A}\n  --y:2;\n}`",
            "`:host{x:1;${A} --y:2}`",
        ),
        ("`${A} ${B}`;", "`${A} ${B}`;"),
        ("`.a ${B} {\n}\n.c${D}.e {}`", "`.a ${B}{}.c${D}.e{}`"),
        # Strings in the styles and the code of a substitution stay as written.
        ("`a::after { content: ' ; { x ' }`", "`a::after{content:' ; { x '}`"),
        ("`a { b: ${ f( 1 ) } }`", "`a{b: ${ f( 1 ) }}`"),
        ("x( 1 );\n", "x( 1 );\n"),
    ],
)
def test_the_bootstraps_styles_are_served_minified(code, expected):
    assert widget.minified_styles(code) == expected


def test_the_bootstraps_served_styles_read_as_its_source():
    """Each template of the bootstrap, its substitutions standing for a name, minifies to the
    same stylesheet as written and as served (its pieces are minified each on its own)."""

    def styles(code: str) -> list[str]:
        templates: list[list[str]] = []
        for start, end, after, _ in js.template_texts(code):
            if not after:
                templates.append([])
            templates[-1].append(code[start:end])
        return [css.minify("SUBSTITUTION".join(pieces)) for pieces in templates]

    source = (ROOT / "overrides" / widget.BOOTSTRAP_PATH).read_text(encoding="utf-8")
    served = widget.render_bootstrap(source, {})
    assert len(styles(source)) == 3 and styles(served) == styles(source)
    assert "\n" not in "".join(served[s:e] for s, e, *_ in js.template_texts(served))


def test_theme_scripts_are_served_without_comment_lines_and_indentation_as_ascii():
    source = "// Why.\n(() => {\n  const t = `\n  \u00e9`; // \u010d\n})();\n"
    assert widget.served_script(source) == ("(()=>{\nconst t=`\n  \\u00e9`; // \\u010d\n})();\n")
    with pytest.raises(widget.WidgetError, match="line 2: a template literal is not closed"):
        widget.served_script("x();\nconst t = `\n")


def test_a_theme_script_is_stripped_once_for_every_pass_and_a_bad_one_refused_each_time(
    monkeypatch,
):
    stripped = []
    real_strip = js.strip

    def strip(source):
        stripped.append(source)
        return real_strip(source)

    monkeypatch.setattr(js, "strip", strip)
    widget.served_script.cache_clear()
    source = "// Once.\nconst once = 1;\n"
    assert [widget.served_script(source) for _ in range(3)] == ["const once=1;\n"] * 3
    assert stripped == [source]
    for _ in range(2):
        with pytest.raises(widget.WidgetError, match="a template literal is not closed"):
            widget.served_script("once();\nconst t = `\n")
    assert len(stripped) == 3


def test_bootstrap_marker_inside_a_comment_is_refused():
    with pytest.raises(widget.WidgetError, match="outside a comment"):
        widget.render_bootstrap("// /*kb:site*/null\nconst a = 1;\n", {})
