"""Translation tracking: which version of its source each translation translates.

A translation records the fingerprint of its default-language source in its front matter
(`source_hash: "1a2b3c4d"`), written by `scripts/kb.py translations --update` when a translator
has finished. The fingerprint covers what a translator translates (the text below the front
matter and the translated front-matter values), so a change of date, category, related entries
or keywords, or of spaces at the ends of lines, leaves translations current.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from helpfirst.catalog import Catalog
from helpfirst.content import SOURCE_HASH, Entry

#: The front-matter key a translation records its source's fingerprint in.
KEY = "source_hash"
#: Front-matter values that a translation has in its own language.
TRANSLATED_KEYS = ("title", "summary", "description", "subjects")

CURRENT, STALE, UNRECORDED, MISSING = "current", "stale", "unrecorded", "missing"

# The front matter as MkDocs finds it, in the raw text (a BOM and CRLF line ends kept).
_FRONT_MATTER = re.compile(
    r"\A(?P<bom>\ufeff?)---[ \t]*(?P<nl>\r?\n)"
    r"(?P<body>.*?\r?\n)?(?P<end>(?:---|\.\.\.)[ \t]*\r?\n)",
    re.DOTALL,
)
_KEY_LINE = re.compile(rf"^{KEY}[ \t]*:.*?(?=\r?\n|\Z)", re.MULTILINE)


@dataclass(frozen=True)
class Translation:
    """One page in one non-default language, and how it stands against its source."""

    lang: str
    source: Entry
    translation: Entry | None  # None when the page is not translated
    state: str  # CURRENT, STALE, UNRECORDED or MISSING
    recorded: str | None  # the fingerprint the translation records
    fingerprint: str  # the source's fingerprint now

    @property
    def path(self) -> str:
        """The file a translator works on (the source's path when there is no translation)."""
        return (self.translation or self.source).display_path


def fingerprint(entry: Entry) -> str:
    """Eight hex digits of SHA-256 over the source's translatable content, normalised."""
    values = {key: entry.meta[key] for key in TRANSLATED_KEYS if key in entry.meta}
    lines = [line.rstrip() for line in entry.body.replace("\r\n", "\n").split("\n")]
    payload = json.dumps(
        {"front matter": values, "text": "\n".join(lines).strip("\n")},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:8]


def state_of(translation: Entry, source: Entry) -> tuple[str, str | None]:
    """(state, recorded fingerprint) of a translation against its source."""
    recorded = translation.meta.get(KEY)
    if not isinstance(recorded, str) or not SOURCE_HASH.match(recorded):
        return UNRECORDED, None
    return (CURRENT if recorded == fingerprint(source) else STALE), recorded


def survey(catalog: Catalog, languages: list[str] | None = None) -> list[Translation]:
    """Every page of the knowledge base in every non-default language, sources in path order."""
    default = catalog.default_lang
    sources = [versions[default] for versions in catalog.entries.values() if default in versions]
    sources += [versions[default] for versions in catalog.pages.values() if default in versions]
    sources.sort(key=lambda entry: entry.src_uri)
    found = []
    for lang in languages or catalog.languages:
        if lang == default:
            continue
        for source in sources:
            current = fingerprint(source)
            translation = catalog.versions(source.default_uri).get(lang)
            if translation is None:
                found.append(Translation(lang, source, None, MISSING, None, current))
                continue
            state, recorded = state_of(translation, source)
            found.append(Translation(lang, source, translation, state, recorded, current))
    return found


def record(text: str, value: str) -> str:
    """`text` with `source_hash: "value"` in its front matter; every other byte is kept."""
    if not SOURCE_HASH.match(value):
        raise ValueError(f"not a fingerprint: {value!r}")
    line = f'{KEY}: "{value}"'
    match = _FRONT_MATTER.match(text)
    if match is None:
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        newline = "\r\n" if "\r\n" in text else "\n"
        rest = text[len(bom) :]
        return f"{bom}---{newline}{line}{newline}---{newline}{newline}{rest}"
    body = match.group("body") or ""
    if _KEY_LINE.search(body):
        body = _KEY_LINE.sub(line, body, count=1)
    else:
        body += line + match.group("nl")
    start = match.start("body") if match.group("body") is not None else match.start("end")
    return text[:start] + body + text[match.start("end") :]
