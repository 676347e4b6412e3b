"""Reading and checking with the read cache (helpfirst.read_cache) gives exactly what it gives
without one: on the example site and on a generated knowledge base, cold and warm, and after a
body, front matter or translation is edited, or a file is added, removed or renamed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpfirst import checks
from helpfirst.project import load_project
from helpfirst.read_cache import ReadCache
from tests.sites import ROOT, docs_files, generated_knowledge_base

SALT = "salt"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A generated knowledge base of 10 entries per language (scripts/bench/gen_kb.py)."""
    return generated_knowledge_base(tmp_path_factory.mktemp("read-cache"), 10)


@pytest.fixture
def knowledge_base(generated, tmp_path) -> Path:
    """A copy of the generated knowledge base that a test may edit."""
    return Path(shutil.copytree(generated, tmp_path / "kb", symlinks=True))


def _same(got: checks.Checked, expected: checks.Checked) -> None:
    """Equal results: problems and warnings as printed, in order, and the catalog field by
    field."""
    assert [(str(p), p.fatal) for p in got.problems] == [
        (str(p), p.fatal) for p in expected.problems
    ]
    assert [str(p) for p in got.translation_warnings] == [
        str(p) for p in expected.translation_warnings
    ]
    for name in ("entries", "pages", "generated"):
        mine, theirs = getattr(got.catalog, name), getattr(expected.catalog, name)
        assert list(mine) == list(theirs), name
        for key, versions in theirs.items():
            assert list(mine[key]) == list(versions), (name, key)
            for lang, entry in versions.items():
                assert vars(mine[key][lang]) == vars(entry), (name, key, lang)
    assert got.catalog.left_out == expected.catalog.left_out
    assert got.catalog.problems == expected.catalog.problems
    assert got.files == expected.files
    assert got.settings == expected.settings


def _cold_then_warm(project: Path, store: Path) -> tuple[checks.Checked, ReadCache]:
    """Checked with a cold cache, which is saved, then with it loaded back: the warm result
    (checked against the cold one and the uncached one)."""
    loaded = load_project(project / "mkdocs.yml")
    expected = loaded.check()
    cold = ReadCache(SALT)
    _same(loaded.check(cache=cold), expected)
    assert cold.hits == 0 and cold.misses > 0
    cold.save(store)
    warm = ReadCache.load(store, SALT)
    _same(loaded.check(cache=warm), expected)
    assert (warm.hits, warm.misses) == (cold.misses, 0)
    return expected, warm


def test_the_example_site_reads_the_same_with_a_cold_and_a_warm_cache(tmp_path):
    expected, warm = _cold_then_warm(ROOT, tmp_path / "read-cache")
    # (The example site has translations to compare, and a problem-free catalog.)
    assert any(len(versions) == 3 for versions in expected.catalog.entries.values())
    # A warm check of files that did not change is all hits.
    assert warm.misses == 0 and warm.hits > 0


def test_a_generated_knowledge_base_reads_the_same_with_a_cold_and_a_warm_cache(
    knowledge_base, tmp_path
):
    expected, warm = _cold_then_warm(knowledge_base, tmp_path / "read-cache")
    catalog = expected.catalog
    versions = [*catalog.entries.values(), *catalog.pages.values()]
    files = sum(len(each) for each in versions)
    assert sum(len(each) for each in catalog.entries.values()) == 30
    # Each file read and its headings checked, each translation compared: all from the cache.
    assert warm.misses == 0
    assert warm.hits == 2 * files + sum(len(each) - 1 for each in versions if "en" in each)


def _body(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nCall 0800 4321 or see [the guide](../index.md).\n", "utf-8")


def _front_matter(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert 'summary: "' in text
    path.write_text(text.replace('summary: "', 'summary: "In 3 steps, ', 1), "utf-8")


def _first_entry(docs: Path) -> Path:
    return sorted((docs / "faq").glob("*.sl.md"))[0].with_suffix("").with_suffix(".md")


def _edit(docs: Path, edit: str) -> None:
    """One edit of the generated knowledge base's docs folder."""
    source = _first_entry(docs)
    stem = source.stem
    if edit == "body":
        _body(source)
    elif edit == "front matter":
        _front_matter(source)
    elif edit == "translation mismatches its source":
        translation = source.with_name(f"{stem}.sl.md")
        text = translation.read_text(encoding="utf-8")
        text = text.replace("\n## ", "\n### ", 1) + "\nPokličite 0800 9999.\n"
        translation.write_text(text, "utf-8")
    elif edit == "wrong type in front matter":
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("\n---\n", "\nstructured_data: 5\n---\n", 1), "utf-8")
    elif edit == "added":
        text = source.read_text(encoding="utf-8")
        (docs / "faq" / "added-entry.md").write_text(text.replace("# ", "# Added: ", 1), "utf-8")
        (docs / "faq" / "added-entry.sl.md").write_text(
            source.with_name(f"{stem}.sl.md").read_text(encoding="utf-8"), "utf-8"
        )
    elif edit == "removed":
        source.with_name(f"{stem}.lv.md").unlink()
    elif edit == "renamed":
        # The same bytes at another path: an entry with another id and file name.
        for lang in ("", ".sl", ".lv"):
            version = source.with_name(f"{stem}{lang}.md")
            if version.exists():
                version.rename(version.with_name(f"renamed-{stem}{lang}.md"))
    elif edit == "translation renamed to another language":
        source.with_name(f"{stem}.sl.md").rename(source.with_name(f"{stem}.lv.md"))
    elif edit == "broken front matter":
        source.write_text("---\nsummary: [\n---\n# Broken\n", "utf-8")
    elif edit == "not UTF-8":
        source.write_bytes(source.read_bytes().replace(b"# ", b"# \xff", 1))
    elif edit == "line separator and CRLF":
        text = source.read_text(encoding="utf-8").replace("\n", "\r\n")
        source.write_bytes(text.replace(". ", ".\u2028 ", 1).encode("utf-8"))
    else:
        raise AssertionError(edit)


@pytest.mark.parametrize(
    "edit",
    [
        "body",
        "front matter",
        "translation mismatches its source",
        "wrong type in front matter",
        "added",
        "removed",
        "renamed",
        "translation renamed to another language",
        "broken front matter",
        "not UTF-8",
        "line separator and CRLF",
    ],
)
def test_after_an_edit_a_warm_cache_reads_what_no_cache_reads(knowledge_base, tmp_path, edit):
    store = tmp_path / "read-cache"
    before, _ = _cold_then_warm(knowledge_base, store)
    _edit(knowledge_base / "docs", edit)
    loaded = load_project(knowledge_base / "mkdocs.yml")
    expected = loaded.check()
    warm = ReadCache.load(store, SALT)
    _same(loaded.check(cache=warm), expected)
    assert warm.hits > 0 and (warm.misses > 0 or edit in ("removed", "not UTF-8"))
    # (Every edit changes what is read or reported.)
    assert [str(p) for p in expected.problems + expected.translation_warnings] != [
        str(p) for p in before.problems + before.translation_warnings
    ] or expected.catalog.entries != before.catalog.entries
    # Saved again after the edit, and read again: all hits, the same results.
    warm.save(store)
    again = ReadCache.load(store, SALT)
    _same(loaded.check(cache=again), expected)
    assert again.misses == 0


def test_an_entry_changed_by_the_checks_is_read_afresh_from_the_cache_each_time(tmp_path):
    # check_entry takes a value of the wrong type out of the entry it is given: a second check
    # with the same cache must find it again, in the file's bytes.
    docs = tmp_path / "docs"
    (docs / "faq").mkdir(parents=True)
    (docs / "faq" / "a.md").write_text(
        "---\nsummary: s\ncategory: c\nupdated: soon\n---\n\n# A?\n\nText 1.\n", "utf-8"
    )
    (docs / "faq" / "a.sl.md").write_text("---\nsummary: p\n---\n\n# A?\n\nBesedilo 2.\n", "utf-8")
    cache = ReadCache(SALT)
    results = [_check(docs, tmp_path, "en", cache) for _ in range(3)]
    expected = _check(docs, tmp_path, "en", None)
    assert [str(p) for p in expected.problems] == [
        "docs/faq/a.md:4: 'updated' must be a date written YYYY-MM-DD, not the text 'soon' "
        "(write 'updated' as a date written YYYY-MM-DD)"
    ]
    for result in results:
        _same(result, expected)
    # Two sources read and their headings checked, one translation compared: once each.
    assert (cache.hits, cache.misses) == (10, 5)


def _check(docs: Path, root: Path, default: str, cache: ReadCache | None) -> checks.Checked:
    settings = {"categories": {"c": "C"}}
    return checks.check_content(
        docs_files(docs),
        str(docs),
        ["en", "sl", "lv"],
        default,
        settings,
        str(root / "mkdocs.yml"),
        str(root),
        cache=cache,
    )


def test_the_same_bytes_read_for_another_language_are_not_taken_from_the_cache(generated):
    # The language a file is read in is part of what it is read as: the same file is the
    # default language's with one configuration and another's with another.
    docs = generated / "docs"
    cache = ReadCache(SALT)
    for default in ("en", "sl", "en", "lv"):
        _same(_check(docs, generated, default, cache), _check(docs, generated, default, None))


def test_a_cache_carried_through_a_sequence_of_edits_reads_what_no_cache_reads(
    knowledge_base, tmp_path
):
    store = tmp_path / "read-cache"
    _cold_then_warm(knowledge_base, store)
    for edit in ("body", "added", "renamed", "translation mismatches its source", "removed"):
        _edit(knowledge_base / "docs", edit)
        loaded = load_project(knowledge_base / "mkdocs.yml")
        cache = ReadCache.load(store, SALT)
        _same(loaded.check(cache=cache), loaded.check())
        cache.save(store)
