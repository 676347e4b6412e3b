"""The HTML policy (helpfirst.html_policy): what a page body keeps, what it loses, how each loss
is named and located, and the site owner's setting."""

from __future__ import annotations

import re

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from helpfirst import html_policy, listings
from helpfirst.html_policy import Policy
from tests.conftest import ROOT
from tests.hostile_sites import HTML_PAYLOADS


@pytest.fixture
def policy() -> Policy:
    """The default policy, built in each test (so that mutation runs see what builds it)."""
    return Policy()


def _render(text: str) -> str:
    """Markdown rendered with the project's own extensions, as the build renders it."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    extensions, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        extensions.append(name)
        configs[name] = options or {}
    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)


class _Loader(yaml.SafeLoader):
    """mkdocs.yml without MkDocs' own tags (there are none in this project's file)."""


def _dangers(html: str) -> list[str]:
    """Everything in `html` that could run, load or navigate, as read by an HTML parser."""
    found = []
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        if element.name in html_policy.CLEAN_CONTENT | {"base", "meta", "link", "form"}:
            found.append(f"<{element.name}>")
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.startswith("on") or name in ("style", "srcdoc", "action", "formaction"):
                found.append(f"{element.name}[{name}]")
            if name in ("href", "src") and value.replace(" ", "").lower().startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                found.append(f"{element.name}[{name}={value}]")
    return found


# --- what goes -------------------------------------------------------------------------------


@pytest.mark.parametrize("payload, named", HTML_PAYLOADS, ids=[w[0] for _, w in HTML_PAYLOADS])
def test_every_hostile_case_is_taken_out_and_named(payload, named, policy):
    rendered = _render(payload)
    assert _dangers(rendered), "the fixture no longer holds what it tests"
    sanitised = policy.sanitise(rendered)
    assert _dangers(sanitised.html) == []
    assert sanitised.changed
    assert sorted(finding.what for finding in sanitised.findings) == sorted(named)


@pytest.mark.parametrize(
    "html, what",
    [
        ('<a href="JaVa&#x09;ScRiPt:alert(1)">x</a>', "the address JaVaScRiPt:alert(1)"),
        ('<a href=" \x01javascript:alert(1)">x</a>', "the address javascript:alert(1)"),
        ('<a href="java\nscript:alert(1)">x</a>', "the address javascript:alert(1)"),
        ('<img src="http://example.com/a.png">', "the image address http://example.com/a.png"),
        ('<img src="//evil.example/a.png">', "the image address //evil.example/a.png"),
        ('<img src="/\\evil.example/a.png">', "the image address /\\evil.example/a.png"),
        (
            '<table><tr><td style="text-align: left; position: fixed">x</td></tr></table>',
            "the style attribute of <td>",
        ),
        ('<input type="text" placeholder="Password">', '<input type="text">'),
        ("<input>", "<input>"),
        ("<x-widget onclick=alert(1)>text</x-widget>", "<x-widget>"),
        ("<blink>old</blink>", "<blink>"),
        (
            '<blockquote cite="javascript:alert(1)">q</blockquote>',
            "the address javascript:alert(1)",
        ),
        (
            '<button formaction="javascript:alert(1)">b</button>',
            "the formaction attribute of <button>",
        ),
        ("<math><mi xlink:href=javascript:alert(1)>x</mi></math>", "<math>"),
    ],
)
def test_disguised_and_lesser_cases_are_named(html, what, policy):
    sanitised = policy.sanitise(html)
    assert what in [finding.what for finding in sanitised.findings]
    assert _dangers(sanitised.html) == []


def test_an_element_removed_with_its_content_is_named_once(policy):
    findings = policy.sanitise("<svg><a href='javascript:1'><text>x</text></a></svg>").findings
    assert [finding.what for finding in findings] == ["<svg>"]


def test_an_input_left_behind_is_a_checkbox(policy):
    html = policy.sanitise('<input type="password" name="p" value="secret">').html
    assert html == '<input type="checkbox">'


@pytest.mark.parametrize(
    "html",
    [
        # A comment that browsers end at "--!>", and Python's parser does not.
        "<!-- a --!><img src=x onerror=alert(1)> -->",
        # A slash between attributes, where a browser starts the next attribute.
        '<img src="x"/onerror=alert(1)>',
        # An element no list knows, with a handler, where only a browser sees it.
        "<!-- a --!><x-foo onerror=alert(1)>t</x-foo> -->",
    ],
)
def test_markup_that_parsers_read_differently_is_written_as_a_browser_reads_it(html, policy):
    sanitised = policy.sanitise(html)
    assert sanitised.changed and sanitised.findings
    assert "onerror" not in sanitised.html


# --- what stays ------------------------------------------------------------------------------

EXTENSIONS = """# Title

Text with **bold**, *emphasis*, `code`, a [link](other.md#part "Title"), an
![image](picture.png "Picture"){ width="120" } and an ![image from the site](../assets/a.png),
a line break
and an abbreviation: HTML.

*[HTML]: Hypertext Markup Language

## Part { #part .special }

!!! note "A note"

    Inside a note.

??? tip "Folded"

    Inside a fold.

| left | centre | right |
|:-----|:------:|------:|
| a    | b      | c     |

Term
:   Its definition.

- [x] done
- [ ] to do

1. first
2. second

> A quote.

Footnote here[^1].

[^1]: The footnote.

```python title="example.py"
print("hello")
```

Inline `#!python print(1)` code. (c) 2026 --> arrows.

***

<details><summary>Raw details</summary>Hidden.</details>

<kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, x<sup>2</sup>, one<br>two.

<table><thead><tr><th>raw</th></tr></thead><tbody><tr><td>table</td></tr></tbody></table>

<p><img src="/assets/photo.jpg" alt="Photo" width="200" height="100"></p>

<a href="mailto:support@example.com">Mail</a> <a href="tel:+38612345678">Call</a>
<a href="https://example.com/">Web</a> <a href="../faq/x/">Page</a>

<!-- a comment stays -->
""".replace("a line break\n", "a line break  \n")  # Markdown's line break: two spaces


def test_markdown_and_every_extension_in_mkdocs_yml_are_kept_byte_for_byte(policy):
    rendered = _render(EXTENSIONS)
    for marker in ("admonition", "task-list", "footnote", "<abbr", "<dl>", "highlight",
                   "headerlink", 'style="text-align: center;"', 'class="special"', "<details",
                   "<br />"):  # fmt: skip
        assert marker in rendered, marker
    sanitised = policy.sanitise(rendered)
    assert sanitised.findings == []
    assert not sanitised.changed
    assert sanitised.html == rendered


def test_the_sites_own_listings_are_kept(policy):
    pieces = [
        listings._search_box(lang="sl"),
        listings._subjects(lang="lv", meta={"subjects": ['Hi "[name]" <you> & co']}),
        listings._pager("faq", 7, 12, "faq/page/7.md", "en"),
    ]
    for piece in pieces:
        html = _render(piece)
        sanitised = policy.sanitise(html)
        assert (sanitised.findings, sanitised.html) == ([], html)


def test_a_body_that_nh3_would_only_write_differently_is_kept_as_written(policy):
    # nh3 would add the <tbody> a browser adds, and write "<br>"; nothing is taken out.
    html = "<table><tr><td>1<br />2</td></tr></table>"
    assert policy.sanitise(html) == html_policy.Sanitised(html, [], False)


def test_an_input_hidden_from_pythons_parser_is_rewritten(policy):
    sanitised = policy.sanitise("<!-- a --!><input> -->")
    assert sanitised.changed
    assert sanitised.html == '<!-- a --><input type="checkbox"> --&gt;'


@pytest.mark.parametrize(
    "source, address",
    [
        ("![Photo](https://images.example/a.png)", "https://images.example/a.png"),
        ('<img src="https://images.example/a.png" alt="P">', "https://images.example/a.png"),
        ('<img src="HTTPS://images.example/a.png">', "HTTPS://images.example/a.png"),
    ],
)
def test_an_image_from_another_host_is_taken_out_by_default(source, address, policy):
    sanitised = policy.sanitise(_render(source))
    assert [finding.message() for finding in sanitised.findings] == [
        f"the image address {address} is not allowed in content"
    ]
    assert "images.example" not in sanitised.html


def test_images_from_the_site_itself_are_kept(policy):
    html = _render("![a](a.png) ![b](../assets/b.png) ![c](/assets/c.svg)")
    assert policy.sanitise(html) == html_policy.Sanitised(html, [], False)


def test_a_site_owner_can_allow_image_hosts_and_nothing_around_them():
    policy = Policy(image_hosts=["images.example", "cdn.example:8443"])
    kept = (
        '<img src="https://images.example/a.png"><img src="https://IMAGES.example/b.png">'
        '<img src="https://cdn.example:8443/c.png">'
    )
    assert policy.sanitise(kept).findings == []
    for address in (
        "http://images.example/a.png",  # not over https
        "https://images.example@evil.example/",  # the host is evil.example
        "https://images.example.evil.example/",
        "https://cdn.example/c.png",  # another port
        "//images.example/a.png",
    ):
        sanitised = policy.sanitise(f'<img src="{address}">')
        assert [finding.what for finding in sanitised.findings] == [f"the image address {address}"]
        assert sanitised.html == "<img>"


@pytest.mark.parametrize(
    "source, value",
    [
        ("## Search { #__search }", "__search"),
        ("Text.\n{ #__drawer }", "__drawer"),
        ('<div id="__palette_0">x</div>', "__palette_0"),
        ('<p id=" __consent">x</p>', " __consent"),
        ("## Related { #kb-related-title }", "kb-related-title"),
        ('<span id="kb-search-strings">x</span>', "kb-search-strings"),
    ],
)
def test_ids_of_the_theme_and_the_site_are_taken_out(source, value, policy):
    sanitised = policy.sanitise(_render(source))
    assert [finding.what for finding in sanitised.findings] == [f"the id {value.strip()}"]
    assert f'id="{value.strip()}"' not in sanitised.html


def test_other_ids_are_kept(policy):
    html = _render("## Setup { #setup }\n\n## KB tips\n\nText.\n{ #_one }")
    assert policy.sanitise(html) == html_policy.Sanitised(html, [], False)


def test_a_reserved_id_is_located_and_says_how_to_fix_it(policy):
    body = "Intro.\n\n```md\n## Code { #__search }\n```\n\n## Search { #__search }\n"
    findings = policy.sanitise(_render(body)).findings
    assert [str(problem) for problem in html_policy.problems(findings, "docs/x.md", body, 3)] == [
        "docs/x.md:9: the id __search is not allowed in content (choose another id, one not"
        " beginning with __ and not one of the site's own (AUTHORING.md lists them); a heading"
        " takes one with { #its-id })"
    ]


def test_every_fixed_id_of_the_sites_templates_is_reserved():
    written = set()
    for path in (ROOT / "overrides").rglob("*.html"):
        written |= set(re.findall(r"""\bid=["']([^"'{}]+)["']""", path.read_text("utf-8")))
    assert written, "the templates no longer write ids where this test looks"
    for value in written:
        assert html_policy.reserved_id(value), value


def test_the_authoring_guide_lists_every_reserved_id_the_message_points_to():
    guide = (ROOT / "AUTHORING.md").read_text(encoding="utf-8")
    for value in sorted(html_policy.RESERVED_IDS) + ["__search", "__drawer"]:
        assert f"`{value}`" in guide, value


@pytest.mark.parametrize(
    "source, written",
    [
        ("Order <ABC-123> is late.", "<ABC-123>"),
        ("<ticket>\n\nText.", "<ticket>"),
        ("Order <ABC-123/> is late.", "<ABC-123/>"),
    ],
)
def test_an_unknown_bare_tag_is_reported_as_text_that_looks_like_a_tag(source, written, policy):
    _assert_reported_as_a_tag(policy.sanitise(_render(source)), written)


def _assert_reported_as_a_tag(sanitised, written: str) -> None:
    """`written` is the one finding, named as text that looks like a tag, and is gone."""
    inside = written[1:-1]
    assert [finding.message() for finding in sanitised.findings] == [
        f"{written} looks like an HTML tag and is removed;"
        f" write it as `{written}` in backticks or escape it as &lt;{inside}&gt;"
    ]
    assert sanitised.changed and inside.lower() not in sanitised.html.lower()


def test_an_unknown_tag_is_located_and_escaped_ones_are_not_reported(policy):
    body = "Write `<ABC-123>` or &lt;ABC-123&gt; or `a <ABC-123>`.\n\nOrder <ABC-123> is late.\n"
    rendered = _render(body)
    findings = policy.sanitise(rendered).findings
    assert [str(problem) for problem in html_policy.problems(findings, "docs/x.md", body, 4)] == [
        "docs/x.md:6: <ABC-123> looks like an HTML tag and is removed;"
        " write it as `<ABC-123>` in backticks or escape it as &lt;ABC-123&gt;"
    ]
    escaped = _render("Write `<ABC-123>` or &lt;ABC-123&gt;.")
    assert policy.sanitise(escaped) == html_policy.Sanitised(escaped, [], False)


# --- the site owner's setting ----------------------------------------------------------------


def test_a_site_owner_can_allow_more_elements_and_attributes():
    policy = Policy(
        tags=["iframe"], attributes={"iframe": ["src", "allowfullscreen"], "*": ["style"]}
    )
    html = (
        '<iframe src="https://video.example/embed/1" allowfullscreen=""></iframe>'
        '<p style="color: red">x</p>'
    )
    assert policy.sanitise(html).findings == []
    assert policy.sanitise(html).html == html
    # Scripts and script addresses stay out unless allowed by name.
    sanitised = policy.sanitise('<iframe src="javascript:alert(1)"></iframe><script>1</script>')
    assert sorted(f.what for f in sanitised.findings) == [
        "<script>",
        "the address javascript:alert(1)",
    ]
    assert sanitised.html == "<iframe></iframe>"


def test_the_setting_is_validated_with_its_key_path():
    problems = []
    bad = lambda key, message, fix: problems.append(f"extra.kb.{key}: {message} ({fix})")  # noqa: E731
    settings = html_policy.validate(
        {"tags": ["iframe", "Bad Tag"], "attributes": {"iframe": "src", "*": ["style"]}, "x": 1},
        bad,
    )
    assert settings == {"tags": ["iframe"], "attributes": {"*": ["style"]}, "image_hosts": []}
    assert problems == [
        "extra.kb.html.x: unknown setting (allowed: attributes, image_hosts, tags)",
        "extra.kb.html.tags[1]: 'Bad Tag' is not an element name (for example iframe)",
        "extra.kb.html.attributes.iframe: must be a list of attribute names (for example [src, width, height])",
    ]
    problems.clear()
    assert html_policy.validate(None, bad) == {"tags": [], "attributes": {}, "image_hosts": []}
    assert html_policy.validate("all", bad) == {"tags": [], "attributes": {}, "image_hosts": []}
    assert problems == [
        "extra.kb.html: must be a group of settings (tags: [...] and attributes: {...})"
    ]


def test_image_hosts_are_validated_with_their_key_path():
    problems = []
    bad = lambda key, message, fix: problems.append(f"extra.kb.{key}: {message} ({fix})")  # noqa: E731
    hosts = ["CDN.example.com", "https://images.example/", 7, "cdn.example.com", "a.example:8443"]
    settings = html_policy.validate({"image_hosts": hosts}, bad)
    assert settings["image_hosts"] == ["a.example:8443", "cdn.example.com"]
    fix = "write the host alone, for example cdn.example.com, without https:// or a path"
    assert problems == [
        f"extra.kb.html.image_hosts[1]: 'https://images.example/' is not a host name ({fix})",
        f"extra.kb.html.image_hosts[2]: '7' is not a host name ({fix})",
    ]
    problems.clear()
    assert html_policy.validate({"image_hosts": "cdn.example.com"}, bad)["image_hosts"] == []
    assert problems == [
        "extra.kb.html.image_hosts: must be a list of host names (for example [cdn.example.com])"
    ]
    from helpfirst import settings

    validated, _ = settings.validate({"html": {"image_hosts": ["cdn.example.com"]}}, ["en"])
    policy = html_policy.from_settings(validated)
    assert policy.sanitise('<img src="https://cdn.example.com/a.png">').findings == []


def test_settings_validation_includes_the_html_setting():
    from helpfirst import settings

    validated, problems = settings.validate({"html": {"tags": "iframe"}}, ["en"])
    assert validated.html == {"tags": [], "attributes": {}, "image_hosts": []}
    assert [str(problem) for problem in problems] == [
        "mkdocs.yml:1: extra.kb.html.tags: must be a list of element names (for example [iframe])"
    ]


# --- where the author reads about it ---------------------------------------------------------


def test_problems_are_located_on_the_source_line_outside_code_blocks(policy):
    body = (
        "Intro.\n\n```html\n<script>in a code block</script>\n```\n\n"
        "Text <script>alert(1)</script>\n\n"
        "[x](JavaScript:alert(1))\n\n"
        'Para\n{ onclick="x" }\n'
    )
    findings = policy.sanitise(_render(body)).findings
    problems = html_policy.problems(findings, "docs/faq/x.md", body, 7)
    assert [str(problem) for problem in problems] == [
        "docs/faq/x.md:13: <script> is not allowed in content"
        " (remove it: pages on the help site cannot run scripts)",
        "docs/faq/x.md:15: the address JavaScript:alert(1) is not allowed in content"
        " (link to a page of the help site, or to an http(s), mailto: or tel: address)",
        "docs/faq/x.md:18: the onclick attribute of <p> is not allowed in content"
        " (remove it: pages on the help site cannot run scripts)",
    ]


def test_a_finding_without_a_source_line_falls_back_to_the_bodys_first_line():
    finding = html_policy.Finding("<script>", "remove it", (r"<script\b",))
    assert html_policy.locate(finding.source, "Nothing here.\n", 5) == 5
    assert html_policy.locate(finding.source, "One\n&lt;script\n<SCRIPT>\n", 5) == 7


# --- each finding's words, fix and line ------------------------------------------------------


def test_each_kind_of_attribute_has_its_own_fix(policy):
    body = (
        'Intro.\n\n<p onclick="x">a</p>\n\n<p style="color: red">b</p>\n\n'
        '<p data-x="1">c</p>\n\n<input type="text">\n'
    )
    findings = policy.sanitise(_render(body)).findings
    assert [str(problem) for problem in html_policy.problems(findings, "docs/x.md", body, 3)] == [
        "docs/x.md:5: the onclick attribute of <p> is not allowed in content"
        " (remove it: pages on the help site cannot run scripts)",
        "docs/x.md:7: the style attribute of <p> is not allowed in content"
        " (remove it: the site's stylesheet styles every page)",
        "docs/x.md:9: the data-x attribute of <p> is not allowed in content"
        " (remove it; extra.kb.html can allow more attributes)",
        'docs/x.md:11: <input type="text"> is not allowed in content (only task lists\''
        " checkboxes are allowed: write '- [ ] step' or '- [x] step')",
    ]


def test_declarations_and_processing_instructions_are_named_in_a_rewritten_body(policy):
    sanitised = policy.sanitise("<p>x</p><?php echo 1 ?>text<![CDATA[y]]>z<!DOCTYPE html><input>")
    fix = "remove it, or write it in Markdown; extra.kb.html can allow more elements"
    assert sanitised.findings == [
        html_policy.Finding("<!CDATA[y>", fix, (r"<!(?!--)",)),
        html_policy.Finding("<!DOCTYPE html>", fix, (r"<!(?!--)",)),
        html_policy.Finding("<?php echo 1 ?>", fix, (r"<\?",)),
        html_policy.Finding(
            "<input>",
            "only task lists' checkboxes are allowed: write '- [ ] step' or '- [x] step'",
            (r"<input\b",),
        ),
    ]
    assert sanitised.html == (
        '<p>x</p><!--?php echo 1 ?-->text<!--[CDATA[y]]-->z<input type="checkbox">'
    )
    body = "Intro.\n\n<?php echo 1 ?>\n\n<!DOCTYPE html>\n"
    problems = html_policy.problems(sanitised.findings[1:3], "x.md", body, 1)
    assert [problem.line for problem in problems] == [3, 5]


def test_a_long_unknown_tag_is_shortened_in_its_message(policy):
    written = "<" + "X" * 50 + ">"
    short = "<" + "X" * 38 + "…"
    sanitised = policy.sanitise(f"<p>Order {written} is late.</p>")
    assert sanitised.findings == [
        html_policy.Finding(
            short,
            "",
            (rf"(?<!`){re.escape(short)}(?!`)", re.escape(short)),
            f"{short} looks like an HTML tag and is removed;"
            f" write it as `{short}` in backticks or escape it as &lt;{short[1:]}&gt;",
        )
    ]


def test_an_image_host_is_read_as_a_browser_reads_a_backslash():
    # "https://a\\@b/" loads from a: the part after the backslash is the path.
    policy = Policy(image_hosts=["a.example"])
    for allowed in ("https://a.example\\@b.example/x.png", "https://A.example/x.png"):
        assert policy.sanitise(f'<img src="{allowed}">').findings == []
    refused = "https://b.example\\@a.example/x.png"
    sanitised = policy.sanitise(f'<img src="{refused}">')
    assert [finding.what for finding in sanitised.findings] == [f"the image address {refused}"]
    # Hosts are compared in lower case, however the owner wrote them.
    assert Policy(image_hosts=["A.Example"]).sanitise('<img src="https://a.example/x.png">') == (
        html_policy.Sanitised('<img src="https://a.example/x.png">')
    )


def test_the_setting_reports_every_kind_of_mistake_and_keeps_the_rest():
    problems = []
    bad = lambda key, message, fix: problems.append(f"{key}: {message} ({fix})")  # noqa: E731
    attributes = {
        "*": ["x", "x", "b"],
        5: ["src"],
        "Bad": ["src"],
        "iframe": ["ok", "Bad Name"],
        "img": ["data-a", "aria-b:c"],
    }
    settings = html_policy.validate(
        {"tags": ["wbr-x", "abbr", "abbr", 3], "attributes": attributes, "image_hosts": None}, bad
    )
    assert settings == {
        "tags": ["abbr", "wbr-x"],
        "attributes": {"*": ["b", "x"], "img": ["aria-b:c", "data-a"]},
        "image_hosts": [],
    }
    assert problems == [
        "html.tags[3]: '3' is not an element name (for example iframe)",
        "html.attributes.5: '5' is not an element name (an element name, or '*' for any)",
        "html.attributes.Bad: 'Bad' is not an element name (an element name, or '*' for any)",
        "html.attributes.iframe: must be a list of attribute names"
        " (for example [src, width, height])",
    ]
    problems.clear()
    assert html_policy.validate({"tags": None, "attributes": ["iframe"]}, bad) == {
        "tags": [],
        "attributes": {},
        "image_hosts": [],
    }
    assert problems == [
        "html.attributes: must map element names to attribute lists (iframe: [src])"
    ]


def test_the_policy_of_a_site_takes_its_elements_and_attributes_from_the_settings():
    from helpfirst import settings

    validated, _ = settings.validate(
        {"html": {"tags": ["iframe"], "attributes": {"iframe": ["src"], "td": ["style"]}}}, ["en"]
    )
    policy = html_policy.from_settings(validated)
    html = (
        '<iframe src="https://video.example/1"></iframe>'
        '<table><tr><td style="color: red">x</td></tr></table>'
    )
    assert policy.sanitise(html) == html_policy.Sanitised(html)


@pytest.mark.parametrize(
    "source, written",
    [
        ("Order </ABC-123> is late.", "</ABC-123>"),
        ("Text.\n\n</Ticket >", "</Ticket >"),
    ],
)
def test_an_unknown_end_tag_alone_is_reported_as_text_that_looks_like_a_tag(
    source, written, policy
):
    sanitised = policy.sanitise(_render(source))
    _assert_reported_as_a_tag(sanitised, written)
    problems = html_policy.problems(sanitised.findings, "x.md", source, 1)
    assert [problem.line for problem in problems] == [source.count("\n") + 1]


def test_an_unknown_element_with_its_end_tag_is_reported_once(policy):
    sanitised = policy.sanitise(_render("Order <ABC-123>late</ABC-123>."))
    assert [finding.what for finding in sanitised.findings] == ["<ABC-123>"]


@pytest.mark.parametrize(
    "source",
    ["Intro.\n\n<!DOCTYPE html>\n", "Intro.\n\n<?php echo 1 ?>\n", "A <![CDATA[x]]> b."],
)
def test_a_declaration_or_processing_instruction_alone_is_reported(source, policy):
    sanitised = policy.sanitise(_render(source))
    assert sanitised.changed and len(sanitised.findings) == 1
    assert "DOCTYPE" not in sanitised.html and "<?" not in sanitised.html
