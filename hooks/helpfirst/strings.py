"""The words of the interface, one JSON file per language in `strings/`, with plural forms.

A language without a file (or a key missing from one) falls back to English, so adding a
language never breaks the build; `missing_keys` lets a check report what is left to translate.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError

STRINGS_DIR = Path(__file__).parent / "strings"
FALLBACK = "en"


@cache
def _read(lang: str) -> dict[str, str]:
    """One language's file, or an empty dict when there is none."""
    path = STRINGS_DIR / f"{lang}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def strings(lang: str) -> dict[str, str]:
    """All interface strings for `lang`, English filling any gap."""
    return {**_read(FALLBACK), **_read(lang)}


def missing_keys(lang: str) -> list[str]:
    """Keys that `lang` does not translate (plural categories it does not use are not missing)."""
    own = _read(lang)
    return sorted(key for key in _read(FALLBACK) if key not in own and not _plural_extra(key))


def _plural_extra(key: str) -> bool:
    """Plural-category keys exist per language as that language's grammar needs."""
    return key.rsplit(".", 1)[-1] in {"zero", "two", "few", "many"}


def plural_category(count: int, lang: str) -> str:
    """CLDR plural category of `count` in `lang` (`one`, `two`, `few`, `other` …)."""
    try:
        return Locale.parse(lang).plural_form(count)
    except (UnknownLocaleError, ValueError):
        return "one" if count == 1 else "other"


def plural(key: str, count: int, lang: str) -> str:
    """The string for `count` things: `key.<category>` with `#` replaced by the number."""
    table = strings(lang)
    category = plural_category(count, lang)
    text = table.get(f"{key}.{category}") or table.get(f"{key}.other") or ""
    return text.replace("#", str(count))
