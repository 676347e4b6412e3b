"""Answers built for the help widget: each entry's answer as one small JSON file per language.

The widget shows an answer inside its panel. It reads `<language root>answers/<id>.json`
(`answer_path`) instead of the entry's whole page, so it depends on no theme's HTML and loads
about a tenth of the bytes. The file holds the entry's id and kind, its title, its updated date,
its address, and the answer: the page body as the site's HTML policy left it, without the title
and the permalinks, narrowed to the elements and attributes an answer needs (`ANSWER_TAGS`,
`ANSWER_ATTRIBUTES`), with every link made absolute. The widget sanitises it once more
(`sanitise.js`) before showing it.
"""

from __future__ import annotations

import html as html_text
from datetime import date
from urllib.parse import urljoin

import nh3

from helpfirst import fragments, html_policy, urls

#: The elements an answer keeps: the HTML policy's, less what needs the site's scripts and
#: styles (copy buttons, task-list inputs, labels), what loads (images) and the site's
#: navigation (pagers).
ANSWER_TAGS = html_policy.TAGS - frozenset({"button", "img", "input", "label", "nav", "wbr"})
#: The attributes an answer keeps, on every element (`href` on links).
ANSWER_ATTRIBUTES = frozenset({"title", "lang", "dir"})
#: Elements left out with their content: what the policy removes so, and what a reader of the
#: answer has no use for (a copy button's label, an image's fallback text, a pager).
_DROPPED = html_policy.CLEAN_CONTENT | frozenset({"button", "img", "input", "label", "nav"})
# The placeholder of the entry id in `answer_pattern`: ids are letters, digits and hyphens.
_ID_PLACEHOLDER = "{id}"


def answer_path(entry_id: str, lang: str, default_lang: str) -> str:
    """Where the widget's answer of an entry in `lang` lives, relative to the site root:
    `answers/<id>.json` in the default language, `<lang>/answers/<id>.json` in the others."""
    return f"{urls.language_root(lang, default_lang)}answers/{entry_id}.json"


def answer_pattern(lang: str, default_lang: str) -> str:
    """`answer_path` with `{id}` for the entry id: how the widget finds every answer."""
    return answer_path(_ID_PLACEHOLDER, lang, default_lang)


def answer_html(body: str | fragments.Element, page_address: str) -> str:
    """A page body (its HTML, or its tree from `fragments.parse`) as the widget shows it: no
    title (h1) or permalinks, the answer's elements and attributes only, links absolute
    against the page's address."""
    tree = fragments.parse(body) if isinstance(body, str) else body

    def absolute(tag: str, name: str, value: str) -> str | None:
        if tag == "a" and name == "href":
            return urljoin(page_address, value.strip())
        return value

    cleaner = nh3.Cleaner(
        tags=set(ANSWER_TAGS),
        clean_content_tags=set(_DROPPED - ANSWER_TAGS),
        attributes={"*": set(ANSWER_ATTRIBUTES), "a": {"href"}},
        attribute_filter=absolute,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(html_policy.LINK_SCHEMES),
    )
    return cleaner.clean(_serialise(tree, _not_answer)).strip()


def answer(
    *,
    entry_id: str,
    kind: str,
    lang: str,
    title: str,
    body: str | fragments.Element,
    page_address: str,
    updated: date | None,
    fallback: bool,
) -> dict:
    """The content of one answer file (`answer_path`): `lang` is the language of the text,
    the default language's for a `fallback`."""
    return {
        "id": entry_id,
        "type": kind,
        "lang": lang,
        "fallback": fallback,
        "title": title,
        "url": page_address,
        "updated": updated.isoformat() if updated else None,
        "html": answer_html(body, page_address),
    }


def _not_answer(element: fragments.Element) -> bool:
    """The title and the permalinks: the widget shows its own title and no "¶"."""
    return element.tag == "h1" or fragments.is_permalink(element)


def _serialise(node: fragments.Element | str, skip) -> str:
    """HTML again from a tree of `fragments.parse`, without the elements `skip` names."""
    out: list[str] = []
    _serialise_into(node, skip, out)
    return "".join(out)


def _serialise_into(node: fragments.Element | str, skip, out: list[str]) -> None:
    """Append `_serialise`'s HTML of `node` to `out`."""
    if isinstance(node, str):
        out.append(html_text.escape(node, quote=False))
        return
    if skip(node):
        return
    tag = node.tag
    if tag:
        attributes = "".join(
            f' {name}="{html_text.escape(value, quote=True)}"' for name, value in node.attrs.items()
        )
        out.append(f"<{tag}{attributes}>")
        if tag in fragments.VOID:
            return  # a void element's children, if any, are not written
    for child in node.children:
        _serialise_into(child, skip, out)
    if tag:
        out.append(f"</{tag}>")
