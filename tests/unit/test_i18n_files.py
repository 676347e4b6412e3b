"""The file list of static-i18n's passes made without pathlib (helpfirst.adapter.i18n_files)
is static-i18n's own, attribute by attribute, for every kind of path."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import mkdocs_static_i18n
import pytest
from mkdocs.structure.files import File, InclusionLevel
from mkdocs_static_i18n import reconfigure, suffix

from helpfirst.adapter import i18n_files

LANGUAGES = ["en", "sl", "lv"]
FOLDERS = ["", "faq/", "a/b/", "x.sl/", "index/", "README/", ".hidden/", "a.b.c/", "sl/", "faq/sl/"]
NAMES = [
    "index", "README", "x", "x.sl", "x.en", "x.lv", "x.fr", "x.pt-BR", "x.pt_BR", "x.sl.sl",
    "a.b", "README.sl", "index.sl", "index.en", "x.", "x..sl", ".x", ".x.sl", "x.zz-Latn",
    "x.SL", "fooREADME", "README.fr", "x.sl.lv", "-", "x.s",
]  # fmt: skip
EXTENSIONS = [".md", ".png", ".html", "", ".sl.png", ".markdown"]
#: Paths MkDocs does not make, but a plugin could: left to static-i18n's own function.
ODD = ["./a.md", "a//b.md", "../x.md", "a/./b.sl.md", "/abs/x.sl.md"]
ATTRIBUTES = [
    "src_uri", "src_path", "dest_uri", "dest_path", "abs_dest_path", "abs_src_path", "name",
    "url", "locale", "locale_alternate_of", "localization", "norm_src_uri", "inclusion",
    "src_dir", "dest_dir", "use_directory_urls",
]  # fmt: skip


def _config(directory_urls: bool) -> SimpleNamespace:
    return SimpleNamespace(
        docs_dir="/project/docs", site_dir="/project/site", use_directory_urls=directory_urls
    )


def _facts(file: File) -> dict:
    facts = {name: getattr(file, name) for name in ATTRIBUTES}
    # Every attribute the file holds, cached ones among them, as static-i18n's would hold it.
    facts.update((name, value) for name, value in vars(file).items() if name != "alternates")
    facts["alternates"] = {lang: id(alt) == id(file) for lang, alt in file.alternates.items()}
    return facts


def _paths() -> list[str]:
    return [
        f"{folder}{name}{extension}"
        for folder, name, extension in itertools.product(FOLDERS, NAMES, EXTENSIONS)
    ] + ODD


def _compare(file: File, lang: str, config) -> File:
    """The new function's file for `file` in the pass of `lang`, checked against static-i18n's."""
    theirs = i18n_files.original("create_i18n_file")(file, lang, "en", LANGUAGES, config)
    ours = i18n_files.create_i18n_file(file, lang, "en", LANGUAGES, config)
    assert _facts(ours) == _facts(theirs), file.src_uri
    assert type(ours) is type(theirs)
    return ours


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_kind_of_path_gets_static_i18ns_own_file(directory_urls):
    config = _config(directory_urls)
    compared = 0
    for path, lang in itertools.product(_paths(), LANGUAGES):
        file = File(path, config.docs_dir, config.site_dir, directory_urls)
        made = _compare(file, lang, config)
        # static-i18n also makes a file again from one it made (a page's fallback alternate).
        for other in LANGUAGES:
            _compare(made, other, config)
        compared += 1
    assert compared == len(_paths()) * len(LANGUAGES)


def test_a_files_inclusion_and_given_address_are_kept():
    config = _config(True)
    file = File("faq/x.sl.md", config.docs_dir, config.site_dir, True, dest_uri="elsewhere/x.html")
    file.inclusion = InclusionLevel.EXCLUDED
    made = _compare(file, "sl", config)
    assert made.inclusion == InclusionLevel.EXCLUDED
    assert made.dest_uri.startswith("sl/")


@pytest.mark.parametrize(
    ("src", "folder"),
    [
        (src, folder)
        for src in [
            "/project/docs/a.md", "/project/docs", "/project/docsx/a.md", "/project", "/",
            "/project/docs/", "//project/docs/a.md", "/project/./docs/a.md", "/project/docs/../a",
            "relative/docs/a.md",
        ]
        for folder in ["/project/docs", "/project/docs/", "/", "//project/docs", "relative/docs", "/project//docs"]
    ],
)  # fmt: skip
def test_lying_in_the_docs_folder_is_static_i18ns_own_answer(src, folder):
    assert i18n_files.is_relative_to(src, folder) == i18n_files.original("is_relative_to")(
        src, folder
    )


def test_a_file_without_a_path_fails_as_static_i18ns_own_check_does():
    with pytest.raises(TypeError):
        i18n_files.original("is_relative_to")(None, "/project/docs")
    with pytest.raises(TypeError):
        i18n_files.is_relative_to(None, "/project/docs")


def test_installed_where_static_i18n_looks_them_up_and_only_for_its_version(monkeypatch):
    try:
        assert i18n_files.install()
        assert suffix.create_i18n_file is i18n_files.create_i18n_file
        assert reconfigure.is_relative_to is i18n_files.is_relative_to
        i18n_files.uninstall()
        assert suffix.create_i18n_file is i18n_files.original("create_i18n_file")
        assert reconfigure.is_relative_to is i18n_files.original("is_relative_to")
        monkeypatch.setattr(mkdocs_static_i18n, "version", "1.4.0")
        assert not i18n_files.install()
        assert suffix.create_i18n_file is i18n_files.original("create_i18n_file")
    finally:
        monkeypatch.undo()
        i18n_files.install()


def test_the_paths_a_docs_folder_holds_never_go_to_pathlib(monkeypatch):
    config = _config(True)
    files = [File(path, config.docs_dir, config.site_dir, True) for path in _paths()]
    ours = []

    def refuse(name):
        raise AssertionError(f"static-i18n's own {name} was asked")

    monkeypatch.setattr(i18n_files, "original", refuse)
    for file in files:
        if file.src_uri.startswith(".") or "/." in file.src_uri or file.src_uri.startswith("/"):
            continue
        for lang in LANGUAGES:
            ours.append(i18n_files.create_i18n_file(file, lang, "en", LANGUAGES, config))
        assert i18n_files.is_relative_to(file.abs_src_path, config.docs_dir)
    assert len(ours) > len(files) * 2


@pytest.mark.parametrize("url", ["", ".", "./", ".//", "./.", "/", "/.", "a", "./a", "..", "a/.."])
def test_an_address_of_the_language_root_is_read_as_pathlib_reads_it(url):
    from pathlib import PurePath

    assert i18n_files._is_dot(url) == (PurePath(url).as_posix() == ".")
