"""The benchmark of what assistants and tools read counts each language's outputs, and only
them: measured on the project's own site, built once for the session, and on small trees."""

from __future__ import annotations

import importlib
import json

import pytest

from tests.builds.test_answers import entry_pages
from tests.builds.test_site import LANGUAGES
from tests.conftest import ROOT

BENCH = ROOT / "scripts" / "bench"


@pytest.fixture
def bench(monkeypatch):
    """The benchmark as its command line imports it, beside `bench_sites` and `gen_kb`."""
    monkeypatch.syspath_prepend(str(BENCH))
    return importlib.import_module("machine_readable")


def _size(path) -> int:
    return path.stat().st_size


@pytest.mark.build
def test_sizes_of_the_real_site_are_each_languages_own_outputs(bench, real_site):
    site = real_site.site
    languages = list(LANGUAGES)
    # The default language first, then the others by their folders' names.
    assert bench.site_languages(site) == ["en", "lv", "sl"]
    measured = bench.measure_outputs(site, languages)
    assert set(measured) == {*languages, "shared"}
    pages = list(entry_pages(site))
    everything = 0
    for lang, prefix in LANGUAGES.items():
        root = site / prefix
        twins = [page.parent / "index.md" for entry_lang, _, _, page in pages if entry_lang == lang]
        kinds = measured[lang].kinds
        assert (kinds["twins"].files, kinds["twins"].raw) == (22, sum(map(_size, twins))), lang
        assert (kinds["llms.txt"].files, kinds["llms.txt"].raw) == (1, _size(root / "llms.txt"))
        full = root / "llms-full.txt"
        assert (kinds["llms-full"].files, kinds["llms-full"].raw) == (1, _size(full)), lang
        assert not measured[lang].full_split
        index = root / "api" / "v1" / "entries.json"
        assert (kinds["api"].files, kinds["api"].raw) == (1, _size(index)), lang
        total = measured[lang].total()
        assert total.files == 25 and total.raw == sum(output.raw for output in kinds.values())
        assert 0 < total.gzip < total.raw, lang
        everything += total.raw
    schema = measured["shared"].kinds["api"]
    assert (schema.files, schema.raw) == (1, _size(site / "api" / "v1" / "schema.json"))
    table = bench.sizes_report({"site": measured})
    assert f"| site | all | **total** | 76 | {everything + schema.raw:,} | " in table
    assert bench.leftovers(site, languages) == [
        f"{lang}: {problem}"
        for lang in languages
        for problem in (
            "22 Markdown twins",
            f"{measured[lang].kinds['llms-full'].raw:,} bytes of llms-full",
            "22 pages listed in llms.txt",
            "22 entries in api/v1/entries.json",
        )
    ]


def _write(root, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_split_llms_full_is_counted_file_by_file_and_said_to_be_split(bench, tmp_path):
    _write(
        tmp_path,
        {
            "llms.txt": "# Help\n",
            "llms-full/billing.txt": "b" * 10,
            "llms-full/login.txt": "l" * 20,
            "faq/x/index.md": "# X\n",
            "faq/x/index.html": "<p>X</p>",
            "sl/llms.txt": "# Pomoč\n",
            "sl/llms-full.txt": "s" * 5,
            "sl/faq/x/index.md": "# X sl\n",
        },
    )
    measured = bench.measure_outputs(tmp_path, ["en", "sl"])
    assert measured["en"].full_split and not measured["sl"].full_split
    assert (measured["en"].kinds["llms-full"].files, measured["en"].kinds["llms-full"].raw) == (
        2,
        30,
    )
    assert (measured["en"].kinds["twins"].files, measured["en"].kinds["twins"].raw) == (1, 4)
    assert (measured["sl"].kinds["twins"].files, measured["sl"].kinds["twins"].raw) == (1, 7)
    assert measured["en"].total().files == 4 and measured["sl"].total().files == 3
    table = bench.sizes_report({"1": measured})
    assert (
        "| 1 | en | llms-full, split by category (`llms-full/<category>.txt`) | 2 | 30 | " in table
    )
    assert "| 1 | sl | llms-full, one file (`llms-full.txt`) | 1 | 5 | " in table


def test_a_build_without_the_outputs_passes_the_check_only_when_it_lists_nothing(bench, tmp_path):
    empty_index = json.dumps({"lang": "en", "entries": []})
    _write(
        tmp_path,
        {
            "llms.txt": "# Help\n\n> Answers.\n",
            "llms-full.txt": "",
            "api/v1/entries.json": empty_index,
            "api/v1/schema.json": "{}",
        },
    )
    assert bench.leftovers(tmp_path, ["en"]) == []
    assert "what remains of them: 4 files" in bench.check_line(
        bench.measure_outputs(tmp_path, ["en"])
    )
    _write(tmp_path, {"llms.txt": "# Help\n\n## Billing\n\n- [X](<https://h/x/index.md>)\n"})
    assert bench.leftovers(tmp_path, ["en"]) == ["en: 1 page listed in llms.txt"]


def test_site_mode_prints_the_sizes_of_a_site_built_already(bench, tmp_path, capsys):
    _write(
        tmp_path,
        {
            "llms.txt": "# Help\n",
            "api/v1/entries.json": json.dumps({"lang": "en", "entries": []}),
            "sl/llms.txt": "# Pomoč\n",
            "sl/api/v1/entries.json": json.dumps({"lang": "sl", "entries": []}),
            "sl/faq/x/index.md": "# X sl\n",
        },
    )
    assert bench.main(["--site", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "| site | sl | Markdown twins (`<page>/index.md`) | 1 | 7 | " in out
    assert "| site | en | Markdown twins (`<page>/index.md`) | 0 | 0 | 0 |" in out
    assert bench.main(["--site", str(tmp_path / "sl" / "faq")]) == 1
    assert "no llms.txt (build the site first)" in capsys.readouterr().err
