"""Authoring tools for the help centre, one subcommand each (run from the folder of mkdocs.yml):
the console script `kb`, also run as `python scripts/kb.py`.

    python scripts/kb.py new faq reset-password --category customer-portal
    python scripts/kb.py lint
    python scripts/kb.py translations [--lang sl] [--update docs/faq/x.sl.md ...]
    python scripts/kb.py build --lang sl -d build/sl [--cache .kb-cache]
    python scripts/kb.py build -d site [--cache .kb-cache]
    python scripts/kb.py merge build/en build/sl build/lv -d site
    python scripts/kb.py search --lang sl "kako ponastavim geslo"
    python scripts/kb.py insights /var/log/nginx/access.log* --html insights.html
    python scripts/kb.py check-links site
    python scripts/kb.py check-structured-data site [--vocabulary ../shared/schemaorg]
    python scripts/kb.py preview-report base-site site [-o report.md]

Each subcommand is a function `<name>_command(args) -> exit status` registered in COMMANDS
with the function that adds its arguments; the work itself is done by the rest of `helpfirst`.
The checks of a built site and the reviewer report use `helpfirst.tools` (the extra
`helpfirst[tools]`), imported only when they run.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from helpfirst import scaffold, translations
from helpfirst.content import valid_id
from helpfirst.project import Project, load_project

if TYPE_CHECKING:  # helpfirst.tools needs the extra helpfirst[tools]: imported where it runs
    from helpfirst.tools.review import CheckRun

PROG = "kb.py"


def _project(args) -> Project:
    """The project named by --config-file."""
    return load_project(args.config_file)


def _fail(message: str) -> int:
    """Print a problem with the command itself and return the failing exit status."""
    print(f"{PROG}: {message}", file=sys.stderr)
    return 2


# --- new ---------------------------------------------------------------------------------------


def new_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=scaffold.KINDS, help="what to add")
    parser.add_argument("id", help="the entry's id: its file name, such as reset-password")
    parser.add_argument("--category", help="one of the categories under extra.kb.categories")
    parser.add_argument("--title", help="the title heading (default: from the id)")


def new_command(args) -> int:
    """Write a new entry in every language; never overwrite a file."""
    project = _project(args)
    if not valid_id(args.id):
        return _fail(f"'{args.id}' is not a valid id (use lower-case letters, digits, hyphens)")
    checked = project.check()
    categories = sorted(checked.settings.categories)
    if args.category is None and scaffold.needs_category(args.kind):
        return _fail(f"a {args.kind} needs --category, one of: {', '.join(categories)}")
    if args.category is not None and args.category not in categories:
        return _fail(f"unknown category '{args.category}' (use one of: {', '.join(categories)})")
    files = scaffold.plan(
        args.kind, args.id, project.languages, project.default_lang, args.category, args.title
    )
    existing = [name for name in files if (project.docs_dir / name).exists()]
    if existing:
        shown = ", ".join(project.display(project.docs_dir / name) for name in existing)
        return _fail(f"{shown} exists already: nothing was written (choose another id)")
    used = checked.catalog.entries.get(args.id)
    if used:
        other = next(iter(used.values())).display_path
        return _fail(f"the id '{args.id}' is used by {other} (ids are shared by every section)")
    for name, text in files.items():
        path = project.docs_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"created {project.display(path)}")
    print(
        f"Replace every '{scaffold.MARKER}'. When a translation is done, record it with "
        f"'{PROG} translations --update <file>'; delete a translation file to show the "
        f"{project.default_lang} page in that language until it is translated."
    )
    return 0


# --- lint --------------------------------------------------------------------------------------


def lint_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strict",
        action="store_true",
        help="fail on warnings too: translation differences, glossary, leftover TODO text",
    )


def lint_command(args) -> int:
    """Print every problem the build would report, then the glossary's warnings."""
    from helpfirst.lint import lint

    project = _project(args)
    findings = lint(project)
    for problem in findings.problems:
        print(problem)
    for problem in findings.advice:
        print(f"{problem} [warning]")
    counts = f"{len(findings.problems)} problem(s), {len(findings.advice)} warning(s)"
    print(f"{PROG} lint: {counts}", file=sys.stderr)
    if findings.problems or (args.strict and findings.advice):
        return 1
    return 0


# --- translations ------------------------------------------------------------------------------

_LABELS = {
    translations.STALE: "stale",
    translations.UNRECORDED: "not recorded",
    translations.MISSING: "missing",
}


def translations_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", action="append", help="only this language (repeatable)")
    parser.add_argument(
        "--update",
        nargs="+",
        metavar="FILE",
        help="record that these translations match their source as it is now",
    )


def translations_command(args) -> int:
    """List missing and stale translations per language, or record finished ones."""
    project = _project(args)
    checked = project.check()
    survey = translations.survey(checked.catalog, args.lang)
    if args.update:
        return _record(project, survey, args.update)
    for lang in [lang for lang in project.languages if lang != project.default_lang]:
        rows = [row for row in survey if row.lang == lang]
        if not rows:
            continue
        counts = {state: sum(row.state == state for row in rows) for state in _LABELS}
        current = sum(row.state == translations.CURRENT for row in rows)
        summary = ", ".join(f"{counts[state]} {label}" for state, label in _LABELS.items())
        print(f"{lang}: {current} of {len(rows)} current; {summary}")
        for row in rows:
            if row.state == translations.CURRENT:
                continue
            print(f"  {_LABELS[row.state]:<13}{_describe(project, row)}")
    return 0


def _describe(project: Project, row: translations.Translation) -> str:
    """One listing line: the file and what to do about it."""
    source = row.source.display_path
    if row.state == translations.MISSING:
        folder, name = source.rsplit("/", 1)
        return f"{folder}/{name[:-3]}.{row.lang}.md (translate {source})"
    if row.state == translations.STALE:
        return f"{row.path} ({source} changed since {row.recorded}; now {row.fingerprint})"
    return f"{row.path} (compare it with {source}, then: {PROG} translations --update {row.path})"


def _record(project: Project, survey: list, paths: list[str]) -> int:
    """Write the source's fingerprint into each named translation."""
    by_path = {
        (project.root / row.translation.display_path).resolve(): row
        for row in survey
        if row.translation is not None
    }
    status = 0
    for name in paths:
        row = by_path.get(Path(name).resolve())
        if row is None:
            status = _fail(f"{name}: not a translation of this site (name a *.<lang>.md file)")
            continue
        path = project.root / row.translation.display_path
        text = path.read_bytes().decode("utf-8")
        updated = translations.record(text, row.fingerprint)
        if updated != text:
            path.write_bytes(updated.encode("utf-8"))
        print(f'{row.translation.display_path}: {translations.KEY}: "{row.fingerprint}"')
    return status


# --- build and merge ---------------------------------------------------------------------------


def build_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", help="build this language only (default: every language, merged into one site)"
    )
    parser.add_argument("-d", "--site-dir", required=True, help="where to write it")
    parser.add_argument(
        "--cache",
        type=Path,
        metavar="DIR",
        help="copy a language from DIR when nothing it is made from has changed since its "
        "last build there, and its unchanged pages when something has; keep every new build "
        "there",
    )
    parser.add_argument(
        "--jobs",
        type=_jobs,
        metavar="N",
        help="build up to N languages side by side, each in a process of its own "
        "(default: one more than the cores, so that no core waits for the last language)",
    )


def _jobs(text: str) -> int:
    """A number of processes, 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of processes (write 1 or more)")
    return int(text)


def build_command(args) -> int:
    """Build one language, or every language merged into the site (see README: building
    languages in parallel), reusing unchanged languages from --cache."""
    import tempfile

    from mkdocs.exceptions import MkDocsException

    from helpfirst import language_builds

    _log_to_stderr()
    site_dir = Path(args.site_dir)
    try:
        if args.lang is not None:
            targets = {args.lang: site_dir}
            language_builds.build_languages(args.config_file, targets, args.cache, _note)
            return 0
        project = _project(args)
        # Beside the site, on its file system: the parts are moved into it, not copied.
        site_dir.absolute().parent.mkdir(parents=True, exist_ok=True)
        scratch = tempfile.TemporaryDirectory(prefix=".kb-build-", dir=site_dir.absolute().parent)
        with scratch as parts_dir:
            targets = {lang: Path(parts_dir) / lang for lang in project.languages}
            language_builds.build_languages(
                args.config_file,
                targets,
                args.cache,
                _note,
                scratch=True,
                jobs=args.jobs or (os.cpu_count() or 1) + 1,
            )
            return _merge(project, list(targets.values()), site_dir, move=True)
    except ValueError as error:
        return _fail(str(error))
    except MkDocsException as error:
        print(error, file=sys.stderr)
        return 1


def _log_to_stderr() -> None:
    """Show MkDocs' warnings and errors as `mkdocs build` does."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


def _note(text: str) -> None:
    """One line of progress on stderr."""
    print(f"{PROG} build: {text}", file=sys.stderr)


def merge_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("parts", nargs="+", type=Path, help="folders of single-language builds")
    parser.add_argument("-d", "--site-dir", required=True, type=Path, help="the merged site")


def merge_command(args) -> int:
    """Merge single-language builds into the full site."""
    from helpfirst import language_builds

    project = _project(args)
    order = {lang: index for index, lang in enumerate(project.languages)}
    parts = sorted(
        args.parts,
        key=lambda part: order[
            language_builds.part_language(part, project.languages, project.default_lang)
        ],
    )
    status = _merge(project, parts, args.site_dir)
    if status == 0:
        print(f"merged {len(parts)} language builds into {args.site_dir}")
    return status


def _merge(project: Project, parts: list[Path], site_dir: Path, move: bool = False) -> int:
    """Merge language builds, given in the order of the site's languages, into `site_dir`
    (moving their files with `move`: helpfirst.language_builds.merge)."""
    from helpfirst import language_builds

    combine = {}
    i18n = project.config.plugins.get("i18n")
    if i18n is not None:
        combine[language_builds.SEARCH_INDEX] = language_builds.search_index_combiner(i18n)
    try:
        language_builds.merge(parts, site_dir, combine, move)
    except language_builds.MergeError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


# --- serve ------------------------------------------------------------------------------------


def serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-p", "--port", type=_port, default=8000, help="the port on 127.0.0.1 (default 8000)"
    )
    parser.add_argument(
        "--cache",
        type=Path,
        metavar="DIR",
        help="build through the cache in DIR, as `build --cache DIR` does, and keep it there "
        "(default: a folder deleted with the server)",
    )


def _port(text: str) -> int:
    """A TCP port number (0: any free port)."""
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port (write a number up to 65535)")
    return int(text)


def serve_command(args) -> int:
    """Build the site, serve it on the loopback interface and rebuild what a save changes."""
    import tempfile

    from helpfirst import build_cache, preview

    _log_to_stderr()

    def say(text: str) -> None:
        print(f"{PROG} serve: {text}", file=sys.stderr, flush=True)

    try:
        if args.cache is not None:
            build_cache.check_folder(args.cache)
        with tempfile.TemporaryDirectory(prefix="kb-serve-") as work:
            site = preview.Preview(args.config_file, Path(work), say, args.cache)
            # The port is taken before the build, so a busy one is told at once.
            try:
                server = preview.make_server(site, args.port)
            except OSError as error:
                return _fail(
                    f"cannot serve on 127.0.0.1:{args.port}: {error.strerror} "
                    "(stop what uses it, or name another port with --port)"
                )
            with server:
                started = time.perf_counter()
                problems = site.build()
                seconds = time.perf_counter() - started
                say(
                    f"built {site.described(site.languages)} in {seconds:.2f} s"
                    + (f": {len(problems)} problem(s)" if problems else "")
                )
                preview.serve(site, server, say)
    except ValueError as error:
        return _fail(str(error))
    return 0


# --- search ------------------------------------------------------------------------------------


def search_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help="what a reader would type")
    parser.add_argument("--lang", help="the language to search (default: the default language)")
    parser.add_argument(
        "--site",
        type=Path,
        help="a built site to search (default: build this language into a temporary folder)",
    )
    parser.add_argument("--limit", type=int, default=10, help="how many results (default 10)")


def search_command(args) -> int:
    """Search one language's index with the site's own analysers; print ranked entries."""
    import json
    import tempfile

    from helpfirst.search import documents, load_index, payload_path, query

    project = _project(args)
    lang = args.lang or project.default_lang
    if lang not in project.languages:
        return _fail(f"unknown language '{lang}' (use one of: {', '.join(project.languages)})")
    with tempfile.TemporaryDirectory(prefix="kb-search-") as temporary:
        site = args.site
        if site is None:
            site = Path(temporary) / "site"
            status = build_command(
                argparse.Namespace(
                    config_file=args.config_file, lang=lang, site_dir=str(site), cache=None
                )
            )
            if status:
                return status
        path = site / payload_path(lang)
        if not path.is_file():
            return _fail(f"{path} does not exist (build the site first, or leave out --site)")
        payload = json.loads(path.read_text(encoding="utf-8"))
    results = query(load_index(payload), args.query, lang, limit=args.limit)
    if not results:
        print(f"no results in {lang} for {args.query!r}")
        return 0
    shown = documents(payload)
    width = len(f"{results[0][1]:.3f}")
    for rank, (ref, score) in enumerate(results, 1):
        doc = shown.get(ref, {})
        print(f"{rank:>2}. {score:>{width}.3f}  {ref}  {doc.get('title', '')}")
        print(f"    {' ' * width}  /{doc.get('location', '')}")
    return 0


# --- insights ----------------------------------------------------------------------------------


def insights_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "logs", nargs="+", type=Path, metavar="LOG", help="access logs or JSON Lines, plain or .gz"
    )
    parser.add_argument("--from", dest="first", type=_date, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="last", type=_date, help="last day, YYYY-MM-DD")
    parser.add_argument("--html", type=Path, metavar="FILE", help="write the HTML report here")
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="write the figures here (- for stdout)"
    )
    parser.add_argument(
        "--no-site",
        action="store_true",
        help="do not read the site (no suggestions of entries, no list of entries never opened)",
    )


def _date(text: str):
    """A day written YYYY-MM-DD."""
    import datetime

    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (write YYYY-MM-DD)") from error


def insights_command(args) -> int:
    """Report what readers searched, found, read and wrote from the host's logs."""
    from helpfirst.tools import insights_report
    from helpfirst.tools.insights_log import LogError, Period

    if args.first and args.last and args.first > args.last:
        return _fail(f"--from {args.first} is after --to {args.last}")
    site = None
    if not args.no_site:
        if not Path(args.config_file).is_file():
            return _fail(
                f"{args.config_file} does not exist (run in the site's folder, or --no-site)"
            )
        site = insights_report.site_of(_project(args))
    try:
        figures = insights_report.report(args.logs, site, Period(args.first, args.last))
    except LogError as error:
        print(f"{PROG} insights: {error}", file=sys.stderr)
        return 1
    try:
        if args.json is not None:
            text = insights_report.dumps(figures)
            if str(args.json) == "-":
                sys.stdout.write(text)
            else:
                args.json.write_text(text, encoding="utf-8")
        if args.html is not None:
            args.html.write_text(insights_report.render_html(figures), encoding="utf-8")
    except OSError as error:
        return _fail(f"cannot write {error.filename}: {error.strerror}")
    print(
        insights_report.summary(figures), file=sys.stderr if str(args.json) == "-" else sys.stdout
    )
    return 0


# --- checks of a built site and the reviewer report (they need helpfirst[tools]) ---------------


def _tools_missing(error: ImportError) -> int:
    """Say which package of the tools extra is missing; the check cannot run."""
    return _fail(
        f"{error.name} is missing (install the test requirements: "
        "pip install -r requirements-test.txt)"
    )


def check_links_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site", type=Path, help="the built site folder")


def check_links_command(args) -> int:
    """Check every internal link, image, script and stylesheet of a built site, offline: one
    `page: problem: target` line per broken reference. Links to other hosts are not fetched;
    absolute links to the site's own address (the home page's canonical link) are checked."""
    try:
        from helpfirst.tools import built_site
    except ImportError as error:
        return _tools_missing(error)
    if not (args.site / "index.html").is_file():
        return _fail(f"{args.site} is not a built site (no index.html)")
    broken = built_site.broken_links(built_site.read_site(args.site))
    for link in broken:
        print(link)
    print(f"{PROG} check-links: {len(broken)} broken link(s)", file=sys.stderr)
    return 1 if broken else 0


def check_structured_data_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site", type=Path, help="the built site (mkdocs build's site/)")
    parser.add_argument(
        "--vocabulary",
        type=Path,
        metavar="DIR",
        help="a schema.org release folder (schemaorg-current-https.jsonld and "
        "schemaorgcontext.jsonld) to check against the whole vocabulary; by default the "
        "project's own facts for the types it emits are used",
    )
    parser.add_argument(
        "--site-url",
        metavar="URL",
        help="the site's address (default: the canonical link of SITE/index.html)",
    )


def check_structured_data_command(args) -> int:
    """Check the schema.org JSON-LD of a built site, offline, with the rules of
    `helpfirst.tools.jsonld_check`: one `page: problem` line per problem, a count on stderr."""
    try:
        from helpfirst.tools.jsonld_check import Vocabulary, check_site
    except ImportError as error:
        return _tools_missing(error)
    if not (args.site / "index.html").is_file() and args.site_url is None:
        return _fail(f"{args.site} is not a built site (no index.html)")
    vocabulary = None
    if args.vocabulary is not None:
        try:
            vocabulary = Vocabulary.from_release(args.vocabulary)
        except (OSError, ValueError, KeyError) as error:
            return _fail(f"cannot read {args.vocabulary}: {error}")
    findings, pages, blocks = check_site(args.site, vocabulary, args.site_url)
    if pages == 0:
        return _fail(f"{args.site} is not a built site (no HTML pages)")
    for finding in findings:
        print(finding)
    count = f"{len(findings)} problem{'' if len(findings) == 1 else 's'}"
    print(f"{pages} pages, {blocks} JSON-LD blocks: {count}", file=sys.stderr)
    return 1 if findings else 0


def preview_report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", type=Path, help="the site built from the base of the change")
    parser.add_argument("head", type=Path, help="the site built from the change")
    parser.add_argument("--search-base", type=Path, help="search-quality JSON of the base")
    parser.add_argument("--search-head", type=Path, help="search-quality JSON of the change")
    parser.add_argument("--preview-url", default="", help="where the head site is deployed")
    parser.add_argument(
        "--no-structured-data",
        action="store_true",
        help="leave out the structured-data check of the head site (the report says not run)",
    )
    parser.add_argument("-o", "--output", type=Path, help="write here instead of to stdout")


def preview_report_command(args) -> int:
    """Write the reviewer report of a change as Markdown: pages added, removed and changed per
    language; other files added, removed and changed; translation coverage, stale and missing
    translations (from the docs of --config-file, the head's); the structured-data check of the
    head site; search-quality figures (the JSON of scripts/bench/search_quality.py --json);
    search-index and widget sizes; broken links. What is missing is reported as not run."""
    try:
        from helpfirst.tools import built_site, review
    except ImportError as error:
        return _tools_missing(error)
    if not (args.head / "index.html").is_file():
        return _fail(f"{args.head} is not a built site (no index.html)")
    head = built_site.read_site(args.head)
    base = built_site.read_site(args.base) if (args.base / "index.html").is_file() else None
    if args.no_structured_data:
        structured = review.CheckRun(ran=False, reason="left out (--no-structured-data)")
    else:
        structured = _structured_data(args.head)
    report = review.Report(
        default_lang=head.default_lang,
        languages=review.compare(base, head),
        base_available=base is not None,
        translations=_survey(Path(args.config_file)),
        structured_data=structured,
        search_base=_search_figures(args.search_base),
        search_head=_search_figures(args.search_head),
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


def _survey(config: Path) -> list[translations.Translation] | None:
    """Every translation's state, from the docs of the project at `config`; None if unreadable."""
    if not config.is_file():
        return None
    try:
        project = load_project(config)
        checked = project.check()
    except Exception as error:  # the report says n/a rather than fail on a broken config
        print(f"{PROG} preview-report: {config}: {error}", file=sys.stderr)
        return None
    return translations.survey(checked.catalog)


def _structured_data(site: Path) -> CheckRun:
    """The structured-data check of `site`, as `check-structured-data` runs it."""
    from helpfirst.tools import review

    try:
        from helpfirst.tools.jsonld_check import check_site
    except ImportError as error:
        return review.CheckRun(ran=False, reason=f"{error.name} is not installed")
    findings, _pages, _blocks = check_site(site)
    return review.CheckRun(ran=True, ok=not findings, lines=[str(item) for item in findings])


def _search_figures(path: Path | None) -> dict | None:
    """A search-quality JSON file, or None when it was not given or not written."""
    import json

    if path is None or not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        print(
            f"{PROG} preview-report: {path} is not JSON; search quality not shown", file=sys.stderr
        )
        return None


# --- dispatch ----------------------------------------------------------------------------------

#: name -> (run, add arguments, one-line help)
COMMANDS: dict[str, tuple[Callable, Callable, str]] = {
    "new": (new_command, new_arguments, "add a FAQ entry, guide or template in every language"),
    "lint": (lint_command, lint_arguments, "run every content check without building"),
    "translations": (
        translations_command,
        translations_arguments,
        "list missing and stale translations, or record finished ones",
    ),
    "build": (build_command, build_arguments, "build the site or one language, with a cache"),
    "merge": (merge_command, merge_arguments, "merge single-language builds into one site"),
    "search": (search_command, search_arguments, "search one language as the site does"),
    "insights": (
        insights_command,
        insights_arguments,
        "report failed searches, the widget's deflection and votes from the host's logs",
    ),
    "serve": (
        serve_command,
        serve_arguments,
        "preview the site on 127.0.0.1, rebuilt and reloaded after every save",
    ),
    "check-links": (
        check_links_command,
        check_links_arguments,
        "check the links, images, scripts and stylesheets of a built site",
    ),
    "check-structured-data": (
        check_structured_data_command,
        check_structured_data_arguments,
        "check the schema.org JSON-LD of a built site",
    ),
    "preview-report": (
        preview_report_command,
        preview_report_arguments,
        "write the reviewer report of a change: base site against head site",
    ),
}


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        help="the site's mkdocs.yml (default: mkdocs.yml)",
    )
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    subcommands = parser.add_subparsers(dest="command", required=True)
    for name, (run, add_arguments, summary) in COMMANDS.items():
        sub = subcommands.add_parser(name, help=summary, description=summary, parents=[common])
        add_arguments(sub)
        sub.set_defaults(run=run)
    args = parser.parse_args(argv)
    return args.run(args)
