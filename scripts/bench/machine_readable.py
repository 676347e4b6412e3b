"""What assistants and tools read, at growing sizes: the bytes of the Markdown twins, llms.txt,
llms-full and the content API per language, and what writing them adds to a build.

    python scripts/bench/machine_readable.py [--sizes 1000] [--seed 1] [--repeat 1] [--work DIR]
    python scripts/bench/machine_readable.py --site SITE

For each N, a synthetic knowledge base of N entries per language (`gen_kb.py`, kept in the work
folder for the next run) is built strictly twice, each build in a process of its own:

- as configured: every entry has its twin and is in llms.txt, llms-full and the content API;
- without: a configuration that INHERITs the knowledge base's and leaves every section out of
  the machine-readable outputs (`extra.kb.machine_readable_exclude: [faq, guides, templates]`).

The cost of the outputs is the difference of the two: wall time, CPU time (user and system,
which a machine busy with other work disturbs less than the wall time) and peak resident
memory. With `--repeat R` each build runs R times, the two alternating, and the medians count.

The sizes come from the first build as configured: per language, the files and bytes (raw,
and gzip level 9 file by file, as a server compressing each response sends them) of the twins
(`<page>/index.md`), `llms.txt`, llms-full (`llms-full.txt`, or `llms-full/<category>.txt`
when it is split by category), the content API's index (`api/v1/entries.json` below the
language's root) and their total; the API's schema (`api/v1/schema.json`) is one file for every
language. The build without them is checked to have none: no twin, no entry listed in llms.txt
or the API's index, an empty llms-full. With `--site`, only the sizes of a site built already.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import bench_sites
import build
import gen_kb
import plain_stack

DEFAULT_SIZES = "1000"
#: The configuration of the build without the outputs, written beside the knowledge base's.
WITHOUT_CONFIG = "mkdocs-without-machine-readable.yml"
VARIANTS = ("with", "without")
LABELS = {
    "with": "as configured",
    "without": "without: every section excluded",
}
#: The outputs of one language, in the order of the table.
KINDS = ("twins", "llms.txt", "llms-full", "api")
#: The content API's schema: one file at the site root for every language.
SCHEMA = "api/v1/schema.json"
TWIN_NAME = "index.md"
LLMS_TXT = "llms.txt"
FULL_FILE = "llms-full.txt"
FULL_FOLDER = "llms-full/"
API_FOLDER = "api/"
API_INDEX = "api/v1/entries.json"


@dataclass
class Output:
    """Files of one kind: how many, their bytes, and their bytes compressed one by one."""

    files: int = 0
    raw: int = 0
    gzip: int = 0

    def add(self, other: Output) -> None:
        self.files += other.files
        self.raw += other.raw
        self.gzip += other.gzip


@dataclass
class LanguageOutputs:
    """The machine-readable outputs of one language, by kind."""

    kinds: dict[str, Output] = field(default_factory=lambda: {kind: Output() for kind in KINDS})
    full_split: bool = False  # llms-full as one file per category

    def total(self) -> Output:
        total = Output()
        for output in self.kinds.values():
            total.add(output)
        return total


@dataclass
class Run:
    """One build of one variant."""

    seconds: float
    cpu_seconds: float
    peak_rss: int  # bytes
    output_bytes: int  # the whole site
    load: float


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=bench_sites.sizes_argument, default=DEFAULT_SIZES)
    parser.add_argument("--seed", type=int, default=gen_kb.DEFAULT_SEED)
    parser.add_argument(
        "--repeat", type=bench_sites.count_argument, default=1, help="builds per variant and size"
    )
    parser.add_argument("--work", type=Path, help="where knowledge bases are kept between runs")
    parser.add_argument("--site", type=Path, help="only measure the outputs of this built site")
    args = parser.parse_args(argv)
    print(f"Machine: {bench_sites.machine()}; load {bench_sites.load()}")
    if args.site:
        site = args.site
        if not (site / LLMS_TXT).is_file():
            print(f"{site}: no {LLMS_TXT} (build the site first)", file=sys.stderr)
            return 1
        print()
        print(sizes_report({"site": measure_outputs(site, site_languages(site))}))
        print(f"\nLoad at the end: {bench_sites.load()}")
        return 0
    work = args.work or bench_sites.default_work()
    print(f"Work folder: {work} (generated knowledge bases are kept there)")
    runs: dict[tuple[int, str], list[Run]] = {}
    outputs: dict[int, dict[str, LanguageOutputs]] = {}
    for n in args.sizes:
        project = bench_sites.knowledge_base(work, n, args.seed)
        languages = plain_stack.languages(project)
        configs = {"with": project / "mkdocs.yml", "without": write_without_config(project)}
        with tempfile.TemporaryDirectory(prefix="machine-readable-", dir=work) as temp:
            for repeat in range(args.repeat):
                # Alternated, so that neither variant always builds on a warmer machine.
                order = VARIANTS if repeat % 2 == 0 else VARIANTS[::-1]
                for variant in order:
                    site = Path(temp) / f"{variant}-{repeat}"
                    measured = build.measure("ours", n, configs[variant], site)
                    if measured.returncode != 0:
                        print(
                            f"the build {LABELS[variant]} at N={n} failed:\n{measured.log[-4000:]}"
                        )
                        return 1
                    run = Run(
                        seconds=measured.seconds,
                        cpu_seconds=measured.cpu_seconds,
                        peak_rss=measured.peak_rss,
                        output_bytes=measured.output_bytes,
                        load=measured.load,
                    )
                    runs.setdefault((n, variant), []).append(run)
                    print(
                        f"N={n} {LABELS[variant]}, run {repeat + 1}: {run.seconds:.1f} s "
                        f"(CPU {run.cpu_seconds:.1f} s), {run.peak_rss / 2**20:.0f} MiB "
                        f"(load {run.load:.1f})",
                        flush=True,
                    )
                    if repeat == 0 and variant == "with":
                        outputs[n] = measure_outputs(site, languages)
                    if repeat == 0 and variant == "without":
                        problems = leftovers(site, languages)
                        if problems:
                            print(f"N={n}: the build {LABELS[variant]} still has outputs:")
                            print("\n".join(f"- {problem}" for problem in problems))
                            return 1
                        print(f"N={n}: {check_line(measure_outputs(site, languages))}")
                    shutil.rmtree(site, ignore_errors=True)
    print()
    print(builds_report(runs, args.repeat))
    print()
    print(sizes_report({f"{n:,}": result for n, result in outputs.items()}))
    print(f"\nLoad at the end: {bench_sites.load()}")
    return 0


def write_without_config(project: Path) -> Path:
    """A configuration beside the knowledge base's that INHERITs it and leaves every section
    out of the machine-readable outputs; its path."""
    sections = ", ".join(gen_kb.FOLDER_OF_KIND.values())
    path = Path(project) / WITHOUT_CONFIG
    path.write_text(
        "# The knowledge base's configuration without its machine-readable outputs.\n"
        "INHERIT: mkdocs.yml\n"
        "extra:\n"
        "  kb:\n"
        f"    machine_readable_exclude: [{sections}]\n",
        encoding="utf-8",
    )
    return path


def site_languages(site: Path) -> list[str]:
    """The languages of a built site, the default first and the others by their folders'
    names: each language root's API index names its language."""
    site = Path(site)
    roots = [site] + sorted(path for path in site.iterdir() if (path / LLMS_TXT).is_file())
    return [
        json.loads((root / API_INDEX).read_text(encoding="utf-8"))["lang"]
        for root in roots
        if (root / API_INDEX).is_file()
    ]


def kind_of(path: str) -> str | None:
    """Which output a file is, by its path below its language's root (None: not one)."""
    if path == SCHEMA:
        return None  # one for every language, counted apart
    if path.rsplit("/", 1)[-1] == TWIN_NAME:
        return "twins"
    if path == LLMS_TXT:
        return "llms.txt"
    if path == FULL_FILE or path.startswith(FULL_FOLDER):
        return "llms-full"
    if path.startswith(API_FOLDER):
        return "api"
    return None


def measure_outputs(site: Path, languages: list[str]) -> dict[str, LanguageOutputs]:
    """The outputs of each language of a built site (`languages`, the default first, whose
    root is the site's), and the API's schema under the key "shared" (kind "api")."""
    site = Path(site)
    others = set(languages[1:])
    result: dict[str, LanguageOutputs] = {}
    for lang in languages:
        root = site if lang == languages[0] else site / lang
        outputs = LanguageOutputs()
        for folder, folders, names in os.walk(root):
            here = Path(folder).relative_to(root).as_posix()
            prefix = "" if here == "." else here + "/"
            if lang == languages[0] and not prefix:
                folders[:] = [name for name in folders if name not in others]
            folders.sort()
            for name in sorted(names):
                kind = kind_of(prefix + name)
                if kind is not None:
                    outputs.kinds[kind].add(_file(Path(folder) / name))
                    outputs.full_split |= (prefix + name).startswith(FULL_FOLDER)
        result[lang] = outputs
    shared = LanguageOutputs()
    if (site / SCHEMA).is_file():
        shared.kinds["api"].add(_file(site / SCHEMA))
    result["shared"] = shared
    return result


def _file(path: Path) -> Output:
    data = path.read_bytes()
    return Output(1, len(data), len(gzip.compress(data, compresslevel=9, mtime=0)))


def leftovers(site: Path, languages: list[str]) -> list[str]:
    """What a build without the machine-readable outputs still has of them: twins, llms-full
    text, pages listed in llms.txt or entries in the API's index (nothing when all is right)."""
    problems = []
    measured = measure_outputs(site, languages)
    for lang in languages:
        root = Path(site) if lang == languages[0] else Path(site) / lang
        outputs = measured[lang].kinds
        if outputs["twins"].files:
            problems.append(f"{lang}: {_count(outputs['twins'].files, 'Markdown twin')}")
        if outputs["llms-full"].raw:
            problems.append(f"{lang}: {_count(outputs['llms-full'].raw, 'byte')} of llms-full")
        llms = root / LLMS_TXT
        if llms.is_file():
            listed = [
                line for line in llms.read_text("utf-8").splitlines() if line.startswith("- ")
            ]
            if listed:
                problems.append(f"{lang}: {_count(len(listed), 'page')} listed in {LLMS_TXT}")
        index = root / API_INDEX
        if index.is_file():
            entries = json.loads(index.read_text(encoding="utf-8"))["entries"]
            if entries:
                problems.append(
                    f"{lang}: {_count(len(entries), 'entry', 'entries')} in {API_INDEX}"
                )
    return problems


def _count(number: int, one: str, many: str = "") -> str:
    return f"{number:,} {one if number == 1 else many or one + 's'}"


def check_line(measured: dict[str, LanguageOutputs]) -> str:
    """What the build without the outputs still writes, once checked to hold none of them."""
    left = Output()
    for outputs in measured.values():
        left.add(outputs.total())
    return (
        "the build without has no twin, an empty llms-full, and no page in llms.txt or the API's "
        f"index (what remains of them: {left.files} files, {left.raw:,} bytes: each "
        "language's llms.txt heading, empty llms-full.txt and API index, and the schema)"
    )


def _median(runs: list[Run], name: str) -> float:
    return statistics.median(getattr(run, name) for run in runs)


def builds_report(runs: dict[tuple[int, str], list[Run]], repeat: int) -> str:
    """A Markdown table: per N, both builds (medians) and their difference, the cost."""
    lines = [
        f"Builds (median of {repeat} each, alternated; cost: as configured minus without):",
        "",
        "| N per language | build | wall s | CPU s | peak MiB | site MiB |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for n in sorted({n for n, _ in runs}):
        medians = {
            variant: {
                name: _median(runs[(n, variant)], name)
                for name in ("seconds", "cpu_seconds", "peak_rss", "output_bytes")
            }
            for variant in VARIANTS
        }
        for variant in VARIANTS:
            m = medians[variant]
            lines.append(
                f"| {n:,} | {LABELS[variant]} | {m['seconds']:.1f} | {m['cpu_seconds']:.1f} "
                f"| {m['peak_rss'] / 2**20:.0f} | {m['output_bytes'] / 2**20:.1f} |"
            )
        a, b = medians["with"], medians["without"]
        lines.append(
            f"| {n:,} | cost | {_difference(a['seconds'], b['seconds'], 1)} "
            f"| {_difference(a['cpu_seconds'], b['cpu_seconds'], 1)} "
            f"| {_difference(a['peak_rss'] / 2**20, b['peak_rss'] / 2**20, 0)} "
            f"| {_difference(a['output_bytes'] / 2**20, b['output_bytes'] / 2**20, 1)} |"
        )
    return "\n".join(lines)


def _difference(with_: float, without: float, digits: int) -> str:
    """`+1.5 (+12%)`: rounded first, so that a difference too small to show is `+0`, not `-0`."""
    difference = round(with_ - without, digits) + 0.0
    share = f" ({round((with_ - without) / without, 2) + 0.0:+.0%})" if without else ""
    return f"{difference:+.{digits}f}{share}"


def output_label(kind: str, full_split: bool = False) -> str:
    """How the table names one kind of output."""
    if kind == "llms-full":
        if full_split:
            return "llms-full, split by category (`llms-full/<category>.txt`)"
        return "llms-full, one file (`llms-full.txt`)"
    return {
        "twins": "Markdown twins (`<page>/index.md`)",
        "llms.txt": "`llms.txt`",
        "api": f"content API (`{API_INDEX}`)",
    }[kind]


def sizes_report(results: dict[str, dict[str, LanguageOutputs]]) -> str:
    """A Markdown table: per N (or site) and language, the files and bytes of each output and
    their total, then every language's together."""
    lines = [
        "Machine-readable outputs (gzip: level 9, file by file):",
        "",
        "| N per language | language | output | files | bytes | gzip bytes |",
        "|---:|---|---|---:|---:|---:|",
    ]
    for n, measured in results.items():
        everything = Output()
        for lang, outputs in measured.items():
            if lang == "shared":
                continue
            for kind in KINDS:
                label = output_label(kind, outputs.full_split)
                lines.append(_row(n, lang, label, outputs.kinds[kind]))
            total = outputs.total()
            lines.append(_row(n, lang, "**total**", total))
            everything.add(total)
        schema = measured["shared"].kinds["api"]
        if schema.files:
            lines.append(_row(n, "all", f"content API schema (`{SCHEMA}`, one)", schema))
            everything.add(schema)
        lines.append(_row(n, "all", "**total**", everything))
    return "\n".join(lines)


def _row(n: str, lang: str, label: str, output: Output) -> str:
    return f"| {n} | {lang} | {label} | {output.files:,} | {output.raw:,} | {output.gzip:,} |"


if __name__ == "__main__":
    sys.exit(main())
