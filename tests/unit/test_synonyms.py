"""helpfirst.synonyms: reading a synonym file, the sets as the payload holds them, and the
checks `kb lint` runs."""

from __future__ import annotations

from helpfirst import synonyms


def _load(tmp_path, text, name="synonyms.en.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return synonyms.load(path, f"glossary/{name}")


def test_sets_are_read_with_their_lines(tmp_path):
    sets, problems = _load(tmp_path, "# words\n- [setup, set up]\n-\n  - tone\n  - writing style\n")
    assert problems == []
    assert [(s.line, [m.text for m in s.members]) for s in sets] == [
        (2, ["setup", "set up"]),
        (4, ["tone", "writing style"]),
    ]
    assert [m.line for m in sets[1].members] == [4, 5]


def test_the_payload_holds_each_members_terms_without_stop_words_or_repeats():
    sets = [
        synonyms.SynonymSet(1, (synonyms.Member("Setting up", 1), synonyms.Member("setup", 1))),
        synonyms.SynonymSet(2, (synonyms.Member("the", 2), synonyms.Member("tone", 2))),
        synonyms.SynonymSet(3, (synonyms.Member("tones", 3), synonyms.Member("Tone", 3))),
    ]
    # "the" is a stop word: its set keeps one member and is left out, as is a set of one word.
    assert synonyms.analysed(sets, "en") == [[["set", "up"], ["setup"]]]


def test_a_file_that_is_not_utf8_is_told_at_its_path(tmp_path):
    path = tmp_path / "synonyms.en.yml"
    path.write_bytes(b"- [caf\xe9, coffee]\n")
    sets, problems = synonyms.load(path, "glossary/synonyms.en.yml")
    assert sets == []
    assert [str(problem) for problem in problems] == [
        "glossary/synonyms.en.yml:1: not UTF-8 text (invalid continuation byte) (save it as UTF-8)"
    ]


def test_files_are_found_by_language(tmp_path):
    for name in ("synonyms.en.yml", "synonyms.sl.yml", "en.yml", "synonyms.yml"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert sorted(synonyms.files(tmp_path)) == ["en", "sl"]
    assert synonyms.files(tmp_path / "absent") == {}


def test_a_set_in_most_entries_is_reported_and_one_in_half_is_not(tmp_path):
    sets, _ = _load(tmp_path, "- [parcel, package]\n")
    texts = ["a parcel", "the packages", "an invoice", "a refund"]
    assert synonyms.check(sets, "en", "s.yml", texts) == []
    problems = synonyms.check(sets, "en", "s.yml", [*texts[:3], "parcels"])
    assert [str(p) for p in problems] == [
        "s.yml:1: this set's words stand in 3 of 4 entries, so a search with one of them finds "
        "nearly everything (keep only words that name one thing)"
    ]


def test_a_phrase_counts_only_where_its_words_stand_together(tmp_path):
    sets, _ = _load(tmp_path, "- [set up, configure]\n")
    texts = ["set it up", "up and set", "an invoice"]
    assert synonyms.check(sets, "en", "s.yml", texts) == []
    assert synonyms.check(sets, "en", "s.yml", ["set up", "set up now", "x"]) != []
