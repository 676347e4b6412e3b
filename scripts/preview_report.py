"""Write the reviewer report of a change: the built base site against the built head site.

    python scripts/preview_report.py BASE_SITE HEAD_SITE [--config mkdocs.yml]
        [--search-base BASE.json --search-head HEAD.json] [--preview-url URL] [-o report.md]

Pages added, removed and changed per language; other files (images, PDFs, scripts) added,
removed and changed; translation coverage, and stale and missing translations (from the docs
of --config, the head's); the structured-data check of the head site
(scripts/check_structured_data.py, when present); search-quality figures (the JSON that
scripts/bench/search_quality.py --json writes); search-index and widget sizes; broken links.
Whatever is missing is reported as not run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from helpfirst import translations
from helpfirst.tools import built_site, review

SCRIPTS = Path(__file__).resolve().parent

STRUCTURED_DATA_CHECK = SCRIPTS / "check_structured_data.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", type=Path, help="the site built from the base of the change")
    parser.add_argument("head", type=Path, help="the site built from the change")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="head's mkdocs.yml")
    parser.add_argument("--search-base", type=Path, help="search-quality JSON of the base")
    parser.add_argument("--search-head", type=Path, help="search-quality JSON of the change")
    parser.add_argument("--preview-url", default="", help="where the head site is deployed")
    parser.add_argument(
        "--structured-data-check",
        type=Path,
        default=STRUCTURED_DATA_CHECK,
        help="the check to run on the head site (default: scripts/check_structured_data.py)",
    )
    parser.add_argument("-o", "--output", type=Path, help="write here instead of to stdout")
    args = parser.parse_args(argv)
    if not (args.head / "index.html").is_file():
        print(f"preview_report.py: {args.head} is not a built site", file=sys.stderr)
        return 2
    head = built_site.read_site(args.head)
    base = built_site.read_site(args.base) if (args.base / "index.html").is_file() else None
    report = review.Report(
        default_lang=head.default_lang,
        languages=review.compare(base, head),
        base_available=base is not None,
        translations=_translations(args.config),
        structured_data=_structured_data(args.structured_data_check, args.head),
        search_base=_json(args.search_base),
        search_head=_json(args.search_head),
        sizes_base=built_site.file_sizes(args.base) if base is not None else {},
        sizes_head=built_site.file_sizes(args.head),
        broken_links=built_site.broken_links(head),
        base_broken_links=len(built_site.broken_links(base)) if base is not None else None,
        preview_url=args.preview_url,
        files=review.compare_files(base, head) if base is not None else None,
        synonyms=review.compare_synonyms(base, head) if base is not None else None,
    )
    text = review.render(report)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _translations(config: Path) -> list[translations.Translation] | None:
    """Every translation's state, from the docs of the project at `config`; None if unreadable."""
    if not config.is_file():
        return None
    from helpfirst.project import load_project

    try:
        project = load_project(config)
    except Exception as error:  # the report says n/a rather than fail on a broken config
        print(f"preview_report.py: {config}: {error}", file=sys.stderr)
        return None
    checked = project.check()
    return translations.survey(checked.catalog)


def _structured_data(check: Path, site: Path) -> review.CheckRun:
    """Run the structured-data check on the head site, when this checkout has it."""
    if not check.is_file():
        return review.CheckRun(ran=False, reason=f"{check.name} is not in this checkout")
    result = subprocess.run(
        [sys.executable, str(check), str(site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    return review.CheckRun(ran=True, ok=result.returncode == 0, lines=lines)


def _json(path: Path | None) -> dict | None:
    """A search-quality JSON file, or None when it was not given or not written."""
    if path is None or not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        print(f"preview_report.py: {path} is not JSON; search quality not shown", file=sys.stderr)
        return None


if __name__ == "__main__":
    sys.exit(main())
