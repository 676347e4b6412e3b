"""What assistants and other tools read: each page's Markdown twin, llms.txt and llms-full.txt
per language, and the content API's index of entries.

A twin lives at the page's address plus `index.md` (`twin_path`). It is made from the answer
built for the widget (`helpfirst.answers.answer_html`: sanitised, no title or permalinks, links
absolute), written as CommonMark with pipe tables: the page's text and nothing of its
navigation. Text is escaped so that nothing in it becomes a link, an image, HTML or a heading,
while template placeholders such as `[name]` stay as they are written.

`llms_txt` follows the llms.txt proposal: one H1, a blockquote, and H2 sections of link lists.
`llms_full` joins the twins of a language; above `FULL_LIMIT` bytes it is split by category
(`llms-full/<category>.txt`) and llms.txt names the parts (`full_parts`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from helpfirst import fragments

#: The content API's schema version: the index's `version` and the schema file's name.
API_VERSION = 1
#: Largest llms-full.txt written as one file, in bytes (UTF-8); above it, one file per category.
FULL_LIMIT = 5_000_000
#: The front-matter key that leaves a page out of every machine-readable output.
FRONT_MATTER_KEY = "machine_readable"

_INLINE_SPECIALS = re.compile(r"([\\`*_<>|~])")
_LINK_CLOSE = re.compile(r"\](?=[(\[:])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Every character `escape_text` may escape: those of the three patterns above and `![`.
_ESCAPED = re.compile(r"[\\`*_<>|~\]!&]")
_LINE_START = re.compile(r"^([#=+\-]|\d+[.)])")
_SPACE = re.compile(r"[ \t\n\r\f]+")
_HEADINGS = {f"h{level}": level for level in range(1, 7)}


@dataclass(frozen=True)
class Twin:
    """One page's facts for its twin and for the listings that name it."""

    entry_id: str
    kind: str
    lang: str
    title: str
    summary: str
    category: str
    page_address: str  # absolute
    twin_address: str  # absolute
    updated: date | None
    markdown: str  # the answer as Markdown


def twin_path(page_url: str) -> str:
    """The twin of the page at `page_url` (relative to the site root, "" for the home page)."""
    return f"{page_url}index.md" if page_url.endswith("/") or not page_url else page_url + ".md"


def escape_text(text: str) -> str:
    """Text as Markdown that shows it as written and makes no element of it."""
    if not _ESCAPED.search(text):
        return text  # most text: nothing below would change it
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    text = _LINK_CLOSE.sub(r"\\]", text)
    text = text.replace("![", "!\\[")
    return _ENTITY.sub(r"\\&", text)


def _escape_start(line: str) -> str:
    """A line that would start a heading, list or setext underline, with its start escaped."""
    match = _LINE_START.match(line)
    if not match:
        return line
    mark = match.group(1)
    if mark[-1] in ".)":
        return mark[:-1] + "\\" + mark[-1] + line[len(mark) :]
    return "\\" + line


def _destination(href: str) -> str:
    """A link address as a Markdown destination in angle brackets."""
    return "<" + href.replace("<", "%3C").replace(">", "%3E").replace("\n", "") + ">"


def _code_span(text: str) -> str:
    runs = [len(run) for run in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _inline(node: fragments.Element | str) -> str:
    if isinstance(node, str):
        return escape_text(_SPACE.sub(" ", node))
    tag = node.tag
    if tag in fragments.UNSEEN:
        return ""
    if tag == "br":
        return "\\\n"
    if tag == "code":
        return _code_span(fragments.text(node))
    inner = "".join(_inline(child) for child in node.children)
    if tag in ("strong", "b") and inner.strip():
        return f"**{inner}**"
    if tag in ("em", "i") and inner.strip():
        return f"*{inner}*"
    if tag == "a" and node.attrs.get("href"):
        return f"[{inner}]({_destination(node.attrs['href'])})"
    return inner


def _paragraph(nodes: list) -> str:
    text = "".join(_inline(node) for node in nodes)
    lines = [line.strip() for line in text.strip().split("\n")]
    return "\n".join(_escape_start(line) for line in lines if line)


def _blocks(node: fragments.Element) -> list[str]:
    """The Markdown blocks of an element's children."""
    blocks: list[str] = []
    run: list = []

    def flush() -> None:
        if run:
            paragraph = _paragraph(run)
            if paragraph:
                blocks.append(paragraph)
            run.clear()

    for child in node.children:
        if isinstance(child, str) or (
            child.tag not in fragments.BLOCK and child.tag not in ("pre", "dl")
        ):
            run.append(child)
            continue
        flush()
        blocks.extend(_block(child))
    flush()
    return blocks


def _indent(text: str, first: str, rest: str) -> str:
    lines = text.split("\n")
    return "\n".join([first + lines[0]] + [(rest + line) if line else "" for line in lines[1:]])


def _block(node: fragments.Element) -> list[str]:
    tag = node.tag
    if tag in fragments.UNSEEN:
        return []
    if tag in _HEADINGS:
        text = _paragraph(node.children).replace("\n", " ")
        return [f"{'#' * _HEADINGS[tag]} {text}"] if text else []
    if tag == "p":
        text = _paragraph(node.children)
        return [text] if text else []
    if tag == "hr":
        return ["---"]
    if tag == "pre":
        code = _raw_text(node)
        runs = [len(run) for run in re.findall(r"^`{3,}|^~{3,}", code, re.MULTILINE)]
        fence = "`" * max(3, max(runs, default=0) + 1)
        return [f"{fence}text\n{code.rstrip(chr(10))}\n{fence}"]
    if tag in ("ul", "ol"):
        items = []
        for number, item in enumerate(node.elements(), start=1):
            marker = f"{number}. " if tag == "ol" else "- "
            body = "\n\n".join(_blocks(item)) or ""
            items.append(_indent(body, marker, " " * len(marker)))
        return ["\n".join(items)] if items else []
    if tag == "blockquote":
        body = "\n\n".join(_blocks(node))
        return ["\n".join(f"> {line}" if line else ">" for line in body.split("\n"))]
    if tag == "table":
        return _table(node)
    if tag == "dt":
        text = _paragraph(node.children)
        return [f"**{text}**"] if text else []
    return _blocks(node)


def _raw_text(node: fragments.Element | str) -> str:
    if isinstance(node, str):
        return node
    if node.tag in fragments.UNSEEN:
        return ""
    return "".join(_raw_text(child) for child in node.children)


def _rows(node: fragments.Element) -> list[fragments.Element]:
    rows = []
    for child in node.elements():
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(row for row in child.elements() if row.tag == "tr")
    return rows


def _table(node: fragments.Element) -> list[str]:
    rows = [
        [_paragraph(cell.children).replace("\n", " ") for cell in row.elements()]
        for row in _rows(node)
    ]
    if not rows:
        return []
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    blocks = []
    caption = next((child for child in node.elements() if child.tag == "caption"), None)
    if caption is not None:
        blocks.append(_paragraph(caption.children))
    return blocks + ["\n".join(lines)]


def markdown(answer_html: str) -> str:
    """The answer's HTML (`helpfirst.answers.answer_html`) as Markdown."""
    return "\n\n".join(_blocks(fragments.parse(answer_html))) + "\n"


def _yaml_text(value: str) -> str:
    """A YAML scalar: JSON strings are YAML and escape every control character; `<`, `>` and
    `&` as escapes too, so that a Markdown reader that knows no front matter makes no HTML."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def twin_text(twin: Twin) -> str:
    """The whole twin: front matter (language, addresses, date, summary), the title, the answer."""
    lines = [
        "---",
        f"title: {_yaml_text(twin.title)}",
        f"lang: {twin.lang}",
        f"url: {_yaml_text(twin.page_address)}",
    ]
    if twin.summary:
        lines.append(f"summary: {_yaml_text(twin.summary)}")
    if twin.updated:
        lines.append(f"updated: {twin.updated.isoformat()}")
    lines += ["---", "", f"# {_paragraph([twin.title]).replace(chr(10), ' ')}", ""]
    return "\n".join(lines) + "\n" + twin.markdown


def _link_line(twin: Twin) -> str:
    title = _paragraph([twin.title]).replace("\n", " ")
    summary = _paragraph([twin.summary]).replace("\n", " ")
    line = f"- [{title}]({_destination(twin.twin_address)})"
    return f"{line}: {summary}" if summary else line


def llms_txt(
    site_name: str,
    description: str,
    sections: list[tuple[str, list[Twin]]],
    full_parts: list[tuple[str, str]],
) -> str:
    """A language's llms.txt: the site's name, its description, a section of links per category
    (label, twins), and where the full text is (label, absolute address) when it is split."""
    parts = [f"# {_paragraph([site_name]).replace(chr(10), ' ')}"]
    if description:
        parts.append("> " + _paragraph([description]).replace("\n", " "))
    for label, twins in sections:
        heading = f"## {_paragraph([label]).replace(chr(10), ' ')}"
        parts.append(heading + "\n\n" + "\n".join(_link_line(twin) for twin in twins))
    if full_parts:
        links = "\n".join(
            f"- [{_paragraph([label])}]({_destination(address)})" for label, address in full_parts
        )
        parts.append("## Optional\n\n" + links)
    return "\n\n".join(parts) + "\n"


def llms_full(twins: list[Twin]) -> str:
    """The twins of one language (or one category), one after the other."""
    return "\n".join(twin_text(twin) for twin in twins)


def split_full(sections: list[tuple[str, str, list[Twin]]], limit: int = FULL_LIMIT):
    """llms-full as (file name, text): one `llms-full.txt` when it fits in `limit` bytes, else
    `llms-full/<category>.txt` per (category, label, twins) section."""
    whole = llms_full([twin for _, _, twins in sections for twin in twins])
    if len(whole.encode("utf-8")) <= limit:
        return [("llms-full.txt", whole)]
    return [(f"llms-full/{category}.txt", llms_full(twins)) for category, _, twins in sections]


def index_entry(twin: Twin, answer_address: str | None, status: str) -> dict:
    """One entry of the content API's index."""
    return {
        "id": twin.entry_id,
        "type": twin.kind,
        "title": twin.title,
        "summary": twin.summary,
        "category": twin.category or None,
        "url": twin.page_address,
        "markdown": twin.twin_address,
        "answer": answer_address,
        "updated": twin.updated.isoformat() if twin.updated else None,
        "translation": status,
    }


def api_index(lang: str, entries: list[dict], schema_address: str) -> dict:
    """The content API's index of one language."""
    return {
        "$schema": schema_address,
        "version": API_VERSION,
        "lang": lang,
        "entries": sorted(entries, key=lambda entry: entry["id"]),
    }
