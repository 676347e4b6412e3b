"""The embeddable help widget's build outputs: the bootstrap's site facts and one settings-and-
words file per language.

Two files reach the browser, each with one writer (`helpfirst.adapter.widget_assets`):

- `widget.js`, the bootstrap (`overrides/widget.js`) with the facts it needs before anything
  else loads filled in at its `/*kb:site*/` marker: the default language, the languages, the
  support address, the few words it shows itself (launcher, loading, offline), and the
  versioned names of everything it loads later (`asset_manifest`);
- `assets/kb/widget/<lang>.json`, loaded when the panel first opens: the site owner's widget
  settings, the suggested entries of each topic and the featured entries in that language, and
  the widget's words.

Versioned assets: `widget.js` keeps its address (embedding sites name it) and a short cache;
what it loads, the scripts of `WIDGET_SCRIPTS`, the stylesheet and each language's settings, is
also written as `assets/kb/v/<name>.<hash>.<ext>`, named by a hash of its content, which a host
may cache forever (deploy/nginx.conf, deploy/_headers). The search indexes and the answers stay
at their addresses with the short cache: each language pass writes its own, after the bootstrap
is written, and a language may be built on its own (`kb build --lang`).

The words are the `widget.*` keys (and the search result counts, `search.result.*`) of
`strings/<lang>.json`, the one place per language for interface words.

Every theme script below `assets/kb/` is written by the build too (`served_script`), without
whole-line comments, indentation and the spaces its tokens do not need (`helpfirst.js`), as
ASCII (`ascii_script`: a host's server may send it without a charset); the vendored lunr.js as
it is, and once more wrapped for the widget (`scoped_lunr`: a host's AMD loader or CommonJS
globals never see it).
"""

from __future__ import annotations

import functools
import hashlib
import json
import posixpath
from collections.abc import Mapping

from helpfirst import css, insights, js, urls
from helpfirst.answers import answer_pattern
from helpfirst.config_lines import ConfigLines
from helpfirst.content import SECTION_OF_KIND
from helpfirst.problems import Problem
from helpfirst.settings import Settings, WidgetSettings
from helpfirst.strings import strings

#: Where the bootstrap is served, relative to the site root (also its name in the theme).
BOOTSTRAP_PATH = "widget.js"
#: The panel's stylesheet, relative to the site root (also its path in the theme): served
#: minified.
STYLESHEET_PATH = "assets/kb/widget/panel.css"
#: What the bootstrap's source holds in place of the site facts.
BOOTSTRAP_MARKER = "/*kb:site*/null"
#: What the served bootstrap starts with, in place of its comments.
BOOTSTRAP_BANNER = (
    "/* Helpfirst help widget bootstrap; its source, with comments: overrides/widget.js */\n"
)
#: The words the bootstrap shows before the rest of the widget has loaded.
BOOTSTRAP_WORDS = {
    "launcher": "widget.launcher",
    "offline": "widget.offline",
    "contact": "widget.contact",
}
#: The scripts the build writes itself (as ASCII, `ascii_script`): every theme script below it.
SCRIPTS_DIR = "assets/kb/"
#: The vendored scripts, served as written (as ASCII).
VENDOR_DIR = "assets/kb/vendor/"
#: The vendored lunr.js, which the site's search worker loads as it is.
LUNR_SOURCE = "assets/kb/vendor/lunr-2.3.9.min.js"
#: The widget's lunr.js: `LUNR_SOURCE` wrapped by `scoped_lunr`.
LUNR_PATH = "assets/kb/widget/lunr.js"
#: The widget's insights (helpfirst.insights), loaded only where they are on.
INSIGHTS_SCRIPT = "assets/kb/insights.js"
#: The scripts the bootstrap loads when the panel first opens, in the order they run.
WIDGET_SCRIPTS = (
    LUNR_PATH,
    "assets/kb/analysis.js",
    "assets/kb/search.js",
    INSIGHTS_SCRIPT,
    "assets/kb/widget/sanitise.js",
    "assets/kb/widget/compose.js",
    "assets/kb/widget/panel.js",
    "assets/kb/widget/search-view.js",
    "assets/kb/widget/answer-view.js",
    "assets/kb/widget/compose-view.js",
)
#: Where the versioned copies are, relative to the site root.
VERSIONED_DIR = "assets/kb/v/"
#: Hex digits of the content's SHA-256 in a versioned name.
HASH_LENGTH = 10
#: Entries suggested for a topic before anything is typed, at most.
TOPIC_LIMIT = 6
_STRING_PREFIXES = ("widget.", "search.result.")


class WidgetError(ValueError):
    """A widget source cannot be written as the build writes it."""


def settings_path(lang: str) -> str:
    """Where a language's widget settings and words live, relative to the site root."""
    return f"assets/kb/widget/{lang}.json"


def dumps(data: dict, ascii_only: bool = False) -> str:
    """Deterministic JSON: sorted keys, fixed separators."""
    return json.dumps(data, ensure_ascii=ascii_only, sort_keys=True, separators=(",", ":"))


def widget_strings(lang: str) -> dict[str, str]:
    """The widget's words in `lang` (English filling gaps), sorted by key."""
    table = strings(lang)
    return {key: table[key] for key in sorted(table) if key.startswith(_STRING_PREFIXES)}


def versioned_path(path: str, content: bytes) -> str:
    """The versioned name of a file: `assets/kb/v/<name>.<hash>.<ext>`."""
    stem, extension = posixpath.splitext(posixpath.basename(path))
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    return f"{VERSIONED_DIR}{stem}.{digest}{extension}"


def asset_manifest(
    files: Mapping[str, bytes], settings: Mapping[str, str], insights_on: bool = True
) -> dict:
    """The versioned names the bootstrap loads: `files` holds the content of `WIDGET_SCRIPTS`
    and `STYLESHEET_PATH`, `settings` each language's settings text; with insights off, the
    insights script is not among them."""
    scripts = [path for path in WIDGET_SCRIPTS if insights_on or path != INSIGHTS_SCRIPT]
    return {
        "scripts": [versioned_path(path, files[path]) for path in scripts],
        "stylesheet": versioned_path(STYLESHEET_PATH, files[STYLESHEET_PATH]),
        "settings": {
            lang: versioned_path(settings_path(lang), text.encode("utf-8"))
            for lang, text in sorted(settings.items())
        },
    }


def bootstrap_site(
    settings: Settings, languages: list[str], default_lang: str, assets: dict | None = None
) -> dict:
    """The facts the bootstrap needs before it loads anything (`assets`: `asset_manifest`)."""
    words = {}
    for lang in languages:
        table = strings(lang)
        words[lang] = {name: table.get(key, "") for name, key in BOOTSTRAP_WORDS.items()}
    return {
        "default": default_lang,
        "languages": list(languages),
        "email": settings.support_email,
        "words": words,
        "assets": assets or {},
    }


def render_bootstrap(source: str, site: dict) -> str:
    """The bootstrap's source with the site facts written at its marker, served as `js.strip`
    serves it, its styles minified (`minified_styles`; every page that embeds the widget loads
    it: `BOOTSTRAP_BANNER` says where its comments are)."""
    if source.count(BOOTSTRAP_MARKER) != 1:
        raise WidgetError(f"the bootstrap must hold {BOOTSTRAP_MARKER} exactly once")
    code = minified_styles(_stripped(source))
    if code.count(BOOTSTRAP_MARKER) != 1:
        raise WidgetError(f"the bootstrap must hold {BOOTSTRAP_MARKER} outside a comment")
    # ASCII-only JSON is valid JavaScript in every engine (no raw U+2028 in a string literal).
    return BOOTSTRAP_BANNER + code.replace(BOOTSTRAP_MARKER, dumps(site, ascii_only=True))


def minified_styles(code: str) -> str:
    """The bootstrap's code with the text of its template literals, which hold its styles and
    nothing else, minified as CSS (`css.minify`), each text between two substitutions on its
    own: next to a substitution, one space stays where there was whitespace, unless a `{`, `}`
    or `;` is next to it, so that what a substitution holds stays apart from its neighbours."""
    out = []
    position = 0
    for start, end, after, before in js.template_texts(code):
        text = code[start:end]
        minified = css.minify(text)
        if after and text[:1].isspace() and not minified.startswith(("{", "}", ";")):
            minified = " " + minified
        if before and text[-1:].isspace() and not minified.endswith(("{", "}", ";", " ")):
            minified += " "
        out += [code[position:start], minified]
        position = end
    return "".join(out) + code[position:]


# Every language pass writes the same scripts, and `kb serve` builds again and again in one
# process: each source is stripped once (a failure is not kept, and is raised again).
@functools.lru_cache(maxsize=64)
def served_script(source: str) -> str:
    """A theme script as the build serves it: without whole-line comments and indentation
    (`js.strip`), and as ASCII (`ascii_script`)."""
    return ascii_script(_stripped(source))


def _stripped(source: str) -> str:
    """`js.strip`, its problems as `WidgetError`s."""
    try:
        return js.strip(source)
    except js.ScriptError as error:
        raise WidgetError(str(error)) from error


def ascii_script(text: str) -> str:
    """JavaScript source with every non-ASCII character written as a `\\u` escape (astral ones
    as a surrogate pair), so that it means the same whatever charset the host page implies: a
    server may send scripts without one, and the browser then decodes them as the page.

    The escape means the same character in a string, template, regular expression, identifier
    and comment; only after a backslash would it not, which is refused."""
    out = []
    for index, char in enumerate(text):
        code = ord(char)
        if code < 0x80:
            out.append(char)
            continue
        if index and text[index - 1] == "\\":
            line = text.count("\n", 0, index) + 1
            raise WidgetError(f"line {line}: a backslash before {char!r} (write \\u{code:04x})")
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out)


def scoped_lunr(source: str) -> str:
    """lunr.js, unchanged, inside a function whose parameters shadow `define`, `module` and
    `exports`: its UMD tail then calls our `define`, which hands lunr to the widget's namespace.
    It never sees a host page's AMD loader (RequireJS) or CommonJS globals (an element with
    id="exports"), and never sets `window.lunr`."""
    return (
        f"/* lunr.js for the help widget: {LUNR_SOURCE} unchanged, wrapped by the build\n"
        " * (helpfirst/widget.py) so that it never sees the page's define, module or exports. */\n"
        "(function (define, module, exports) {\n"
        f"{source.rstrip()}\n"
        "})(Object.assign(function (factory) {\n"
        '  const key = Symbol.for("helpfirst.widget");\n'
        "  (self[key] = self[key] || {}).lunr = factory();\n"
        "}, { amd: true }));\n"
    )


def language_settings(
    settings: Settings, catalog, lang: str, default_lang: str, site_url: str = ""
) -> dict:
    """The content of `settings_path(lang)`: `answers` is where each entry's answer is
    (`helpfirst.answers`), `site_url` the address its links are absolute against."""
    widget = settings.widget
    return {
        "lang": lang,
        "default_lang": default_lang,
        "answers": answer_pattern(lang, default_lang),
        "site_url": urls.absolute(site_url or "/", ""),
        "fallback_label": strings(default_lang).get("language_name") or default_lang,
        "support_email": settings.support_email,
        "form_endpoint": widget.form_endpoint,
        "order_pattern": widget.order_pattern,
        "topics": topic_items(widget, catalog, lang, default_lang),
        "featured": _items(catalog, settings.featured, lang, default_lang),
        "pages": [[pattern, topic] for pattern, topic in widget.pages.items()],
        "strings": widget_strings(lang),
        "insights": insights_facts(settings),
    }


def settings_text(
    settings: Settings, catalog, lang: str, default_lang: str, site_url: str = ""
) -> str:
    """`settings_path(lang)` as the build writes it: `language_settings`, serialised. The
    default language's build names each language's text by its hash in /widget.js, and its
    cache key holds them (helpfirst.language_builds)."""
    return dumps(language_settings(settings, catalog, lang, default_lang, site_url))


def insights_facts(settings: Settings) -> dict:
    """Where the widget's insights go (assets/kb/insights.js): the mode, and the endpoint or
    the site's own event file, below the site root (helpfirst.insights)."""
    mode = settings.insights.mode
    if mode == "off":
        return {"mode": "off"}
    return {"mode": mode, "url": settings.insights.endpoint or insights.EVENT_PATH}


def topic_items(
    widget: WidgetSettings, catalog, lang: str, default_lang: str
) -> dict[str, list[dict]]:
    """Suggested entries by topic, as shown in `lang`: every category is a topic (its entries
    by title), and each configured topic lists its entries in the order given."""
    topics: dict[str, list[str]] = {}
    for entry, _fallback in catalog.listing(lang):
        category = catalog.meta(entry.id, lang).get("category")
        if category:
            topics.setdefault(category, []).append(entry.id)
    for name, ids in widget.topics.items():
        topics[name] = [entry_id for entry_id in ids if entry_id in catalog.entries]
    return {name: _items(catalog, ids, lang, default_lang) for name, ids in sorted(topics.items())}


def _items(catalog, ids: list[str], lang: str, default_lang: str) -> list[dict]:
    """The first `TOPIC_LIMIT` existing entries of a list of ids, as shown in `lang`."""
    items = [_item(catalog, entry_id, lang, default_lang) for entry_id in ids]
    return [item for item in items if item is not None][:TOPIC_LIMIT]


def check_topics(
    widget: WidgetSettings, catalog, lines: ConfigLines | None = None
) -> list[Problem]:
    """Topics must name existing entries; page patterns must name a topic or category. Each
    problem is at its key's line in `lines` (line 1 of mkdocs.yml without them)."""
    lines = lines or ConfigLines()
    problems = []
    topics = widget.topics
    for name, ids in topics.items():
        for index, entry_id in enumerate(ids):
            if entry_id not in catalog.entries and not catalog.is_left_out(entry_id):
                problems.append(
                    lines.problem(
                        f"extra.kb.widget.topics.{name}[{index}]",
                        f"unknown entry '{entry_id}'",
                        "use the file name of an entry, without .md",
                    )
                )
    known = set(topics) | set(catalog.categories)
    for pattern, topic in widget.pages.items():
        if topic not in known:
            problems.append(
                lines.problem(
                    f"extra.kb.widget.pages.{pattern}",
                    f"unknown topic '{topic}'",
                    f"use a topic under extra.kb.widget.topics or a category: "
                    f"{', '.join(sorted(known))}",
                )
            )
    return problems


def _item(catalog, entry_id: str, lang: str, default_lang: str) -> dict | None:
    """One suggested entry: its ref, its page in `lang`, title and summary as shown there."""
    entry, fallback = catalog.entry(entry_id, lang)
    if entry is None:
        return None
    return {
        "ref": f"{SECTION_OF_KIND[entry.kind]}/{entry_id}",
        "location": urls.page_path(entry.default_uri, lang, default_lang),
        "title": entry.title or entry_id,
        "summary": catalog.meta(entry_id, lang).get("summary") or "",
        "fallback": fallback,
    }
