"""The lunr pipeline functions the analysers register on import: registered once, replaced
when another function holds their label, and answering with the analyser's terms."""

from __future__ import annotations

from lunr.pipeline import Pipeline
from lunr.token import Token

from helpfirst import analysis


def test_registering_again_keeps_the_function_and_replaces_a_foreign_one():
    label = analysis.register("sl")
    assert label == analysis.LABEL_PREFIX + "sl"
    own = Pipeline.registered_functions[label]
    assert analysis.register("sl") == label
    assert Pipeline.registered_functions[label] is own

    def foreign(token, i=None, tokens=None):
        return token

    Pipeline.registered_functions[label] = foreign
    try:
        assert analysis.register("sl") == label
        fresh = Pipeline.registered_functions[label]
        assert fresh is not foreign and fresh.label == label
        assert fresh.kb_analyser == "sl"
        words = "Blokirajo računov"
        assert [str(token) for token in fresh(Token(words))] == analysis.analyse(words, "sl")
        assert fresh.terms_of(words) == tuple(analysis.analyse(words, "sl"))
        assert analysis.pipeline_function("sl") is fresh
    finally:
        Pipeline.registered_functions[label] = own


def test_a_character_table_classifies_each_character_once():
    seen = []

    def classify(character):
        seen.append(character)
        return ord(character.upper())

    table = analysis._CharacterTable(classify)
    assert "abca".translate(table) == "ABCA"
    assert seen == ["a", "b", "c"]
