"""How the search-quality benchmark reads result lists and scores them (no browser needed)."""

from __future__ import annotations

from helpfirst.tools import search_scoring
from helpfirst.tools.search_scoring import Outcome, meets_targets, rank_of, result_refs, summary
from tests.conftest import ROOT

QUERIES = ROOT / "scripts" / "bench" / "search_queries.json"

BASE = "http://127.0.0.1:8000/"
LANGUAGES = ["en", "sl", "lv"]


def test_result_pages_are_distinct_refs_without_queries_or_fragments():
    hrefs = [
        BASE + "sl/faq/x/?h=gesla",
        BASE + "sl/faq/x/?h=gesla#section",
        BASE + "sl/templates/y/?h=",
        BASE + "faq/x/?h=gesla",
        BASE + "lv/faq/z/",
    ]
    assert result_refs(hrefs, BASE, "sl", LANGUAGES) == [
        "faq/x",
        "templates/y",
        "en:faq/x",
        "lv:faq/z",
    ]


def test_default_language_pages_have_no_prefix():
    hrefs = [BASE + "faq/x/", BASE + "sl/faq/x/"]
    assert result_refs(hrefs, BASE, "en", LANGUAGES) == ["faq/x", "sl:faq/x"]


def test_a_site_below_a_path_is_read_relative_to_it():
    base = "http://127.0.0.1:8000/help/"
    assert result_refs([base + "sl/faq/x/"], base, "sl", LANGUAGES) == ["faq/x"]


def test_rank_is_the_first_expected_entry_within_the_top_ten():
    refs = ["faq/a", "sl:faq/b", "faq/b", "faq/c"]
    assert rank_of(refs, ["faq/b"]) == 3
    assert rank_of(refs, ["faq/c", "faq/a"]) == 1
    assert rank_of(refs, ["faq/z"]) is None
    assert rank_of([f"faq/{n}" for n in range(12)], ["faq/10"]) is None


def test_summary_gives_hit_rates_and_mean_reciprocal_rank():
    outcomes = [Outcome("q", "typo", ["faq/x"], rank, []) for rank in (1, 2, 4, None)]
    assert summary(outcomes) == {"hit1": 0.25, "hit3": 0.5, "mrr": 0.4375, "queries": 4}
    assert summary([]) == {"hit1": 0.0, "hit3": 0.0, "mrr": 0.0, "queries": 0}


def test_targets_need_the_hit_rate_and_a_lead_over_the_plain_stack():
    plain = {"hit1": 0.4, "hit3": 0.6, "mrr": 0.5, "queries": 40}
    assert meets_targets({"hit1": 0.8, "hit3": 0.95, "mrr": 0.9, "queries": 40}, plain)
    assert not meets_targets({"hit1": 0.8, "hit3": 0.85, "mrr": 0.9, "queries": 40}, plain)
    assert not meets_targets(dict(plain, hit3=0.95), dict(plain, hit3=0.95))


def test_limit_takes_the_first_queries_of_each_language():
    version, rows = search_scoring.load_queries(QUERIES, ["sl"], 2)
    assert version >= 1
    assert list(rows) == ["sl"] and len(rows["sl"]) == 2
