"""`kb serve`: after any sequence of saves the served site is a clean build byte for byte; a
save rebuilds only the languages it reaches; a broken save shows its problem on the page and
the next good save clears it.

The preview is driven in the test's process, as the server's watcher drives it: look at the
sources, pick the languages, rebuild. Pages are fetched from the real server over HTTP.
"""

from __future__ import annotations

import random
import re
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


def test_saves_rebuild_what_they_reach_and_serve_the_clean_build(served, tmp_path):
    site, base = served
    docs = site.docs_dir
    editor = _Editor(docs, random.Random(3))
    path = editor.entries()[0]
    path = path.with_name(f"{path.stem}.sl.md")
    path.write_text(path.read_text(encoding="utf-8") + "\nUrejeno v slovenščini.\n", "utf-8")
    assert _save_and_rebuild(site) == (["en", "sl"], [])
    edits = [f"body {path.name}"]
    kinds = ["body", "title", "add", "remove translation", "rename"]
    editor.rng.shuffle(kinds)
    for kind in kinds:
        edits.append(editor.edit(kind))
        languages, problems = _save_and_rebuild(site)
        assert problems == [], edits
        assert languages, edits
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
        assert reports[1].startswith("rebuilt en, sl, lv in ")
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
    assert "built in" not in err
    assert "Traceback" not in err


@pytest.mark.parametrize("port", ["70000", "-1", "http"])
def test_a_port_that_is_no_port_is_told_as_a_usage_error(port, capsys):
    from helpfirst import cli

    with pytest.raises(SystemExit) as stopped:
        cli.main(["serve", "-p", port])
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert f"argument -p/--port: '{port}' is not a port (write a number up to 65535)" in err
