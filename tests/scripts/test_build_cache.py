"""`kb.py build --cache DIR` gives, after any sequence of edits, the bytes of a clean
`mkdocs build`; it builds again only the languages an edit reaches, and of those renders only
the pages whose inputs changed (helpfirst.page_cache).

A small generated knowledge base (scripts/bench/gen_kb.py) is edited at random: a body in the
default language and in another, a title in any language, a translation's body, title and
category, an entry added, a translation removed, an unlinked entry renamed or removed, in a
random order. After each edit the cached build and a clean build are compared file by file.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from tests.scripts.test_kb import kb
from tests.sites import build, generated_knowledge_base

pytestmark = pytest.mark.build

LANGUAGES = ("en", "sl", "lv")


def _tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _letters(number: int) -> str:
    """A number in letters: a number that a source has and its translations lack is a
    translation warning, which fails the strict build."""
    return "".join("abcdefghij"[int(digit)] for digit in str(number))


class _Editor:
    """Random edits of a generated knowledge base that keep it valid."""

    def __init__(self, docs: Path, rng: random.Random):
        self.docs, self.rng, self.count = docs, rng, 0

    def entries(self) -> list[Path]:
        """Default-language sources of entries (not the section indexes)."""
        return sorted(
            path
            for path in self.docs.rglob("*.md")
            if path.name.count(".") == 1 and path.stem != "index" and path.parent != self.docs
        )

    def versions(self, source: Path) -> list[Path]:
        found = [source.with_name(f"{source.stem}.{lang}.md") for lang in LANGUAGES[1:]]
        return [source] + [path for path in found if path.exists()]

    def unlinked(self) -> list[Path]:
        """Entries no other file names: removing or renaming them breaks no link."""
        texts = {path: path.read_text(encoding="utf-8") for path in self.docs.rglob("*.md")}
        return [
            source
            for source in self.entries()
            if not any(
                source.stem in text
                for path, text in texts.items()
                if path.name.split(".")[0] != source.stem
            )
        ]

    def edit(self, kind: str) -> str:
        """Make one edit of this kind to a random entry (a body edit to a default-language
        source, which every language shows); what it was."""
        self.count += 1
        if kind in ("rename", "remove") and not self.unlinked():
            kind = "add"
        source = self.rng.choice(self.entries())
        path = self.rng.choice(self.versions(source))
        mark = _letters(self.count)
        if kind.startswith("translation "):
            translations = self.versions(source)[1:] or self.versions(self.entries()[0])[1:]
            path = self.rng.choice(translations)
            kind = kind.removeprefix("translation ")
        elif kind == "body":
            path = source
        if kind == "body":
            text = path.read_text(encoding="utf-8").rstrip("\n")
            path.write_text(f"{text}\n\nEdited in round {mark}.\n", encoding="utf-8")
        elif kind == "category":
            # A translation's category is its source's: it may only be left out.
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"^category: .*\n", "", text, flags=re.M), encoding="utf-8")
        elif kind == "title":
            text = path.read_text(encoding="utf-8")
            text = re.sub(r"^# (.*)$", rf"# \1 ({mark})", text, count=1, flags=re.M)
            path.write_text(text, encoding="utf-8")
        elif kind == "add":
            for version in self.versions(source):
                name = version.name.replace(source.stem, f"added-{mark}", 1)
                version.with_name(name).write_bytes(version.read_bytes())
            path = source.with_name(f"added-{mark}.md")
        elif kind == "remove translation":
            translations = self.versions(source)[1:]
            if not translations:
                return self.edit("add")
            path = self.rng.choice(translations)
            path.unlink()
        elif kind == "rename":
            source = self.rng.choice(self.unlinked())
            for version in self.versions(source):
                version.rename(version.with_name(version.name.replace(source.stem, f"r{mark}", 1)))
            path = source
        else:
            source = self.rng.choice(self.unlinked())
            for version in self.versions(source):
                version.unlink()
            path = source
        return f"{kind} {path.relative_to(self.docs).as_posix()}"


@pytest.fixture(scope="module")
def knowledge_base(tmp_path_factory) -> Path:
    """A generated knowledge base of 8 entries per language, with this checkout's code."""
    return generated_knowledge_base(tmp_path_factory.mktemp("cache"), 8)


def _cached_build(project: Path, cache: Path, site: Path, *options: str) -> list[str]:
    """Build with the cache; the languages it built again (not reused), in site order."""
    built = _rendered(project, cache, site, *options)
    return [lang for lang in LANGUAGES if lang in built]


def _rendered(project: Path, cache: Path, site: Path, *options: str) -> dict[str, tuple]:
    """Build with the cache; for each language built again, (pages rendered, pages reused).
    Every other language is reported copied from the cache."""
    result = kb(project, "build", "-d", str(site), "--cache", str(cache), *options)
    assert result.returncode == 0, result.stderr
    found = re.findall(r"build: (\w+): built \((\d+) pages rendered, (\d+) reused\)", result.stderr)
    assert len(found) == len(re.findall(r"build: \w+: built", result.stderr)), result.stderr
    reused = re.findall(r"build: (\w+): unchanged, reused from ", result.stderr)
    assert sorted(reused + [lang for lang, _, _ in found]) == sorted(LANGUAGES), result.stderr
    return {lang: (int(rendered), int(reused)) for lang, rendered, reused in found}


def _assert_same_as_clean_build(project: Path, site: Path, clean: Path, edits: list[str]):
    full = build(project, clean)
    assert full.returncode == 0, full.log
    expected, got = _tree(clean), _tree(site)
    assert sorted(expected) == sorted(got), edits
    assert [name for name in expected if expected[name] != got[name]] == [], edits


def test_edits_build_what_they_reach_and_give_the_clean_build(knowledge_base, tmp_path):
    cache, site = tmp_path / "cache", tmp_path / "site"
    assert _cached_build(knowledge_base, cache, site) == list(LANGUAGES)
    assert _cached_build(knowledge_base, cache, site) == []
    editor = _Editor(knowledge_base / "docs", random.Random(19))
    path = editor.entries()[0]
    path = path.with_name(f"{path.stem}.lv.md")
    path.write_text(path.read_text(encoding="utf-8") + "\nEdited in Latvian.\n", "utf-8")
    # Latvian only: English shows no translation's body (its /widget.js names the languages'
    # widget settings, which hold titles and summaries by topic).
    assert _cached_build(knowledge_base, cache, site) == ["lv"]
    edits = [f"body {path.name}"]
    _assert_same_as_clean_build(knowledge_base, site, tmp_path / "clean", edits)
    # Every kind of edit once, one a round, in a random order.
    kinds = ["body", "title", "add", "remove translation", editor.rng.choice(["rename", "remove"])]
    kinds += ["translation body", "translation title", "translation category"]
    editor.rng.shuffle(kinds)
    for round_, kind in enumerate(kinds):
        widget = (site / "widget.js").read_bytes()
        edits.append(editor.edit(kind))
        built = _cached_build(knowledge_base, cache, site)
        _assert_same_as_clean_build(knowledge_base, site, tmp_path / f"clean-{round_}", edits)
        if kind.startswith("translation "):
            # English is built again exactly when its /widget.js changes.
            changed = (site / "widget.js").read_bytes() != widget
            assert ("en" in built) == changed, (edits, built)
            assert changed or kind != "translation title", edits


def test_a_body_edit_renders_its_own_pages_and_reuses_the_rest(knowledge_base, tmp_path):
    """An English body is shown by its page in every language (a translation's stale notice
    reads it): one page is rendered again per language, every other is reused; a title is
    shown by other pages (listings, navigation), so every page is rendered again."""
    cache, site = tmp_path / "cache", tmp_path / "site"
    first = _rendered(knowledge_base, cache, site)
    pages = first["en"][0]
    assert set(first) == set(LANGUAGES) and pages > 10
    assert all(reused == 0 for _rendered_pages, reused in first.values())
    editor = _Editor(knowledge_base / "docs", random.Random(7))
    edits = [editor.edit("body")]
    assert _rendered(knowledge_base, cache, site) == {lang: (1, pages - 1) for lang in LANGUAGES}
    _assert_same_as_clean_build(knowledge_base, site, tmp_path / "clean-body", edits)
    edits.append(editor.edit("title"))
    after_title = _rendered(knowledge_base, cache, site, "--jobs", "1")
    assert after_title["en"] == (pages, 0)
    _assert_same_as_clean_build(knowledge_base, site, tmp_path / "clean-title", edits)


def _shown_in_widget(site: Path, docs: Path, lang: str) -> Path:
    """A translation whose title the widget settings of its language list."""
    import json

    settings = json.loads((site / "assets" / "kb" / "widget" / f"{lang}.json").read_text("utf-8"))
    titles = [item["title"] for items in settings["topics"].values() for item in items]
    for path in sorted(docs.rglob(f"*.{lang}.md")):
        if re.search(r"^# (.*)$", path.read_text(encoding="utf-8"), re.M)[1] in titles:
            return path
    raise AssertionError(f"no {lang} title in the widget settings")


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_a_translations_body_edit_reuses_the_default_language(knowledge_base, tmp_path, jobs):
    """The default language's build takes from a translation only its widget settings (in
    /widget.js, by their hash): a body edit builds the translation's language alone; a title
    edit, which the settings list by topic, builds the default language too."""
    cache, site = tmp_path / "cache", tmp_path / "site"
    _rendered(knowledge_base, cache, site, "--jobs", jobs)
    docs = knowledge_base / "docs"
    path = _shown_in_widget(site, docs, "sl")
    path.write_text(path.read_text(encoding="utf-8") + "\nUrejeno.\n", encoding="utf-8")
    edits = [f"body {path.name}"]
    assert _cached_build(knowledge_base, cache, site, "--jobs", jobs) == ["sl"]
    _assert_same_as_clean_build(knowledge_base, site, tmp_path / "clean-body", edits)
    # English is now kept under the files' key too: with nothing changed, the content is not
    # read (its memo, taken away, is not written again).
    (cache / "reading").unlink()
    assert _cached_build(knowledge_base, cache, site, "--jobs", jobs) == []
    assert not (cache / "reading").exists()
    widget = (site / "widget.js").read_bytes()
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^# (.*)$", r"# \1 (urejeno)", text, count=1, flags=re.M), "utf-8")
    edits.append(f"title {path.name}")
    assert _cached_build(knowledge_base, cache, site, "--jobs", jobs) == ["en", "sl"]
    assert (site / "widget.js").read_bytes() != widget
    _assert_same_as_clean_build(knowledge_base, site, tmp_path / "clean-title", edits)


def test_the_second_key_holds_the_settings_as_the_build_writes_them(knowledge_base, tmp_path):
    """What the key reads of the content, before any build, is each language's widget
    settings file as the build then writes it."""
    from helpfirst import build_cache, language_builds
    from helpfirst.project import load_project

    site = tmp_path / "site"
    _rendered(knowledge_base, tmp_path / "cache", site)
    project = load_project(knowledge_base / "mkdocs.yml")
    inputs = build_cache.project_inputs(project.config, project.languages, project.default_lang)
    prepared, settings = language_builds._read_settings(project, tmp_path / "memo", inputs.code)
    assert prepared is not None and settings is not None
    assert sorted(settings) == sorted(LANGUAGES)
    for lang in LANGUAGES:
        written = site / "assets" / "kb" / "widget" / f"{lang}.json"
        assert settings[lang] == written.read_text(encoding="utf-8"), lang


@pytest.mark.parametrize("problem", ["warning", "problem"])
def test_a_translation_with_a_problem_builds_the_default_language(
    knowledge_base, tmp_path, problem
):
    """A translation's warning (a number its source lacks) or problem (a related entry that is
    none) leaves the widget settings as they were, but the default language is built again,
    alone too, and the build reports it."""
    cache, site = tmp_path / "cache", tmp_path / "site"
    _rendered(knowledge_base, cache, site)
    path = sorted((knowledge_base / "docs").rglob("*.sl.md"))[0]
    text = path.read_text(encoding="utf-8")
    if problem == "warning":
        path.write_text(text + "\nUrejeno 1234.\n", encoding="utf-8")
    else:
        edited = re.sub(r"^related: .*\n", "", text, flags=re.M)
        path.write_text(edited.replace("---\n", "---\nrelated: [no-such-entry]\n", 1), "utf-8")
    try:
        result = kb(
            knowledge_base, "build", "--lang", "en", "-d", str(site / "en"), "--cache", str(cache)
        )
    finally:
        path.write_text(text, encoding="utf-8")
    assert result.returncode == 1, result.stderr
    assert "unchanged, reused" not in result.stderr
    found = "1234" if problem == "warning" else "no-such-entry"
    assert re.search(rf"{re.escape(path.name)}:\d+: .*{found}", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    # The source as it was: English is copied again.
    assert _cached_build(knowledge_base, cache, site) == []


def test_files_the_build_writes_with_the_kept_bytes_are_the_kept_files(knowledge_base, tmp_path):
    """A twin, answer or index the build writes with the bytes the last build kept is that kept
    file, not written again; the edited entry's are written. A kept one written to in place is
    not taken: the site is still the clean build's."""
    cache, site = tmp_path / "cache", tmp_path / "site"
    _rendered(knowledge_base, cache, site)
    editor = _Editor(knowledge_base / "docs", random.Random(23))
    edits = [editor.edit("body")]
    edited = edits[0].split()[-1].removesuffix(".md")  # faq/<id>
    twins = sorted(path for path in site.glob("faq/*/index.md"))
    assert len(twins) > 3
    before = {path: path.stat().st_ino for path in twins}
    _rendered(knowledge_base, cache, site)
    _assert_same_as_clean_build(knowledge_base, site, tmp_path / "clean", edits)
    for path, inode in before.items():
        same_file = path.stat().st_ino == inode
        assert same_file == (path.parent.relative_to(site).as_posix() != edited), path
    # A kept twin written to in place, as a hard link of a built site's could be.
    edits.append(editor.edit("body"))
    touched = {edit.split()[-1].removesuffix(".md") for edit in edits}
    other = next(path for path in twins if path.parent.relative_to(site).as_posix() not in touched)
    with open(cache / "en" / "site" / other.relative_to(site), "r+b") as stream:
        stream.write(b"changed in place")
    _rendered(knowledge_base, cache, site)
    assert other.stat().st_ino != before[other]
    _assert_same_as_clean_build(knowledge_base, site, tmp_path / "clean-2", edits)


@pytest.mark.parametrize(
    "damage",
    ["garbage", "cut", "other form", "page missing", "page changed in place", "no records"],
)
def test_a_damaged_page_cache_renders_the_pages_again(knowledge_base, tmp_path, damage):
    """Records that cannot be read, are of another form or name a page the kept site lacks
    are no cache: the pages are rendered, and the site is the clean build's."""
    import pickle

    cache, site = tmp_path / "cache", tmp_path / "site"
    _rendered(knowledge_base, cache, site)
    editor = _Editor(knowledge_base / "docs", random.Random(11))
    edits = [editor.edit("body")]
    records = cache / "sl" / "pages"
    form, kept = pickle.loads(records.read_bytes())
    if damage == "garbage":
        records.write_bytes(b"\x80\x05not a pickle at all")
    elif damage == "cut":
        records.write_bytes(records.read_bytes()[:200])
    elif damage == "other form":
        records.write_bytes(pickle.dumps((form + 1, kept)))
    elif damage == "page missing":
        (cache / "sl" / "site" / next(iter(kept))).unlink()
    elif damage == "page changed in place":
        # As a built site's file, hard-linked to the kept one, written to in place.
        with open(cache / "sl" / "site" / next(iter(kept)), "r+b") as stream:
            stream.write(b"<!-- changed -->")
    else:
        records.unlink()
    rendered = _rendered(knowledge_base, cache, site)
    pages = rendered["en"][0] + rendered["en"][1]
    if damage in ("page missing", "page changed in place"):
        assert rendered["sl"] == (2, pages - 2)
    else:
        assert rendered["sl"] == (pages, 0)
    _assert_same_as_clean_build(knowledge_base, site, tmp_path / "clean", edits)


def test_a_kept_file_changed_in_place_is_never_restored(knowledge_base, tmp_path):
    """The site's files may be hard links of the kept ones: one written to in place after the
    build no longer matches its digest, and its language is built again, not restored."""
    cache, site = tmp_path / "cache", tmp_path / "site"
    _rendered(knowledge_base, cache, site)
    assert _rendered(knowledge_base, cache, site) == {}
    index = site / "lv" / "index.html"
    text = index.read_bytes()
    with open(index, "r+b") as stream:
        stream.write(b"<!-- changed in the site -->")
    assert list(_rendered(knowledge_base, cache, tmp_path / "again")) == ["lv"]
    assert (tmp_path / "again" / "lv" / "index.html").read_bytes() == text
    _assert_same_as_clean_build(knowledge_base, tmp_path / "again", tmp_path / "clean", [])
    # The cache holds the page as built again: the next build restores every language.
    assert _rendered(knowledge_base, cache, tmp_path / "third") == {}


def test_what_the_side_by_side_builds_find_is_reported_once(knowledge_base, tmp_path):
    """Each language's process reads and checks the same content: a problem is shown once,
    at its line, and the build fails without a traceback."""
    broken = knowledge_base / "docs" / "faq" / "broken.md"
    broken.write_text("---\nsummary: [unclosed\n---\n\n# Broken\n", encoding="utf-8")
    try:
        result = kb(knowledge_base, "build", "-d", str(tmp_path / "site"), "--jobs", "3")
    finally:
        broken.unlink()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    found = re.findall(r"docs/faq/broken\.md:\d+: front matter is not valid YAML", result.stderr)
    assert len(found) == 1, result.stderr
    assert result.stderr.count("problem above stop the build") == 1, result.stderr


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_a_number_of_processes_that_is_none_is_a_usage_error(knowledge_base, tmp_path, jobs):
    result = kb(knowledge_base, "build", "-d", str(tmp_path / "site"), "--jobs", jobs)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"'{jobs}' is not a number of processes (write 1 or more)" in result.stderr
    assert not (tmp_path / "site").exists()
