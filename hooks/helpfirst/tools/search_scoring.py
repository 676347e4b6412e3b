"""How the search-quality benchmark (scripts/bench/search_quality.py) reads result lists and
scores them: pure functions, tested without a browser."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

TOP = 10  # result pages read per query: MRR counts a hit up to rank 10
TARGET_HIT3 = 0.90


class BenchError(Exception):
    """The benchmark cannot run (no browser, a build that fails)."""


@dataclass
class Outcome:
    """One query on one stack: the rank of the first expected entry, if any, and what came."""

    query: str
    kind: str
    expect: list[str]
    rank: int | None
    got: list[str]  # result pages, as refs; another language's page as `lv:faq/x`
    note: str = ""


def load_queries(path: Path, langs: list[str], limit: int | None) -> tuple[int, dict]:
    """The query set's version and its rows per language (the first `limit` of each)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    rows = {}
    for lang in langs:
        if lang not in data["queries"]:
            raise BenchError(f"{path}: no queries for language '{lang}'")
        rows[lang] = data["queries"][lang][:limit] if limit else data["queries"][lang]
    return data["version"], rows


def prefix_of(lang: str, default_lang: str) -> str:
    """Where a language's pages live below the site root: `` for the default, `sl/` else."""
    return "" if lang == default_lang else f"{lang}/"


def result_refs(hrefs: list[str], base: str, lang: str, languages: list[str]) -> list[str]:
    """Distinct result pages in order, as refs in `lang` (`faq/x`) or another language's
    (`sl:faq/x`); query strings, fragments and section results of a page already seen go."""
    base_path = urlsplit(base).path
    refs = []
    for href in hrefs:
        path = urlsplit(href).path
        path = path[len(base_path) :] if path.startswith(base_path) else path.lstrip("/")
        parts = [part for part in path.split("/") if part]
        page_lang = parts[0] if parts and parts[0] in languages else languages[0]
        if parts and parts[0] in languages:
            parts = parts[1:]
        ref = "/".join(parts)
        ref = ref if page_lang == lang else f"{page_lang}:{ref}"
        if ref not in refs:
            refs.append(ref)
    return refs


def rank_of(refs: list[str], expect: list[str]) -> int | None:
    """1-based rank of the first expected ref among the first TOP result pages, else None."""
    for position, ref in enumerate(refs[:TOP], start=1):
        if ref in expect:
            return position
    return None


def summary(outcomes: list[Outcome]) -> dict:
    """hit@1, hit@3 and MRR of a list of outcomes, and how many queries they cover."""
    count = len(outcomes)
    if not count:
        return {"hit1": 0.0, "hit3": 0.0, "mrr": 0.0, "queries": 0}
    ranks = [outcome.rank for outcome in outcomes]
    return {
        "hit1": round(sum(rank == 1 for rank in ranks) / count, 4),
        "hit3": round(sum(rank is not None and rank <= 3 for rank in ranks) / count, 4),
        "mrr": round(sum(1 / rank for rank in ranks if rank) / count, 4),
        "queries": count,
    }


def meets_targets(ours: dict, plain: dict) -> bool:
    """Our hit@3 reaches the target and we are ahead of the plain stack."""
    return (
        ours["hit3"] >= TARGET_HIT3 and ours["mrr"] > plain["mrr"] and ours["hit3"] >= plain["hit3"]
    )
