"""`kb.py build --cache DIR` gives, after any sequence of edits, the bytes of a clean
`mkdocs build`, and builds again only the languages an edit reaches.

A small generated knowledge base (scripts/bench/gen_kb.py) is edited at random: a body in the
default language and in another, a title in any language, an entry added, a translation
removed, an unlinked entry renamed or removed, in a random order. After each edit the cached
build and a clean build are compared file by file.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.scripts.test_kb import kb
from tests.sites import build

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
        if kind == "body":
            path = source
            text = path.read_text(encoding="utf-8").rstrip("\n")
            path.write_text(f"{text}\n\nEdited in round {mark}.\n", encoding="utf-8")
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
    project = tmp_path_factory.mktemp("cache") / "kb"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench" / "gen_kb.py"), "8", str(project)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return project


def _cached_build(project: Path, cache: Path, site: Path) -> list[str]:
    """Build with the cache; the languages it built again (not reused)."""
    result = kb(project, "build", "-d", str(site), "--cache", str(cache))
    assert result.returncode == 0, result.stderr
    return re.findall(r"build: (\w+): built", result.stderr)


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
    # Latvian, and English, whose /widget.js names every language's settings by their hash.
    assert _cached_build(knowledge_base, cache, site) == ["en", "lv"]
    edits = [f"body {path.name}"]
    _assert_same_as_clean_build(knowledge_base, site, tmp_path / "clean", edits)
    # Every kind of edit once, one a round, in a random order.
    kinds = ["body", "title", "add", "remove translation", editor.rng.choice(["rename", "remove"])]
    editor.rng.shuffle(kinds)
    for round_, kind in enumerate(kinds):
        edits.append(editor.edit(kind))
        _cached_build(knowledge_base, cache, site)
        _assert_same_as_clean_build(knowledge_base, site, tmp_path / f"clean-{round_}", edits)
