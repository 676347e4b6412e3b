"""The build cache's key: it changes with everything a language's build is made from, and
only with that; a cached build is restored as it was stored."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

import helpfirst
from helpfirst import build_cache

LANGUAGES = ["en", "sl", "lv"]


class _Config(dict):
    """The part of MkDocs' config the key reads."""

    def __init__(self, root: Path, **values):
        super().__init__({"site_url": "https://help.example.com/", "extra": {"kb": {}}, **values})
        self.config_file_path = str(root / "mkdocs.yml")
        self.docs_dir = str(root / "docs")
        self.theme = SimpleNamespace(custom_dir=str(root / "overrides"))


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder, and a copy of the package's code that the key reads as its own."""
    files = {
        "mkdocs.yml": "site_name: Help\n",
        "overrides/main.html": "{% extends 'base.html' %}\n",
        "docs/faq/a.md": "# A\n",
        "docs/faq/a.sl.md": "# A sl\n",
        "docs/faq/a.lv.md": "# A lv\n",
        "docs/images/x.png": "png",
        "code/helpfirst/__init__.py": "",
        "code/helpfirst/strings/sl.json": '{"home": "Domov"}',
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(helpfirst, "__file__", str(tmp_path / "code/helpfirst/__init__.py"))
    return tmp_path


def _keys(root: Path, **values) -> dict[str, str]:
    inputs = build_cache.project_inputs(_Config(root, **values), LANGUAGES, "en")
    return {lang: build_cache.language_key(inputs, lang, LANGUAGES, "en") for lang in LANGUAGES}


def test_file_language_reads_the_suffix():
    assert build_cache.file_language("faq/x.sl.md", LANGUAGES) == "sl"
    assert build_cache.file_language("faq/x.en.md", LANGUAGES) == "en"
    assert build_cache.file_language("faq/x.md", LANGUAGES) is None
    assert build_cache.file_language("images/a.lv.png", LANGUAGES) == "lv"
    assert build_cache.file_language("images/a.png", LANGUAGES) is None
    assert build_cache.file_language("faq/slides.md", LANGUAGES) is None


def test_the_key_is_the_same_for_the_same_inputs(project):
    assert _keys(project) == _keys(project)
    assert len(set(_keys(project).values())) == 3


@pytest.mark.parametrize(
    "changed",
    [
        "mkdocs.yml",
        "overrides/main.html",
        "docs/faq/a.md",
        "docs/images/x.png",
        "code/helpfirst/__init__.py",
        "code/helpfirst/strings/sl.json",
    ],
)
def test_every_language_is_rebuilt_when_what_all_of_them_show_changes(project, changed):
    before = _keys(project)
    path = project / changed
    path.write_bytes(path.read_bytes() + b"\n")
    after = _keys(project)
    assert [lang for lang in LANGUAGES if before[lang] == after[lang]] == []


def test_a_translation_changes_its_own_language_and_the_default_one(project):
    # The default language's build writes /widget.js, which names every language's widget
    # settings by their hash; the third language is left alone.
    before = _keys(project)
    (project / "docs/faq/a.sl.md").write_text("# A sl, edited\n", encoding="utf-8")
    after = _keys(project)
    assert [lang for lang in LANGUAGES if before[lang] != after[lang]] == ["en", "sl"]


SETTINGS = {"en": '{"lang":"en"}', "sl": '{"lang":"sl"}', "lv": '{"lang":"lv"}'}


def _settings_key(root: Path, settings: dict[str, str] = SETTINGS) -> str:
    inputs = build_cache.project_inputs(_Config(root), LANGUAGES, "en")
    return build_cache.settings_key(inputs, LANGUAGES, "en", settings)


def test_the_default_languages_second_key_holds_the_settings_not_the_translations(project):
    """What the default language's build takes from a translation is its widget settings."""
    before = _settings_key(project)
    assert before == _settings_key(project)
    assert before not in _keys(project).values()
    (project / "docs/faq/a.sl.md").write_text("# A sl, edited\n", encoding="utf-8")
    assert _settings_key(project) == before
    assert _settings_key(project, {**SETTINGS, "sl": '{"lang":"sl","title":"A"}'}) != before
    assert _settings_key(project, {"en": SETTINGS["en"], "sl": SETTINGS["sl"]}) != before


@pytest.mark.parametrize("changed", ["docs/faq/a.md", "docs/images/x.png", "mkdocs.yml"])
def test_the_second_key_holds_the_default_languages_own_inputs(project, changed):
    before = _settings_key(project)
    (project / changed).write_text("changed\n", encoding="utf-8")
    assert _settings_key(project) != before


def test_the_second_key_holds_every_path(project):
    before = _settings_key(project)
    (project / "docs/faq/b.lv.md").write_text("# B lv\n", encoding="utf-8")
    assert _settings_key(project) != before


def test_a_new_or_removed_file_changes_every_language(project):
    before = _keys(project)
    (project / "docs/faq/b.lv.md").write_text("# B lv\n", encoding="utf-8")
    added = _keys(project)
    assert [lang for lang in LANGUAGES if before[lang] == added[lang]] == []
    (project / "docs/faq/a.lv.md").unlink()
    removed = _keys(project)
    assert [lang for lang in LANGUAGES if added[lang] == removed[lang]] == []


def test_configuration_values_count_as_read(project):
    """`!ENV` tags make values the file does not hold."""
    before = _keys(project)
    after = _keys(project, site_url="https://elsewhere.example.com/")
    assert [lang for lang in LANGUAGES if before[lang] == after[lang]] == []


@pytest.mark.parametrize(
    "inherit", ["INHERIT: base.yml", "INHERIT: 'base.yml'", "INHERIT: base.yml  # shared settings"]
)
def test_an_inherited_configuration_counts(project, inherit):
    (project / "base.yml").write_text("site_url: https://a.example.com/\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(f"{inherit}\nsite_name: Help\n", encoding="utf-8")
    before = _keys(project)
    (project / "base.yml").write_text("site_url: https://b.example.com/\n", encoding="utf-8")
    assert _keys(project)["en"] != before["en"]


def test_the_installed_packages_and_the_date_source_count(project, monkeypatch):
    before = _keys(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert _keys(project)["en"] != before["en"]
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    monkeypatch.setattr(build_cache, "_environment", lambda: "3.11.7\nmkdocs==1.6.2")
    assert _keys(project)["en"] != before["en"]


def test_a_build_is_restored_only_under_its_key(tmp_path):
    site = tmp_path / "site"
    (site / "sl").mkdir(parents=True)
    (site / "sl" / "index.html").write_bytes(b"<p>sl</p>")
    cache = tmp_path / "cache"
    build_cache.store(cache, "sl", "k1", site)
    target = tmp_path / "out"
    assert not build_cache.restore(cache, "sl", "k2", target)
    assert not target.exists()
    assert not build_cache.restore(cache, "en", "k1", target)
    assert build_cache.restore(cache, "sl", "k1", target)
    assert (target / "sl" / "index.html").read_bytes() == b"<p>sl</p>"


def _one_page_site(tmp_path: Path) -> Path:
    """A built site of one page, `index.html`."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_bytes(b"<p>en</p>")
    return site


def test_a_build_kept_under_two_keys_is_restored_under_either(tmp_path):
    site = _one_page_site(tmp_path)
    cache = tmp_path / "cache"
    build_cache.store(cache, "en", build_cache.keys("k1", "k2"), site)
    assert not build_cache.restore(cache, "en", "k", tmp_path / "none")
    assert not build_cache.restore(cache, "en", build_cache.keys("k1", "k2")[:-1], tmp_path / "x")
    assert build_cache.restore(cache, "en", "k2", tmp_path / "second")
    assert build_cache.restore(cache, "en", "k1", tmp_path / "first")
    assert (tmp_path / "first" / "index.html").read_bytes() == b"<p>en</p>"
    build_cache.store(cache, "en", "k3", site)
    assert not build_cache.restore(cache, "en", "k2", tmp_path / "old")


def test_a_kept_build_is_given_new_keys(tmp_path):
    site = _one_page_site(tmp_path)
    cache = tmp_path / "cache"
    build_cache.store(cache, "en", build_cache.keys("k1", "k2"), site)
    build_cache.rekey(cache, "en", build_cache.keys("k3", "k2"))
    assert not build_cache.restore(cache, "en", "k1", tmp_path / "old")
    assert build_cache.restore(cache, "en", "k3", tmp_path / "new")
    assert build_cache.restore(cache, "en", "k2", tmp_path / "second")
    assert [path.name for path in (cache / "en").iterdir() if path.name.startswith(".")] == []
    build_cache.rekey(tmp_path / "none", "en", "k4")  # a cache that is not there: no key
    assert not (tmp_path / "none").exists()


def test_a_cache_without_its_key_is_never_a_hit(tmp_path):
    """A job stopped while storing leaves the tree without the key, which is written last."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_bytes(b"x")
    cache = tmp_path / "cache"
    build_cache.store(cache, "en", "k1", site)
    (cache / "en" / "key").unlink()
    assert not build_cache.restore(cache, "en", "k1", tmp_path / "out")


@pytest.mark.parametrize("damage", ["binary key", "no tree"])
def test_a_damaged_cache_is_never_a_hit(tmp_path, damage):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_bytes(b"x")
    cache = tmp_path / "cache"
    build_cache.store(cache, "en", "k1", site)
    if damage == "binary key":
        (cache / "en" / "key").write_bytes(b"\xff\xfe\x00k1")
    else:
        (cache / "en" / "key").write_text("k1", encoding="ascii")
        shutil.rmtree(cache / "en" / "site")
    assert not build_cache.restore(cache, "en", "k1", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_cache_that_cannot_be_written_is_named_with_the_fix(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_bytes(b"x")
    cache = tmp_path / "a-file"
    cache.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        build_cache.store(cache, "en", "k1", site)
    assert str(caught.value).startswith(f"{cache}: cannot keep the build there (")
    assert "name a folder you can write, or leave out --cache" in str(caught.value)


def test_a_package_found_twice_on_the_path_is_one_input(monkeypatch):
    """A package installed in place is found twice where its folder is on the path too (the
    tests' process): the key is the one a build in another process computes."""
    import importlib.metadata

    found = list(importlib.metadata.distributions())
    once = build_cache._environment()
    monkeypatch.setattr(importlib.metadata, "distributions", lambda: found + found[:1])
    assert build_cache._environment() == once
