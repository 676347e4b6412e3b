"""Translation checks: what a translation must keep from its source, compared as translation-QA
tools compare them.

A translation says the same thing in other words, so its words are not compared; what does not
change with the language is: numbers, link targets, the heading structure, fenced blocks (the
bodies of email templates) with their placeholders, admonitions and the number of subject lines.

Both texts are cut into sections at their headings, and the sections are aligned (a weighted
alignment that prefers headings of the same level whose sections share numbers, links, fenced
blocks and a similar length), so a dropped or added section is reported once, and every other
difference is reported at its line in the translation with the corresponding line of the source.
A translator accepts a deliberate difference in the translation's front matter:

    accept:
      - {check: numbers, value: "SI-12345", reason: localised example order number}

An accept that matches no difference any more is reported too.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from helpfirst import links, placeholders, read_cache, source_lines
from helpfirst.content import ACCEPT_CHECKS, Entry
from helpfirst.problems import Problem
from helpfirst.read_cache import ReadCache

NUMBERS, LINKS, HEADINGS, FENCES, SUBJECTS, PLACEHOLDERS, ADMONITIONS = ACCEPT_CHECKS

_HEADING = re.compile(r"^(#{1,6})(?:[ \t]+(.*))?$")
_HEADING_ATTRIBUTES = re.compile(r"\{[^{}\n]{0,200}\}$")
_HEADING_CLOSE = re.compile(r"(?:^|[ \t]+)#+$")
_FENCE_OPENER = re.compile(r"^[ \t]*(?:`{3,}|~{3,})[ \t]*\{?[ \t]*\.?([\w+#.-]*)(.*)$")
_FENCE_TITLE = re.compile(r"""title=(?:"([^"]*)"|'([^']*)')""")
_ADMONITION = re.compile(r"^[ \t]*(!!!|\?\?\?\+?)[ \t]+([\w-]+)")
_LIST_MARKER = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_ORDERED_MARKER = re.compile(r"^([ \t]*)\d{1,9}[.)](?=[ \t])")
# What is not running text: link targets, HTML comments and attributes, placeholders, addresses.
# Every repeat is bounded, so that no line, however long or odd, takes more than linear time.
_NOT_TEXT = re.compile(
    r"\]\([^)\n]{0,500}\)"
    r"|^[ ]{0,3}\[[^\]]+\]:.*$"
    r"|<!--.{0,200}?-->"
    r"|\b(?:href|src|id|class)=(?:\"[^\"\n]{0,500}\"|'[^'\n]{0,500}')"
    r"|\[[^\[\]\n]{1,40}\](?!\()"
    r"|\b[a-z][a-z0-9+.-]{0,30}://\S+"
    r"|#[0-9a-fA-F]{3,8}\b"
    r"|\{[#.][^}\n]{0,200}\}"
)
# A line without any of these has nothing `_NOT_TEXT` takes out (each of its parts with a `[`
# has a `]` too).
_MAYBE_NOT_TEXT = re.compile(r"[\]<#{=]|://")
_DIGIT = re.compile(r"\d")
_PLACEHOLDER = re.compile(r"\[([^\[\]\n]{1,40})\](?!\()")
_ASCII_LETTERS = frozenset(string.ascii_letters)  # a code's letters: `[A-Za-z]` in `_NUMBER`
# A code that holds digits (an order number SI-12345, H2, utf-8) is compared as written;
# any other number by its value, so 1,000, 1.000 and 1 000 are the same number, and a range
# 4–8 or a date 2026-11-16 is its numbers.
_NUMBER = re.compile(
    r"(?P<code>(?<![\w-])[A-Za-z]+-?\d[A-Za-z\d]*(?:-[A-Za-z\d]+)*)"
    r"|(?P<number>(?<!\d)\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3}(?!\d))+(?:[.,]\d+)?"
    r"|(?<!\d)\d+(?:[.,:]\d+)*)"
)


@dataclass(frozen=True)
class Item:
    """One thing compared between the texts (a number, a link, a placeholder …) at a line."""

    line: int
    text: str  # as written, as messages show it and accepts name it
    keys: frozenset  # what it stands for: two items are the same when their keys meet


@dataclass
class Block:
    """A fenced block: its language, title and placeholders."""

    line: int
    lang: str
    title: str
    size: int = 0
    placeholders: list[Item] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The block as messages name it: ```text 'Reminder'."""
        return f"```{self.lang}" + (f" '{self.title}'" if self.title else "")


@dataclass
class Section:
    """A heading and what follows it, up to the next heading."""

    line: int
    level: int  # 0 for the text before the first heading, -1 for the front matter
    title: str
    starts: list[int] = field(default_factory=list)  # first line of each paragraph or block
    numbers: list[Item] = field(default_factory=list)
    links: list[Item] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    admonitions: list[Item] = field(default_factory=list)
    size: int = 0

    @property
    def name(self) -> str:
        """The heading as messages show it: '## When to send it'."""
        return f"{'#' * self.level} {self.title}"

    def line_of(self, index: int, count: int) -> int:
        """The first line of the paragraph that corresponds to paragraph `index` of `count`."""
        if not self.starts:
            return self.line
        if count <= 1:
            return self.starts[0]
        position = round(index * (len(self.starts) - 1) / (count - 1))
        return self.starts[min(position, len(self.starts) - 1)]

    def start_of(self, line: int) -> int:
        """The first line of the paragraph that holds `line`."""
        return self.starts[self.index_of(line)] if self.starts else self.line

    def index_of(self, line: int) -> int:
        """The paragraph that holds `line`."""
        index = 0
        for number, start in enumerate(self.starts):
            if start <= line:
                index = number
        return index


@dataclass
class Text:
    """One version of a page, cut into sections, with its subject lines."""

    path: str
    last_line: int
    sections: list[Section]
    subjects: int = 0
    subjects_line: int = 1
    subject_placeholders: list[Item] = field(default_factory=list)


@dataclass(frozen=True)
class Difference:
    """One difference between a translation and its source."""

    check: str
    value: str  # what an accept names
    line: int  # in the translation
    message: str
    fix: str


def check_catalog(catalog, *, cache: ReadCache | None = None) -> list[Problem]:
    """Every translation of the knowledge base compared with its source, in path order; with a
    `cache`, a pair compared before (both entries as they are now) is not compared again."""
    problems = []
    default = catalog.default_lang
    for versions in list(catalog.entries.values()) + list(catalog.pages.values()):
        source = versions.get(default)
        if source is not None:
            problems += _check_versions(versions, source, cache)
    return sorted(problems)


def _check_versions(versions: dict, source: Entry, cache: ReadCache | None) -> list[Problem]:
    """The translations among one page's `versions` compared with its `source`."""
    source_texts: list[Text] = []  # the source read once for all its translations, if needed

    def compared(translation: Entry) -> list[Problem]:
        if not source_texts:
            source_texts.append(read(source))
        return check_translation(translation, source, source_texts[0])

    problems = []
    source_key = None
    for lang, translation in sorted(versions.items()):
        if lang == source.lang or translation.default_uri != source.default_uri:
            continue
        if cache is None:
            problems += compared(translation)
            continue
        # Both entries as the checks before left them (helpfirst.content.check_entry takes out
        # values of the wrong type): everything the comparison reads.
        source_key = source_key or read_cache.state_key(source)
        pair = read_cache.key("check_translation", read_cache.state_key(translation), source_key)
        problems += cache.result(pair, functools.partial(compared, translation))
    return problems


def check_translation(
    translation: Entry, source: Entry, source_text: Text | None = None
) -> list[Problem]:
    """The differences of one translation from its source, less those it accepts, and the
    accepts that match nothing. `source_text` is the source as `read` gives it, if read already."""
    accepts = Accepts(translation.meta.get("accept") or [])
    differences = compare(read(translation), source_text or read(source), accepts)
    problems = [
        Problem(translation.display_path, difference.line, difference.message, difference.fix)
        for difference in differences
    ]
    for index, accept in enumerate(accepts.accepts):
        if accept is None or index in accepts.used:
            continue
        what = f'"{accept["value"]}"' if "value" in accept else "any difference"
        problems.append(
            Problem(
                translation.display_path,
                translation.item_lines.get(("accept", index), translation.line_of("accept")),
                f"accepted {accept['check']} difference {what} is not found any more",
                "remove this accept",
            )
        )
    return problems


class Accepts:
    """A translation's accepted differences (`accept` in its front matter, as validated by
    helpfirst.content), and which of them were used."""

    def __init__(self, accepts: list[dict | None]):
        self.accepts = accepts
        self.used: set[int] = set()

    def covers(self, check: str, value: str) -> bool:
        """True when an accept names this difference (and remember that it was used)."""
        for index, accept in enumerate(self.accepts):
            if accept is None or accept["check"] != check:
                continue
            if (
                "value" not in accept
                or accept["value"] == value
                or (check == NUMBERS and _number_keys(accept["value"]) & _number_keys(value))
            ):
                self.used.add(index)
                return True
        return False


# --- reading ------------------------------------------------------------------------------------


def read(entry: Entry) -> Text:
    """Cut one version of a page into its sections and the items compared in each."""
    front = Section(line=1, level=-1, title="")
    for key in ("title", "summary", "description", "subjects"):
        if key in entry.meta:
            front.starts.append(entry.line_of(key))
        value = entry.meta.get(key)
        if isinstance(value, str):
            front.numbers += _numbers(value, entry.line_of(key))
    front.starts.sort()
    subjects = [item for item in entry.meta.get("subjects") or [] if isinstance(item, str)]
    subject_placeholders = []
    for index, subject in enumerate(subjects):
        line = entry.item_lines.get(("subjects", index), entry.line_of("subjects"))
        front.numbers += _numbers(subject, line)
        subject_placeholders += _placeholders(subject, line)
    sections = [front, Section(line=entry.body_line, level=0, title="")]
    block: Block | None = None
    blank = True
    last = entry.body_line
    for number, line, kind in source_lines.walk(entry.body, entry.body_line):
        last = number
        section = sections[-1]
        if kind == source_lines.FENCE:
            if block is None:
                opener = _FENCE_OPENER.match(line)
                title = _FENCE_TITLE.search(opener.group(2)) if opener else None
                block = Block(
                    line=number,
                    lang=opener.group(1) if opener else "",
                    title=(title.group(1) or title.group(2) or "") if title else "",
                )
                section.blocks.append(block)
                section.starts.append(number)
            else:
                block = None
            blank = False
            continue
        if kind == source_lines.CODE:
            if block is not None:  # a code line is always inside a fence
                block.size += len(line.strip())
                block.placeholders += _placeholders(line, number)
            section.numbers += _numbers(line, number)
            section.size += len(line.strip())
            continue
        heading = _HEADING.match(line)
        if heading:
            text = _heading_text(heading.group(2) or "")
            sections.append(Section(line=number, level=len(heading.group(1)), title=text))
            sections[-1].numbers += _numbers(text, number)
            blank = True
            continue
        if not line.strip():
            blank = True
            continue
        if blank or _LIST_MARKER.match(line):
            section.starts.append(number)
        blank = False
        admonition = _ADMONITION.match(line)
        if admonition:
            kind_word = admonition.group(2)
            section.admonitions.append(Item(number, kind_word, frozenset([kind_word])))
        if "[" in line:  # every link starts with one
            section.links += [
                Item(line_number, target, frozenset([_link_key(target, entry.default_uri)]))
                for line_number, target in links.find_links(line, number)
                if not target.startswith("#")
            ]
        if _DIGIT.search(line):  # (an ordered list's marker is the only thing cut here)
            section.numbers += _numbers(_ORDERED_MARKER.sub(r"\1", line), number)
        section.size += len(line.strip())
    return Text(
        path=entry.display_path,
        last_line=last,
        sections=sections,
        subjects=len(subjects),
        subjects_line=entry.line_of("subjects"),
        subject_placeholders=subject_placeholders,
    )


def _heading_text(text: str) -> str:
    """A heading's text without its attributes ({ #id }) and closing #s."""
    text = _HEADING_ATTRIBUTES.sub("", text.strip()).rstrip()
    return _HEADING_CLOSE.sub("", text).rstrip()


def _numbers(text: str, line: int) -> list[Item]:
    """The numbers and codes with digits in a line of running text or of a template body."""
    if not _DIGIT.search(text):
        return []  # most lines: nothing to look for
    if _MAYBE_NOT_TEXT.search(text):
        text = _NOT_TEXT.sub(" ", text)
    found = []
    for match in _number_matches(text):
        if match.group("code"):
            found.append(Item(line, match.group("code"), frozenset(["code " + match.group()])))
        else:
            found.append(Item(line, match.group(), _number_keys(match.group())))
    return found


def _number_matches(text: str) -> Iterator[re.Match]:
    """What `_NUMBER.finditer(text)` finds, with `_NUMBER` tried only from where a match can
    begin: every match holds a digit, and the first digit after where the last match ended is
    where a number begins, or where a code's letters (and hyphen) before it end."""
    position = 0
    while True:
        digit = _DIGIT.search(text, position)
        if digit is None:
            return
        start = digit.start()
        if start > position and text[start - 1] == "-":
            start -= 1
        while start > position and text[start - 1] in _ASCII_LETTERS:
            start -= 1
        # (Its look-behinds still see the text before `start`.)
        match = _NUMBER.search(text, start)
        if match is None:
            return
        yield match
        position = match.end()


# A knowledge base writes the same few numbers again and again (67 distinct ones in 18,150 at
# 1,000 entries per language); the answer depends on the text alone.
@functools.lru_cache(maxsize=4096)
def _number_keys(text: str) -> frozenset:
    """Every value a written number may stand for, in any language's way of writing it.

    "1,000" is a thousand in English and one in Slovenian, so it stands for both; "1 000" is a
    thousand; "10.00" and "10:00" may both be a time.
    """
    if not re.fullmatch(r"[\d.,:\u00a0\u202f\u2009 ]+", text) or not text[:1].isdigit():
        return frozenset(["code " + text])
    groups = re.split(r"[.,:\u00a0\u202f\u2009 ]", text)
    separators = re.findall(r"[.,:\u00a0\u202f\u2009 ]", text)
    keys = set()
    if not separators:
        return frozenset([_value(text)])
    # Thousands separated by one kind of separator: 1,000 / 1.000 / 1 000 / 1,000,000.
    if len(set(separators)) == 1 and separators[0] != ":" and len(groups[0]) <= 3:
        if all(len(group) == 3 for group in groups[1:]):
            keys.add(_value("".join(groups)))
    # Thousands and a decimal part: 1,234.5 / 1.234,5 / 1 234,5.
    if len(separators) >= 2 and separators[-1] in ".," and separators[-1] not in separators[:-1]:
        if all(len(group) == 3 for group in groups[1:-1]) and len(set(separators[:-1])) == 1:
            keys.add(_value("".join(groups[:-1]) + "." + groups[-1]))
    if len(separators) == 1 and separators[0] in ".,":
        keys.add(_value(groups[0] + "." + groups[1]))
    if len(separators) == 1 and separators[0] in ".:" and len(groups[1]) == 2:
        keys.add(f"time {int(groups[0])}:{groups[1]}")
    # A number none of these reads (e.g. "1 50") is compared as a code.
    if not keys:
        keys.add("code " + re.sub(r"[.,:\u00a0\u202f\u2009 ]", ".", text))
    return frozenset(keys)


def _value(text: str) -> str:
    """A number's value, written one way: 1000, 1.5."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return "code " + text
    return "value " + format(value.normalize(), "f")


def _placeholders(text: str, line: int) -> list[Item]:
    """The known placeholders of a template line (unknown ones are reported elsewhere)."""
    if "[" not in text:
        return []  # most lines
    return [
        Item(line, f"[{word}]", frozenset([word]))
        for word in _PLACEHOLDER.findall(text)
        if word in placeholders.KNOWN
    ]


def _link_key(target: str, page_uri: str) -> str:
    """What a link points at, the same in every language: the page (each language links to
    its own version, and a heading's anchor is translated with the heading) or the address."""
    if links.is_external(target):
        return target
    path, _anchor = links.resolve(target, page_uri)
    return path


# --- comparing ----------------------------------------------------------------------------------


def compare(translation: Text, source: Text, accepts: Accepts | None = None) -> list[Difference]:
    """Every difference of `translation` from `source` that `accepts` does not accept, in line
    order."""
    accepts = accepts or Accepts([])
    found: list[Difference] = []
    if translation.subjects != source.subjects and not accepts.covers(
        SUBJECTS, str(translation.subjects)
    ):
        found.append(
            Difference(
                SUBJECTS,
                str(translation.subjects),
                translation.subjects_line,
                f"{_count(translation.subjects, 'subject line')}, the source has {source.subjects}",
                f"{source.path}:{source.subjects_line}",
            )
        )
    mine, theirs = _spot(translation.subjects_line), _spot(source.subjects_line)
    found += _item_differences(
        PLACEHOLDERS,
        [(mine, _first_of_each(translation.subject_placeholders))],
        [(theirs, _first_of_each(source.subject_placeholders))],
        _Places([(mine, theirs)], translation.last_line),
        source.path,
        accepts,
    )
    pairs = _align(translation.sections, source.sections, _section_score)
    places = _Places(pairs, translation.last_line)
    found += _structure_differences(pairs, places, source.path, accepts)
    for check, attribute in ((NUMBERS, "numbers"), (LINKS, "links"), (ADMONITIONS, "admonitions")):
        found += _item_differences(
            check,
            [(section, getattr(section, attribute)) for section in translation.sections],
            [(section, getattr(section, attribute)) for section in source.sections],
            places,
            source.path,
            accepts,
        )
    return sorted(found, key=lambda difference: (difference.line, difference.message))


class _Places:
    """Which section of the translation corresponds to which of the source, and so which line
    to show for an item of one found missing in the other."""

    def __init__(self, pairs: list[tuple], last_line: int):
        self.partner: dict[int, Section] = {}
        self.where: dict[int, int] = {}  # a section without a partner -> the line to show
        for index, (mine, theirs) in enumerate(pairs):
            if mine is not None and theirs is not None:
                self.partner[id(mine)], self.partner[id(theirs)] = theirs, mine
            elif mine is None:
                # Where the source's section would be: before the next section that is there.
                after = (m for m, _ in pairs[index:] if m is not None)
                self.where[id(theirs)] = next((m.line for m in after), last_line)
            else:
                before = (t for _, t in reversed(pairs[:index]) if t is not None)
                self.where[id(mine)] = next((t.line for t in before), 1)

    def counterpart(self, line: int, section: Section) -> int:
        """The line in the other text that corresponds to `line` of `section`."""
        partner = self.partner.get(id(section))
        if partner is None:
            return self.where[id(section)]
        return partner.line_of(section.index_of(line), len(section.starts))


def _structure_differences(
    pairs: list[tuple], places: _Places, source_path: str, accepts: Accepts
) -> list[Difference]:
    """Headings that are missing, added or of another level, and the fenced blocks of each
    section with their placeholders."""
    found = []
    for mine, theirs in pairs:
        if mine is None:
            found.append(
                Difference(
                    HEADINGS,
                    theirs.title,
                    places.where[id(theirs)],
                    f"heading '{theirs.name}' from the source is missing",
                    f"{source_path}:{theirs.line} has it",
                )
            )
        elif theirs is None:
            found.append(
                Difference(
                    HEADINGS,
                    mine.title,
                    mine.line,
                    f"heading '{mine.name}' is not in the source",
                    f"compare {source_path}:{places.where[id(mine)]}",
                )
            )
        elif mine.level != theirs.level and min(mine.level, theirs.level) > 0:
            found.append(
                Difference(
                    HEADINGS,
                    mine.title,
                    mine.line,
                    f"heading '{mine.name}' is level {mine.level}, the source's is level "
                    f"{theirs.level}",
                    f"{source_path}:{theirs.line} '{theirs.name}'",
                )
            )
        if mine is None or theirs is None:
            continue
        for block, other in _align(mine.blocks, theirs.blocks, _block_score):
            if block is None:
                found.append(
                    Difference(
                        FENCES,
                        other.title or other.lang,
                        places.counterpart(other.line, theirs),
                        f"{other.name} block from the source is missing",
                        f"{source_path}:{other.line} has it",
                    )
                )
            elif other is None:
                found.append(
                    Difference(
                        FENCES,
                        block.title or block.lang,
                        block.line,
                        f"{block.name} block is not in the source",
                        f"compare {source_path}:{places.counterpart(block.line, mine)}",
                    )
                )
            else:
                found += _block_differences(block, other, source_path, accepts)
    return [
        difference
        for difference in found
        if difference.check == PLACEHOLDERS
        or not accepts.covers(difference.check, difference.value)
    ]


def _block_differences(
    block: Block, other: Block, source_path: str, accepts: Accepts
) -> list[Difference]:
    """A fenced block against the source's corresponding one: language and placeholders."""
    found = []
    if block.lang != other.lang:
        found.append(
            Difference(
                FENCES,
                block.title or block.lang,
                block.line,
                f"{block.name} block is ```{block.lang}, the source's is ```{other.lang}",
                f"{source_path}:{other.line} {other.name}",
            )
        )
    mine, theirs = _spot(block.line), _spot(other.line)
    return found + _item_differences(
        PLACEHOLDERS,
        [(mine, _first_of_each(block.placeholders))],
        [(theirs, _first_of_each(other.placeholders))],
        _Places([(mine, theirs)], block.line),
        source_path,
        accepts,
    )


def _item_differences(
    check: str,
    mine: list[tuple[Section, list[Item]]],
    theirs: list[tuple[Section, list[Item]]],
    places: _Places,
    source_path: str,
    accepts: Accepts,
) -> list[Difference]:
    """The translation's items that the source does not have and the source's that the
    translation does not have, each item matched in its corresponding section first, then
    anywhere (a sentence may move). An extra item and a missing one in corresponding paragraphs
    are reported together: "5" where the source has "4"."""
    missing = [(section, item) for section, items in theirs for item in items]
    unmatched = []
    for section, item in ((section, item) for section, items in mine for item in items):
        partner = places.partner.get(id(section))
        match = _take(missing, item, lambda other, partner=partner: other[0] is partner)
        if match is None:
            unmatched.append((section, item))
    extra = [pair for pair in unmatched if _take(missing, pair[1], lambda other: True) is None]
    # What a missing or added section holds is reported with its heading, and accepted with it.
    extra = [pair for pair in extra if id(pair[0]) in places.partner]
    missing = [pair for pair in missing if id(pair[0]) in places.partner]
    extra = [(section, item) for section, item in extra if not accepts.covers(check, item.text)]
    missing = [(section, item) for section, item in missing if not accepts.covers(check, item.text)]
    found = []
    for section, item in extra:
        counterpart = places.counterpart(item.line, section)
        partner = places.partner.get(id(section))
        mate = next(
            (
                pair
                for pair in missing
                if pair[0] is partner and partner.start_of(pair[1].line) == counterpart
            ),
            None,
        )
        if mate is not None:
            missing.remove(mate)
            fix = f"{source_path}:{mate[1].line} has {_quote(check, mate[1].text)}"
        else:
            fix = f"compare {source_path}:{counterpart}"
        message = f"{_quote(check, item.text)} is not in the source"
        found.append(Difference(check, item.text, item.line, message, fix))
    for section, item in missing:
        found.append(
            Difference(
                check,
                item.text,
                places.counterpart(item.line, section),
                f"{_quote(check, item.text)} from the source is missing",
                f"{source_path}:{item.line} has it",
            )
        )
    return found


def _take(pool: list[tuple[Section, Item]], item: Item, where) -> tuple | None:
    """Remove and return the first entry of `pool` that is the same as `item` and `where`
    accepts, or None."""
    for entry in pool:
        if entry[1].keys & item.keys and where(entry):
            pool.remove(entry)
            return entry
    return None


def _spot(line: int) -> Section:
    """A place of one paragraph (a fenced block, the subject lines): every line maps to it."""
    return Section(line=line, level=0, title="", starts=[line])


def _first_of_each(items: list[Item]) -> list[Item]:
    """Each item once (the first occurrence)."""
    seen: set = set()
    kept: list[Item] = []
    for item in items:
        if not item.keys & seen:
            seen |= item.keys
            kept.append(item)
    return kept


def _quote(check: str, text: str) -> str:
    """An item as a message shows it."""
    if check == LINKS:
        return f"link to '{text}'"
    if check == PLACEHOLDERS:
        return text
    if check == ADMONITIONS:
        return f"admonition '{text}'"
    return f'"{text}"'


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


# --- aligning -----------------------------------------------------------------------------------


def _align(mine: list, theirs: list, score) -> list[tuple]:
    """Pairs (mine, theirs) in order, with None on the side that has nothing there: the
    alignment with the highest total score (pairs scoring 0 or less are never made)."""
    rows, cols = len(mine), len(theirs)
    # Each pair is scored once, for the table and for the way back through it.
    scores = [[score(one, other) for other in theirs] for one in mine]
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        row, below, paired_row = best[i], best[i + 1], scores[i]
        for j in range(cols - 1, -1, -1):
            value = max(below[j], row[j + 1])
            paired = paired_row[j]
            if paired > 0:
                value = max(value, paired + below[j + 1])
            row[j] = value
    pairs, i, j = [], 0, 0
    while i < rows and j < cols:
        paired = scores[i][j]
        if paired > 0 and best[i][j] == paired + best[i + 1][j + 1]:
            pairs.append((mine[i], theirs[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i][j + 1]:
            pairs.append((None, theirs[j]))
            j += 1
        else:
            pairs.append((mine[i], None))
            i += 1
    pairs += [(item, None) for item in mine[i:]]
    pairs += [(None, item) for item in theirs[j:]]
    return pairs


def _section_score(mine: Section, theirs: Section) -> float:
    """How well two sections correspond: the front matter and the text before the first
    heading always do; headings by level, by what they share and by their length."""
    if mine.level <= 0 or theirs.level <= 0:
        return 100.0 if mine.level == theirs.level else 0.0
    if (mine.level == 1) != (theirs.level == 1):
        return 0.0  # the page's title is its title
    # A level changed by mistake is still the section, when nothing else is there to pair.
    score = 3.0 if mine.level == theirs.level else 1.0
    score += _overlap(mine.numbers, theirs.numbers) + _overlap(mine.links, theirs.links)
    if mine.blocks or theirs.blocks:  # (no blocks add nothing)
        score += _overlap(
            [Item(0, b.lang, frozenset([b.lang])) for b in mine.blocks],
            [Item(0, b.lang, frozenset([b.lang])) for b in theirs.blocks],
        )
    return score + _ratio(mine.size, theirs.size)


def _block_score(mine: Block, theirs: Block) -> float:
    """How well two fenced blocks correspond: language, placeholders and length."""
    score = 2.0 if mine.lang == theirs.lang else 0.5
    return score + _overlap(mine.placeholders, theirs.placeholders) + _ratio(mine.size, theirs.size)


def _overlap(mine: list[Item], theirs: list[Item]) -> float:
    """The share of items the two lists have in common (0 to 1; 0 when both are empty)."""
    if not mine and not theirs:
        return 0.0
    left = list(theirs)
    common = 0
    for item in mine:
        match = next((other for other in left if other.keys & item.keys), None)
        if match is not None:
            left.remove(match)
            common += 1
    return common / max(len(mine), len(theirs))


def _ratio(mine: int, theirs: int) -> float:
    """How alike two lengths are (0 to 1)."""
    if not mine and not theirs:
        return 1.0
    return min(mine, theirs) / max(mine, theirs)
