"""Checking the JSON-LD of a built site the way its consumers read it.

Every `<script type="application/ld+json">` block of every page must be strict JSON; crawlers
(extruct, over lxml) and the standard library's HTML parser must find the same blocks with the
same content; PyLD must expand it, with the schema.org context served locally (nothing is ever
fetched); every type and property must be schema.org vocabulary that applies where it is used.
Then the rules of the page: one FAQPage at most, one accepted answer per question, names and
texts that are on the page for a reader to see, answers in the HTML consumers render,
`inLanguage` equal to `<html lang>`, absolute addresses, breadcrumb positions 1..n; and across
pages: a question marked up once, and hreflang links that are answered by a link back.

The vocabulary is the project's own facts for the types it emits (`data/schemaorg.json`, an
extract of schema.org release 30.0), or a whole release folder with `Vocabulary.from_release()`.

This module needs the test requirements (extruct, PyLD, lxml); the site's build never imports it.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
from extruct.jsonld import JsonLdExtractor
from pyld import ContextResolver, jsonld
from pyld.documentloader.frozen import FrozenDocumentLoader

from helpfirst.structured_data import ANSWER_TAGS

FACTS_PATH = Path(__file__).parents[1] / "data" / "schemaorg.json"
RELEASE_VOCABULARY = "schemaorg-current-https.jsonld"
RELEASE_CONTEXT = "schemaorgcontext.jsonld"
JSON_LD = "application/ld+json"
# The addresses under which schema.org serves its context; each is answered locally.
CONTEXT_URLS = tuple(
    f"{scheme}://schema.org{path}"
    for scheme in ("http", "https")
    for path in ("", "/", "/docs/jsonldcontext.jsonld", "/docs/jsonldcontext.json")
)
# The context's @vocab is http://schema.org/ while the release names terms https://schema.org/:
# both are compared by local name.
SCHEMA_PREFIXES = ("http://schema.org/", "https://schema.org/")
_UNSEEN = frozenset({"script", "style", "template", "noscript", "head", "title"})
_SCRIPT_HAZARDS = ("<!--", "<script", "</script")
_SPACE = re.compile(r"\s+")
# Properties whose values are addresses and must be absolute.
_ADDRESS_KEYS = ("@id", "url", "item", "logo")


@dataclass(frozen=True)
class Finding:
    """One problem on one page (the page's path below the site folder)."""

    page: str
    problem: str

    def __str__(self) -> str:
        return f"{self.page}: {self.problem}"


@dataclass
class Vocabulary:
    """What the check knows of schema.org: classes with their direct superclasses, properties
    with the classes they apply to, superseded terms, and the JSON-LD context document."""

    release: str
    classes: dict[str, list[str]]
    properties: dict[str, list[str]]
    context: dict
    superseded: dict[str, str] = field(default_factory=dict)
    complete: bool = False  # the whole vocabulary, not an extract

    @property
    def label(self) -> str:
        """How messages name the vocabulary."""
        if self.complete:
            return f"schema.org {self.release}"
        return f"the schema.org {self.release} facts this project carries"

    @classmethod
    def from_facts(cls, path: Path = FACTS_PATH) -> Vocabulary:
        """The project's own facts for the types it emits."""
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            release=data["release"],
            classes=data["classes"],
            properties=data["properties"],
            context=data["context"],
        )

    @classmethod
    def from_release(cls, folder: Path, release: str = "30.0") -> Vocabulary:
        """A schema.org release folder: its vocabulary and its context file."""
        graph = json.loads((folder / RELEASE_VOCABULARY).read_text(encoding="utf-8"))["@graph"]
        classes, properties, superseded = {}, {}, {}
        for term in graph:
            name = _release_name(term["@id"])
            kinds = _as_list(term.get("@type"))
            if name is None:
                continue
            if "rdfs:Class" in kinds:
                classes[name] = _release_names(term.get("rdfs:subClassOf"))
            if "rdf:Property" in kinds:
                properties[name] = _release_names(term.get("schema:domainIncludes"))
            newer = _release_names(term.get("schema:supersededBy"))
            if newer:
                superseded[name] = newer[0]
        context = json.loads((folder / RELEASE_CONTEXT).read_text(encoding="utf-8"))
        return cls(
            release=release,
            classes=classes,
            properties=properties,
            context=context,
            superseded=superseded,
            complete=True,
        )

    def ancestors(self, name: str) -> set[str]:
        """A class and all its superclasses."""
        seen, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(self.classes.get(current, []))
        return seen

    def applies(self, prop: str, types: list[str]) -> bool:
        """True when `prop` may be used on a thing of one of `types`."""
        domains = set(self.properties.get(prop, []))
        return any(domains & self.ancestors(name) for name in types)

    def extract(self, classes: list[str], properties: list[str]) -> dict:
        """The facts document for these terms (each class with all its superclasses)."""
        wanted = set()
        for name in classes:
            wanted |= self.ancestors(name)
        terms = sorted(wanted) + sorted(properties)
        source = self.context["@context"]
        context = {key: source[key] for key in ("@vocab", "schema", "id", "type")}
        for term in terms:
            definition = source[term]
            context[term] = definition
            coerced = definition.get("@type") if isinstance(definition, dict) else None
            if isinstance(coerced, str) and coerced in source and not coerced.startswith("@"):
                context[coerced] = source[coerced]
        return {
            "about": f"An extract of schema.org release {self.release} for the types the site "
            "emits: each class with its superclasses, each property with the classes it "
            "applies to, and the context's terms for them. Written by "
            "KB_UPDATE_SCHEMAORG_FACTS=1 pytest tests/unit/test_jsonld_check.py.",
            "release": self.release,
            "classes": {name: self.classes[name] for name in sorted(wanted)},
            "properties": {name: self.properties[name] for name in sorted(properties)},
            "context": {"@context": context},
        }


def facts_text(facts: dict) -> str:
    """The facts file's layout: one term per line, so that a new release reads as a short diff."""
    lines = ["{"]
    for key in ("about", "release"):
        lines.append(f"  {json.dumps(key)}: {json.dumps(facts[key], ensure_ascii=False)},")
    sections = [("classes", facts["classes"]), ("properties", facts["properties"])]
    sections.append(("context", facts["context"]["@context"]))
    for number, (key, terms) in enumerate(sections):
        lines.append(f'  "{key}": {{' if key != "context" else '  "context": {"@context": {')
        rows = [f"    {json.dumps(term)}: {json.dumps(value)}" for term, value in terms.items()]
        lines.append(",\n".join(rows))
        closing = "}}" if key == "context" else "}"
        lines.append(f"  {closing}," if number < len(sections) - 1 else f"  {closing}")
    return "\n".join(lines + ["}"]) + "\n"


def check_site(
    site_dir: Path, vocabulary: Vocabulary | None = None, site_url: str | None = None
) -> tuple[list[Finding], int, int]:
    """Every finding on every HTML page of a built site, with the numbers of pages and blocks."""
    vocabulary = vocabulary or Vocabulary.from_facts()
    site_dir = Path(site_dir)
    pages = sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html"))
    findings: list[Finding] = []
    if site_url is None:
        site_url = _site_url(site_dir)
        if site_url is None:
            return [Finding("index.html", "no canonical link tells the site's address")], 0, 0
    checker = Checker(vocabulary)
    reports = {}
    for page in pages:
        html = (site_dir / page).read_text(encoding="utf-8")
        report = checker.check_page(html, page, _page_url(site_url, page))
        reports[page] = report
        findings += report.findings
    findings += _check_questions_once(reports.values())
    findings += _check_hreflang(reports, site_url)
    blocks = sum(report.blocks for report in reports.values())
    return findings, len(pages), blocks


@dataclass
class PageReport:
    """What one page says about itself, and the problems found on it."""

    page: str
    url: str
    lang: str = ""
    alternates: dict[str, str] = field(default_factory=dict)
    questions: list[str] = field(default_factory=list)
    blocks: int = 0
    findings: list[Finding] = field(default_factory=list)


class Checker:
    """Checks pages against one vocabulary (its context is served locally and cached)."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        loader = FrozenDocumentLoader(documents={url: vocabulary.context for url in CONTEXT_URLS})
        self._options = {
            "documentLoader": loader,
            # A cache of our own: one process may check against two vocabularies.
            "contextResolver": ContextResolver({}, loader),
        }
        self._extractor = JsonLdExtractor()

    def check_page(self, html: str, page: str, url: str) -> PageReport:
        """The findings of one page whose address is `url`."""
        report = PageReport(page=page, url=url)

        def problem(text: str) -> None:
            report.findings.append(Finding(page, text))

        try:
            tree = lxml.html.document_fromstring(html.encode("utf-8"))
        except lxml.etree.ParserError as error:
            problem(f"not an HTML page ({error})")
            return report
        report.lang = tree.get("lang") or ""
        canonical = next(iter(tree.xpath('//link[@rel="canonical"]/@href')), url)
        for link in tree.xpath('//link[@rel="alternate"][@hreflang]'):
            report.alternates[link.get("hreflang")] = link.get("href", "")
        blocks = [script.text or "" for script in tree.xpath(f'//script[@type="{JSON_LD}"]')]
        report.blocks = len(blocks)
        if not blocks:
            return report
        stdlib = _ScriptBlocks()
        stdlib.feed(html)
        stdlib.close()
        if stdlib.blocks != blocks:
            problem(
                f"the HTML parsers disagree on the JSON-LD blocks (lxml finds {len(blocks)}, "
                f"html.parser {len(stdlib.blocks)}): a block ends its <script> element early"
            )
        items: list = []
        nodes: list[Node] = []
        for number, block in enumerate(blocks, 1):
            for hazard in _SCRIPT_HAZARDS:
                if hazard in block.lower():
                    problem(
                        f"JSON-LD block {number} contains '{hazard}', which changes where "
                        "browsers end the script (escape < as \\u003c)"
                    )
            try:
                data = strict_json(block)
            except ValueError as error:
                problem(f"JSON-LD block {number} is not strict JSON: {error}")
                continue
            items += data if isinstance(data, list) else [data]
            try:
                # Relative addresses are read against the page, as a consumer reads them.
                expanded = jsonld.expand(data, {**self._options, "base": url})
            except jsonld.JsonLdError as error:
                problem(f"JSON-LD block {number} does not expand: {_jsonld_reason(error)}")
                continue
            block_nodes = [_node(thing) for thing in expanded if isinstance(thing, dict)]
            for text in self._check_vocabulary(block_nodes):
                problem(text)
            nodes += block_nodes
            for text in _check_addresses(data):
                problem(text)
        try:
            crawled = self._extractor.extract(html.encode("utf-8"), base_url=url)
        except ValueError as error:
            problem(f"crawlers cannot read the JSON-LD: {error}")
            crawled = items
        if crawled != [item for item in items if item]:
            problem("crawlers read the JSON-LD differently from its strict JSON")
        visible = _squeeze(_visible_text(tree))
        for text in _check_rules(nodes, report, canonical, visible, self.vocabulary):
            problem(text)
        return report

    def _check_vocabulary(self, nodes: list[Node]) -> list[str]:
        """Types and properties that are not schema.org, superseded, or used where they do not
        apply."""
        problems = []
        vocabulary = self.vocabulary
        where = "" if vocabulary.complete else "; check with --vocabulary for the whole vocabulary"
        for node in _walk(nodes):
            known_types = []
            for name in node.type_iris:
                if not _is_schema(name):
                    problems.append(f"type '{name}' is not schema.org vocabulary")
                elif _local(name) not in vocabulary.classes:
                    problems.append(
                        f"unknown type '{_local(name)}' (not in {vocabulary.label}{where})"
                    )
                else:
                    known_types.append(_local(name))
                    if _local(name) in vocabulary.superseded:
                        problems.append(
                            f"type '{_local(name)}' is superseded by "
                            f"'{vocabulary.superseded[_local(name)]}'"
                        )
            on = "/".join(known_types) or "a thing without a type"
            for prop in node.iris:
                name = _local(prop)
                if not _is_schema(prop):
                    problems.append(f"property '{prop}' on {on} is not schema.org vocabulary")
                elif name not in vocabulary.properties:
                    problems.append(
                        f"unknown property '{name}' on {on} (not in {vocabulary.label}{where})"
                    )
                elif name in vocabulary.superseded:
                    problems.append(
                        f"property '{name}' is superseded by '{vocabulary.superseded[name]}'"
                    )
                elif known_types and not vocabulary.applies(name, known_types):
                    problems.append(f"property '{name}' does not apply to {on}")
        return problems


@dataclass
class Node:
    """A node of expanded JSON-LD with schema.org names: types, and values by property (text,
    numbers, addresses of referenced nodes, or nested nodes)."""

    id: str | None
    types: list[str]
    values: dict[str, list]
    iris: list[str]  # the expanded property IRIs, as written
    type_iris: list[str]  # the expanded type IRIs, as written

    def first(self, prop: str):
        """The first value of a property, or None."""
        values = self.values.get(prop) or [None]
        return values[0]

    def is_a(self, name: str, vocabulary: Vocabulary) -> bool:
        """True when one of the node's types is `name` or a subclass of it."""
        return any(name in vocabulary.ancestors(t) for t in self.types)


def strict_json(text: str):
    """Parse JSON as the standard says: no NaN or Infinity, no duplicate keys, no raw control
    characters in strings, ASCII double quotes only."""

    def no_duplicates(pairs):
        keys = [key for key, _ in pairs]
        for key in keys:
            if keys.count(key) > 1:
                raise ValueError(f"duplicate key '{key}'")
        return dict(pairs)

    def no_constants(name):
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, object_pairs_hook=no_duplicates, parse_constant=no_constants)


def _check_rules(
    nodes: list[Node], report: PageReport, canonical: str, visible: str, vocabulary: Vocabulary
) -> list[str]:
    """The rules of the page: FAQPage, inLanguage, url, dates, breadcrumbs, HowTo, parity."""
    problems = []
    lang = report.lang
    every = list(_walk(nodes))
    faqs = [node for node in every if "FAQPage" in node.types]
    if len(faqs) > 1:
        problems.append(f"{len(faqs)} FAQPage objects (a page has one at most)")
    for faq in faqs:
        questions = [q for q in faq.values.get("mainEntity", []) if isinstance(q, Node)]
        if not questions:
            problems.append("FAQPage without questions (give it a mainEntity of Question)")
        for question in questions:
            problems += _check_question(question, visible)
            name = question.first("name")
            if isinstance(name, str) and name.strip():
                report.questions.append(name.strip())
    for node in every:
        for value in node.values.get("inLanguage", []):
            if value != lang:
                problems.append(
                    f"{_name_of(node)} has inLanguage '{value}', but the page is "
                    f'<html lang="{lang}">'
                )
        for prop in ("dateModified", "datePublished"):
            for value in node.values.get(prop, []):
                if not _is_date(value):
                    problems.append(f"{prop} '{value}' is not an ISO 8601 date")
    for node in nodes:
        if vocabulary.applies("inLanguage", node.types) and "inLanguage" not in node.values:
            problems.append(
                f'{_name_of(node)} has no inLanguage (the page is <html lang="{lang}">)'
            )
        if node.is_a("CreativeWork", vocabulary):
            for value in node.values.get("url", []):
                if value != canonical:
                    problems.append(
                        f"{_name_of(node)} url '{value}' is not the page's canonical "
                        f"address '{canonical}'"
                    )
    for node in every:
        if "BreadcrumbList" in node.types:
            problems += _check_breadcrumbs(node, visible)
        if "HowTo" in node.types:
            problems += _check_how_to(node, visible)
    return problems


def _check_question(question: Node, visible: str) -> list[str]:
    """A Question has a visible name and exactly one accepted answer with visible text."""
    problems = []
    name = question.first("name")
    if not isinstance(name, str) or not name.strip():
        problems.append("a question without a name")
        name = ""
    elif _squeeze(name) not in visible:
        problems.append(f"question '{_short(name)}' is not on the page")
    answers = question.values.get("acceptedAnswer", [])
    if len(answers) != 1:
        problems.append(
            f"question '{_short(name)}' has {len(answers)} accepted answers (give it exactly one)"
        )
    for answer in answers:
        text = answer.first("text") if isinstance(answer, Node) else None
        if not isinstance(text, str) or not text.strip():
            problems.append(f"the answer to '{_short(name)}' has no text")
            continue
        problems += _check_answer_html(text, name, visible)
    return problems


def _check_answer_html(text: str, question: str, visible: str) -> list[str]:
    """The answer uses only the HTML consumers render, links absolutely, and is on the page."""
    problems = []
    root = lxml.html.fragment_fromstring(text, create_parent="div")
    for element in root.iterdescendants():
        if not isinstance(element.tag, str):
            continue
        if element.tag not in ANSWER_TAGS:
            problems.append(
                f"the answer to '{_short(question)}' uses <{element.tag}>, which consumers do "
                "not render (reduce it to its text)"
            )
        if element.tag == "a" and not _is_absolute(element.get("href") or ""):
            problems.append(
                f"the answer to '{_short(question)}' links to '{element.get('href') or ''}', "
                "which is not an absolute http(s) address"
            )
    missing = _first_missing(list(root.itertext()), visible)
    if missing is not None:
        problems.append(
            f"the answer to '{_short(question)}' is not on the page: '{_short(missing)}'"
        )
    return problems


def _check_breadcrumbs(node: Node, visible: str) -> list[str]:
    """Positions 1..n in order, a visible name on each, a link on all but the last."""
    problems = []
    items = [item for item in node.values.get("itemListElement", []) if isinstance(item, Node)]
    positions = [item.first("position") for item in items]
    if positions != list(range(1, len(items) + 1)):
        written = ", ".join(str(position) for position in positions)
        problems.append(f"breadcrumb positions are {written} (they run 1..{len(items)} in order)")
    for index, item in enumerate(items, 1):
        name = item.first("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"breadcrumb {index} has no name")
        elif _squeeze(name) not in visible:
            problems.append(f"breadcrumb '{_short(name)}' is not on the page")
        if index < len(items) and item.first("item") is None:
            problems.append(
                f"breadcrumb {index} ('{_short(str(name))}') has no item (every item but the "
                "last links to its page)"
            )
    return problems


def _check_how_to(node: Node, visible: str) -> list[str]:
    """The HowTo's name, sections and steps are on the page, and it has steps."""
    problems = []
    steps = node.values.get("step", [])
    if not steps:
        problems.append(f"{_name_of(node)} has no steps")
    for thing in [node, *_walk(steps)]:
        for prop in ("name", "description", "text"):
            value = thing.first(prop)
            if isinstance(value, str) and _squeeze(value) not in visible:
                problems.append(f"{_name_of(thing)} {prop} '{_short(value)}' is not on the page")
    return problems


def _check_addresses(data) -> list[str]:
    """Every @id, url, item and logo written as a text is an absolute http(s) address."""
    problems = []
    stack = [data]
    while stack:
        current = stack.pop()
        if isinstance(current, list):
            stack.extend(current)
        elif isinstance(current, dict):
            for key, value in current.items():
                if key in _ADDRESS_KEYS and isinstance(value, str) and not _is_absolute(value):
                    problems.append(f"{key} '{value}' is not an absolute http(s) address")
                elif isinstance(value, (dict, list)):
                    stack.append(value)
    return problems


def _check_questions_once(reports) -> list[Finding]:
    """A question (in one language) is marked up on one page of the site only."""
    first: dict[tuple[str, str], str] = {}
    findings = []
    for report in reports:
        for name in report.questions:
            key = (report.lang, _SPACE.sub(" ", name))
            if key in first and first[key] != report.page:
                findings.append(
                    Finding(
                        report.page,
                        f"question '{_short(name)}' is also marked up on {first[key]} "
                        "(mark each question up on one page)",
                    )
                )
            first.setdefault(key, report.page)
    return findings


def _check_hreflang(reports: dict[str, PageReport], site_url: str) -> list[Finding]:
    """Each hreflang alternate is a page of the site, in that language, that links back."""
    findings = []
    by_url = {report.url: report for report in reports.values()}
    for report in reports.values():
        for hreflang, href in report.alternates.items():
            if hreflang == "x-default" or href == report.url:
                continue
            other = by_url.get(href)
            if other is None:
                findings.append(
                    Finding(
                        report.page,
                        f"hreflang '{hreflang}' points at {href}, which is not a page of the site",
                    )
                )
                continue
            if other.lang != hreflang:
                findings.append(
                    Finding(
                        report.page,
                        f"hreflang '{hreflang}' points at {href}, which is "
                        f'<html lang="{other.lang}">',
                    )
                )
            if other.alternates.get(report.lang) != report.url:
                findings.append(
                    Finding(
                        report.page,
                        f"hreflang '{hreflang}' page {other.page} does not link back with "
                        f"hreflang '{report.lang}'",
                    )
                )
    return findings


def _node(thing: dict) -> Node:
    """A Node from one expanded node object."""
    values = {}
    iris = []
    for key, items in thing.items():
        if key.startswith("@"):
            continue
        iris.append(key)
        values[_local(key)] = [_value(item) for item in items]
    return Node(
        id=thing.get("@id"),
        types=[_local(t) if _is_schema(t) else t for t in thing.get("@type", [])],
        values=values,
        iris=iris,
        type_iris=list(thing.get("@type", [])),
    )


def _value(item):
    """A Python value for one expanded value: text/number, address of a reference, or Node."""
    if not isinstance(item, dict):
        return item
    if "@value" in item:
        return item["@value"]
    if "@list" in item:
        return [_value(one) for one in item["@list"]]
    if set(item) == {"@id"}:
        return item["@id"]
    return _node(item)


def _walk(things):
    """Every Node in `things`, nested ones included, in document order."""
    for thing in things:
        if isinstance(thing, Node):
            yield thing
            for values in thing.values.values():
                yield from _walk(values)
        elif isinstance(thing, list):
            yield from _walk(thing)


def _visible_text(tree) -> str:
    """The text a reader sees in the page: no head, scripts, templates or hidden elements."""
    parts: list[str] = []

    def walk(element) -> None:
        if not isinstance(element.tag, str) or element.tag in _UNSEEN:
            return
        if element.get("hidden") is not None:
            return
        parts.append(element.text or "")
        for child in element:
            walk(child)
            parts.append(child.tail or "")

    walk(tree)
    return "".join(parts)


def _first_missing(runs: list[str], visible: str) -> str | None:
    """The first run of text not found on the page after the previous one, or None."""
    position = 0
    for run in runs:
        squeezed = _squeeze(run)
        if not squeezed:
            continue
        found = visible.find(squeezed, position)
        if found < 0:
            return run.strip()
        position = found + len(squeezed)
    return None


class _ScriptBlocks(HTMLParser):
    """The JSON-LD script contents as the standard library's HTML parser sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("type") == JSON_LD:
            self._inside = True
            self.blocks.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.blocks[-1] += data


def _site_url(site_dir: Path) -> str | None:
    """The site's address, from the canonical link of its home page."""
    home = site_dir / "index.html"
    if not home.exists():
        return None
    tree = lxml.html.document_fromstring(home.read_bytes())
    return next(iter(tree.xpath('//link[@rel="canonical"]/@href')), None)


def _page_url(site_url: str, page: str) -> str:
    """The address of a built file: `sl/faq/x/index.html` -> `{site_url}sl/faq/x/`."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    if page == "index.html":
        return base
    if page.endswith("/index.html"):
        return base + page.removesuffix("index.html")
    return base + page


def _squeeze(text: str) -> str:
    """Text without whitespace: HTML collapses it, so it is not compared."""
    return _SPACE.sub("", text)


def _short(text: str, limit: int = 60) -> str:
    """Text shortened for a message."""
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _name_of(node: Node) -> str:
    """How a message names a node: its type, and its name when it has one."""
    kind = "/".join(node.types) or "a thing"
    name = node.first("name")
    return f"{kind} '{_short(name)}'" if isinstance(name, str) else kind


def _is_absolute(address: str) -> bool:
    """True for an absolute http(s) address."""
    parts = urlsplit(address)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _is_date(value) -> bool:
    """True for an ISO 8601 date or date-time."""
    if not isinstance(value, str):
        return False
    for parse in (datetime.date.fromisoformat, datetime.datetime.fromisoformat):
        try:
            parse(value)
            return True
        except ValueError:
            pass
    return False


def _is_schema(iri: str) -> bool:
    """True for an IRI in the schema.org namespace (http or https)."""
    return iri.startswith(SCHEMA_PREFIXES)


def _local(iri: str) -> str:
    """`http://schema.org/Question` -> `Question`; other IRIs unchanged."""
    for prefix in SCHEMA_PREFIXES:
        if iri.startswith(prefix):
            return iri[len(prefix) :]
    return iri


def _release_name(term_id: str) -> str | None:
    """`schema:Question` -> `Question`; None for terms of other vocabularies."""
    if term_id.startswith("schema:"):
        return term_id[len("schema:") :]
    if _is_schema(term_id):
        return _local(term_id)
    return None


def _release_names(value) -> list[str]:
    """The schema.org names of a release term's references, in order."""
    names = []
    for item in _as_list(value):
        name = _release_name(item["@id"]) if isinstance(item, dict) else None
        if name:
            names.append(name)
    return names


def _as_list(value) -> list:
    """A value as a list: None is empty, a single value is a list of one."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _jsonld_reason(error: Exception) -> str:
    """The first line of a PyLD error, with its cause when it has one."""
    reason = str(error.args[0]) if error.args else str(error)
    cause = getattr(error, "__cause__", None)
    if cause is not None:
        reason += f" ({_jsonld_reason(cause)})"
    details = getattr(error, "details", None)
    if isinstance(details, dict) and details.get("url"):
        reason += f" [{details['url']}]"
    return reason
