"""Directives that list the knowledge base: `<!-- kb:NAME -->` comments become Markdown.

Directives are HTML comments (as in Material's own docs) so an unprocessed page still renders.
Listings are written as Markdown with links to the default-language `.md` file names: MkDocs and
the i18n plugin then resolve each link to the page in the reader's language, and the link
checker sees them like any link an author wrote.
"""

from __future__ import annotations

import posixpath
import re

from helpfirst.catalog import Catalog
from helpfirst.content import SECTION_OF_KIND
from helpfirst.strings import plural, strings

DIRECTIVE = re.compile(r"^[ \t]*<!--[ \t]*kb:([a-z-]+)[ \t]*-->[ \t]*$", re.MULTILINE)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def md_escape(text: str) -> str:
    """Escape text so Markdown shows it literally (summaries come from YAML, not Markdown)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def link_to(entry_uri: str, page_uri: str) -> str:
    """A relative Markdown link target from the page at `page_uri` to `entry_uri`."""
    return posixpath.relpath(entry_uri, posixpath.dirname(page_uri) or ".")


def expand(
    markdown: str,
    page_uri: str,
    lang: str,
    catalog: Catalog,
    featured: list[str],
    meta: dict | None = None,
) -> str:
    """Replace every known directive in `markdown`; unknown ones are left for the checker."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        builder = _DIRECTIVES.get(name)
        if builder is None:
            return match.group(0)
        return builder(
            page_uri=page_uri, lang=lang, catalog=catalog, featured=featured, meta=meta or {}
        )

    return DIRECTIVE.sub(replace, markdown)


def known_directives() -> list[str]:
    """Names of all directives, for messages."""
    return sorted(_DIRECTIVES)


def _item(entry, fallback: bool, page_uri: str, lang: str, catalog: Catalog) -> str:
    """One list item: the linked title, then the summary on its own line."""
    text = strings(lang)
    title = entry.title or entry.id
    badge = (
        f' <span class="kb-badge">{md_escape(text["fallback.badge"])}</span>' if fallback else ""
    )
    summary = catalog.meta(entry.id, lang).get("summary") or ""
    line = f"- [{title}]({link_to(entry.default_uri, page_uri)}){badge}"
    if summary:
        line += f'  \n  <span class="kb-summary">{md_escape(summary)}</span>'
    return line


def _grouped(kind: str | None, page_uri: str, lang: str, catalog: Catalog, **_) -> str:
    """Entries of one kind grouped under a heading per category, in the configured order."""
    groups: dict[str, list[str]] = {}
    for entry, fallback in catalog.listing(lang, kind):
        category = catalog.meta(entry.id, lang).get("category") or ""
        groups.setdefault(category, []).append(_item(entry, fallback, page_uri, lang, catalog))
    order = [c for c in catalog.categories if c in groups] + sorted(
        c for c in groups if c not in catalog.categories
    )
    blocks = []
    for category in order:
        label = catalog.category_label(category, lang) if category else ""
        heading = f"## {md_escape(label)} {{ #{category} }}" if category else ""
        blocks.append("\n".join(filter(None, [heading, "", *groups[category]])))
    return "\n\n".join(blocks) + "\n"


def _faq_index(**kwargs) -> str:
    """The FAQ index: every question, by category."""
    return _grouped("faq", **kwargs)


def _guides_index(**kwargs) -> str:
    """The guides index."""
    return _grouped("guide", **kwargs)


def _templates_index(**kwargs) -> str:
    """The templates gallery."""
    return _grouped("template", **kwargs)


def _featured(page_uri: str, lang: str, catalog: Catalog, featured: list[str], **_) -> str:
    """The most useful entries, in the configured order."""
    items = []
    for entry_id in featured:
        entry, fallback = catalog.entry(entry_id, lang)
        if entry is not None:
            items.append(_item(entry, fallback, page_uri, lang, catalog))
    if not items:
        return ""
    title = strings(lang)["home.featured"]
    return (
        f'<div class="kb-featured" markdown>\n\n## {md_escape(title)}\n\n'
        + "\n".join(items)
        + "\n\n</div>\n"
    )


def _categories(page_uri: str, lang: str, catalog: Catalog, **_) -> str:
    """A card per category: its name (linking to its place in a section index) and count."""
    counts: dict[str, int] = {}
    section_of: dict[str, str] = {}
    for entry, _fallback in catalog.listing(lang):
        category = catalog.meta(entry.id, lang).get("category")
        if not category:
            continue
        counts[category] = counts.get(category, 0) + 1
        # A topic opens in the FAQ when it has questions, else in its guides or templates.
        section = SECTION_OF_KIND[entry.kind]
        if section_of.get(category) != "faq":
            section_of[category] = (
                section if section == "faq" else section_of.get(category, section)
            )
    cards = []
    for category in [c for c in catalog.categories if c in counts]:
        target = link_to(f"{section_of[category]}/index.md", page_uri) + f"#{category}"
        label = md_escape(catalog.category_label(category, lang))
        count = md_escape(plural("category.count", counts[category], lang))
        cards.append(f'- [{label}]({target})  \n  <span class="kb-count">{count}</span>')
    if not cards:
        return ""
    title = strings(lang)["home.categories"]
    return (
        f'<div class="kb-categories" markdown>\n\n## {md_escape(title)}\n\n'
        + "\n".join(cards)
        + "\n\n</div>\n"
    )


def _search_box(lang: str, **_) -> str:
    """A prominent search field that opens the site search (a label for Material's toggle)."""
    text = strings(lang)
    return (
        '<label class="kb-search-cta" for="__search" tabindex="0" role="button">'
        f'<span class="kb-search-cta__label">{_html(text["home.search"])}</span>'
        f'<span class="kb-search-cta__hint">{_html(text["home.search.hint"])}</span>'
        "</label>\n"
    )


def _subjects(lang: str, meta: dict, **_) -> str:
    """A template's subject lines, each with its own copy button."""
    subjects = [s for s in meta.get("subjects") or [] if isinstance(s, str)]
    if not subjects:
        return ""
    text = strings(lang)
    items = "".join(
        f'<li><span class="kb-subject">{_html(subject)}</span>'
        f'<button class="md-clipboard md-icon kb-copy" type="button" '
        f'title="{_html(text["template.copy"])}" aria-label="{_html(text["template.copy"])}" '
        f'data-clipboard-text="{_html(subject)}"></button></li>'
        for subject in subjects
    )
    return (
        f"## {md_escape(text['template.subjects'])} {{ #subject-lines }}\n\n"
        f'<ol class="kb-subjects">{items}</ol>\n'
    )


def _home(**kwargs) -> str:
    """The home page: search, most useful entries, then topics."""
    return "\n".join([_search_box(**kwargs), _featured(**kwargs), _categories(**kwargs)])


def _html(text: str) -> str:
    """Escape text for HTML."""
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


_DIRECTIVES = {
    "home": _home,
    "search": _search_box,
    "featured": _featured,
    "categories": _categories,
    "faq-index": _faq_index,
    "guides-index": _guides_index,
    "templates-index": _templates_index,
    "subjects": _subjects,
}
