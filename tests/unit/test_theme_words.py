"""Material's words looked up once per language pass (helpfirst.adapter.theme_words), the same
as Material's own `partials/language.html` gives them."""

from __future__ import annotations

import jinja2

from helpfirst.adapter.theme_words import ThemeWords

#: Language files as Material writes them: a macro building the table to read one word.
LANGUAGES = {
    "partials/languages/en.html": (
        '{% macro t(key) %}{{ {"search": "Search", "toc": "Contents"}[key] }}{% endmacro %}'
    ),
    "partials/languages/sl.html": '{% macro t(key) %}{{ {"search": "Iskanje"}[key] }}{% endmacro %}',
    "material": (
        '{% import "partials/languages/" ~ language ~ ".html" as lang %}'
        '{% import "partials/languages/en.html" as fallback %}'
        "{% macro t(key) %}{{ lang.t(key) or fallback.t(key) or key }}{% endmacro %}"
    ),
}


def test_the_words_are_materials_the_languages_then_english_then_the_key():
    env = jinja2.Environment(loader=jinja2.DictLoader(LANGUAGES))
    words = ThemeWords()
    for language in ("sl", "en"):
        # Material's own, in an environment of its own (a template's module is made once).
        own_env = jinja2.Environment(loader=jinja2.DictLoader(LANGUAGES))
        material = own_env.get_template("material", globals={"language": language}).module
        for key in ("search", "toc", "nowhere"):
            assert words.word(env, language, key) == material.t(key), (language, key)
    assert words.word(env, "sl", "search") == "Iskanje"
    assert words.word(env, "sl", "toc") == "Contents"
    assert words.word(env, "sl", "nowhere") == "nowhere"


def test_each_word_is_looked_up_once_per_language():
    looked_up = []
    env = jinja2.Environment(loader=jinja2.DictLoader(LANGUAGES))
    real = env.get_template

    def get_template(name, *args, **kwargs):
        looked_up.append(name)
        return real(name, *args, **kwargs)

    env.get_template = get_template
    words = ThemeWords()
    assert [words.word(env, "sl", "search") for _ in range(3)] == ["Iskanje"] * 3
    assert [words.word(env, "en", "search") for _ in range(3)] == ["Search"] * 3
    assert looked_up == ["partials/languages/sl.html", "partials/languages/en.html"]
