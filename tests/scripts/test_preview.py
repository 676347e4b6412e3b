"""`kb serve`: after any sequence of saves the served site is a clean build byte for byte; a
save rebuilds only the languages it reaches; a broken save shows its problem on the page and
the next good save clears it.

The preview is driven in the test's process, as the server's watcher drives it: look at the
sources, pick the languages, rebuild. Pages are fetched from the real server over HTTP.
"""

from __future__ import annotations

import random
import re
import shutil
import socket
import threading
import urllib.error
import urllib.request

import pytest

from helpfirst import preview
from tests.scripts.test_build_cache import (
    LANGUAGES,
    _assert_same_as_clean_build,
    _Editor,
    _rendered,
    _tree,
)
from tests.scripts.test_build_cache import knowledge_base as knowledge_base  # noqa: F401

pytestmark = pytest.mark.build


def _save_and_rebuild(site: preview.Preview) -> tuple[list[str], list[str]]:
    """What the watcher does after a save (the page shown at once where it can be, then the
    rebuild): the languages rebuilt and the problems."""
    changed = site.changes()
    languages = preview.languages_to_rebuild(
        changed, site.docs_dir, site.languages, site.default_lang
    )
    return languages, site.after_save(changed)


@pytest.fixture
def reports() -> list[str]:
    """The lines the preview reports in the terminal, in order."""
    return []


@pytest.fixture
def served(knowledge_base, tmp_path, reports):  # noqa: F811
    site = preview.Preview(knowledge_base / "mkdocs.yml", tmp_path / "work", report=reports.append)
    assert site.build() == []
    server = preview.make_server(site, 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def _counts(reports: list[str]) -> dict[str, tuple[int, int]]:
    """What the last rebuild reported each language rendered and reused."""
    line = [line for line in reports if line.startswith("rebuilt ")][-1]
    found = re.findall(r"(\w+) \((\d+) pages rendered, (\d+) reused\)", line)
    assert found, line
    return {lang: (int(rendered), int(reused)) for lang, rendered, reused in found}


def test_saves_rebuild_what_they_reach_and_serve_the_clean_build(served, reports, tmp_path):
    site, base = served
    docs = site.docs_dir
    editor = _Editor(docs, random.Random(3))
    path = editor.entries()[0]
    path = path.with_name(f"{path.stem}.sl.md")
    path.write_text(path.read_text(encoding="utf-8") + "\nUrejeno v slovenščini.\n", "utf-8")
    assert _save_and_rebuild(site) == (["en", "sl"], [])
    # A translation's body is shown by its own page alone.
    pages = sum(_counts(reports)["sl"])
    assert _counts(reports) == {"en": (0, pages), "sl": (1, pages - 1)}
    edits = [f"body {path.name}"]
    kinds = ["body", "title", "add", "remove translation", "rename"]
    editor.rng.shuffle(kinds)
    for kind in kinds:
        edits.append(editor.edit(kind))
        languages, problems = _save_and_rebuild(site)
        assert problems == [], edits
        assert languages, edits
        counts = _counts(reports)
        assert list(counts) == languages, edits
        if kind == "body":
            # An English body: its page in every language (a translation's stale notice
            # reads it), and nothing else.
            assert counts == {lang: (1, pages - 1) for lang in languages}, edits
        elif kind == "title":
            # Listings, navigation and neighbours show it: every page.
            assert all(reused == 0 for _rendered, reused in counts.values()), edits
            assert {sum(count) for count in counts.values()} == {pages}, edits
        pages = sum(counts[languages[0]])
    _assert_same_as_clean_build(docs.parent, site.site, tmp_path / "clean", edits)
    # What is served is the built file with the reload script alone added.
    page = f"{LANGUAGES[1]}/{path.parent.name}/{path.name.split('.')[0]}/"
    served_page = _get(base + page)
    built = (site.site / page / "index.html").read_bytes()
    script = preview.decorate(b"", site.state.generation, [])
    assert served_page == built.replace(b"</body>", script + b"</body>", 1)
    assert script not in b"".join(_tree(site.site).values())


def test_a_broken_save_shows_on_the_page_and_the_next_good_save_clears_it(
    served, reports, monkeypatch
):
    site, base = served
    path = _Editor(site.docs_dir, random.Random(1)).entries()[1]
    page = f"{path.parent.name}/{path.stem}/"
    good = path.read_text(encoding="utf-8")
    before, last_good = site.state.generation, _get(base + page)
    watch = _RebuildWatch(site, monkeypatch, base, [page])
    path.write_text(good.replace("---\n", "---\ntitle: [broken\n", 1), encoding="utf-8")
    languages, problems = _save_and_rebuild(site)
    assert languages == list(LANGUAGES)
    # The page is not shown on its own: the rebuild starts with the last good page served.
    assert watch.generation == before and watch.seen[page] == last_good
    assert [line for line in reports if " shown in " in line] == []
    where = f"docs/{path.parent.name}/{path.name}:3: front matter is not valid YAML"
    assert [problem for problem in problems if problem.startswith(where)], problems
    assert len(problems) == len(set(problems))
    shown = _get(base + page).decode("utf-8")
    assert 'id="kb-serve-problems"' in shown and where in shown
    # An address with no page built shows the problems too.
    with pytest.raises(urllib.error.HTTPError) as missing:
        _get(base + "no/such/page/")
    assert missing.value.code == 404
    assert where in missing.value.read().decode("utf-8")
    # The last good pages are still served.
    assert "title: [broken" not in shown
    path.write_text(good + "\nFixed again.\n", encoding="utf-8")
    assert _save_and_rebuild(site) == (list(LANGUAGES), [])
    shown = _get(base + page).decode("utf-8")
    assert "kb-serve-problems" not in shown and "Fixed again." in shown


class _RebuildWatch:
    """Fetches pages over HTTP at the moment the rebuild after a save starts: what a reader
    sees before it."""

    def __init__(self, site: preview.Preview, monkeypatch, base: str, pages: list[str]):
        self.site, self.base, self.pages = site, base, pages
        self.seen: dict[str, bytes] = {}
        self.generation = None
        monkeypatch.setattr(site, "build", self.build)

    def build(self, languages=None):
        self.generation = self.site.state.generation
        for page in self.pages:
            self.seen[page] = _get(self.base + page)
        return preview.Preview.build(self.site, languages)


def _entry_page(path, lang: str = "en") -> str:
    root = "" if lang == "en" else f"{lang}/"
    return f"{root}{path.parent.name}/{path.name.split('.')[0]}/"


def _edited(text: str, marker: str, kind: str) -> str:
    """A page's text with `marker` added to its body or to its title."""
    if kind == "body":
        return text.rstrip("\n") + f"\n\n{marker}\n"
    return re.sub(r"^# (.*)$", rf"# \1 {marker}", text, count=1, flags=re.M)


def test_saved_pages_show_before_the_rebuild_which_then_gives_the_clean_build(
    served, reports, monkeypatch, tmp_path
):
    site, base = served
    path = _Editor(site.docs_dir, random.Random(4)).entries()[3]
    page, listing = _entry_page(path), f"{path.parent.name}/"
    answer = f"answers/{path.stem}.json"
    name = f"{path.parent.name}/{path.name}"
    for kind, marker in (("body", "Shown before the rebuild, round bee."), ("title", "at once")):
        reports.clear()
        watch = _RebuildWatch(site, monkeypatch, base, [page, listing, answer])
        before = site.state.generation
        path.write_text(_edited(path.read_text(encoding="utf-8"), marker, kind), "utf-8")
        assert _save_and_rebuild(site) == (list(LANGUAGES), [])
        # Before the rebuild: the page shows the save (and open pages were told to reload);
        # the section's listing and the widget's answer are still the last build's.
        assert watch.generation == before + 1, kind
        assert marker in watch.seen[page].decode("utf-8")
        assert marker not in watch.seen[listing].decode("utf-8")
        assert marker not in watch.seen[answer].decode("utf-8")
        assert [line.split(" shown in ")[0] for line in reports] == [f"page {name}", reports[1]]
        assert reports[0].endswith("s (en); rebuilding en, sl, lv")
        assert reports[1].startswith("rebuilt en (")
        assert re.fullmatch(
            r"rebuilt en \(\d+ pages rendered, \d+ reused\), sl \(.*\), lv \(.*\) in "
            r"\d+\.\d\d s: ok",
            reports[1],
        )
        # After it: everything shows it.
        assert site.state.generation == before + 2
        assert marker in (site.site / answer).read_text(encoding="utf-8")
        if kind == "body":
            # A changed body changes nothing else of its page: the page shown at once is the
            # page the rebuild makes.
            script = preview.decorate(b"", before + 1, [])
            rebuilt = (site.site / page / "index.html").read_bytes()
            assert watch.seen[page] == rebuilt.replace(b"</body>", script + b"</body>", 1)
        else:
            assert marker in (site.site / listing / "index.html").read_text(encoding="utf-8")
    _assert_same_as_clean_build(site.docs_dir.parent, site.site, tmp_path / "clean", [name])


def test_a_saved_page_shows_at_once_in_every_language_that_shows_it(served, reports, monkeypatch):
    site, base = served
    entries = _Editor(site.docs_dir, random.Random(6)).entries()
    path = [entry for entry in entries if entry.with_name(f"{entry.stem}.lv.md").exists()][-1]
    # Latvian shows the English page once its translation is gone.
    path.with_name(f"{path.stem}.lv.md").unlink()
    assert _save_and_rebuild(site) == (list(LANGUAGES), [])
    assert not any(" shown in " in line for line in reports)
    pages = [_entry_page(path, lang) for lang in LANGUAGES]
    watch = _RebuildWatch(site, monkeypatch, base, pages)
    marker = "Shown in every language that shows it, round dee."
    path.write_text(path.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
    assert _save_and_rebuild(site) == (list(LANGUAGES), [])
    en, sl, lv = (watch.seen[page].decode("utf-8") for page in pages)
    assert marker in en and marker in lv and marker not in sl
    assert 'lang="lv"' in lv
    assert reports[-2].endswith("s (en, lv); rebuilding en, sl, lv")
    # A translation shows in its own language.
    path = path.with_name(f"{path.stem}.sl.md")
    watch = _RebuildWatch(site, monkeypatch, base, [_entry_page(path, "sl")])
    marker = "Prikazano takoj, krog ena."
    path.write_text(path.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
    assert _save_and_rebuild(site) == (["en", "sl"], [])
    assert marker in watch.seen[_entry_page(path, "sl")].decode("utf-8")
    assert reports[-2].endswith("s (sl); rebuilding en, sl")


def test_a_page_whose_events_warn_is_shown_by_the_rebuild_with_its_problem(
    served, reports, monkeypatch
):
    site, base = served
    path = _Editor(site.docs_dir, random.Random(8)).entries()[0]
    page, good = _entry_page(path), path.read_text(encoding="utf-8")
    before, last_good = site.state.generation, _get(base + page)
    watch = _RebuildWatch(site, monkeypatch, base, [page])
    # The HTML policy takes the script out and warns, which fails the strict build.
    path.write_text(good + "\n<script>alert(1)</script>\n", encoding="utf-8")
    try:
        languages, problems = _save_and_rebuild(site)
    finally:
        path.write_text(good, encoding="utf-8")
    assert watch.generation == before and watch.seen[page] == last_good
    assert [line for line in reports if " shown in " in line] == []
    assert any("<script>" in problem for problem in problems), problems
    assert 'id="kb-serve-problems"' in _get(base + page).decode("utf-8")
    assert _save_and_rebuild(site) == (list(LANGUAGES), [])


def test_open_pages_hear_of_every_rebuild(served):
    site, base = served
    generation = site.state.generation
    with urllib.request.urlopen(base + preview.EVENTS_PATH.lstrip("/"), timeout=30) as events:
        assert events.headers["Content-Type"] == "text/event-stream"
        assert events.readline() == b"retry: 250\n"
        events.readline()
        assert events.readline() == f"data: {generation}\n".encode()
        events.readline()
        site.build(["lv"])
        assert events.readline() == f"data: {generation + 1}\n".encode()


def test_the_banner_escapes_the_problem_text():
    page = preview.decorate(b"<html><body><p>x</p></body></html>", 7, ["a.md:1: <script>"])
    assert b"&lt;script&gt;" in page and b"<script>(function(){var g=7;" in page
    assert page.endswith(b"</script></body></html>")


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        # A translation: its language, and the default one (its /widget.js names every
        # language's widget settings by their hash).
        (["docs/faq/a.sl.md"], ["en", "sl"]),
        (["docs/faq/a.sl.md", "docs/faq/b.lv.md"], ["en", "sl", "lv"]),
        ({"docs/faq/a.sl.md": "added"}, ["en", "sl", "lv"]),
        ({"docs/faq/a.sl.md": "removed"}, ["en", "sl", "lv"]),
        (["docs/faq/a.md"], ["en", "sl", "lv"]),
        (["docs/images/a.png"], ["en", "sl", "lv"]),
        (["mkdocs.yml"], ["en", "sl", "lv"]),
        (["overrides/main.html", "docs/faq/a.sl.md"], ["en", "sl", "lv"]),
    ],
)
def test_a_save_rebuilds_the_languages_it_reaches(tmp_path, changed, expected):
    docs = tmp_path / "docs"
    if isinstance(changed, list):
        changed = dict.fromkeys(changed, "changed")
    paths = {str(tmp_path / name): how for name, how in changed.items()}
    assert preview.languages_to_rebuild(paths, docs, ["en", "sl", "lv"], "en") == expected


@pytest.mark.parametrize(
    ("changed", "shown"),
    [
        (["docs/faq/a.md"], ["docs/faq/a.md"]),
        (["docs/faq/b.sl.md", "docs/index.md"], ["docs/faq/b.sl.md", "docs/index.md"]),
        # Anything else changes other pages too: the rebuild comes first.
        ({"docs/faq/a.md": "added"}, []),
        ({"docs/faq/a.md": "removed"}, []),
        (["docs/faq/a.md", "docs/images/a.png"], []),
        (["docs/faq/a.md", "mkdocs.yml"], []),
        (["overrides/main.md"], []),
        (["docs/faq/a.md", "glossary/sl.md"], []),
    ],
)
def test_only_a_save_of_existing_pages_alone_is_shown_before_the_rebuild(tmp_path, changed, shown):
    from helpfirst import page_renders

    if isinstance(changed, list):
        changed = dict.fromkeys(changed, "changed")
    paths = {str(tmp_path / name): how for name, how in changed.items()}
    expected = sorted(str((tmp_path / name).resolve()) for name in shown)
    assert page_renders.changed_pages(paths, tmp_path / "docs") == expected


@pytest.mark.browser
def test_an_open_page_reloads_itself_with_the_saved_page_and_after_the_rebuild(
    served, page, monkeypatch
):
    site, base = served
    path = _Editor(site.docs_dir, random.Random(2)).entries()[2]
    path = path.with_name(f"{path.stem}.lv.md")
    page.goto(f"{base}lv/{path.parent.name}/{path.name.split('.')[0]}/")
    page.evaluate("window.kbKept = true")
    # The page has its event stream open once the server has sent it the generation.
    page.wait_for_function("performance.getEntriesByType('resource').length > 0")
    page.wait_for_timeout(500)
    before_rebuild = []

    def build(languages=None):
        # The browser has reloaded the page shown on its own before anything is rebuilt.
        page.wait_for_function("window.kbKept === undefined", timeout=10_000)
        before_rebuild.append(page.inner_text("article"))
        page.evaluate("window.kbKept = true")
        return preview.Preview.build(site, languages)

    monkeypatch.setattr(site, "build", build)
    path.write_text(path.read_text(encoding="utf-8") + "\nLabots latviski.\n", "utf-8")
    assert _save_and_rebuild(site) == (["en", "lv"], [])
    assert "Labots latviski." in before_rebuild[0]
    # And once more after the rebuild.
    page.wait_for_function("window.kbKept === undefined", timeout=10_000)
    assert "Labots latviski." in page.inner_text("article")


def test_a_busy_port_is_told_before_anything_is_built(knowledge_base, capsys):  # noqa: F811
    from helpfirst import cli

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status = cli.main(["serve", "-f", str(knowledge_base / "mkdocs.yml"), "-p", str(port)])
    err = capsys.readouterr().err
    assert status == 2
    assert f"cannot serve on 127.0.0.1:{port}: " in err
    assert "(stop what uses it, or name another port with --port)" in err
    assert "serve: built" not in err
    assert "Traceback" not in err


@pytest.mark.parametrize("port", ["70000", "-1", "http"])
def test_a_port_that_is_no_port_is_told_as_a_usage_error(port, capsys):
    from helpfirst import cli

    with pytest.raises(SystemExit) as stopped:
        cli.main(["serve", "-p", port])
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert f"argument -p/--port: '{port}' is not a port (write a number up to 65535)" in err


def test_a_page_the_last_rebuild_reused_shows_at_once_and_then_as_the_clean_build(
    served, reports, monkeypatch, tmp_path
):
    """A rebuild reuses the unchanged pages from the cache: their MkDocs objects were never
    read or rendered, yet a save of one shows it at once, as the rebuild then makes it."""
    site, base = served
    entries = _Editor(site.docs_dir, random.Random(5)).entries()
    first, body, title = entries[0], entries[1], entries[2]
    first.write_text(_edited(first.read_text(encoding="utf-8"), "First round.", "body"), "utf-8")
    assert _save_and_rebuild(site) == (list(LANGUAGES), [])
    pages = sum(_counts(reports)["en"])
    assert _counts(reports) == {lang: (1, pages - 1) for lang in LANGUAGES}
    # The page to save was reused: its page object holds no Markdown.
    (file,) = site.kept["en"].pages_of(str(body.resolve()))
    assert file.page.markdown == ""
    page = _entry_page(body)
    watch = _RebuildWatch(site, monkeypatch, base, [page])
    before = site.state.generation
    marker = "Shown from a reused page, round eff."
    body.write_text(_edited(body.read_text(encoding="utf-8"), marker, "body"), "utf-8")
    assert _save_and_rebuild(site) == (list(LANGUAGES), [])
    assert watch.generation == before + 1
    assert reports[-2].startswith(f"page {body.parent.name}/{body.name} shown in ")
    assert _counts(reports) == {lang: (1, pages - 1) for lang in LANGUAGES}
    script = preview.decorate(b"", before + 1, [])
    rebuilt = (site.site / page / "index.html").read_bytes()
    assert marker.encode("utf-8") in rebuilt
    assert watch.seen[page] == rebuilt.replace(b"</body>", script + b"</body>", 1)
    # A title too.
    watch = _RebuildWatch(site, monkeypatch, base, [_entry_page(title)])
    marker = "round gee"
    title.write_text(_edited(title.read_text(encoding="utf-8"), marker, "title"), "utf-8")
    assert _save_and_rebuild(site) == (list(LANGUAGES), [])
    assert marker in watch.seen[_entry_page(title)].decode("utf-8")
    assert _counts(reports)["en"] == (pages, 0)
    _assert_same_as_clean_build(site.docs_dir.parent, site.site, tmp_path / "clean", [])


def test_a_warning_stays_on_the_page_while_its_page_is_not_fixed(knowledge_base, tmp_path):  # noqa: F811
    """A page whose build warned is rendered again in every build, never reused: the warning
    stays in the problems after a save of another page, until the page is fixed. (A site that
    is not strict, whose warnings do not stop the build.)"""
    loose = knowledge_base / "loose.yml"
    loose.write_text("INHERIT: mkdocs.yml\nstrict: false\n", encoding="utf-8")
    try:
        _warn_until_fixed(loose, tmp_path)
    finally:
        loose.unlink()


def _warn_until_fixed(config, tmp_path) -> None:
    reports: list[str] = []
    site = preview.Preview(config, tmp_path / "work", report=reports.append)
    assert site.build() == []
    warned, other = _Editor(site.docs_dir, random.Random(12)).entries()[:2]
    good = warned.read_text(encoding="utf-8")
    warned.write_text(good + "\n<script>alert(1)</script>\n", encoding="utf-8")
    try:
        first = _save_and_rebuild(site)[1]
        assert any("<script>" in problem for problem in first), first
        pages = sum(_counts(reports)["en"])
        other.write_text(_edited(other.read_text(encoding="utf-8"), "Other.", "body"), "utf-8")
        assert _save_and_rebuild(site)[1] == first
        assert _counts(reports)["en"] == (2, pages - 2)
    finally:
        warned.write_text(good, encoding="utf-8")
    assert _save_and_rebuild(site)[1] == []
    assert _counts(reports)["en"] == (1, pages - 1)


def test_a_damaged_cache_renders_the_pages_again_and_never_stops_the_server(
    served, reports, tmp_path
):
    site, _base = served
    cache = site.cache
    (cache / "sl" / "pages").write_bytes(b"\x80\x05not a pickle at all")
    (cache / "reading").write_bytes(b"not a memo")
    shutil.rmtree(cache / "lv")
    (cache / "lv").write_text("a file where a folder was", encoding="utf-8")
    shutil.rmtree(cache / "en" / "site")
    (cache / "en" / "site").write_text("a file where a folder was", encoding="utf-8")
    editor = _Editor(site.docs_dir, random.Random(13))
    edits = [editor.edit("body")]
    assert _save_and_rebuild(site)[1] == []
    counts = _counts(reports)
    pages = sum(counts["en"])
    assert counts == {lang: (pages, 0) for lang in LANGUAGES}
    _assert_same_as_clean_build(site.docs_dir.parent, site.site, tmp_path / "clean", edits)
    # The cache was made whole again.
    edits.append(editor.edit("body"))
    assert _save_and_rebuild(site)[1] == []
    assert _counts(reports) == {lang: (1, pages - 1) for lang in LANGUAGES}
    _assert_same_as_clean_build(site.docs_dir.parent, site.site, tmp_path / "again", edits)


def test_a_cache_that_cannot_keep_a_build_is_told_and_the_site_still_served(
    knowledge_base,  # noqa: F811
    tmp_path,
):
    taken = tmp_path / "taken"
    taken.write_text("a file where the cache's folder was\n", encoding="utf-8")
    reports: list[str] = []
    site = preview.Preview(knowledge_base / "mkdocs.yml", tmp_path / "work", reports.append, taken)
    assert site.build(["sl"]) == []
    assert (site.site / "sl" / "index.html").is_file()
    assert len(reports) == 1 and reports[0].startswith("sl: not kept in the build cache ("), reports


def test_a_server_on_the_cache_of_a_build_renders_no_page_again(knowledge_base, tmp_path):  # noqa: F811
    """`kb serve --cache DIR` shares DIR with `kb build --cache DIR`: a server started after a
    build reuses every page, and a build after the server copies every language."""
    cache = tmp_path / "cache"
    built = _rendered(knowledge_base, cache, tmp_path / "built")
    assert set(built) == set(LANGUAGES)
    site = preview.Preview(knowledge_base / "mkdocs.yml", tmp_path / "work", cache=cache)
    assert site.build() == []
    pages = sum(built["en"])
    assert site.counts == dict.fromkeys(LANGUAGES, f"0 pages rendered, {pages} reused")
    assert _tree(site.site) == _tree(tmp_path / "built")
    assert _rendered(knowledge_base, cache, tmp_path / "again") == {}


def test_a_cache_that_cannot_be_written_is_told_before_anything_is_built(
    knowledge_base,  # noqa: F811
    tmp_path,
    capsys,
):
    from helpfirst import cli

    taken = tmp_path / "taken"
    taken.write_text("a file\n", encoding="utf-8")
    config = str(knowledge_base / "mkdocs.yml")
    status = cli.main(["serve", "-f", config, "-p", "0", "--cache", str(taken / "cache")])
    err = capsys.readouterr().err
    assert status == 2
    assert f"kb.py: {taken / 'cache'}: cannot keep the build there (" in err
    assert "name a folder you can write, or leave out --cache)" in err
    assert "serve: built" not in err and "Traceback" not in err
