"""What the help widget downloads to show one answer: the answer built for it, against the
entry's whole page that it fetched before, in bytes.

    python scripts/bench/answer_size.py SITE

SITE is a built site (`mkdocs build -d SITE`). For every entry page of every language (its
`<section>/<id>/index.html`) and its answer (`<language root>answers/<id>.json`), the sizes are
raw and gzip (level 9, and brotli when the module is installed); printed per language as the
median, the mean and the largest, and the median ratio of answer to page.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

from index_size import sizes

SECTIONS = ("faq", "guides", "templates")


def pairs(site: Path) -> dict[str, list[tuple[dict, dict]]]:
    """Per language, (page sizes, answer sizes) of every entry that has both."""
    result: dict[str, list[tuple[dict, dict]]] = {}
    roots = [("", site)] + [
        (path.name, path) for path in sorted(site.iterdir()) if (path / "answers").is_dir()
    ]
    for lang, root in roots:
        if not (root / "answers").is_dir():
            continue
        for answer in sorted((root / "answers").glob("*.json")):
            pages = [root / section / answer.stem / "index.html" for section in SECTIONS]
            page = next((path for path in pages if path.is_file()), None)
            if page is not None:
                entry = (sizes(page.read_bytes()), sizes(answer.read_bytes()))
                # The default language's answers are at the root: each names its language.
                code = lang or json.loads(answer.read_bytes())["lang"]
                result.setdefault(code, []).append(entry)
    return result


def report(measured: dict[str, list[tuple[dict, dict]]]) -> str:
    """A Markdown table: per language and kind, page and answer bytes, and their ratio."""
    kinds = list(next(iter(measured.values()))[0][0])
    lines = [
        "| language | entries | kind | page median | page mean | page max "
        "| answer median | answer mean | answer max | answer / page (median) |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for lang, rows in measured.items():
        for kind in kinds:
            page = [p[kind] for p, _ in rows]
            answer = [a[kind] for _, a in rows]
            ratio = statistics.median(a[kind] / p[kind] for p, a in rows)
            lines.append(
                f"| {lang} | {len(rows)} | {kind} | {statistics.median(page):,.0f} "
                f"| {statistics.mean(page):,.0f} | {max(page):,} "
                f"| {statistics.median(answer):,.0f} | {statistics.mean(answer):,.0f} "
                f"| {max(answer):,} | {ratio:.1%} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    measured = pairs(Path(args[0]))
    if not measured:
        print(f"{args[0]}: no answers (build the site first)", file=sys.stderr)
        return 1
    print(report(measured))
    return 0


if __name__ == "__main__":
    sys.exit(main())
