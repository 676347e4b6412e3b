"""The catalog read from a docs folder that holds one of every mistake: each reported once, at
its line, fatal where the site would be wrong, and the rest of the folder still read."""

from __future__ import annotations

from pathlib import Path

from helpfirst.catalog import load_catalog
from helpfirst.sources import SourceFile
from tests.sites import docs_files

CATEGORIES = {"billing": {"en": "Billing", "sl": "Plačila"}, "other": "Other"}


def _faq(title: str, extra: str = "") -> str:
    return f"---\nsummary: s\ncategory: billing\n{extra}---\n\n# {title}\n\nText.\n"


FILES = {
    "a.png": "not Markdown",
    "about.sl.md": "# O nas\n",
    "contact.md": "---\nsumary: x\n---\n# Contact\n",
    "faq/a.md": _faq("Alpha?", "related:\n  - b\n  - a\n  - bb\n"),
    "faq/a.sl.md": "---\nsummary: p\ncategory: other\n---\n\n# Alfa?\n",
    "faq/b.md": _faq("Beta?"),
    "faq/c.de.md": _faq("C?"),
    "faq/d.md": b"---\nsummary: \xff\n---\n",
    "faq/e.md": "---\nsummary: [\n---\n# E\n",
    "faq/n.md": "---\nsummary: s\ncategory: billing\n---\n\nNo heading.\n",
    "faq/z.md": _faq("Aardvark?", 'related: [z]\nsource_hash: "0123abcd"\n'),
    "guides/b.md": "---\nsummary: s\ncategory: billing\n---\n\n# Beta guide\n",
    "templates/t.md": (
        "---\nsummary: s\ncategory: billing\nsubjects:\n  - Hi [nmae]\n---\n\n# T\n\n"
        "```text\nDear [compnay],\n```\n"
    ),
}


def _write(root: Path) -> list[SourceFile]:
    for name, text in FILES.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return docs_files(root / "docs")


def test_every_mistake_is_reported_once_at_its_line(tmp_path):
    catalog = load_catalog(_write(tmp_path), ["en", "sl"], "en", CATEGORIES, tmp_path)
    assert [(str(problem), problem.fatal) for problem in catalog.problems] == [
        (
            "docs/about.sl.md:1: translation without a source (add the en source about.md or rename this file)",
            True,
        ),
        ("docs/contact.md:2: unknown key 'sumary' (did you mean 'summary'?)", False),
        (
            "docs/faq/a.md:6: entry 'a' lists itself in related (remove it: related holds the ids of other entries)",
            False,
        ),
        ("docs/faq/a.md:7: related entry 'bb' does not exist (did you mean 'b'?)", False),
        (
            "docs/faq/a.sl.md:3: 'category' differs from the source docs/faq/a.md (remove 'category' here (it is taken from the source) or make it the same)",
            False,
        ),
        (
            "docs/faq/c.de.md:1: unknown language 'de' in the file name (use one of en, sl, or add the language to mkdocs.yml)",
            False,
        ),
        ("docs/faq/d.md:1: not UTF-8 text (invalid start byte) (save it as UTF-8)", True),
        (
            "docs/faq/e.md:3: front matter is not valid YAML: expected the node content, but found '<stream end>' (check the indentation and quote values that contain ': ' or start with [ or *)",
            True,
        ),
        (
            "docs/faq/n.md:5: no title heading (start the text with a line such as '# How do I reset my password?')",
            False,
        ),
        (
            "docs/faq/z.md:4: entry 'z' lists itself in related (remove it: related holds the ids of other entries)",
            False,
        ),
        (
            "docs/faq/z.md:5: 'source_hash' belongs in translations only (remove it: this file is the source that translations record)",
            False,
        ),
        (
            "docs/guides/b.md:1: duplicate id 'b': docs/faq/b.md uses it too (ids are shared by the whole help centre; rename one of the files)",
            True,
        ),
        ("docs/templates/t.md:5: unknown placeholder [nmae] (did you mean [name]?)", False),
        ("docs/templates/t.md:11: unknown placeholder [compnay] (did you mean [company]?)", False),
    ]
    # What could not be read is no entry; what comes after it still is.
    assert sorted(catalog.entries) == ["a", "b", "n", "t", "z"]
    assert catalog.entries["b"]["en"].kind == "faq"
    assert sorted(catalog.pages) == ["about.md", "contact.md"]


def test_the_catalog_answers_for_each_language(tmp_path):
    catalog = load_catalog(_write(tmp_path), ["en", "sl"], "en", CATEGORIES, tmp_path)
    # By title, or by id for an entry without one.
    assert [entry.id for entry, _ in catalog.listing("en")] == ["z", "a", "b", "n", "t"]
    assert catalog.meta("a", "sl") == {
        "summary": "p",
        "category": "other",
        "related": ["b", "a", "bb"],
    }
    assert catalog.meta("nothing", "en") == {}
    assert catalog.has_page("faq/b.md", "sl") is True
    assert catalog.has_page("faq/nothing.md", "sl") is False
    assert catalog.versions("faq/nothing.md") == {}
    assert catalog.category_label("other", "sl") == "Other"
    assert catalog.category_label("billing", "sl") == "Plačila"
    assert catalog.category_label("billing", "lv") == "Billing"
    assert catalog.category_label("unknown", "sl") == "unknown"


def test_a_draft_that_serve_shows_is_left_out_of_the_other_languages(tmp_path, monkeypatch):
    path = tmp_path / "docs" / "faq" / "draft.md"
    path.parent.mkdir(parents=True)
    path.write_text(_faq("Draft?"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    files = [SourceFile("faq/draft.md", str(path), draft_shown=True)]
    catalog = load_catalog(files, ["en", "sl", "lv"], "en", CATEGORIES)
    assert catalog.left_out == {
        "faq/draft.md": {"sl": "docs/faq/draft.md", "lv": "docs/faq/draft.md"}
    }
    assert catalog.has_page("faq/draft.md", "en") is True
    assert catalog.has_page("faq/draft.md", "sl") is False


MORE = {
    "faq/a.md": _faq("Alpha?", "related:\n  - b\n"),
    "faq/a.sl.md": "---\nsummary: p\nrelated: [s]\n---\n\n# Alfa?\n",
    "faq/b.md": _faq("Beta?", "category: bilings\n").replace("category: billing\n", "", 1),
    "faq/s.lv.md": "---\nsummary: s\n---\n\n# S?\n",
    "faq/s.sl.md": "---\nsummary: s\nsumary: x\n---\n\n# S?\n",
    "faq/v1.2.de.md": _faq("V?"),
    "help.md": '---\ncategory: billing\nsource_hash: "0123abcd"\n---\n\n# Help\n',
    "templates/u.md": "---\nsummary: s\ncategory: billing\nsubjects: Hi [nmae]\n---\n\n# U\n",
}


def test_translations_without_a_source_and_what_differs(tmp_path):
    """Every version of a sourceless entry is reported and checked; a translation's `related`
    must match its source's; a category and a file name's language are checked whatever the
    name holds; subjects that are no list are reported once, as such; a page is checked as a
    page of the default language."""
    for name, text in MORE.items():
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    files = docs_files(tmp_path / "docs")
    catalog = load_catalog(files, ["en", "sl", "lv"], "en", CATEGORIES, tmp_path)
    assert [str(problem) for problem in catalog.problems] == [
        "docs/faq/a.sl.md:3: 'related' differs from the source docs/faq/a.md (remove 'related'"
        " here (it is taken from the source) or make it the same)",
        "docs/faq/b.md:3: unknown category 'bilings' (did you mean 'billing'?)",
        "docs/faq/s.lv.md:1: translation without a source (add the en source faq/s.md or"
        " rename this file)",
        "docs/faq/s.sl.md:1: translation without a source (add the en source faq/s.md or"
        " rename this file)",
        "docs/faq/s.sl.md:3: unknown key 'sumary' (did you mean 'summary'?)",
        "docs/faq/v1.2.de.md:1: unknown language 'de' in the file name (use one of en, sl, lv,"
        " or add the language to mkdocs.yml)",
        "docs/help.md:2: unknown key 'category' (allowed keys: accept, description, hide,"
        " machine_readable, search, source_hash, structured_data, summary, template, title)",
        "docs/help.md:3: 'source_hash' belongs in translations only (remove it: this file is"
        " the source that translations record)",
        "docs/templates/u.md:4: 'subjects' must be a list, for example [one, two], not the"
        " text 'Hi [nmae]' (write 'subjects' as a list, for example [one, two])",
    ]
    # A sourceless version's own front matter, with nothing to inherit.
    assert catalog.meta("s", "sl") == {"summary": "s", "sumary": "x"}
