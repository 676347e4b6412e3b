"""The insights report (`kb insights LOG…`): figures per language and per week from the events
that helpfirst.tools.insights_log reads, as a dict (`report`), JSON, an HTML page and a short
terminal summary.

The events are streamed once. What is kept grows with the number of visits and of distinct
failed queries, never with the number of lines: per visit a few flags, per entry a few counts.
A visit's events are taken in the order of its file (an access log is written in time order).
"""

from __future__ import annotations

import difflib
import json
import re
import shlex
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from helpfirst import analysis
from helpfirst.cli import PROG
from helpfirst.insights import Event
from helpfirst.tools.insights_log import Period, Problems, day_date, read_events

#: Rows shown per list (failed queries, unopened queries, reasons).
TOP = 20
#: How close a failed query's word must be to an entry's title or keyword word to suggest
#: adding keywords to that entry (difflib's ratio).
NEAR = 0.8
#: The most distinct texts (queries, reasons) one list keeps.
MAX_DISTINCT = 200_000
# Widget visit flags, in funnel order.
_OPENED, _SEARCHED, _READ, _COMPOSED, _SENT = 1, 2, 4, 8, 16
FUNNEL = (
    ("opened", _OPENED),
    ("searched", _SEARCHED),
    ("answer_read", _READ),
    ("email_opened", _COMPOSED),
    ("email_sent", _SENT),
)
_FLAGS = {"search": _SEARCHED, "answer": _READ, "compose": _COMPOSED, "sent": _SENT}
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class KnownEntry:
    """An entry of the site in one language, as the report needs it."""

    id: str
    lang: str
    title: str
    path: str  # its source, e.g. docs/faq/reset-password.sl.md
    words: tuple[str, ...] = ()  # analysed terms of its title and keywords


@dataclass
class Site:
    """The entries of the site per language, and its categories (for `kb new` lines)."""

    entries: dict[str, list[KnownEntry]] = field(default_factory=dict)
    categories: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Visit:
    """What one visit did: widget flags, its language, and its last query whose results were
    shown and not yet opened."""

    lang: str
    flags: int = 0
    pending: str | None = None


class Tally:
    """Running counts over the events, fed one at a time."""

    def __init__(self) -> None:
        self.searches: Counter = Counter()  # lang
        self.zero: Counter = Counter()  # lang
        self.weeks: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        self.failed: Counter = Counter()  # (lang, query)
        self.unopened: Counter = Counter()  # (lang, query)
        self.visits: dict[str, _Visit] = {}
        self.opened: Counter = Counter()  # (lang, entry): result opened or answer read
        self.entries: dict[str, Counter] = defaultdict(Counter)
        self.reasons: dict[str, Counter] = defaultdict(Counter)  # entry -> (lang, vote, text)
        self.events = 0
        self.dropped = 0  # texts not kept: see _keep
        self.first_day: int | None = None
        self.last_day: int | None = None
        self._week_of: dict[int, str] = {}

    def add(self, day: int, event: Event) -> None:
        """Count one event of day number `day`."""
        self.events += 1
        if self.first_day is None or day < self.first_day:
            self.first_day = day
        if self.last_day is None or day > self.last_day:
            self.last_day = day
        visit = self.visits.get(event.visit)
        if visit is None:
            visit = self.visits[event.visit] = _Visit(event.lang)
        if event.where == "widget":
            visit.flags |= _OPENED | _FLAGS.get(event.type, 0)
        kind, lang = event.type, event.lang
        if kind == "search":
            self._search(day, event, visit)
        elif kind in ("open", "answer"):
            visit.pending = None
            self.opened[lang, event.entry] += 1
            self.entries[event.entry]["opened" if kind == "open" else "answer_read"] += 1
        elif kind == "sent":
            for entry in event.seen:
                self.entries[entry]["email_after"] += 1
        elif kind == "vote":
            self.entries[event.entry][f"vote_{event.vote}"] += 1
            if event.reason:
                self._keep(self.reasons[event.entry], (lang, event.vote, event.reason))

    def _search(self, day: int, event: Event, visit: _Visit) -> None:
        """A search: counted per language and week; its query kept when nothing was found,
        or held until a result is opened."""
        lang = event.lang
        week = self._week_of.get(day)
        if week is None:
            year, number, _ = day_date(day).isocalendar()
            week = self._week_of[day] = f"{year}-W{number:02d}"
        counts = self.weeks[lang, week]
        counts[0] += 1
        self.searches[lang] += 1
        if visit.pending is not None:
            self._keep(self.unopened, (lang, visit.pending))
        visit.pending = None
        if event.results == 0:
            self.zero[lang] += 1
            counts[1] += 1
            if event.query:
                self._keep(self.failed, (lang, event.query))
        elif event.query:
            visit.pending = event.query

    def _keep(self, counter: Counter, key: tuple) -> None:
        """Count `key`; once a counter holds MAX_DISTINCT texts, new ones are counted apart
        (`dropped`), so that a log of endless different queries keeps memory bounded."""
        if key in counter or len(counter) < MAX_DISTINCT:
            counter[key] += 1
        else:
            self.dropped += 1

    def close(self) -> None:
        """Count the queries still waiting for an opened result when the log ends."""
        for visit in self.visits.values():
            if visit.pending is not None:
                self._keep(self.unopened, (visit.lang, visit.pending))
                visit.pending = None


def report(
    paths: list[Path | str],
    site: Site | None = None,
    period: Period | None = None,
) -> dict:
    """The figures of the events in `paths` (access logs, JSON Lines, plain or .gz) within
    `period`: the dict that `--json` writes. Raises insights_log.LogError for a file that is
    no log."""
    problems = Problems()
    tally = Tally()
    for day, event in read_events([Path(path) for path in paths], period or Period(), problems):
        tally.add(day, event)
    tally.close()
    return figures(tally, problems, site, [str(path) for path in paths])


def figures(tally: Tally, problems: Problems, site: Site | None, files: list[str]) -> dict:
    """The report's figures from a finished tally: deterministic, sorted, JSON-ready."""
    langs = sorted(set(tally.searches) | {visit.lang for visit in tally.visits.values()})
    if site is not None:
        langs = sorted(set(langs) | set(site.entries))
    return {
        "files": files,
        "period": {
            "first": _day_text(tally.first_day),
            "last": _day_text(tally.last_day),
        },
        "events": tally.events,
        # Queries and reasons beyond MAX_DISTINCT different texts in one list: counted in the
        # totals, not listed.
        "texts_not_listed": tally.dropped,
        "malformed": {"count": problems.count, "first": list(problems.first)},
        "languages": {lang: _language(tally, lang, site) for lang in langs},
        "widget": _widget(tally, None),
        "entries": _entries(tally),
    }


def _day_text(day: int | None) -> str | None:
    return day_date(day).isoformat() if day is not None else None


def _rate(part: int, whole: int) -> float:
    """part ÷ whole to four places; 0 when there is no whole."""
    return round(part / whole, 4) if whole else 0.0


def _language(tally: Tally, lang: str, site: Site | None) -> dict:
    """One language's figures."""
    searches, zero = tally.searches[lang], tally.zero[lang]
    weeks = {
        week: {
            "searches": counts[0],
            "zero_results": counts[1],
            "zero_result_rate": _rate(counts[1], counts[0]),
        }
        for (week_lang, week), counts in sorted(tally.weeks.items())
        if week_lang == lang
    }
    unopened = sorted(
        (
            (count, query)
            for (query_lang, query), count in tally.unopened.items()
            if query_lang == lang
        ),
        key=lambda row: (-row[0], row[1]),
    )
    figures = {
        "searches": searches,
        "zero_results": zero,
        "zero_result_rate": _rate(zero, searches),
        "weeks": weeks,
        "failed_queries": _failed_groups(tally, lang, site),
        "results_not_opened": [{"query": q, "count": c} for c, q in unopened[:TOP]],
        "widget": _widget(tally, lang),
    }
    if site is not None:
        shown = site.entries.get(lang, [])
        figures["never_opened"] = sorted(
            {entry.id for entry in shown if not tally.opened[lang, entry.id]}
        )
    return figures


def _widget(tally: Tally, lang: str | None) -> dict:
    """The widget's funnel and deflection, for one language or (None) for all."""
    counts = dict.fromkeys((name for name, _ in FUNNEL), 0)
    deflected = 0
    for visit in tally.visits.values():
        if not visit.flags or (lang is not None and visit.lang != lang):
            continue
        for name, flag in FUNNEL:
            if visit.flags & flag:
                counts[name] += 1
        searched_and_read = _SEARCHED | _READ
        if visit.flags & searched_and_read == searched_and_read and not visit.flags & _SENT:
            deflected += 1
    return {
        "funnel": counts,
        # Help Scout's model: visits that searched, read an answer and sent no email, of the
        # visits that searched.
        "deflected": deflected,
        "deflection_rate": _rate(deflected, counts["searched"]),
    }


def _entries(tally: Tally) -> dict:
    """Per entry: results opened, answers read, emails sent after reading it, votes, reasons."""
    rows = {}
    for entry in sorted(set(tally.entries) | set(tally.reasons)):
        counts = tally.entries[entry]
        reasons = sorted(tally.reasons[entry].items(), key=lambda item: (-item[1], item[0]))
        rows[entry] = {
            "opened": counts["opened"],
            "answer_read": counts["answer_read"],
            "email_after": counts["email_after"],
            "helpful_yes": counts["vote_yes"],
            "helpful_no": counts["vote_no"],
            "reasons": [
                {"lang": lang, "vote": vote, "reason": text, "count": count}
                for (lang, vote, text), count in reasons[:TOP]
            ],
        }
    return rows


# --- failed queries, grouped by the language's analyser ---------------------------------------


def group_key(query: str, lang: str) -> tuple[str, ...]:
    """The analysed terms of a query, sorted: forms of one word share them ("geslo", "gesla",
    "geslom" are one group). A query of stop words only keeps its normalised text."""
    terms = analysis.analyse(query, lang)
    return tuple(sorted(set(terms))) or (analysis.normalise(query).strip(),)


def _failed_groups(tally: Tally, lang: str, site: Site | None) -> list[dict]:
    """The top failed queries of a language, grouped, each with a suggestion."""
    groups: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for (query_lang, query), count in tally.failed.items():
        if query_lang == lang:
            groups[group_key(query, lang)][query] += count
    rows = sorted(groups.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    result = []
    for terms, queries in rows[:TOP]:
        shown = sorted(queries.items(), key=lambda item: (-item[1], item[0]))
        result.append(
            {
                "terms": list(terms),
                "searches": sum(queries.values()),
                "queries": [{"query": q, "count": c} for q, c in shown],
                "suggestion": suggest(terms, shown[0][0], lang, site),
            }
        )
    return result


def suggest(terms: tuple[str, ...], query: str, lang: str, site: Site | None) -> dict:
    """What to do about a failed query: add it to the keywords of an entry whose title or
    keywords nearly match, or write a new entry (with the `kb new` line that starts it)."""
    if site is not None:
        best, best_score = None, 0
        for entry in site.entries.get(lang, []):
            score = sum(
                1
                for term in terms
                if difflib.get_close_matches(term, entry.words, n=1, cutoff=NEAR)
            )
            if score > best_score:
                best, best_score = entry, score
        if best is not None and best_score * 2 >= len(terms):
            return {
                "action": "add_keywords",
                "entry": best.id,
                "path": best.path,
                "keywords": [query],
                "advice": f"add '{query}' to the keywords of {best.path}",
            }
    taken = {entry.id for entries in (site.entries.values() if site else []) for entry in entries}
    slug = new_id(query, taken)
    category = site.categories[0] if site and site.categories else "CATEGORY"
    command = (
        f"{PROG} new faq {slug} --category {shlex.quote(category)} --title {shlex.quote(query)}"
    )
    return {"action": "new_entry", "id": slug, "command": command, "advice": command}


def new_id(query: str, taken: set[str]) -> str:
    """An entry id made from a query: folded, lower-case words joined by hyphens, not taken."""
    words = _SLUG.sub("-", analysis.fold(analysis.normalise(query))).strip("-")[:60].strip("-")
    base = words or "new-entry"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


# --- output -----------------------------------------------------------------------------------


def dumps(figures: dict) -> str:
    """The figures as `--json` writes them: sorted keys, two-space indent, UTF-8 text."""
    return json.dumps(figures, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def summary(figures: dict) -> str:
    """A few lines for the terminal."""
    period = figures["period"]
    lines = [
        f"{figures['events']} events from {period['first'] or '-'} to {period['last'] or '-'} "
        f"in {len(figures['files'])} file(s)"
    ]
    for lang, row in figures["languages"].items():
        if not row["searches"]:
            continue
        top = row["failed_queries"][0]["queries"][0]["query"] if row["failed_queries"] else "-"
        lines.append(
            f"  {lang}: {row['searches']} searches, {row['zero_result_rate']:.1%} found nothing"
            f" (top failed: {top!r})"
        )
    widget = figures["widget"]
    funnel = " → ".join(
        f"{count} {name.replace('_', ' ')}" for name, count in widget["funnel"].items()
    )
    lines.append(f"  widget: {funnel}; deflection {widget['deflection_rate']:.1%}")
    if figures["texts_not_listed"]:
        lines.append(
            f"  {figures['texts_not_listed']} queries or reasons counted but not listed "
            f"(more than {MAX_DISTINCT} different texts)"
        )
    malformed = figures["malformed"]
    if malformed["count"]:
        lines.append(
            f"  {malformed['count']} malformed line(s) skipped, first at: "
            + ", ".join(malformed["first"])
        )
    return "\n".join(lines)


def render_html(figures: dict) -> str:
    """The report as one HTML page: inline styles and SVG charts, nothing fetched, every
    value escaped."""
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    page = environment.get_template("insights_report.html").render(figures=figures)
    return page.lstrip("\n")


def site_of(project) -> Site:
    """The entries each language shows and the categories, read as `kb lint` reads them."""
    from helpfirst.lint import shown_entries

    checked = project.check()
    catalog = checked.catalog
    site = Site(categories=list(checked.settings.categories))
    for lang in project.languages:
        rows = []
        for entry in shown_entries(catalog, lang):
            if not entry.id:
                continue
            keywords = entry.meta.get("keywords") or []
            if isinstance(keywords, str):
                keywords = [keywords]
            text = " ".join([entry.title or "", *map(str, keywords)])
            words = tuple(sorted(set(analysis.analyse(text, lang))))
            rows.append(KnownEntry(entry.id, lang, entry.title or "", entry.display_path, words))
        site.entries[lang] = rows
    return site
