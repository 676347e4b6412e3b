"""Material's own words (`lang.t(key)` of its templates), each looked up once per language pass.

Material's `partials/language.html` makes `t(key)` call the language's macro, which builds that
language's whole table of words (about a hundred) to read one, and English's again when the
language has no such word: tens of times for every page. `overrides/partials/language.html`
asks `ThemeWords` instead, which calls the same macros, of the same templates, once per word and
language, and gives the same text (`lang.t(key) or fallback.t(key) or key`).
"""

from __future__ import annotations


class ThemeWords:
    """One language pass's words of the theme, by language and key."""

    def __init__(self) -> None:
        self.words: dict[tuple[str, str], str] = {}

    def word(self, env, language: str, key: str) -> str:
        """Material's word for `key` in `language` (English's if the language has none, else
        the key), from the templates of `env`."""
        found = self.words.get((language, key))
        if found is None:
            own = env.get_template(f"partials/languages/{language}.html").module.t(key)
            fallback = own or env.get_template("partials/languages/en.html").module.t(key)
            found = self.words[(language, key)] = fallback or key
        return found
