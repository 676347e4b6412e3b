"""What the search downloads per language, ours against the plain stack, in bytes.

    python scripts/bench/index_size.py [--sizes 1000,5000] [--seed 1] [--work DIR]
    python scripts/bench/index_size.py --site SITE [--plain-site PLAIN_SITE]

Ours: each language's payload `search/kb-<lang>.json` (its prebuilt index, analyser settings
and what a result shows), which the site search loads and which the embeddable widget loads
too: it is the same file. Plain: Material's `search/search_index.json`, one file with every
language's pages that a plain reader downloads whatever their language; its share for one
language (the documents whose location is in that language, written as Material writes the
file) is given too, so both comparisons are shown, each labelled. Sizes are raw, gzip (level
9) and brotli (quality 11) when the `brotli` module is installed.

The scripts that load the index are counted apart: ours, the worker, lunr.js and analysis.js;
plain, Material's search worker (lunr included). When the site has `widget.js` (the
embeddable widget), its size is reported against its budget.

Without `--site`, knowledge bases from `gen_kb.py` are generated and built (`bench_sites`).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

import bench_sites
import gen_kb

try:
    import brotli
except ImportError:  # optional: not a requirement of the project
    brotli = None

#: The widget's bootstrap script, when the site has one.
WIDGET = "widget.js"
WIDGET_BUDGET_GZIP = 6 * 1024
#: The widget's per-language index must stay within this share of the plain index (gzip).
INDEX_BUDGET_SHARE = 0.40
#: What our site search loads besides the payload.
OUR_SCRIPTS = (
    "assets/kb/search-worker.js",
    "assets/kb/vendor/lunr-2.3.9.min.js",
    "assets/kb/analysis.js",
)
PLAIN_WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=bench_sites.sizes_argument, default="1000,5000")
    parser.add_argument("--seed", type=int, default=gen_kb.DEFAULT_SEED)
    parser.add_argument("--work", type=Path, help="where knowledge bases and sites are kept")
    parser.add_argument("--site", type=Path, help="measure this built site of ours instead")
    parser.add_argument("--plain-site", type=Path, help="and this plain-stack site")
    args = parser.parse_args(argv)
    print(f"Machine: {bench_sites.machine()}")
    print(f"brotli: {'yes' if brotli else 'not installed, left out'}")
    if args.site:
        print(report(measure(args.site, args.plain_site), label="site"))
        return 0
    work = args.work or bench_sites.default_work()
    for n in args.sizes:
        ours = bench_sites.built_site(work, n, args.seed, "ours")
        plain = bench_sites.built_site(work, n, args.seed, "plain")
        print(report(measure(ours, plain), label=f"N={n:,} per language"))
    return 0


def sizes(data: bytes) -> dict[str, int]:
    """Raw, gzip and (when available) brotli bytes of one file's content."""
    result = {"raw": len(data), "gzip": len(gzip.compress(data, compresslevel=9, mtime=0))}
    if brotli is not None:
        result["br"] = len(brotli.compress(data, quality=11))
    return result


def measure(site: Path, plain_site: Path | None) -> dict:
    """Sizes per language of ours (and of the plain stack when given), and of the scripts."""
    site = Path(site)
    payloads = sorted((site / "search").glob("kb-*.json"))
    languages = [path.stem.removeprefix("kb-") for path in payloads]
    result: dict = {"languages": {}, "scripts": {}}
    plain_index = None
    if plain_site is not None:
        plain_path = Path(plain_site) / "search" / "search_index.json"
        plain_bytes = plain_path.read_bytes()
        plain_index = json.loads(plain_bytes)
        result["plain_whole"] = sizes(plain_bytes)
        result["plain_docs"] = len(plain_index["docs"])
    default = _default_language(languages, site)
    for path, lang in zip(payloads, languages, strict=True):
        data = path.read_bytes()
        row = {"ours": sizes(data), "entries": len(json.loads(data)["docs"])}
        if plain_index is not None:
            share = _share(plain_index, lang, default, languages)
            row["plain_share"] = sizes(share[0])
            row["plain_share_docs"] = share[1]
        result["languages"][lang] = row
    result["scripts"]["ours"] = _files(site, OUR_SCRIPTS)
    if plain_site is not None:
        workers = sorted(Path(plain_site).glob(PLAIN_WORKER_GLOB))
        result["scripts"]["plain"] = _files(
            plain_site, [w.relative_to(plain_site).as_posix() for w in workers]
        )
    widget = site / WIDGET
    result["widget"] = sizes(widget.read_bytes()) if widget.is_file() else None
    return result


def _default_language(languages: list[str], site: Path) -> str:
    """The language whose pages sit at the site root (its payload's locations have no prefix:
    `base`, the folder of most of its locations, is not the language's)."""
    for lang in languages:
        payload = json.loads((site / "search" / f"kb-{lang}.json").read_text(encoding="utf-8"))
        if payload["docs"] and not payload["base"].startswith(f"{lang}/"):
            return lang
    return languages[0] if languages else "en"


def _share(index: dict, lang: str, default: str, languages: list[str]) -> tuple[bytes, int]:
    """Material's index with only the documents of one language, serialised as Material does."""
    others = [f"{other}/" for other in languages if other != default]
    if lang == default:
        docs = [d for d in index["docs"] if not d["location"].startswith(tuple(others))]
    else:
        docs = [d for d in index["docs"] if d["location"].startswith(f"{lang}/")]
    text = json.dumps({"config": index["config"], "docs": docs}, separators=(",", ":"))
    return text.encode("utf-8"), len(docs)


def _files(root: Path, names) -> dict[str, int]:
    """Summed sizes of several files below `root` (missing ones count as nothing)."""
    total: dict[str, int] = {}
    for name in names:
        path = Path(root) / name
        if path.is_file():
            for key, value in sizes(path.read_bytes()).items():
                total[key] = total.get(key, 0) + value
    return total


def report(result: dict, label: str) -> str:
    """Tables of one site: per language, the scripts, the widget."""
    kinds = ["raw", "gzip"] + (["br"] if brotli is not None else [])
    plain = "plain_whole" in result
    lines = [f"Search downloads, {label}", ""]
    head = "| language | entries | " + " | ".join(f"ours {k}" for k in kinds)
    align = "|---|---:|" + "---:|" * len(kinds)
    if plain:
        head += " | " + " | ".join(f"plain whole {k}" for k in kinds)
        head += " | " + " | ".join(f"plain share {k}" for k in kinds)
        head += " | ours ÷ plain whole (gzip) | ours ÷ plain share (gzip)"
        align += "---:|" * (2 * len(kinds) + 2)
    lines += [head + " |", align]
    verdicts = []
    for lang, row in result["languages"].items():
        cells = [lang, f"{row['entries']:,}"] + [_kib(row["ours"][k]) for k in kinds]
        if plain:
            whole, share = result["plain_whole"], row["plain_share"]
            cells += [_kib(whole[k]) for k in kinds] + [_kib(share[k]) for k in kinds]
            ratio_whole = row["ours"]["gzip"] / whole["gzip"]
            ratio_share = row["ours"]["gzip"] / share["gzip"]
            cells += [f"{ratio_whole:.0%}", f"{ratio_share:.0%}"]
            verdicts.append(
                f"{lang}: {ratio_share:.0%} of the plain index's {lang} share, "
                f"{ratio_whole:.0%} of the whole plain index (budget ≤ {INDEX_BUDGET_SHARE:.0%}: "
                f"{'met' if ratio_share <= INDEX_BUDGET_SHARE else 'MISSED'} against the share, "
                f"{'met' if ratio_whole <= INDEX_BUDGET_SHARE else 'MISSED'} against the whole)"
            )
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "ours: search/kb-<lang>.json, loaded by the site search and by the widget alike; "
        "plain whole: search/search_index.json (every language, downloaded by every reader"
        + (f", {result['plain_docs']:,} documents" if plain else "")
        + "); plain share: its documents of that language only."
    )
    lines += [f"- {verdict}" for verdict in verdicts]
    lines += [
        "",
        "| scripts that load it | " + " | ".join(kinds) + " |",
        "|---|" + "---:|" * len(kinds),
    ]
    names = {
        "ours": "ours: worker, lunr.js, analysis.js",
        "plain": "plain: Material's search worker (lunr included)",
    }
    for stack, total in result["scripts"].items():
        lines.append(
            f"| {names[stack]} | " + " | ".join(_kib(total.get(k, 0)) for k in kinds) + " |"
        )
    lines.append("")
    widget = result.get("widget")
    if widget is None:
        lines.append(f"widget: no {WIDGET} in this site (the figures come with the widget)")
    else:
        verdict = "met" if widget["gzip"] <= WIDGET_BUDGET_GZIP else "MISSED"
        lines.append(
            f"widget: {WIDGET} "
            + ", ".join(f"{_kib(widget[k])} {k}" for k in kinds)
            + f" (bootstrap budget ≤ {WIDGET_BUDGET_GZIP // 1024} KiB gzip: {verdict})"
        )
    lines.append("")
    return "\n".join(lines)


def _kib(value: int) -> str:
    return f"{value / 1024:,.1f} KiB"


if __name__ == "__main__":
    sys.exit(main())
