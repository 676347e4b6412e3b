"""Directives that list the knowledge base: `<!-- kb:NAME -->` comments become Markdown.

Directives are HTML comments (as in Material's own docs) so an unprocessed page still renders.
Listings are written as Markdown with links to the default-language `.md` file names: MkDocs and
the i18n plugin then resolve each link to the page in the reader's language, and the link
checker sees them like any link an author wrote.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from collections.abc import Callable

from helpfirst import links
from helpfirst.catalog import Catalog
from helpfirst.content import SECTION_OF_KIND, SECTIONS, Entry
from helpfirst.problems import Problem
from helpfirst.settings import LISTING_PAGE_SIZE
from helpfirst.strings import plural, strings

DIRECTIVE = re.compile(r"^[ \t]*<!--[ \t]*kb:([a-z-]+)[ \t]*-->[ \t]*$", re.MULTILINE)
# What Markdown and the configured extensions read as syntax in running text (emphasis, code,
# links, attribute lists, tables, smartsymbols' `(c)` and `1/2`); `<`, `>` and `&` are left to
# html.escape.
_MD_SYNTAX = re.compile(r"[\\`*_{}\[\]()#+!|~^=/]")
# The pages after a section's first: `faq/page/2.md`, shown at `faq/page/2/`.
_LISTING_PAGE = re.compile(r"^(?P<folder>[^/]+)/page/(?P<number>[1-9][0-9]*)\.md$")
# The directive that lists each section, by the kind of its entries.
INDEX_DIRECTIVE = {"faq": "faq-index", "guide": "guides-index", "template": "templates-index"}
# Page numbers the pager shows on each side of the current one (with the first and the last).
PAGER_REACH = 2


def md_escape(text: str) -> str:
    """Markdown that shows `text` exactly as written, on one line (titles and summaries are
    text, not Markdown): HTML's special characters escaped, and Markdown's as numeric character
    references, which Markdown passes through as they are (a backslash escape would stay
    visible before a character Markdown does not know as escapable, such as `<`)."""
    flat = html.escape(" ".join(str(text).split()), quote=False)
    return _MD_SYNTAX.sub(lambda match: f"&#{ord(match.group())};", flat)


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
    page_size: int = LISTING_PAGE_SIZE,
) -> str:
    """Replace every known directive in `markdown`; unknown ones are left for the checker."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        builder = _DIRECTIVES.get(name)
        if builder is None:
            return match.group(0)
        return builder(
            page_uri=page_uri,
            lang=lang,
            catalog=catalog,
            featured=featured,
            meta=meta or {},
            page_size=page_size,
        )

    return DIRECTIVE.sub(replace, markdown)


def directive_links(
    markdown: str,
    first_line: int,
    page_uri: str,
    lang: str,
    catalog: Catalog,
    featured: list[str],
    meta: dict | None = None,
    page_size: int = LISTING_PAGE_SIZE,
) -> list[tuple[int, str, str]]:
    """(line of the directive, target, directive name) of every link that the listing
    directives of `markdown` make in `lang`, so they are judged like links an author wrote."""
    found = []
    for match in DIRECTIVE.finditer(markdown):
        if match.group(1) not in _DIRECTIVES:
            continue
        line = first_line + markdown.count("\n", 0, match.start())
        text = expand(match.group(0), page_uri, lang, catalog, featured, meta, page_size)
        found += [(line, target, match.group(1)) for _, target in links.find_links(text)]
    return found


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
    line = f"- [{md_escape(title)}]({link_to(entry.default_uri, page_uri)}){badge}"
    if summary:
        line += f'  \n  <span class="kb-summary">{md_escape(summary)}</span>'
    return line


def _groups(kind: str, lang: str, catalog: Catalog) -> list[tuple[str, list]]:
    """(category, [(entry, fallback)]) of one kind in `lang`: categories in the configured
    order (then any other, by id, then none), entries by title."""
    groups: dict[str, list] = {}
    for entry, fallback in catalog.listing(lang, kind):
        category = catalog.meta(entry.id, lang).get("category") or ""
        groups.setdefault(category, []).append((entry, fallback))
    order = [c for c in catalog.categories if c in groups] + sorted(
        c for c in groups if c not in catalog.categories
    )
    return [(category, groups[category]) for category in order]


def paginate(groups: list[tuple[str, list]], size: int) -> list[list[tuple[str, list, bool]]]:
    """The groups cut into pages of at most `size` entries: per page, (category, entries,
    continued) blocks, `continued` when the category began on an earlier page."""
    pages: list[list[tuple[str, list, bool]]] = [[]]
    room = size
    for category, entries in groups:
        start = 0
        while start < len(entries):
            if room == 0:
                pages.append([])
                room = size
            chunk = entries[start : start + room]
            pages[-1].append((category, chunk, start > 0))
            start += len(chunk)
            room -= len(chunk)
    return pages


def _pages(kind: str, lang: str, catalog: Catalog, size: int) -> list:
    """`paginate` of one kind's groups in `lang`: worked out once per catalog, since every
    page of the listing, the navigation, the home page and every entry page ask for it."""
    key = ("pages", kind, lang, size)
    if key not in catalog.memo:
        catalog.memo[key] = paginate(_groups(kind, lang, catalog), size)
    return catalog.memo[key]


def listing_page_uri(folder: str, number: int) -> str:
    """The source address of page `number` of a section's listing: its index, then
    `<folder>/page/<number>.md`."""
    return f"{folder}/index.md" if number == 1 else f"{folder}/page/{number}.md"


def listing_page_number(page_uri: str, folder: str) -> int:
    """Which page of `folder`'s listing the page at `page_uri` shows (1 for any other page)."""
    match = _LISTING_PAGE.match(page_uri)
    return int(match.group("number")) if match and match.group("folder") == folder else 1


def category_pages(kind: str, lang: str, catalog: Catalog, size: int) -> dict[str, int]:
    """The page of the section's listing where each category begins, in listing order."""
    found: dict[str, int] = {}
    for number, blocks in enumerate(_pages(kind, lang, catalog, size), start=1):
        for category, _entries, continued in blocks:
            if not continued:
                found.setdefault(category, number)
    return found


def pager_numbers(current: int, count: int, reach: int = PAGER_REACH) -> list[int | None]:
    """The page numbers a pager shows: the first, the last and `reach` on each side of the
    current one; None where two or more numbers are left out (a gap of one shows the number)."""
    shown = sorted({1, count, *range(max(1, current - reach), min(count, current + reach) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] == 2:
            numbers.append(number - 1)
        elif numbers and number - numbers[-1] > 2:
            numbers.append(None)
        numbers.append(number)
    return numbers


def listing_pages(catalog: Catalog, size: int) -> tuple[dict[str, dict[str, Entry]], list]:
    """The pages after the first of each section listing longer than `size` entries, as
    catalog pages (default address -> lang -> Entry) in every language, and the problems of
    addresses that a file of the docs folder already takes."""
    made: dict[str, dict[str, Entry]] = {}
    problems: list[Problem] = []
    for folder, kind in SECTIONS.items():
        index_versions = catalog.pages.get(f"{folder}/index.md") or {}
        source = index_versions.get(catalog.default_lang)
        if source is None:
            continue
        counts = {lang: len(_pages(kind, lang, catalog, size)) for lang in catalog.languages}
        taken = set()
        for number in range(2, max(counts.values()) + 1):
            uri = listing_page_uri(folder, number)
            versions = catalog.file_versions(uri)
            if versions:
                taken.add(uri)
                problems.append(
                    Problem(
                        next(iter(versions.values())).display_path,
                        1,
                        f"this file's address is page {number} of the {folder} listing",
                        "rename the file, or raise extra.kb.listing_page_size",
                        fatal=True,
                    )
                )
        for lang, count in counts.items():
            index = index_versions.get(lang, source)
            text = strings(lang)
            for number in range(2, count + 1):
                uri = listing_page_uri(folder, number)
                if uri in taken:
                    continue
                stem = uri.removesuffix(".md")
                page_of = text["listing.page_of"].format(page=number, pages=count)
                made.setdefault(uri, {})[lang] = Entry(
                    src_uri=uri if lang == catalog.default_lang else f"{stem}.{lang}.md",
                    display_path=index.display_path,
                    lang=lang,
                    id="",
                    kind="page",
                    meta={"summary": index.meta.get("summary") or ""},
                    title=f"{index.title or folder} ({page_of})",
                )
    return made, problems


def listing_page_markdown(entry: Entry, folder: str) -> str:
    """The Markdown of a generated listing page: its title, then its section's listing."""
    kind = SECTIONS[folder]
    summary = entry.meta.get("summary") or ""
    front = f"---\nsummary: {json.dumps(summary, ensure_ascii=False)}\n---\n\n" if summary else ""
    return f"{front}# {md_escape(entry.title or '')}\n\n<!-- kb:{INDEX_DIRECTIVE[kind]} -->\n"


def _grouped(kind: str, page_uri: str, lang: str, catalog: Catalog, page_size: int, **_) -> str:
    """One page of a section's listing: its entries under a heading per category, in the
    configured order, then a pager when the section takes more than one page."""
    folder = SECTION_OF_KIND[kind]
    pages = _pages(kind, lang, catalog, page_size)
    number = min(listing_page_number(page_uri, folder), len(pages))
    text = strings(lang)
    blocks = []
    for category, entries, continued in pages[number - 1]:
        heading = ""
        if category:
            label = catalog.category_label(category, lang)
            if continued:
                label = text["listing.continued"].format(category=label)
            heading = f"## {md_escape(label)} {{ #{category}{'-continued' if continued else ''} }}"
        items = [_item(entry, fallback, page_uri, lang, catalog) for entry, fallback in entries]
        blocks.append("\n".join(filter(None, [heading, "", *items])))
    if len(pages) > 1:
        blocks.append(_pager(folder, number, len(pages), page_uri, lang))
    return "\n\n".join(blocks) + "\n"


def _pager(folder: str, number: int, count: int, page_uri: str, lang: str) -> str:
    """Links to the other pages of a section's listing: previous, numbers, next."""
    text = strings(lang)

    def link(label: str, target: int) -> str:
        href = link_to(listing_page_uri(folder, target), page_uri)
        return f"- [{md_escape(label)}]({href})"

    items = []
    if number > 1:
        items.append(link(text["listing.previous"], number - 1))
    for shown in pager_numbers(number, count):
        if shown is None:
            items.append('- <span class="kb-pager__gap">…</span>')
        elif shown == number:
            items.append(f'- <span class="kb-pager__current" aria-current="page">{shown}</span>')
        else:
            items.append(link(str(shown), shown))
    if number < count:
        items.append(link(text["listing.next"], number + 1))
    status = text["listing.page_of"].format(page=number, pages=count)
    status = html.escape(status[:1].upper() + status[1:])
    return (
        f'<nav class="kb-pager" aria-label="{html.escape(text["listing.pages"])}" markdown>\n\n'
        f'<p class="kb-pager__status">{status}</p>\n\n' + "\n".join(items) + "\n\n</nav>"
    )


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


def _categories(page_uri: str, lang: str, catalog: Catalog, page_size: int, **_) -> str:
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
        if section == "faq" or category not in section_of:
            section_of[category] = section
    starts = {
        folder: category_pages(kind, lang, catalog, page_size) for folder, kind in SECTIONS.items()
    }
    cards = []
    for category in [c for c in catalog.categories if c in counts]:
        folder = section_of[category]
        start = listing_page_uri(folder, starts[folder].get(category, 1))
        target = link_to(start, page_uri) + f"#{category}"
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
    """A prominent button that opens the site search (assets/kb/site.js opens Material's)."""
    text = strings(lang)
    return (
        '<button class="kb-search-cta" type="button">'
        f'<span class="kb-search-cta__label">{html.escape(text["home.search"])}</span>'
        f'<span class="kb-search-cta__hint">{html.escape(text["home.search.hint"])}</span>'
        "</button>\n"
    )


def _subjects(lang: str, meta: dict, **_) -> str:
    """A template's subject lines, each with its own copy button."""
    subjects = [s for s in meta.get("subjects") or [] if isinstance(s, str)]
    if not subjects:
        return ""
    text = strings(lang)
    copy = html.escape(text["template.copy"])
    items = "".join(
        f'<li><span class="kb-subject">{html.escape(subject)}</span>'
        f'<button class="md-clipboard md-icon kb-copy" type="button" '
        f'title="{copy}" aria-label="{copy}" '
        f'data-clipboard-text="{html.escape(subject)}"></button></li>'
        for subject in subjects
    )
    return (
        f"## {md_escape(text['template.subjects'])} {{ #subject-lines }}\n\n"
        f'<ol class="kb-subjects">{items}</ol>\n'
    )


def _home(**kwargs) -> str:
    """The home page: search, most useful entries, then topics."""
    return "\n".join([_search_box(**kwargs), _featured(**kwargs), _categories(**kwargs)])


_DIRECTIVES: dict[str, Callable[..., str]] = {
    "home": _home,
    "search": _search_box,
    "featured": _featured,
    "categories": _categories,
    "subjects": _subjects,
    # The section indexes: every entry of a kind, by category, a page at a time.
    **{name: functools.partial(_grouped, kind) for kind, name in INDEX_DIRECTIVE.items()},
}
