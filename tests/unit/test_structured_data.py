"""Structured data on its own: the objects built from rendered HTML, the answer sanitiser and the
serialiser that makes JSON safe inside a <script> element."""

from __future__ import annotations

import datetime
import json

import pytest

from helpfirst import fragments, settings, structured_data
from helpfirst.structured_data import Page, answer_html, dumps, page_graph

URL = "https://help.example.com/sl/faq/pay/"
HOSTILE = [
    "</script><script>alert(1)</script>",
    "<!--",
    "a\u2028b\u2029c",
    "\u201ctypographic quotes\u201d and \u2018single\u2019",
    "emoji 😀 👩\u200d💻",
    "right to left: \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    'back\\slash "quoted" & ampersand',
    "controls \x00\x01\x1f\x7f\x85",
]


def heading(level: int, text: str, anchor: str) -> str:
    """A heading as the toc extension renders it, with its permalink."""
    return (
        f'<h{level} id="{anchor}">{text}<a class="headerlink" href="#{anchor}" '
        f'title="Permanent link">&para;</a></h{level}>'
    )


@pytest.mark.parametrize("value", HOSTILE)
def test_serialised_text_cannot_end_the_script_and_decodes_to_the_original(value):
    data = {"@context": "https://schema.org", "name": value, "list": [value, {"text": value}]}
    text = dumps(data)
    for forbidden in ("<", ">", "&", "\u2028", "\u2029", "\x7f", "\x85"):
        assert forbidden not in text
    assert json.loads(text) == data
    assert all(ord(char) >= 0x20 for char in text)


def test_serialiser_writes_the_escapes_the_issue_names():
    assert dumps({"a": "</script>&\u2028\u2029"}) == (
        '{"a":"\\u003c/script\\u003e\\u0026\\u2028\\u2029"}'
    )


def test_serialiser_keeps_typographic_quotes_inside_ascii_delimited_strings():
    text = dumps({"q": "\u201cquoted\u201d"})
    assert text == '{"q":"\u201cquoted\u201d"}'
    assert json.loads(text) == {"q": "\u201cquoted\u201d"}


def test_serialiser_refuses_what_json_cannot_say():
    with pytest.raises(ValueError):
        dumps({"n": float("nan")})


def test_serialiser_output_is_deterministic():
    data = {"b": 1, "a": ["x", {"d": 2, "c": 3}]}
    assert dumps(data) == dumps(json.loads(json.dumps(data)))


def test_answer_keeps_the_tags_consumers_render_and_reduces_the_rest_to_text():
    rendered = (
        heading(2, "Still <em>stuck</em>?", "still-stuck")
        + '\n<p class="x" onclick="evil()">See <a href="../order/#number" title="t">the order</a>,'
        ' <a href="https://example.org/">a site</a>, <a href="mailto:a@b.c">mail</a>,'
        ' <a href="javascript:alert(1)">no</a> and <a id="here">an anchor</a>.</p>\n'
        '<div class="admonition note"><p class="admonition-title">Note</p><p>Use '
        "<code>&lt;/script&gt;</code> <span>and</span> <b>bold</b><br>next</p></div>\n"
        "<table><tr><td>cell</td></tr></table><img src=x alt=picture>"
        "<script>alert(1)</script><style>p{}</style><!-- hidden -->"
    )
    nodes = fragments.parse(rendered).children
    assert answer_html(nodes, URL) == (
        "<h2>Still <em>stuck</em>?</h2>\n"
        '<p>See <a href="https://help.example.com/sl/faq/order/#number">the order</a>,'
        ' <a href="https://example.org/">a site</a>, mail, no and an anchor.</p>\n'
        "<div><p>Note</p><p>Use &lt;/script&gt; and <b>bold</b><br>next</p></div>\n"
        "cell"
    )


def test_fragment_text_decodes_references_and_leaves_out_what_is_not_shown():
    tree = fragments.parse(
        "<p>a &amp; b&#8217;s</p><script>x()</script><template><p>no</p></template><p>c</p></i>"
    )
    assert fragments.text(tree) == "a & b\u2019s c"


def test_fragment_text_collapses_the_whitespace_html_collapses_only():
    tree = fragments.parse("<p>\n  10\u00a0€ \t and\u2028on </p>\n")
    assert fragments.text(tree) == "10\u00a0€ and\u2028on"


FAQ_HTML = (
    heading(1, "How do I pay by &lt;card&gt; \u201cfast\u201d?", "how-do-i-pay")
    + "\n<p>Open <strong>Billing</strong>.</p>\n"
    + heading(2, "Refunds", "refunds")
    + "\n<ul>\n<li>One</li>\n</ul>"
)


def faq_page(**changes) -> Page:
    values = {
        "kind": "faq",
        "url": URL,
        "lang": "sl",
        "content": FAQ_HTML,
        "updated": datetime.date(2026, 11, 1),
        "breadcrumbs": [
            ("Domov", "https://help.example.com/sl/"),
            ("Pogosta vprašanja", "https://help.example.com/sl/faq/"),
        ],
    }
    return Page(**{**values, **changes})


def test_faq_entry_is_one_question_with_its_accepted_answer():
    graph = page_graph(faq_page(), {})
    assert graph["@context"] == "https://schema.org"
    faq, crumbs = graph["@graph"]
    assert faq == {
        "@type": "FAQPage",
        "@id": URL,
        "url": URL,
        "inLanguage": "sl",
        "dateModified": "2026-11-01",
        "breadcrumb": {"@id": URL + "#breadcrumb"},
        "mainEntity": [
            {
                "@type": "Question",
                "name": "How do I pay by <card> \u201cfast\u201d?",
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": "<p>Open <strong>Billing</strong>.</p>\n<h2>Refunds</h2>\n"
                    "<ul>\n<li>One</li>\n</ul>",
                },
            }
        ],
    }
    assert crumbs == {
        "@type": "BreadcrumbList",
        "@id": URL + "#breadcrumb",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": 1,
                "name": "Domov",
                "item": "https://help.example.com/sl/",
            },
            {
                "@type": "ListItem",
                "position": 2,
                "name": "Pogosta vprašanja",
                "item": "https://help.example.com/sl/faq/",
            },
            {
                "@type": "ListItem",
                "position": 3,
                "name": "How do I pay by <card> \u201cfast\u201d?",
            },
        ],
    }


@pytest.mark.parametrize(
    "content",
    ["<p>No title, only text.</p>", heading(1, "A question alone?", "q") + "\n<p> </p>"],
)
def test_faq_without_a_question_or_an_answer_has_no_faq_page(content):
    graph = page_graph(faq_page(content=content), {})
    assert [thing["@type"] for thing in graph["@graph"]] == ["BreadcrumbList"]


GUIDE_HTML = (
    heading(1, "How to write to us", "how")
    + "\n<p>What the guide achieves.</p>\n"
    + heading(3, "Look first", "look-first")
    + "\n<p>Before any part.</p>\n"
    + heading(2, "Prepare", "prepare")
    + "\n<p>Part intro, not a step.</p>\n"
    + heading(3, "Read the FAQ", "read-the-faq")
    + "\n<p>Most answers are there.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
    + heading(3, "Search", "search")
    + "\n"
    + heading(2, "Notes", "notes")
    + "\n<p>A part without steps is not a section.</p>\n"
    + heading(2, "Write", "write")
    + "\n"
    + heading(3, "Choose a subject", "choose-a-subject")
    + "\n<p>Be specific.</p>"
)


def test_guide_steps_are_the_visible_steps_in_order_grouped_by_parts():
    guide = structured_data.how_to(fragments.parse(GUIDE_HTML), URL, "sl")
    assert guide["name"] == "How to write to us"
    assert guide["description"] == "What the guide achieves."
    assert guide["inLanguage"] == "sl" and guide["url"] == URL
    assert guide["step"] == [
        {
            "@type": "HowToStep",
            "position": 1,
            "name": "Look first",
            "url": URL + "#look-first",
            "text": "Before any part.",
        },
        {
            "@type": "HowToSection",
            "position": 2,
            "name": "Prepare",
            "itemListElement": [
                {
                    "@type": "HowToStep",
                    "position": 1,
                    "name": "Read the FAQ",
                    "url": URL + "#read-the-faq",
                    "text": "Most answers are there. one two",
                },
                {"@type": "HowToStep", "position": 2, "name": "Search", "url": URL + "#search"},
            ],
        },
        {
            "@type": "HowToSection",
            "position": 3,
            "name": "Write",
            "itemListElement": [
                {
                    "@type": "HowToStep",
                    "position": 1,
                    "name": "Choose a subject",
                    "url": URL + "#choose-a-subject",
                    "text": "Be specific.",
                }
            ],
        },
    ]


def test_guide_without_parts_lists_its_steps_and_a_guide_without_steps_has_no_how_to():
    flat = heading(1, "G", "g") + heading(2, "One", "one") + heading(2, "Two", "two")
    guide = structured_data.how_to(fragments.parse(flat), URL, "sl")
    assert [step["name"] for step in guide["step"]] == ["One", "Two"]
    assert {step["@type"] for step in guide["step"]} == {"HowToStep"}
    # Written before steps were `##`: a guide whose steps are `###` with no parts.
    old = heading(1, "G", "g") + heading(3, "One", "one") + heading(3, "Two", "two")
    guide = structured_data.how_to(fragments.parse(old), URL, "sl")
    assert [step["name"] for step in guide["step"]] == ["One", "Two"]
    assert (
        structured_data.how_to(fragments.parse(heading(1, "G", "g") + "<p>x</p>"), URL, "sl")
        is None
    )


def test_guide_without_parts_keeps_its_description_and_steps_with_text_between_blocks():
    # As Markdown renders it: a line break between every two blocks, a text node each.
    flat = "\n".join(
        [
            heading(1, "G", "g"),
            "<p>What the guide is for.</p>",
            heading(2, "One", "one"),
            "<p>First.</p>",
            heading(2, "Two", "two"),
            "<p>Second.</p>",
        ]
    )
    guide = structured_data.how_to(fragments.parse(flat), URL, "sl")
    assert guide["description"] == "What the guide is for."
    assert [(step["@type"], step["name"], step["text"]) for step in guide["step"]] == [
        ("HowToStep", "One", "First."),
        ("HowToStep", "Two", "Second."),
    ]


def test_template_page_has_breadcrumbs_only():
    graph = page_graph(faq_page(kind="template"), {})
    assert [thing["@type"] for thing in graph["@graph"]] == ["BreadcrumbList"]


def home(**changes) -> Page:
    values = {
        "kind": "home",
        "url": "https://help.example.com/sl/",
        "lang": "sl",
        "site_name": "Center za pomoč",
        "site_url": "https://help.example.com/",
        "organization": {
            "name": "Example Company",
            "url": "https://www.example.com/",
            "logo": "assets/kb/logo.svg",
        },
    }
    return Page(**{**values, **changes})


def test_home_page_has_the_web_site_and_its_publisher():
    site, publisher = page_graph(home(), {})["@graph"]
    assert site == {
        "@type": "WebSite",
        "@id": "https://help.example.com/sl/#website",
        "url": "https://help.example.com/sl/",
        "name": "Center za pomoč",
        "inLanguage": "sl",
        "publisher": {"@id": "https://help.example.com/#organization"},
    }
    assert publisher == {
        "@type": "Organization",
        "@id": "https://help.example.com/#organization",
        "name": "Example Company",
        "url": "https://www.example.com/",
        "logo": "https://help.example.com/assets/kb/logo.svg",
    }


def test_site_owner_switches_types_off():
    assert page_graph(home(), {"WebSite": False, "Organization": False}) is None
    site = page_graph(home(), {"Organization": False})["@graph"]
    assert [thing["@type"] for thing in site] == ["WebSite"] and "publisher" not in site[0]
    faq = page_graph(faq_page(), {"BreadcrumbList": False})["@graph"]
    assert [thing["@type"] for thing in faq] == ["FAQPage"] and "breadcrumb" not in faq[0]
    assert page_graph(faq_page(), {"FAQPage": False, "BreadcrumbList": False}) is None
    guide = faq_page(kind="guide", content=GUIDE_HTML)
    assert [t["@type"] for t in page_graph(guide, {})["@graph"]] == ["HowTo", "BreadcrumbList"]
    assert [t["@type"] for t in page_graph(guide, {"HowTo": False})["@graph"]] == ["BreadcrumbList"]


def test_section_pages_have_none():
    assert page_graph(faq_page(kind="page", breadcrumbs=[]), {}) is None


def test_site_owner_switches_are_checked_with_the_key_named():
    values, problems = settings.validate(
        {"structured_data": {"HowTo": False, "Faq": False, "WebSite": "no"}}, ["en"]
    )
    assert values.structured_data == {
        "FAQPage": True,
        "HowTo": False,
        "BreadcrumbList": True,
        "WebSite": True,
        "Organization": True,
    }
    assert [str(problem) for problem in problems] == [
        "mkdocs.yml:1: extra.kb.structured_data.Faq: unknown type "
        "(use one of FAQPage, HowTo, BreadcrumbList, WebSite, Organization)",
        "mkdocs.yml:1: extra.kb.structured_data.WebSite: must be true or false "
        "(write 'WebSite: false' to leave it out, or 'true')",
    ]


def test_guide_page_has_its_how_to_whole_with_the_page_address_language_and_date():
    content = (
        "Text before the title.\n"
        + heading(1, "Reset a password", "reset")
        + "\n<p>Two steps.</p>\n"
        + heading(2, "Account", "account")
        + "\n<h3>Open settings</h3>\n<p>Top right.</p>\n"
        + heading(3, "Choose <em>Reset</em>", "choose-reset")
    )
    url = "https://help.example.com/lv/guides/reset/"
    graph = page_graph(
        Page(
            kind="guide",
            url=url,
            lang="lv",
            content=content,
            updated=datetime.date(2026, 3, 4),
            breadcrumbs=[("Sākums", "https://help.example.com/lv/")],
        ),
        {},
    )
    assert graph["@graph"] == [
        {
            "@type": "HowTo",
            "@id": url + "#howto",
            "url": url,
            "inLanguage": "lv",
            "name": "Reset a password",
            "description": "Two steps.",
            "dateModified": "2026-03-04",
            "step": [
                {
                    "@type": "HowToSection",
                    "position": 1,
                    "name": "Account",
                    "itemListElement": [
                        {
                            "@type": "HowToStep",
                            "position": 1,
                            "name": "Open settings",
                            "text": "Top right.",
                        },
                        {
                            "@type": "HowToStep",
                            "position": 2,
                            "name": "Choose Reset",
                            "url": url + "#choose-reset",
                        },
                    ],
                }
            ],
        },
        {
            "@type": "BreadcrumbList",
            "@id": url + "#breadcrumb",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": 1,
                    "name": "Sākums",
                    "item": "https://help.example.com/lv/",
                },
                {"@type": "ListItem", "position": 2, "name": "Reset a password"},
            ],
        },
    ]


def test_page_without_a_title_ends_its_breadcrumbs_with_the_last_link():
    graph = page_graph(faq_page(kind="template", content="<p>No title.</p>"), {})
    assert [item.get("name") for item in graph["@graph"][0]["itemListElement"]] == [
        "Domov",
        "Pogosta vprašanja",
    ]


def test_faq_of_a_title_alone_has_no_faq_page():
    graph = page_graph(faq_page(content=heading(1, "A question alone?", "q")), {})
    assert [thing["@type"] for thing in graph["@graph"]] == ["BreadcrumbList"]


def test_answer_keeps_quotes_in_text_and_escapes_them_in_a_link_address():
    nodes = fragments.parse(
        '<p>Type "yes" & \'no\' <a href="https://example.org/?q=&quot;a&quot;">here</a></p>'
    ).children
    assert answer_html(nodes, URL) == (
        '<p>Type "yes" &amp; \'no\' <a href="https://example.org/?q=&quot;a&quot;">here</a></p>'
    )


def test_serialiser_refuses_not_a_number_and_infinity():
    for value in (float("nan"), float("inf"), float("-inf")):
        with pytest.raises(ValueError, match="JSON compliant"):
            dumps({"n": value})


@pytest.mark.parametrize("settings_", [{}, {"name": "  "}, {"name": None, "url": "/x"}])
def test_organisation_without_a_name_is_left_out(settings_):
    assert structured_data.organization(settings_, "https://help.example.com/") is None
    (site,) = page_graph(home(organization=settings_), {})["@graph"]
    assert "publisher" not in site
