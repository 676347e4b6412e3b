"""Each language built on its own (`kb.py build --lang`) and merged (`kb.py merge`) gives the
same bytes as one full build."""

from __future__ import annotations

from tests.scripts.test_kb import kb
from tests.sites import BASE_DOCS, build, make_project


def _tree(root):
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_language_builds_merge_into_the_full_build(tmp_path):
    project = make_project(tmp_path / "project", dict(BASE_DOCS))
    full = build(project, tmp_path / "full")
    assert full.returncode == 0, full.log
    parts = []
    for lang in ("lv", "en", "sl"):  # any order: merge orders them by language
        part = tmp_path / "parts" / lang
        result = kb(project, "build", "--lang", lang, "-d", str(part))
        assert result.returncode == 0, result.stderr
        parts.append(str(part))
    merged = kb(project, "merge", *parts, "-d", str(tmp_path / "merged"))
    assert merged.returncode == 0, merged.stderr
    expected, got = _tree(full.site), _tree(tmp_path / "merged")
    assert sorted(expected) == sorted(got)
    assert [name for name in expected if expected[name] != got[name]] == []


def test_a_language_build_fails_on_content_problems_like_the_full_build(tmp_path):
    docs = {
        **BASE_DOCS,
        "faq/typo.md": "---\nsumary: x\nsummary: y\ncategory: customer-portal\n---\n\n# Q?\n",
    }
    project = make_project(tmp_path / "project", docs)
    result = kb(project, "build", "--lang", "sl", "-d", str(tmp_path / "sl"))
    assert result.returncode == 1
    assert "docs/faq/typo.md:2: unknown key 'sumary' (did you mean 'summary'?)" in result.stderr


def test_merge_refuses_parts_that_disagree(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for part, text in ((one, "a"), (two, "b")):
        (part / "assets").mkdir(parents=True)
        (part / "assets" / "x.css").write_text(text)
    (two / "sl").mkdir()
    project = make_project(tmp_path / "project", dict(BASE_DOCS))
    result = kb(project, "merge", str(one), str(two), "-d", str(tmp_path / "merged"))
    assert result.returncode == 1
    assert f"assets/x.css: {one} and {two} wrote different files" in result.stderr


def test_unknown_language_is_named(tmp_path):
    project = make_project(tmp_path / "project", dict(BASE_DOCS))
    result = kb(project, "build", "--lang", "de", "-d", str(tmp_path / "de"))
    assert result.returncode == 2
    assert "'de' is not a language this site builds (it builds: en, sl, lv)" in result.stderr
