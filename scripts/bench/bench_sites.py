"""Synthetic knowledge bases and their built sites, kept between benchmark runs.

The benchmarks of size and speed (`build.py`, `index_size.py`, `search_latency.py`,
`edit_loop.py`) work on knowledge bases from `gen_kb.py`. Generating one takes seconds and
building it minutes, so both are kept in a work folder (by default `$TMPDIR/kb-bench`): a
knowledge base by size and seed, a built site of ours also by a fingerprint of what builds it
(the project's config, hooks and overrides), so that a change to them is never measured on a
site built before it.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Collection
from pathlib import Path

import gen_kb
import plain_stack

ROOT = Path(__file__).resolve().parents[2]
#: The authoring tools (`kb build`, `merge`, `serve`) as the benchmarks run them.
KB = ROOT / "scripts" / "kb.py"
STACKS = ("ours", "plain")
#: `extra.kb.insights` of our site: as the knowledge base has it (off), or in `log` mode.
INSIGHTS = ("off", "log")
#: The configuration of the build with insights in `log` mode, written beside the knowledge base's.
INSIGHTS_LOG_CONFIG = "mkdocs-insights-log.yml"


def default_work() -> Path:
    """Where knowledge bases and sites are kept unless a benchmark is told otherwise."""
    return Path(tempfile.gettempdir()) / "kb-bench"


def knowledge_base(work: Path, n: int, seed: int) -> Path:
    """The project of N entries per language, generated once and kept in `work`; its
    mkdocs.yml, home and section pages and code links follow this checkout's each time (they
    are what `fingerprint` names)."""
    project = Path(work) / f"kb-{n}-{seed}"
    done = project / ".complete"
    if not done.exists():
        if project.exists():
            shutil.rmtree(project)
        started = time.perf_counter()
        gen_kb.generate(n, project, seed)
        done.write_text("", encoding="utf-8")
        print(f"generated N={n} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    else:
        gen_kb.write_project(project)
    return project


def plain_config(work: Path, n: int, seed: int, flat: bool = False) -> Path:
    """The plain stack's mkdocs.yml for a knowledge base: the navigation design of ours (home
    and section pages), or with `flat` MkDocs' default navigation of every page."""
    project = knowledge_base(work, n, seed)
    where = Path(work) / f"plain{'-flat' if flat else ''}-{n}-{seed}"
    nav = None if flat else plain_stack.sections_nav(project)
    return plain_stack.write_config(project, where, nav=nav)


def insights_config(project: Path) -> Path:
    """A configuration beside the knowledge base's that INHERITs it and turns insights on in
    `log` mode; its path."""
    path = Path(project) / INSIGHTS_LOG_CONFIG
    path.write_text(
        "# The knowledge base's configuration with insights in log mode.\n"
        "INHERIT: mkdocs.yml\n"
        "extra:\n"
        "  kb:\n"
        "    insights: log\n",
        encoding="utf-8",
    )
    return path


def site_path(work: Path, n: int, seed: int, stack: str, insights: str = "off") -> Path:
    """Where the kept site of one stack and size lives (ours also by `fingerprint`, and with
    insights on by a name of its own, never taken for a site without them)."""
    if stack not in STACKS:
        raise ValueError(f"unknown stack {stack!r}")
    if insights not in INSIGHTS or (insights != "off" and stack != "ours"):
        raise ValueError(f"no {stack} site with insights {insights!r}")
    if stack == "plain":
        return Path(work) / f"site-plain-{n}-{seed}"
    variant = stack if insights == "off" else f"{stack}-insights-{insights}"
    return Path(work) / f"site-{variant}-{n}-{seed}-{fingerprint()}"


def keep_site(work: Path, n: int, seed: int, stack: str, site: Path) -> bool:
    """Keep a site just built the way `built_site` builds it, unless one is kept already;
    True when it was kept (moved), False when the caller still owns it."""
    target = site_path(work, n, seed, stack)
    if (target / ".complete").exists():
        return False
    if target.exists():
        shutil.rmtree(target)
    shutil.move(str(site), str(target))
    (target / ".complete").write_text("", encoding="utf-8")
    return True


def built_site(work: Path, n: int, seed: int, stack: str, insights: str = "off") -> Path:
    """The built site of one stack (`ours` or `plain`), built once per fingerprint; ours with
    `insights="log"` from `insights_config`."""
    site = site_path(work, n, seed, stack, insights)
    project = knowledge_base(work, n, seed)
    if stack != "ours":
        config = plain_config(work, n, seed)
    elif insights == "log":
        config = insights_config(project)
    else:
        config = project / "mkdocs.yml"
    done = site / ".complete"
    if done.exists():
        return site
    if site.exists():
        shutil.rmtree(site)
    # Our hooks import their package from this checkout, whatever the caller's PYTHONPATH.
    env = {"PYTHONPATH": str(ROOT / "hooks")} if stack == "ours" else None
    result = plain_stack.build(config, site, strict=stack == "ours", timeout=3600, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"the {stack} build of N={n} failed:\n{result.log[-4000:]}")
    print(f"built {stack} N={n} in {result.seconds:.1f} s", file=sys.stderr)
    done.write_text("", encoding="utf-8")
    return site


def revision(rev: str) -> str:
    """The full hash of the commit that git revision `rev` (`8d83be4`, `HEAD~2`, `main`) names
    in this checkout's repository; ValueError when it names none."""
    try:
        result = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
            capture_output=True,
            text=True,
        )
    except OSError:  # no git
        result = None
    if result is None or result.returncode != 0 or not result.stdout.strip():
        raise ValueError(f"{rev!r} names no commit of the repository at {ROOT}")
    return result.stdout.strip()


def revision_site(work: Path, n: int, seed: int, commit: str) -> Path:
    """Our site of N entries per language as the code of `commit` (a full hash) builds it: the
    entries of the same knowledge base, with that commit's mkdocs.yml, home and section pages,
    hooks and overrides, from a `git worktree` of it in `work` (PYTHONPATH at its hooks, as
    for ours). Built once per commit and kept; the worktree is removed after the build."""
    site = Path(work) / f"site-at-{commit[:10]}-{n}-{seed}"
    if (site / ".complete").exists():
        return site
    if site.exists():
        shutil.rmtree(site)
    entries = knowledge_base(work, n, seed) / "docs"
    with tempfile.TemporaryDirectory(prefix=f"checkout-{commit[:10]}-", dir=work) as tmp:
        checkout = Path(tmp) / "checkout"
        _git("worktree", "add", "--detach", str(checkout), commit)
        try:
            project = Path(tmp) / "project"
            gen_kb.write_project(project, checkout)
            _copy_entries(entries, project / "docs")
            env = {"PYTHONPATH": str(checkout / "hooks")}
            result = plain_stack.build(
                project / "mkdocs.yml", site, strict=True, timeout=3600, env=env
            )
        finally:
            _git("worktree", "remove", "--force", str(checkout))
    if result.returncode != 0:
        raise RuntimeError(f"the build of N={n} at {commit[:10]} failed:\n{result.log[-4000:]}")
    print(f"built ours at {commit[:10]} N={n} in {result.seconds:.1f} s", file=sys.stderr)
    (site / ".complete").write_text("", encoding="utf-8")
    return site


def describe_checkout() -> str:
    """This checkout's commit (short hash), and whether what builds our site (mkdocs.yml,
    hooks, overrides) has changes not committed."""
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short=10", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    changed = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--", "mkdocs.yml", "hooks", "overrides"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"{head or 'no commit'}{' with changes not committed' if changed else ''}"


def _git(*args: str) -> None:
    """Run git in this checkout; a failure is an error that says what git said."""
    result = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed:\n{result.stderr}")


def _copy_entries(docs: Path, target: Path) -> None:
    """Copy the entries of a knowledge base's `docs` into another project's `target`, leaving
    out the home and section pages (that project has its own)."""
    own = {
        f"{page}{'' if lang == gen_kb.LANGUAGES[0] else f'.{lang}'}.md"
        for page in gen_kb.INDEX_PAGES
        for lang in gen_kb.LANGUAGES
    }
    for path in sorted(docs.rglob("*.md")):
        name = path.relative_to(docs).as_posix()
        if name not in own:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / name)


@functools.cache
def fingerprint() -> str:
    """A short hash of what builds our site: mkdocs.yml, hooks and overrides."""
    digest = hashlib.sha1()
    paths = [ROOT / "mkdocs.yml"]
    for folder in ("hooks", "overrides"):
        paths += sorted(p for p in (ROOT / folder).rglob("*") if p.is_file())
    for path in paths:
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def serve(
    directory: Path, headers: dict[str, str] | None = None
) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve a folder on loopback in a background thread; its base URL and the server. Every
    response carries `headers` too (such as the CORS header a help site sends the widget)."""
    extra = dict(headers or {})

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def end_headers(self):
            for name, value in extra.items():
                self.send_header(name, value)
            super().end_headers()

    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def machine() -> str:
    """Cores, CPU model, memory, Python, and the load when asked."""
    model, memory = "", ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
                break
    except OSError:
        pass
    cores = f"{len(os.sched_getaffinity(0))} cores" if hasattr(os, "sched_getaffinity") else ""
    python = f"Python {sys.version.split()[0]}"
    return ", ".join(part for part in (cores, model, memory, python) if part)


def load() -> str:
    """The load averages (1, 5, 15 minutes): the machine may be shared with other work."""
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def numbers_argument(text: str, what: str, example: str) -> list[int]:
    """`text` as a list of whole numbers of at least 1, separated by commas; anything else is an
    argparse usage error saying what the numbers are (`what`) with an `example`."""
    try:
        numbers = [int(part) for part in text.split(",")]
    except ValueError:
        numbers = []
    if not numbers or min(numbers) < 1:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give {what} as whole numbers of at least 1, separated by commas "
            f"(e.g. {example})"
        )
    return numbers


def sizes_argument(text: str) -> list[int]:
    """`100,1000,5000` as a list of sizes (an argparse type: a bad list is a usage error)."""
    return numbers_argument(text, "entries per language", "1000,5000")


def count_argument(text: str) -> int:
    """A number of rounds, repeats, queries or edits: a whole number of at least 1 (an
    argparse type)."""
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number of at least 1")
    return count


def size_argument(text: str) -> int:
    """One size (entries per language), as `sizes_argument` reads it (an argparse type)."""
    sizes = sizes_argument(text)
    if len(sizes) != 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give one number of entries per language")
    return sizes[0]


def choices_argument(choices: Collection[str], fix: str) -> Callable[[str], list[str]]:
    """An argparse type reading `a,b` as a list of some of `choices`; anything else is a usage
    error that says `fix` (with `{choices}` filled in)."""

    def read(text: str) -> list[str]:
        picked = [part.strip() for part in text.split(",") if part.strip()]
        if not picked or any(part not in choices for part in picked):
            message = fix.format(choices=", ".join(choices))
            raise argparse.ArgumentTypeError(f"{text!r}: {message}")
        return picked

    return read


#: `en,sl` as a list of the synthetic knowledge bases' languages (an argparse type).
languages_argument = choices_argument(
    gen_kb.LANGUAGES,
    "the knowledge bases are in {choices}; give some of those, separated by commas",
)


def knowledge_base_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of a benchmark of one generated knowledge base: its size, seed and work
    folder (`--size`, `--seed`, `--work`)."""
    parser.add_argument("--size", type=size_argument, default=1000, help="entries per language")
    parser.add_argument("--seed", type=int, default=gen_kb.DEFAULT_SEED)
    parser.add_argument("--work", type=Path, help="where knowledge bases are kept")
