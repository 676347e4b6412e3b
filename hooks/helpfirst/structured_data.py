"""Structured data: the schema.org JSON-LD of one page, built from the page as it is rendered,
and serialised so that it can sit inside an HTML `<script>` element.

What a reader sees is the only source: an FAQ entry's question is its `<h1>` and the answer is
everything below it; a guide's steps are its `<h2>` headings with the text under them, or, in a
guide grouped in `<h2>` parts, its `<h3>` headings; breadcrumbs are the trail shown above the
entry. Markup and visible text therefore cannot drift apart.

Objects are plain dicts, turned into text by `dumps` only (never by string templates).
"""

from __future__ import annotations

import datetime
import html
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from helpfirst import fragments
from helpfirst.fragments import Element
from helpfirst.settings import STRUCTURED_DATA_TYPES

CONTEXT = "https://schema.org"
FAQ_PAGE = "FAQPage"
HOW_TO = "HowTo"
BREADCRUMB_LIST = "BreadcrumbList"
WEB_SITE = "WebSite"
ORGANIZATION = "Organization"

#: The HTML that consumers of `Answer.text` render; any other element is reduced to its text.
ANSWER_TAGS = frozenset("h1 h2 h3 h4 h5 h6 br ol ul li a p div b strong i em".split())
#: The class of the "¶" permalink that the toc extension adds to headings: not answer text.
_LINK_SCHEMES = ("http", "https")

# Characters that could end or confuse the <script> element, or that JavaScript once treated as
# line ends; also C1 controls and lone surrogates, which strict consumers refuse.
_UNSAFE = re.compile("[<>&\u2028\u2029\u007f-\u009f\ud800-\udfff]")


@dataclass
class Page:
    """What the structured data of one page is built from."""

    kind: str  # "faq", "guide", "template", "home" or "page"
    url: str  # the page's absolute URL
    lang: str  # the page's language, as in <html lang>
    content: str = ""  # the rendered HTML of the page's text
    updated: datetime.date | None = None
    breadcrumbs: list[tuple[str, str]] = field(default_factory=list)  # (name, absolute URL)
    site_name: str = ""
    site_url: str = ""
    organization: dict = field(default_factory=dict)  # extra.kb.organization
    tree: Element | None = None  # `content` parsed, when the caller has parsed it already


def page_graph(page: Page, enabled: dict[str, bool]) -> dict | None:
    """The JSON-LD document of a page (one `@graph`), or None when there is nothing to say;
    `enabled` maps type names to false for the types the site owner switched off."""
    on = {name: enabled.get(name, True) for name in STRUCTURED_DATA_TYPES}
    objects: list[dict] = []
    content = page.tree if page.tree is not None else fragments.parse(page.content)
    title = _title(content)
    breadcrumb = None
    if page.kind in ("faq", "guide", "template") and on[BREADCRUMB_LIST] and page.breadcrumbs:
        breadcrumb = breadcrumb_list(page.breadcrumbs, title or "", page.url)
    if page.kind == "faq" and on[FAQ_PAGE]:
        faq = faq_page(content, page.url, page.lang, page.updated, breadcrumb)
        if faq:
            objects.append(faq)
    if page.kind == "guide" and on[HOW_TO]:
        guide = how_to(content, page.url, page.lang, page.updated)
        if guide:
            objects.append(guide)
    if breadcrumb:
        objects.append(breadcrumb)
    if page.kind == "home":
        publisher = organization(page.organization, page.site_url) if on[ORGANIZATION] else None
        if on[WEB_SITE]:
            objects.append(web_site(page.url, page.site_name, page.lang, publisher))
        if publisher:
            objects.append(publisher)
    if not objects:
        return None
    return {"@context": CONTEXT, "@graph": objects}


def faq_page(
    content: Element, url: str, lang: str, updated=None, breadcrumb: dict | None = None
) -> dict | None:
    """An FAQPage of one question (the `<h1>`) and its accepted answer (all that follows it)."""
    heading, after = _split_at_title(content)
    if heading is None:
        return None
    question = _plain(heading)
    answer = answer_html(after, url)
    if not question or not _has_text(answer, after):
        return None
    faq: dict[str, Any] = {"@type": FAQ_PAGE, "@id": url, "url": url, "inLanguage": lang}
    if updated:
        faq["dateModified"] = updated.isoformat()
    if breadcrumb:
        faq["breadcrumb"] = {"@id": breadcrumb["@id"]}
    faq["mainEntity"] = [
        {
            "@type": "Question",
            "name": question,
            "acceptedAnswer": {"@type": "Answer", "text": answer},
        }
    ]
    return faq


def how_to(content: Element, url: str, lang: str, updated=None) -> dict | None:
    """A HowTo whose steps are the `<h2>` headings in order or, in a guide with parts, the `<h3>`
    headings in sections where the `<h2>` parts hold them; None for a guide without steps."""
    heading, after = _split_at_title(content)
    if heading is None:
        return None
    has_parts = any(isinstance(node, Element) and node.tag == "h3" for node in after)
    part_tag, step_tag = ("h2", "h3") if has_parts else (None, "h2")
    intro: list = []
    items: list[dict] = []  # loose steps and sections, in page order
    section: dict | None = None
    step: dict | None = None
    for node in after:
        tag = node.tag if isinstance(node, Element) else None
        if tag is not None and tag == part_tag:
            section = {"name": _plain(node), "steps": []}
            items.append(section)
            step = None
        elif tag == step_tag:
            step = {"name": _plain(node), "id": node.attrs.get("id", ""), "body": []}
            (section["steps"] if section else items).append(step)
        elif step is not None:
            step["body"].append(node)
        elif section is None:
            intro.append(node)
    steps: list[dict] = []
    for item in items:
        if "steps" not in item:
            steps.append(_how_to_step(item, url, len(steps) + 1))
        elif item["steps"]:
            steps.append(
                {
                    "@type": "HowToSection",
                    "position": len(steps) + 1,
                    "name": item["name"],
                    "itemListElement": [
                        _how_to_step(one, url, position)
                        for position, one in enumerate(item["steps"], 1)
                    ],
                }
            )
    if not steps:
        return None
    guide: dict[str, Any] = {"@type": HOW_TO, "@id": f"{url}#howto", "url": url, "inLanguage": lang}
    guide["name"] = _plain(heading)
    description = _plain(Element("", children=intro))
    if description:
        guide["description"] = description
    if updated:
        guide["dateModified"] = updated.isoformat()
    guide["step"] = steps
    return guide


def breadcrumb_list(trail: list[tuple[str, str]], title: str, url: str) -> dict:
    """A BreadcrumbList of the visible trail, ending with the page itself (which has no link)."""
    items = [
        {"@type": "ListItem", "position": position, "name": name, "item": link}
        for position, (name, link) in enumerate(trail, 1)
    ]
    if title:
        items.append({"@type": "ListItem", "position": len(items) + 1, "name": title})
    return {"@type": BREADCRUMB_LIST, "@id": f"{url}#breadcrumb", "itemListElement": items}


def web_site(url: str, name: str, lang: str, publisher: dict | None = None) -> dict:
    """The WebSite of one language, whose home page is at `url`."""
    site: dict[str, Any] = {"@type": WEB_SITE, "@id": f"{url}#website", "url": url, "name": name}
    site["inLanguage"] = lang
    if publisher:
        site["publisher"] = {"@id": publisher["@id"]}
    return site


def organization(settings: dict, site_url: str) -> dict | None:
    """The publisher from `extra.kb.organization` (name, url, logo); None without a name."""
    name = str(settings.get("name") or "").strip()
    if not name:
        return None
    publisher = {"@type": ORGANIZATION, "@id": urljoin(site_url, "#organization"), "name": name}
    for key in ("url", "logo"):
        value = str(settings.get(key) or "").strip()
        if value:
            publisher[key] = urljoin(site_url, value)
    return publisher


def answer_html(nodes: list, base_url: str) -> str:
    """`nodes` as HTML of the tags in ANSWER_TAGS only, without attributes except an absolute
    http(s) `href` on links; other elements are reduced to their text."""
    out: list[str] = []
    for node in nodes:
        _sanitise(node, base_url, out)
    return "".join(out).strip()


def dumps(data: dict) -> str:
    """Strict JSON that is safe as the content of a `<script>` element: `<`, `>`, `&`, U+2028,
    U+2029 (and C1 controls) are written as `\\u003c` ...; ASCII quotes delimit the strings."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    # Those characters only occur inside strings, where the \\u form means the same character.
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _sanitise(node, base_url: str, out: list[str]) -> None:
    """Append the allowed HTML of one node to `out`."""
    if isinstance(node, str):
        out.append(html.escape(node, quote=False))
        return
    if fragments.is_permalink(node):
        return
    tag = node.tag
    start = end = ""
    if tag == "a":
        # Only a link that still works away from the page: an absolute http(s) address.
        href = urljoin(base_url, node.attrs.get("href", "").strip())
        if "href" in node.attrs and urlsplit(href).scheme in _LINK_SCHEMES:
            start, end = f'<a href="{html.escape(href, quote=True)}">', "</a>"
    elif tag in ANSWER_TAGS:
        start = f"<{tag}>"
        end = "" if tag == "br" else f"</{tag}>"
    out.append(start)
    for child in node.children:
        _sanitise(child, base_url, out)
    out.append(end)


def _how_to_step(step: dict, url: str, position: int) -> dict:
    """One HowToStep: the heading's text, the text under it, and a link to the heading."""
    item = {"@type": "HowToStep", "position": position, "name": step["name"]}
    if step["id"]:
        item["url"] = f"{url}#{step['id']}"
    body = _plain(Element("", children=step["body"]))
    if body:
        item["text"] = body
    return item


def _split_at_title(content: Element) -> tuple[Element | None, list]:
    """The page's `<h1>` (a top-level one, as Markdown writes it) and every node after it."""
    for index, node in enumerate(content.children):
        if isinstance(node, Element) and node.tag == "h1":
            return node, content.children[index + 1 :]
    return None, []


def _title(content: Element) -> str | None:
    """The text of the page's `<h1>`."""
    heading, _ = _split_at_title(content)
    return _plain(heading) if heading is not None else None


def _has_text(answer: str, nodes: list) -> bool:
    """True when the answer HTML shows any text. Any character of the nodes' visible text
    that is not white space is in the answer (it drops markup, never text, and trims white
    space at its ends), so only an answer of white space at most is parsed again to decide."""
    if any(_shows_text(node) for node in nodes):
        return True
    return bool(fragments.text(fragments.parse(answer)))


def _shows_text(node: Element | str) -> bool:
    """True when `node` holds a character other than white space outside heading permalinks
    (what `_plain` would show), looking no further than the first."""
    if isinstance(node, str):
        return bool(node.strip())
    if fragments.is_permalink(node):
        return False
    return any(_shows_text(child) for child in node.children)


def _plain(node: Element) -> str:
    """The visible text of an element, without heading permalinks."""
    return fragments.text(node, skip=fragments.is_permalink)
