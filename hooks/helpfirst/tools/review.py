"""The reviewer report: what a change does to the built site, as Markdown short enough for a
pull-request comment, details folded in `<details>`.

`compare` reads two built sites; `render` writes the report from a `Report`, which the script
`kb preview-report` fills from the sites, the docs, the structured-data check and the
search-quality figures. Anything that was not run is shown as such, never guessed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from helpfirst import translations
from helpfirst.search import payload_path
from helpfirst.tools import built_site

#: At most this many items are listed in one folded list.
LIST_LIMIT = 30
_SEARCH_FIGURES = (("hit1", "hit@1"), ("hit3", "hit@3"), ("mrr", "MRR"))


@dataclass
class LanguageChanges:
    """One language's pages in the head site compared with the base site."""

    lang: str
    pages: int
    translated: int  # pages in this language's own words (not the default-language fallback)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    base_translated: int | None = None
    translations_added: list[str] = field(default_factory=list)
    translations_removed: list[str] = field(default_factory=list)


@dataclass
class FileChanges:
    """Files that are not pages (images, PDFs, scripts ...), head site against base site."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


@dataclass
class SynonymChanges:
    """One language's synonym sets (as the search index holds them: each member's terms) that
    the head site has and the base site has not, and the reverse."""

    lang: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class CheckRun:
    """The outcome of an outside check: `ran` False with a reason when it could not run."""

    ran: bool
    ok: bool = False
    lines: list[str] = field(default_factory=list)
    reason: str = ""


@dataclass
class Report:
    """Everything the report shows; None or a CheckRun that did not run reads as 'not run'."""

    default_lang: str
    languages: list[LanguageChanges]
    base_available: bool
    translations: list[translations.Translation] | None = None
    structured_data: CheckRun | None = None
    search_base: dict | None = None
    search_head: dict | None = None
    sizes_base: dict[str, tuple[int, int]] = field(default_factory=dict)
    sizes_head: dict[str, tuple[int, int]] = field(default_factory=dict)
    broken_links: list[built_site.BrokenLink] = field(default_factory=list)
    base_broken_links: int | None = None
    preview_url: str = ""
    files: FileChanges | None = None  # None without a base site
    synonyms: list[SynonymChanges] | None = None  # None without a base site


def compare(base: built_site.Site | None, head: built_site.Site) -> list[LanguageChanges]:
    """Pages added, removed and changed per language, and translations gained or lost."""
    found = []
    for lang in head.languages:
        head_pages = built_site.pages(head, lang)
        head_own = {name for name, path in head_pages.items() if not _fallback(path)}
        changes = LanguageChanges(lang=lang, pages=len(head_pages), translated=len(head_own))
        if base is not None:
            base_pages = built_site.pages(base, lang) if lang in base.languages else {}
            base_own = {name for name, path in base_pages.items() if not _fallback(path)}
            differences = _differences(base_pages, head_pages)
            changes.added, changes.removed = differences.added, differences.removed
            changes.changed = differences.changed
            changes.base_translated = len(base_own)
            if lang != head.default_lang:
                shared = set(head_pages) & set(base_pages)
                changes.translations_added = sorted((head_own - base_own) & shared)
                changes.translations_removed = sorted((base_own - head_own) & shared)
        found.append(changes)
    return found


def compare_files(base: built_site.Site, head: built_site.Site) -> FileChanges:
    """Files that are not pages, added, removed and changed between the two sites."""
    return _differences(built_site.other_files(base), built_site.other_files(head))


def _differences(base: dict[str, Path], head: dict[str, Path]) -> FileChanges:
    """Names only in `head`, only in `base`, and in both with other bytes, each sorted."""
    return FileChanges(
        added=sorted(set(head) - set(base)),
        removed=sorted(set(base) - set(head)),
        changed=sorted(
            name
            for name in set(head) & set(base)
            if head[name].read_bytes() != base[name].read_bytes()
        ),
    )


def compare_synonyms(base: built_site.Site, head: built_site.Site) -> list[SynonymChanges]:
    """The languages whose synonym sets differ between the two sites' search indexes."""
    found = []
    for lang in head.languages:
        head_sets, base_sets = _synonym_sets(head, lang), _synonym_sets(base, lang)
        added = sorted(set(head_sets) - set(base_sets))
        removed = sorted(set(base_sets) - set(head_sets))
        if added or removed:
            found.append(SynonymChanges(lang, added, removed))
    return found


def _synonym_sets(site: built_site.Site, lang: str) -> list[str]:
    """A language's synonym sets in its search index, each written `subject line ≈ headlin`."""
    path = site.root / payload_path(lang)
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    sets = payload.get("synonyms") if isinstance(payload, dict) else None
    return [" ≈ ".join(" ".join(member) for member in group) for group in sets or []]


def render(report: Report) -> str:
    """The report as Markdown."""
    out = ["## Help centre preview", ""]
    if report.preview_url:
        out += [f"Preview: {report.preview_url}", ""]
    if not report.base_available:
        out += ["The base site could not be built: no comparison with it.", ""]
    out += _summary_table(report)
    out += ["", _checks_line(report), ""]
    out += _pages_details(report)
    out += _file_details(report)
    out += _translation_details(report)
    out += _structured_data_details(report)
    out += _synonym_details(report)
    out += _search_details(report)
    out += _size_details(report)
    out += _link_details(report)
    return "\n".join(out).rstrip("\n") + "\n"


def _summary_table(report: Report) -> list[str]:
    """One row per language: pages, changes, coverage, translation work left."""
    rows = [
        "| language | pages | added | removed | changed | translated | stale | missing |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for lang in report.languages:
        default = lang.lang == report.default_lang
        if report.base_available:
            counts = [f"{len(lang.added)}", f"{len(lang.removed)}", f"{len(lang.changed)}"]
        else:
            counts = ["n/a"] * 3
        coverage = "—" if default else _coverage(lang)
        stale = missing = "—" if default else "n/a"
        if not default and report.translations is not None:
            rows_of_lang = [row for row in report.translations if row.lang == lang.lang]
            stale = str(sum(row.state == translations.STALE for row in rows_of_lang))
            missing = str(sum(row.state == translations.MISSING for row in rows_of_lang))
        cells = [lang.lang, str(lang.pages), *counts, coverage, stale, missing]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _coverage(lang: LanguageChanges) -> str:
    """`24 of 26 (92%)`, with the change against the base."""
    share = round(100 * lang.translated / lang.pages) if lang.pages else 0
    text = f"{lang.translated} of {lang.pages} ({share}%)"
    if lang.base_translated is not None and lang.base_translated != lang.translated:
        text += f" {_signed(lang.translated - lang.base_translated)}"
    return text


def _checks_line(report: Report) -> str:
    """One line with the verdict of every check."""
    parts = []
    structured = report.structured_data
    if structured is None or not structured.ran:
        parts.append("structured data: not run")
    else:
        problems = len(structured.lines)
        parts.append(
            "structured data: "
            + ("clean" if structured.ok and not problems else f"{problems} problem(s)")
            + ("" if structured.ok else ", failed")
        )
    parts.append(f"broken links: {len(report.broken_links)}")
    if report.search_head:
        ours = report.search_head.get("ours", {})
        figures = []
        for lang in sorted(ours):
            value = ours[lang].get("mrr")
            base = ((report.search_base or {}).get("ours") or {}).get(lang, {}).get("mrr")
            delta = (
                f" ({_signed_float(value - base)})"
                if base is not None and value is not None
                else ""
            )
            figures.append(f"{lang} {value:.2f}{delta}" if value is not None else f"{lang} n/a")
        parts.append("search MRR: " + ", ".join(figures))
    else:
        parts.append("search quality: not run")
    return "**Checks:** " + " · ".join(parts)


def _pages_details(report: Report) -> list[str]:
    if not report.base_available:
        return []
    total = sum(_count(lang) for lang in report.languages)
    body = []
    for lang in report.languages:
        body += _change_lines(report, lang.lang, f"{lang.lang} ", lang)
    return _fold(f"Pages added, removed and changed ({total})", body or ["No page differs."])


def _file_details(report: Report) -> list[str]:
    """Images, PDFs and every other file that is not a page, added, removed or changed."""
    files = report.files
    if not report.base_available or files is None:
        return []
    body = _change_lines(report, report.default_lang, "", files)
    return _fold(
        f"Other files added, removed and changed ({_count(files)})",
        body or ["No other file differs."],
    )


def _change_lines(
    report: Report, lang: str, label: str, changes: LanguageChanges | FileChanges
) -> list[str]:
    """One line each for what was added, removed and changed, when there is any."""
    return [
        f"- **{label}{kind}:** " + _links(report, lang, names)
        for kind, names in (
            ("added", changes.added),
            ("removed", changes.removed),
            ("changed", changes.changed),
        )
        if names
    ]


def _count(changes: LanguageChanges | FileChanges) -> int:
    """How many names were added, removed or changed."""
    return len(changes.added) + len(changes.removed) + len(changes.changed)


def _translation_details(report: Report) -> list[str]:
    body = []
    for lang in report.languages:
        if lang.translations_added:
            body.append(
                f"- **{lang.lang} newly translated:** "
                + _links(report, lang.lang, lang.translations_added)
            )
        if lang.translations_removed:
            body.append(
                f"- **{lang.lang} translation removed:** "
                + _links(report, lang.lang, lang.translations_removed)
            )
    if report.translations is None:
        body.append("Stale and missing translations: n/a (the docs were not read).")
        title = "Translations"
    else:
        stale = [row for row in report.translations if row.state == translations.STALE]
        missing = [row for row in report.translations if row.state == translations.MISSING]
        unrecorded = [row for row in report.translations if row.state == translations.UNRECORDED]
        body += _limited(
            [f"- stale: `{row.path}` (source changed since {row.recorded})" for row in stale]
            + [f"- missing ({row.lang}): `{row.source.display_path}`" for row in missing]
        )
        if unrecorded:
            body.append(
                f"- {len(unrecorded)} translation(s) record no source version"
                " (see `kb.py translations`)"
            )
        title = f"Translations: {len(stale)} stale, {len(missing)} missing"
    return _fold(title, body or ["Every translation is current."])


def _structured_data_details(report: Report) -> list[str]:
    run = report.structured_data
    if run is None or not run.ran:
        reason = run.reason if run is not None else "not run"
        return _fold("Structured data: not run", [reason])
    lines = ["```", *_limited(run.lines), "```"] if run.lines else ["No problem found."]
    return _fold(f"Structured data: {len(run.lines)} problem(s)", lines)


def _synonym_details(report: Report) -> list[str]:
    """Synonym sets added and removed, only when a language's sets changed."""
    if not report.synonyms:
        return []
    body = []
    for changes in report.synonyms:
        body += [f"- {changes.lang} added: `{text}`" for text in changes.added]
        body += [f"- {changes.lang} removed: `{text}`" for text in changes.removed]
    count = sum(len(c.added) + len(c.removed) for c in report.synonyms)
    return _fold(
        f"Synonym sets changed ({count})",
        ["Search terms, as the index holds them.", "", *_limited(body)],
    )


def _search_details(report: Report) -> list[str]:
    if not report.search_head:
        return _fold("Search quality: not run", ["No search-quality figures for this change."])
    rows = [
        "| stack | language | queries | " + " | ".join(label for _, label in _SEARCH_FIGURES) + " |"
    ]
    rows.append("|---|---|---:|" + "---:|" * len(_SEARCH_FIGURES))
    for stack in sorted(report.search_head):
        for lang, figures in sorted(report.search_head[stack].items()):
            base = ((report.search_base or {}).get(stack) or {}).get(lang) or {}
            cells = []
            for key, _ in _SEARCH_FIGURES:
                value = figures.get(key)
                if value is None:
                    cells.append("n/a")
                    continue
                cell = f"{value:.3f}"
                if base.get(key) is not None:
                    cell += f" ({_signed_float(value - base[key])})"
                cells.append(cell)
            rows.append(
                f"| {stack} | {lang} | {figures.get('queries', 'n/a')} | "
                + " | ".join(cells)
                + " |"
            )
    note = "" if report.search_base else "No base figures: no comparison."
    return _fold("Search quality against the base", rows + ([note] if note else []))


def _size_details(report: Report) -> list[str]:
    names = sorted(set(report.sizes_base) | set(report.sizes_head))
    if not names:
        return _fold("Sizes: n/a", ["No search index or widget files in the site."])
    rows = ["| file | bytes | gzip | gzip vs base |", "|---|---:|---:|---:|"]
    total_delta = 0
    for name in names:
        head = report.sizes_head.get(name)
        base = report.sizes_base.get(name)
        if head is None:
            base = base or (0, 0)  # a name comes from one of the two sites
            rows.append(f"| `{name}` | removed | removed | {_signed(-base[1])} |")
            total_delta -= base[1]
            continue
        delta = "new" if base is None else _signed(head[1] - base[1])
        total_delta += head[1] - (base[1] if base else 0)
        rows.append(f"| `{name}` | {head[0]:,} | {head[1]:,} | {delta} |")
    return _fold(f"Index and widget sizes (gzip {_signed(total_delta)} bytes)", rows)


def _link_details(report: Report) -> list[str]:
    base = "" if report.base_broken_links is None else f"; base: {report.base_broken_links}"
    lines = _limited([f"- `{link}`" for link in report.broken_links])
    return _fold(f"Broken links: {len(report.broken_links)}{base}", lines or ["None."])


def _links(report: Report, lang: str, names: list[str]) -> str:
    """Page addresses, linked to the preview when its address is known."""
    prefix = "" if lang == report.default_lang else f"{lang}/"
    if report.preview_url:
        base = report.preview_url.rstrip("/")
        shown = [f"[/{prefix}{name}]({base}/{prefix}{name})" for name in names]
    else:
        shown = [f"`/{prefix}{name}`" for name in names]
    return ", ".join(_limited(shown))


def _limited(items: list[str]) -> list[str]:
    """At most LIST_LIMIT items, then one saying how many more there are."""
    if len(items) <= LIST_LIMIT:
        return list(items)
    return list(items[:LIST_LIMIT]) + [f"… and {len(items) - LIST_LIMIT} more"]


def _fold(summary: str, body: list[str]) -> list[str]:
    return ["<details>", f"<summary>{summary}</summary>", "", *body, "", "</details>", ""]


def _fallback(path) -> bool:
    return built_site.is_fallback(path.read_text(encoding="utf-8", errors="replace"))


def _signed(value: int) -> str:
    return f"+{value:,}" if value > 0 else (f"−{-value:,}" if value < 0 else "±0")


def _signed_float(value: float) -> str:
    return f"+{value:.3f}" if value > 0 else (f"−{-value:.3f}" if value < 0 else "±0")
