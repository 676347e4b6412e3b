"""What assistants and tools read (see `helpfirst.twins`): each entry page's Markdown twin, and
per language llms.txt, llms-full.txt and the content API's index, written at the end of the
language's pass. The only writer of those files."""

from __future__ import annotations

import json
from pathlib import Path

from helpfirst import answers, translations, twins, urls
from helpfirst.adapter import output
from helpfirst.adapter.state import BuildState, PageVersions
from helpfirst.catalog import Catalog
from helpfirst.content import SECTION_OF_KIND

#: The committed schema of the content API's index, copied into every build.
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "data" / "content-api.v1.schema.json"
#: Where the schema and each language's index live below the site root / language root.
SCHEMA_PATH = f"api/v{twins.API_VERSION}/schema.json"
INDEX_PATH = f"api/v{twins.API_VERSION}/entries.json"
_ENTRY_KINDS = frozenset(SECTION_OF_KIND)


def is_left_out(state: BuildState, entry_id: str, kind: str) -> bool:
    """True for an entry the owner leaves out of every machine-readable output: its front
    matter says `machine_readable: false`, or its section is in machine_readable_exclude."""
    if SECTION_OF_KIND.get(kind) in state.settings.machine_readable_exclude:
        return True
    return (
        state.catalog is not None
        and state.catalog.meta(entry_id, state.lang).get(twins.FRONT_MATTER_KEY) is False
    )


def collect(state: BuildState, page: PageVersions, page_url: str, site_url: str) -> dict:
    """Keep this page's twin if it is an entry page that is not left out, made from the answer
    `helpfirst.adapter.answers.collect` kept for it; the links its head writes (`twin` only for
    a page with a twin, `llms` for every page of the language)."""
    root = urls.language_root(state.lang, state.default_lang)
    links = {"llms": urls.absolute(site_url or "/", f"{root}llms.txt"), "twin": ""}
    catalog = state.catalog
    if catalog is None or not page.versions or page.id == "":
        return links
    entry, fallback = catalog.entry(page.id, state.lang)
    if entry is None or entry.kind not in _ENTRY_KINDS or is_left_out(state, page.id, entry.kind):
        return links
    meta = catalog.meta(page.id, state.lang)
    page_address = urls.absolute(site_url or "/", page_url)
    twin_address = urls.absolute(site_url or "/", twins.twin_path(page_url))
    summary = meta.get("summary")
    category = meta.get("category")
    state.current.twins[page.id] = twins.Twin(
        entry_id=page.id,
        kind=entry.kind,
        lang=entry.lang,
        title=entry.title or page.id,
        summary=summary if isinstance(summary, str) else "",
        category=category if isinstance(category, str) else "",
        page_address=page_address,
        twin_address=twin_address,
        updated=meta.get("updated"),
        markdown=twins.markdown(state.current.answers[page.id]["html"]),
    )
    state.current.twin_status[page.id] = _status(state, catalog, page.id, fallback)
    links["twin"] = twin_address
    return links


def _status(state: BuildState, catalog: Catalog, entry_id: str, fallback: bool) -> str:
    """ "source", "fallback", or the translation's state (current, stale, unrecorded)."""
    if state.lang == state.default_lang:
        return "source"
    if fallback:
        return "fallback"
    versions = catalog.entries[entry_id]
    return translations.state_of(versions[state.lang], versions[state.default_lang])[0]


def _sections(state: BuildState, catalog: Catalog) -> list[tuple[str, str, list[twins.Twin]]]:
    """(group id, label, twins by title) per category, then per section for the uncategorised."""
    groups: dict[str, list[twins.Twin]] = {}
    for twin in state.current.twins.values():
        groups.setdefault(twin.category or SECTION_OF_KIND[twin.kind], []).append(twin)
    sections = []
    for group, members in groups.items():
        if group in SECTION_OF_KIND.values() and group not in catalog.categories:
            label = _section_label(state, catalog, group)
        else:
            label = catalog.category_label(group, state.lang)
        members.sort(key=lambda twin: (twin.title.casefold(), twin.entry_id))
        sections.append((group, label, members))
    sections.sort(key=lambda section: (section[1].casefold(), section[0]))
    return sections


def _section_label(state: BuildState, catalog: Catalog, folder: str) -> str:
    """The title of a section's own page in this language, else the folder's name."""
    versions = catalog.pages.get(f"{folder}/index.md", {})
    page = versions.get(state.lang) or versions.get(state.default_lang)
    return (page.title if page and page.title else None) or folder


def write(state: BuildState, site_dir: str, config) -> None:
    """Write this pass's twins, llms.txt, llms-full and the content API's index."""
    catalog = state.catalog
    if catalog is None:
        return
    site_url = config.site_url or "/"
    root = urls.language_root(state.lang, state.default_lang)
    base = len(urls.absolute(site_url, ""))
    for twin in state.current.twins.values():
        output.write(site_dir, twin.twin_address[base:], twins.twin_text(twin))
    sections = _sections(state, catalog)
    full = twins.split_full(sections)
    full_parts = []
    if len(full) > 1:
        labels = {f"llms-full/{group}.txt": label for group, label, _ in sections}
        full_parts = [(labels[name], urls.absolute(site_url, root + name)) for name, _ in full]
    for name, text in full:
        output.write(site_dir, root + name, text)
    name = config.site_name or ""
    description = config.site_description or ""
    listed = [(label, members) for _, label, members in sections]
    output.write(site_dir, root + "llms.txt", twins.llms_txt(name, description, listed, full_parts))
    entries = [
        twins.index_entry(
            twin,
            urls.absolute(site_url, answers.answer_path(entry_id, state.lang, state.default_lang))
            if entry_id in state.current.answers
            else None,
            state.current.twin_status[entry_id],
        )
        for entry_id, twin in state.current.twins.items()
    ]
    index = twins.api_index(state.lang, entries, urls.absolute(site_url, SCHEMA_PATH))
    output.write(
        site_dir, root + INDEX_PATH, json.dumps(index, ensure_ascii=False, indent=1) + "\n"
    )
    output.write(site_dir, SCHEMA_PATH, SCHEMA_FILE.read_text(encoding="utf-8"))
