"""The parts of reusing a page (helpfirst.page_cache): what a page's step added to its language
pass, taken out and put back the same; the catalog's view of every page, whose hash is in
every page's key; the terms of the search index, counted with and without a memo."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from helpfirst import page_cache, search
from helpfirst.adapter import page_facts
from helpfirst.adapter.state import BuildState, LanguagePass
from helpfirst.catalog import load_catalog
from helpfirst.read_cache import ReadCache
from helpfirst.settings import Settings
from tests.sites import docs_files

CATEGORIES = {"billing": "Billing"}


def _step(state: BuildState, uri: str, entry_id: str, number: int) -> None:
    """What a page's events add to the pass."""
    current = state.current
    current.links.append((f"docs/{uri}", uri, number, f"other-{number}.md", ""))
    current.anchors[uri] = {f"part-{number}"}
    current.search_docs.append({"id": f"faq/{entry_id}", "body": f"text {number}"})
    current.answers[entry_id] = {"id": entry_id, "html": f"<p>{number}</p>"}
    current.twins[entry_id] = ("twin", number)
    current.twin_status[entry_id] = "current"


def test_what_a_page_added_is_put_back_in_the_same_order():
    built = BuildState(current=LanguagePass())
    _step(built, "faq/a.md", "a", 1)
    before = page_facts.mark(built, "faq/b.md", "b")
    _step(built, "faq/b.md", "b", 2)
    added = page_facts.since(built, before)
    _step(built, "faq/c.md", "c", 3)

    reused = BuildState(current=LanguagePass())
    _step(reused, "faq/a.md", "a", 1)
    page_facts.put_back(reused, "faq/b.md", "b", added)
    _step(reused, "faq/c.md", "c", 3)
    for name in ("links", "anchors", "search_docs", "answers", "twins", "twin_status"):
        assert getattr(reused.current, name) == getattr(built.current, name), name
        if isinstance(getattr(built.current, name), dict):
            assert list(getattr(reused.current, name)) == list(getattr(built.current, name))


def test_a_step_that_adds_nothing_puts_back_nothing():
    state = BuildState(current=LanguagePass())
    _step(state, "faq/a.md", "a", 1)
    before = page_facts.mark(state, "faq/a.md", "a")
    assert page_facts.since(state, before) == {}
    state.current.answers["a"] = {"id": "a", "html": "<p>new</p>"}
    assert page_facts.since(state, before) == {"answers": {"id": "a", "html": "<p>new</p>"}}


def _catalog(root: Path, files: dict[str, str], left_out: str = ""):
    for name, text in files.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    sources = [
        dataclasses.replace(source, published=source.src_uri != left_out)
        for source in docs_files(root / "docs")
    ]
    return load_catalog(sources, ["en", "sl"], "en", CATEGORIES, root)


def _faq(title: str, summary: str = "s", body: str = "Text.") -> str:
    return f"---\nsummary: {summary}\ncategory: billing\n---\n\n# {title}\n\n{body}\n"


def _signature(root: Path, files: dict[str, str], left_out: str = "") -> str:
    state = BuildState(catalog=_catalog(root, files, left_out))
    return page_cache.catalog_signature(state)


def test_the_catalog_signature_holds_what_pages_show_of_each_other(tmp_path):
    """Titles, summaries, paths and translations are shown by other pages (listings,
    navigation, the language switcher); a body only by its own page and its translations,
    whose keys hold it."""
    files = {"faq/a.md": _faq("Alpha?"), "faq/a.sl.md": _faq("Alfa?"), "faq/b.md": _faq("Beta?")}
    before = _signature(tmp_path / "0", files)
    assert _signature(tmp_path / "1", files) == before
    assert _signature(tmp_path / "2", {**files, "faq/b.md": _faq("Beta?", body="New.")}) == before
    changed = {
        "title": {**files, "faq/b.md": _faq("Better?")},
        "summary": {**files, "faq/b.md": _faq("Beta?", summary="other")},
        "translation title": {**files, "faq/a.sl.md": _faq("Alfa!")},
        "added": {**files, "faq/c.md": _faq("Gamma?")},
        "translation removed": {k: v for k, v in files.items() if k != "faq/a.sl.md"},
    }
    for number, (what, edited) in enumerate(changed.items(), start=3):
        assert _signature(tmp_path / str(number), edited) != before, what
    # A translation left out (exclude_docs, draft_docs): its language shows no page for it.
    assert _signature(tmp_path / "left-out", files, left_out="faq/a.sl.md") != before


def test_the_search_index_is_the_same_with_a_memo_cold_warm_and_after_an_edit(tmp_path):
    docs = [
        {"id": "faq/a", "title": "Ponastavitev gesla", "summary": "Kako", "body": "Geslo ..."},
        {"id": "faq/b", "title": "Računi", "keywords": ["plačilo"], "body": "Račun je tu."},
    ]
    plain = search.build_compact("sl", docs)
    memo = ReadCache("salt")
    assert search.build_compact("sl", docs, memo) == plain
    memo.save(tmp_path / "terms")
    warm = ReadCache.load(tmp_path / "terms", "salt")
    assert search.build_compact("sl", docs, warm) == plain
    assert warm.misses == 0 and warm.hits > 0
    docs[1] = {**docs[1], "body": "Računi so tu, gesla ne."}
    assert search.build_compact("sl", docs, warm) == search.build_compact("sl", docs)
    # The same text in another language is counted by that language's analyser.
    assert search.build_compact("lv", docs, warm) == search.build_compact("lv", docs)


def test_content_read_by_the_starting_process_is_taken_only_when_read_alike(monkeypatch):
    """Languages built side by side take the content their starting process read and checked
    when what they would read is the same; otherwise they read it themselves."""
    from helpfirst import checks
    from helpfirst.adapter import content_model
    from helpfirst.catalog import Catalog

    prepared = checks.Checked(settings=Settings(), catalog=Catalog("en", ["en"], {}))
    read_here = checks.Checked(settings=Settings(), catalog=Catalog("en", ["en"], {}))
    calls = []
    monkeypatch.setattr(content_model, "set_exclusions", lambda files, config: None)
    monkeypatch.setattr(content_model, "content_arguments", lambda *args: ("these files",))
    monkeypatch.setattr(
        content_model.checks, "check_content", lambda *a, **k: calls.append(a) or read_here
    )
    state = BuildState(languages=["en"])
    content_model.read_content(state, None, None, False, prepared=(("these files",), prepared))
    assert state.catalog is prepared.catalog and calls == []
    state = BuildState(languages=["en"])
    content_model.read_content(state, None, None, False, prepared=(("other files",), prepared))
    assert state.catalog is read_here.catalog and calls == [("these files",)]
