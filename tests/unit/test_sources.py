"""The site's files as MkDocs lists them: symbolic links refused, pages left out known to the
catalog, links judged against the published files, listing links located at their directive."""

from __future__ import annotations

import os

from helpfirst import links, listings
from helpfirst.catalog import load_catalog
from helpfirst.sources import SiteFiles, SourceFile, real_files, site_files

CATEGORIES = {"billing": {"en": "Billing", "sl": "Plačila"}}


def _write(root, files: dict[str, str]) -> list[SourceFile]:
    """Write `files` below root/docs; each published unless its name is in LEFT_OUT."""
    found = []
    for name, text in files.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        found.append(SourceFile(name, str(path)))
    return found


def _entry(title: str, extra: str = "") -> str:
    return f"---\nsummary: x\ncategory: billing\n{extra}---\n\n# {title}\n\nText.\n"


def test_real_files_refuses_links_to_files_and_folders_once_each(tmp_path):
    files = _write(tmp_path, {"index.md": "# Home\n"})
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.txt").write_text("x", encoding="utf-8")
    os.symlink(outside / "secret.txt", tmp_path / "docs/secret.txt")
    os.symlink(outside / "folder", tmp_path / "docs/shared")
    docs = tmp_path / "docs"
    files += [
        SourceFile("secret.txt", str(docs / "secret.txt")),
        SourceFile("shared/a.md", str(docs / "shared/a.md")),
        SourceFile("shared/b.png", str(docs / "shared/b.png")),
        # Left out by exclude_docs: never published, so never judged.
        SourceFile("shared/c.md", str(docs / "shared/c.md"), published=False),
        # A theme file outside the docs folder is no concern of the docs.
        SourceFile("assets/x.css", str(outside / "secret.txt")),
    ]
    kept, problems = real_files(files, str(docs), str(tmp_path))
    assert [file.src_uri for file in kept] == ["index.md", "shared/c.md", "assets/x.css"]
    assert [str(problem) for problem in problems] == [
        f"docs/secret.txt: a symbolic link (to {outside}/secret.txt); docs/ may hold only real files (copy the file in instead)",
        f"docs/shared: a symbolic link (to {outside}/folder/); docs/ may hold only real files (copy the folder in instead)",
    ]
    assert all(problem.fatal for problem in problems)


def test_left_out_files_are_no_entries_and_related_ids_naming_them_are_skipped(tmp_path):
    files = _write(
        tmp_path,
        {
            "faq/kept.md": _entry("Kept?", "related: [gone, missing]\n"),
            "faq/kept.sl.md": "---\nsummary: y\n---\n\n# Ohranjen?\n",
            "faq/half.md": _entry("Half?"),
            "faq/half.sl.md": "---\nsummary: y\n---\n\n# Pol?\n",
            "faq/gone.md": _entry("Gone?"),
        },
    )
    left_out = {"faq/gone.md", "faq/half.sl.md"}
    files = [SourceFile(f.src_uri, f.abs_path, f.src_uri not in left_out) for f in files]
    catalog = load_catalog(files, ["en", "sl"], "en", CATEGORIES, tmp_path)
    assert sorted(catalog.entries) == ["half", "kept"]
    assert catalog.is_left_out("gone") and not catalog.is_left_out("missing")
    # Only the id of no entry at all is a problem.
    assert [str(p) for p in catalog.problems] == [
        "docs/faq/kept.md:4: related entry 'missing' does not exist (use the file name of an entry, without .md)"
    ]
    # Slovenian has no page for `half`: its own version is left out, and static-i18n does
    # not show the English one instead.
    assert catalog.entry("half", "sl") == (None, False)
    assert catalog.entry("half", "en")[0].title == "Half?"
    assert not catalog.has_page("faq/half.md", "sl") and catalog.has_page("faq/kept.md", "sl")
    assert [entry.id for entry, _ in catalog.listing("sl")] == ["kept"]


def test_a_translation_of_a_left_out_source_stops_the_build(tmp_path):
    files = _write(
        tmp_path,
        {"faq/gone.md": _entry("Gone?"), "faq/gone.sl.md": "---\nsummary: y\n---\n\n# N?\n"},
    )
    files = [SourceFile(f.src_uri, f.abs_path, f.src_uri != "faq/gone.md") for f in files]
    catalog = load_catalog(files, ["en", "sl"], "en", CATEGORIES, tmp_path)
    assert [str(p) for p in catalog.problems] == [
        "docs/faq/gone.sl.md:1: translation of docs/faq/gone.md, which exclude_docs or draft_docs leave out of the site (leave this file out too (a pattern such as faq/x.*.md), or publish the source)"
    ]
    assert catalog.is_fatal()


def test_links_are_judged_against_the_published_files():
    files = site_files(
        [
            SourceFile("faq/a.md", "a"),
            SourceFile("faq/gone.md", "g", published=False),
            SourceFile("images/logo.png", "l"),
        ],
        generated=["faq/page/2.md"],
    )

    def judge(target: str, directive: str = "") -> str | None:
        problem = links.judge("docs/faq/b.md", "faq/b.md", 3, target, files, {}, directive)
        return str(problem) if problem else None

    assert judge("a.md") is None
    assert judge("page/2.md") is None  # a generated listing page exists like any page
    assert judge("../images/logo.png") is None
    assert judge("gone.md") == (
        "docs/faq/b.md:3: link to 'gone.md', which exclude_docs or draft_docs leave out of the"
        " site (remove the link until that page is published)"
    )
    assert judge("nothing.md") == (
        "docs/faq/b.md:3: link to 'nothing.md', which does not exist"
        " (check the file name and folder, relative to this file)"
    )
    assert judge("../images") == (
        "docs/faq/b.md:3: link to '../images', which is not a file of the help centre"
        " (link to the Markdown file, such as ../images/index.md)"
    )
    assert judge("nothing.md", "home") == (
        "docs/faq/b.md:3: <!-- kb:home --> makes a link to 'nothing.md', which does not exist"
        " (add the page or heading the listing links to, or take the directive out of this page)"
    )
    assert SiteFiles().is_folder("faq") is False


def test_listing_links_are_located_at_their_directive(tmp_path):
    files = _write(
        tmp_path,
        {
            "index.md": "# Home\n\n<!-- kb:featured -->\n\nText.\n\n<!-- kb:unknown -->\n<!-- kb:categories -->\n",
            "faq/index.md": "# FAQ\n\n<!-- kb:faq-index -->\n",
            "faq/one.md": _entry("One?"),
        },
    )
    catalog = load_catalog(files, ["en"], "en", CATEGORIES, tmp_path)
    home = catalog.pages["index.md"]["en"]
    found = listings.directive_links(home.body, home.body_line, "index.md", "en", catalog, ["one"])
    assert found == [(3, "faq/one.md", "featured"), (8, "faq/index.md#billing", "categories")]


def test_a_draft_that_serve_shows_is_on_the_default_languages_site_only(tmp_path):
    files = _write(
        tmp_path,
        {
            "faq/draft.md": _entry("Draft?"),
            "faq/both.md": _entry("Both?"),
            "faq/both.sl.md": "---\nsummary: y\n---\n\n# Oba?\n",
        },
    )
    drafts = {"faq/draft.md", "faq/both.sl.md"}
    files = [SourceFile(f.src_uri, f.abs_path, draft_shown=f.src_uri in drafts) for f in files]
    catalog = load_catalog(files, ["en", "sl"], "en", CATEGORIES, tmp_path)
    assert catalog.problems == []
    assert catalog.entry("draft", "en")[0].title == "Draft?"
    assert catalog.entry("draft", "sl") == (None, False)
    # A Slovenian draft is not built at all, so Slovenian has no `both` page either.
    assert catalog.entry("both", "sl") == (None, False)
    assert [entry.id for entry, _ in catalog.listing("en")] == ["both", "draft"]
    assert catalog.listing("sl") == []
