"""The insights report (helpfirst.tools.insights_report, insights_log) on hand-made logs whose
figures are known: access logs in the combined format and JSON Lines, plain and gzip."""

from __future__ import annotations

import datetime
import gzip
import json

import pytest
from bs4 import BeautifulSoup

from helpfirst import cli, insights
from helpfirst.tools import insights_log, insights_report
from helpfirst.tools.insights_log import LogError, Period
from helpfirst.tools.insights_report import KnownEntry, Site
from tests.conftest import ROOT

AGENT = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0"


def _line(when: str, fields: dict, *, path: str = "/insights/e", agent: str = AGENT) -> str:
    """One combined-format line of a request for the event file."""
    query = insights.encode({"v": "1", **fields})
    return (
        f'203.0.113.9 - - [{when} +0000] "GET {path}?{query} HTTP/1.1" 200 0 '
        f'"https://help.example.com/" "{agent}"'
    )


def _visit(visit: str, lang: str, where: str, *events: dict) -> list[dict]:
    return [{"s": visit, "l": lang, "w": where, **event} for event in events]


#: Visits with known figures: three failed Slovenian searches (one word in three forms), a
#: Latvian search whose second result is opened, and three widget visits.
EVENTS = [
    *_visit("s1", "sl", "site", {"t": "search", "q": "geslo", "n": 0}),
    *_visit("s2", "sl", "site", {"t": "search", "q": "gesla", "n": 0}),
    *_visit("s3", "sl", "site", {"t": "search", "q": "geslom", "n": 0}),
    *_visit(
        "l1",
        "lv",
        "site",
        {"t": "search", "q": "parole", "n": 4},
        {"t": "open", "p": 2, "e": "password-reset"},
    ),
    *_visit("l2", "lv", "site", {"t": "search", "q": "rēķins", "n": 2}),
    # Widget: searched, read an answer, sent nothing (deflected).
    *_visit(
        "w1",
        "en",
        "widget",
        {"t": "start"},
        {"t": "search", "q": "refund", "n": 3},
        {"t": "answer", "e": "refunds"},
    ),
    # Widget: searched, read an answer, then wrote anyway.
    *_visit(
        "w2",
        "en",
        "widget",
        {"t": "start"},
        {"t": "search", "q": "order", "n": 2},
        {"t": "answer", "e": "order-number"},
        {"t": "compose"},
        {"t": "sent", "m": "mailto", "seen": ["order-number"]},
    ),
    # Widget: opened only.
    *_visit("w3", "en", "widget", {"t": "start"}),
    *_visit("v1", "en", "site", {"t": "vote", "e": "refunds", "vote": "no", "r": "too long"}),
    *_visit("v2", "en", "site", {"t": "vote", "e": "refunds", "vote": "yes"}),
]


def _log(events: list[dict], day: str = "01/Dec/2026") -> str:
    lines = [_line(f"{day}:10:{i // 60:02d}:{i % 60:02d}", event) for i, event in enumerate(events)]
    return "\n".join(lines) + "\n"


@pytest.fixture
def access_log(tmp_path):
    path = tmp_path / "access.log"
    text = _log(EVENTS)
    # Pages, assets and other requests are passed over.
    text += (
        f'203.0.113.9 - - [01/Dec/2026:11:00:00 +0000] "GET /sl/ HTTP/1.1" 200 900 "-" "{AGENT}"\n'
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_counts_per_language_and_week(access_log):
    figures = insights_report.report([access_log])
    assert figures["events"] == len(EVENTS)
    assert figures["period"] == {"first": "2026-12-01", "last": "2026-12-01"}
    sl, lv, en = (figures["languages"][lang] for lang in ("sl", "lv", "en"))
    assert (sl["searches"], sl["zero_results"], sl["zero_result_rate"]) == (3, 3, 1.0)
    assert sl["weeks"] == {"2026-W49": {"searches": 3, "zero_results": 3, "zero_result_rate": 1.0}}
    assert (lv["searches"], lv["zero_results"], lv["zero_result_rate"]) == (2, 0, 0.0)
    assert en["searches"] == 2
    assert figures["malformed"] == {"count": 0, "first": []}


def test_quotes_escaped_as_apache_and_nginx_write_them(tmp_path):
    event = _visit("q1", "en", "site", {"t": "search", "q": "refund", "n": 0})[0]
    path = tmp_path / "access.log"
    path.write_text(
        _line("01/Dec/2026:10:00:00", event, agent='Apache \\"quoted\\" agent')
        + "\n"
        + _line("01/Dec/2026:10:00:01", event, agent="nginx \\x22quoted\\x22 agent")
        + "\n"
        + _line("01/Dec/2026:10:00:02", event, path="/help/insights/e")
        + "\n",
        encoding="utf-8",
    )
    figures = insights_report.report([path])
    assert (figures["events"], figures["malformed"]["count"]) == (3, 0)


def test_failed_queries_are_grouped_by_the_languages_analyser(access_log):
    groups = insights_report.report([access_log])["languages"]["sl"]["failed_queries"]
    assert [(group["terms"], group["searches"]) for group in groups] == [(["gesl"], 3)]
    assert groups[0]["queries"] == [
        {"query": "gesla", "count": 1},
        {"query": "geslo", "count": 1},
        {"query": "geslom", "count": 1},
    ]


def test_queries_with_results_that_nobody_opened(access_log):
    lv = insights_report.report([access_log])["languages"]["lv"]
    # "parole" led to an opened result; "rēķins" did not.
    assert lv["results_not_opened"] == [{"query": "rēķins", "count": 1}]


def test_widget_funnel_and_deflection(access_log):
    widget = insights_report.report([access_log])["widget"]
    assert widget["funnel"] == {
        "opened": 3,
        "searched": 2,
        "answer_read": 2,
        "email_opened": 1,
        "email_sent": 1,
    }
    # w1 read an answer and sent nothing; w2 wrote after reading: 1 of the 2 that searched.
    assert (widget["deflected"], widget["deflection_rate"]) == (1, 0.5)


def test_distinct_texts_beyond_the_limit_are_counted_not_listed(access_log, monkeypatch):
    monkeypatch.setattr(insights_report, "MAX_DISTINCT", 2)
    figures = insights_report.report([access_log])
    # Three failed Slovenian queries: the first two are listed, the third only counted.
    groups = figures["languages"]["sl"]["failed_queries"]
    assert [item["query"] for item in groups[0]["queries"]] == ["gesla", "geslo"]
    assert figures["languages"]["sl"]["zero_results"] == 3
    assert figures["texts_not_listed"] == 1


def test_per_entry_reads_emails_after_reading_and_votes(access_log):
    entries = insights_report.report([access_log])["entries"]
    assert entries["order-number"]["email_after"] == 1
    assert entries["refunds"] == {
        "opened": 0,
        "answer_read": 1,
        "email_after": 0,
        "helpful_yes": 1,
        "helpful_no": 1,
        "reasons": [{"lang": "en", "vote": "no", "reason": "too long", "count": 1}],
    }
    assert entries["password-reset"]["opened"] == 1


def test_the_json_output_has_exactly_these_figures(tmp_path):
    path = tmp_path / "small.log"
    path.write_text(
        _log(
            _visit("a1", "sl", "widget", {"t": "search", "q": "geslo", "n": 0})
            + _visit("a2", "sl", "site", {"t": "search", "q": "račun", "n": 1})
        ),
        encoding="utf-8",
    )
    figures = json.loads(insights_report.dumps(insights_report.report([path])))
    widget_sl = {
        "funnel": {
            "opened": 1,
            "searched": 1,
            "answer_read": 0,
            "email_opened": 0,
            "email_sent": 0,
        },
        "deflected": 0,
        "deflection_rate": 0.0,
    }
    assert figures == {
        "files": [str(path)],
        "period": {"first": "2026-12-01", "last": "2026-12-01"},
        "events": 2,
        "texts_not_listed": 0,
        "malformed": {"count": 0, "first": []},
        "languages": {
            "sl": {
                "searches": 2,
                "zero_results": 1,
                "zero_result_rate": 0.5,
                "weeks": {"2026-W49": {"searches": 2, "zero_results": 1, "zero_result_rate": 0.5}},
                "failed_queries": [
                    {
                        "terms": ["gesl"],
                        "searches": 1,
                        "queries": [{"query": "geslo", "count": 1}],
                        "suggestion": {
                            "action": "new_entry",
                            "id": "geslo",
                            "command": "kb.py new faq geslo --category CATEGORY --title geslo",
                            "advice": "kb.py new faq geslo --category CATEGORY --title geslo",
                        },
                    }
                ],
                "results_not_opened": [{"query": "račun", "count": 1}],
                "widget": widget_sl,
            }
        },
        "widget": widget_sl,
        "entries": {},
    }


SITE = Site(
    entries={
        "sl": [
            KnownEntry(
                "password-reset",
                "sl",
                "Ponastavitev gesla",
                "docs/faq/password-reset.sl.md",
                ("gesl", "ponastavitev"),
            ),
            KnownEntry("refunds", "sl", "Vračila", "docs/faq/refunds.sl.md", ("vracil",)),
        ]
    },
    categories=["customer-portal", "shipping"],
)


def test_a_failed_query_near_an_entry_suggests_its_keywords():
    suggestion = insights_report.suggest(("gesl",), "geslom", "sl", SITE)
    assert suggestion["action"] == "add_keywords"
    assert suggestion["advice"] == "add 'geslom' to the keywords of docs/faq/password-reset.sl.md"
    # A typo is near too.
    assert insights_report.suggest(("vracli",), "vračli", "sl", SITE)["entry"] == "refunds"


def test_a_failed_query_near_no_entry_suggests_a_new_one_with_its_command():
    suggestion = insights_report.suggest(("dostav", "tujin"), "dostava v tujino", "sl", SITE)
    assert suggestion == {
        "action": "new_entry",
        "id": "dostava-v-tujino",
        "command": "kb.py new faq dostava-v-tujino --category customer-portal "
        "--title 'dostava v tujino'",
        "advice": "kb.py new faq dostava-v-tujino --category customer-portal "
        "--title 'dostava v tujino'",
    }
    # The id is never one the site has.
    assert insights_report.new_id("Refunds!", {"refunds"}) == "refunds-2"


def test_entries_never_opened_need_the_site(access_log):
    site = Site(
        entries={
            "lv": [
                KnownEntry("password-reset", "lv", "Paroles", "docs/faq/password-reset.lv.md"),
                KnownEntry("refunds", "lv", "Atmaksa", "docs/faq/refunds.lv.md"),
            ]
        }
    )
    figures = insights_report.report([access_log], site)
    assert figures["languages"]["lv"]["never_opened"] == ["refunds"]
    assert "never_opened" not in insights_report.report([access_log])["languages"]["lv"]


def test_gzip_logs_and_several_files_add_up(tmp_path, access_log):
    packed = tmp_path / "access.log.1.gz"
    packed.write_bytes(gzip.compress(_log(EVENTS, day="08/Dec/2026").encode("utf-8")))
    figures = insights_report.report([access_log, packed])
    assert figures["events"] == 2 * len(EVENTS)
    assert figures["languages"]["sl"]["weeks"] == {
        "2026-W49": {"searches": 3, "zero_results": 3, "zero_result_rate": 1.0},
        "2026-W50": {"searches": 3, "zero_results": 3, "zero_result_rate": 1.0},
    }
    assert figures["period"] == {"first": "2026-12-01", "last": "2026-12-08"}


def test_a_date_range_keeps_the_events_of_those_days(tmp_path, access_log):
    later = tmp_path / "later.log"
    later.write_text(_log(EVENTS, day="08/Dec/2026"), encoding="utf-8")
    period = Period(datetime.date(2026, 12, 5), datetime.date(2026, 12, 31))
    figures = insights_report.report([access_log, later], period=period)
    assert figures["events"] == len(EVENTS)
    assert figures["period"] == {"first": "2026-12-08", "last": "2026-12-08"}


def test_json_lines_from_an_endpoint_give_the_same_figures(tmp_path, access_log):
    path = tmp_path / "events.jsonl"
    records = [
        {"v": "1", **event, "ts": f"2026-12-01T10:00:{i % 60:02d}Z"}
        for i, event in enumerate(EVENTS)
    ]
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    from_json = insights_report.report([path])
    from_log = insights_report.report([access_log])
    assert {**from_json, "files": []} == {**from_log, "files": []}


# --- bad input ---------------------------------------------------------------------------------


def test_malformed_lines_are_counted_and_the_first_few_located(tmp_path):
    good = _visit("g1", "en", "site", {"t": "search", "q": "ok", "n": 1})[0]
    lines = [
        _line("01/Dec/2026:10:00:00", good),
        "not a log line",
        _line("01/Dec/2026:10:00:01", {**good, "t": "click"}),  # an event of no known type
        "x" * 3_000_000,  # longer than any request line
        _line("99/Xyz/2026:10:00:01", good),  # a time that is no time
        _line("01/Dec/2026:10:00:02", good),
    ]
    path = tmp_path / "access.log"
    path.write_bytes(
        "\n".join(lines[:5]).encode() + b"\n\xff\xfe\x00\x01binary\n" + lines[5].encode() + b"\n"
    )
    figures = insights_report.report([path])
    assert figures["events"] == 2
    assert figures["malformed"] == {
        "count": 5,
        "first": [f"{path}:{number}" for number in (2, 3, 4, 5, 6)],
    }


def test_malformed_lines_are_located_across_blocks(tmp_path, monkeypatch):
    monkeypatch.setattr(insights_log, "_BLOCK_LINES", 3)
    good = _line("01/Dec/2026:10:00:00", _visit("b1", "en", "site", {"t": "start"})[0])
    lines = [good] * 10
    for number in (5, 9, 10):
        lines[number - 1] = f"broken line {number}"
    path = tmp_path / "access.log"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    figures = insights_report.report([path])
    assert figures["malformed"] == {"count": 3, "first": [f"{path}:{n}" for n in (5, 9, 10)]}


def test_json_lines_of_the_wrong_shape_are_counted_and_skipped(tmp_path):
    good = {"v": "1", "t": "search", "s": "j1", "l": "en", "w": "site", "q": "ok", "n": 1}
    records = [
        json.dumps({**good, "ts": "2026-12-01T10:00:00+01:00"}),
        json.dumps({**good, "q": ["a", "list"], "ts": "2026-12-01T10:00:00Z"}),  # scrubbed text
        json.dumps({**good, "s": 5, "ts": "2026-12-01T10:00:00Z"}),
        json.dumps({**good, "n": [1], "ts": "2026-12-01T10:00:00Z"}),
        json.dumps({**good, "t": {"x": 1}, "ts": "2026-12-01T10:00:00Z"}),
        json.dumps({**good, "ts": "2026-12-01T10:00:00"}),  # no time zone
        json.dumps({**good}),  # no time
        json.dumps([good]),
        '{"v": "1", "t": "sear',
    ]
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    figures = insights_report.report([path])
    assert figures["events"] == 2
    assert figures["period"] == {"first": "2026-12-01", "last": "2026-12-01"}
    assert figures["malformed"]["count"] == 7
    assert figures["malformed"]["first"] == [f"{path}:{number}" for number in (3, 4, 5, 6, 7)]


def test_html_in_queries_and_reasons_is_escaped_in_the_report(tmp_path):
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    events = _visit("h1", "en", "site", {"t": "search", "q": attack, "n": 0}) + _visit(
        "h2", "en", "site", {"t": "vote", "e": "refunds", "vote": "no", "r": attack}
    )
    path = tmp_path / "access.log"
    path.write_text(_log(events), encoding="utf-8")
    page = insights_report.render_html(insights_report.report([path]))
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("script") is None and soup.find("img") is None
    assert not soup.find_all(attrs={"onerror": True})
    assert attack in soup.get_text()
    # Nothing is fetched: no external address in any attribute.
    for element in soup.find_all(True):
        for value in element.attrs.values():
            assert "http" not in str(value) or element.name == "meta"


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "it holds binary data"),
        ("README.md", b"# Notes\n\nThese are notes, not a log.\n", "line 1 is not an access log"),
        ("package.json", b'{\n  "name": "x"\n}\n', "no line of it is an insights event"),
        ("broken.log.gz", b"not gzip at all", "not gzip data (unpack it with gzip, or name it"),
    ],
)
def test_a_file_that_is_not_a_log_stops_with_its_name(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LogError) as caught:
        insights_report.report([path])
    assert str(caught.value).startswith(f"{path}: ")
    assert reason in str(caught.value)


# --- the command -------------------------------------------------------------------------------


def test_the_command_writes_json_and_html_and_prints_a_summary(tmp_path, access_log, capsys):
    status = cli.main(
        [
            "insights",
            str(access_log),
            "--no-site",
            "--json",
            str(tmp_path / "figures.json"),
            "--html",
            str(tmp_path / "report.html"),
        ]
    )
    out = capsys.readouterr().out
    assert status == 0
    assert json.loads((tmp_path / "figures.json").read_text(encoding="utf-8"))["events"] == len(
        EVENTS
    )
    assert "<svg" in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert out.splitlines()[0] == f"{len(EVENTS)} events from 2026-12-01 to 2026-12-01 in 1 file(s)"
    assert "  sl: 3 searches, 100.0% found nothing (top failed: 'gesla')" in out
    assert "deflection 50.0%" in out


def test_the_command_names_a_file_that_is_not_a_log(tmp_path, access_log, capsys):
    other = tmp_path / "notes.txt"
    other.write_text("hello\n", encoding="utf-8")
    status = cli.main(["insights", str(access_log), str(other), "--no-site"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith(f"kb.py insights: {other}: not a log")
    assert "Traceback" not in err


@pytest.mark.parametrize("kind", ["json lines", "access log"])
def test_a_gzip_log_cut_short_is_named(tmp_path, kind):
    if kind == "json lines":
        lines = [json.dumps({"v": "1", **e, "ts": "2026-12-01T10:00:00+00:00"}) for e in EVENTS]
        text = "\n".join(lines * 200) + "\n"
    else:
        text = _log(EVENTS * 200)
    packed = gzip.compress(text.encode("utf-8"))
    path = tmp_path / "events.log.gz"
    path.write_bytes(packed[: len(packed) // 2])
    with pytest.raises(LogError) as caught:
        list(insights_log.read_events([path], insights_log.Period(), insights_log.Problems()))
    assert str(caught.value).startswith(f"{path}: cannot be read to its end (")
    assert str(caught.value).endswith("; copy the whole file again)")


def test_a_missing_file_or_a_folder_is_named_and_an_empty_log_has_no_events(tmp_path, capsys):
    for path, told in ((tmp_path / "gone.log", "no such file"), (tmp_path, "is a folder")):
        assert cli.main(["insights", str(path), "--no-site"]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"kb.py insights: {path}: {told}")
        assert "Traceback" not in err
    empty = tmp_path / "empty.log"
    empty.write_bytes(b"")
    assert insights_report.report([empty])["events"] == 0


def test_the_command_reads_the_sites_entries_for_suggestions(tmp_path, access_log, capsys):
    status = cli.main(["insights", str(access_log), "-f", str(ROOT / "mkdocs.yml"), "--json", "-"])
    captured = capsys.readouterr()
    assert status == 0
    figures = json.loads(captured.out)
    # The summary goes to standard error when the figures take standard output.
    assert captured.err.startswith(f"{len(EVENTS)} events")
    suggestion = figures["languages"]["sl"]["failed_queries"][0]["suggestion"]
    assert suggestion["action"] == "add_keywords"
    assert suggestion["path"] == "docs/templates/password-reset.sl.md"
    never = figures["languages"]["lv"]["never_opened"]
    assert "password-reset" not in never and "customer-portal" in never


def test_the_command_refuses_a_period_that_ends_before_it_starts(access_log, capsys):
    status = cli.main(
        ["insights", str(access_log), "--no-site", "--from", "2026-12-31", "--to", "2026-12-01"]
    )
    assert status == 2
    assert capsys.readouterr().err == "kb.py: --from 2026-12-31 is after --to 2026-12-01\n"


def test_the_command_says_when_it_cannot_write_the_report(tmp_path, access_log, capsys):
    target = tmp_path / "missing" / "report.html"
    status = cli.main(["insights", str(access_log), "--no-site", "--html", str(target)])
    assert status == 2
    assert capsys.readouterr().err == (f"kb.py: cannot write {target}: No such file or directory\n")


@pytest.mark.parametrize("name", ["access[1].log", "access*.log", "access?.log.gz"])
def test_a_log_whose_name_reads_as_a_pattern_is_read_itself(tmp_path, name):
    # A decoy beside it that the name, read as a pattern, would match.
    decoy = tmp_path / "access1.log"
    decoy.write_text(_log(EVENTS[:1], day="08/Dec/2026"), encoding="utf-8")
    path = tmp_path / name
    text = _log(EVENTS).encode("utf-8")
    path.write_bytes(gzip.compress(text) if name.endswith(".gz") else text)
    figures = insights_report.report([path])
    assert figures["events"] == len(EVENTS)
    assert figures["period"] == {"first": "2026-12-01", "last": "2026-12-01"}
