"""Building real sites for tests: the project itself, or a small fixture project that uses the
project's real mkdocs.yml, hooks and overrides with its own docs."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Build:
    """The outcome of one `mkdocs build`."""

    site: Path
    returncode: int
    log: str

    def read(self, path: str) -> str:
        """Text of one built file, e.g. `sl/faq/x/index.html`."""
        return (self.site / path).read_text(encoding="utf-8")


def build(project: Path, site: Path, strict: bool = True, config: str = "mkdocs.yml") -> Build:
    """Run the real `mkdocs build` in a subprocess, as an author would."""
    command = ["-m", "mkdocs", "build", "-f", config, "-d", str(site)]
    command.append("--strict" if strict else "--no-strict")
    result = run_python(project, *command)
    return Build(site=site, returncode=result.returncode, log=result.stdout + result.stderr)


def run_python(project: Path, *args: str) -> subprocess.CompletedProcess:
    """This Python with `args` in a process of its own, in `project`, its output kept."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, *args], cwd=project, capture_output=True, text=True, env=env, timeout=600
    )


def make_project(
    where: Path, docs: dict[str, str], config_changes: dict | None = None, drop_extra_kb_keys=()
) -> Path:
    """A project in `where` with the real config, hooks and overrides, and these docs."""
    where.mkdir(parents=True, exist_ok=True)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    # Featured entries and widget topics name entries of the real site.
    config["extra"]["kb"]["featured"] = []
    config["extra"]["kb"].pop("widget", None)
    for key in drop_extra_kb_keys:
        config["extra"]["kb"].pop(key, None)
    for dotted, value in (config_changes or {}).items():
        target = config
        *parents, last = dotted.split(".")
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = value
    # In the real order: categories are listed in the order the configuration gives them.
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    (where / "mkdocs.yml").write_text(text, encoding="utf-8")
    for name in ("hooks", "overrides"):
        link = where / name
        if not link.exists():
            link.symlink_to(ROOT / name, target_is_directory=True)
    for path, text in docs.items():
        target = where / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return where


def generated_knowledge_base(folder: Path, entries: int) -> Path:
    """A knowledge base of `entries` per language made by scripts/bench/gen_kb.py in `folder`
    (with this checkout's code); its project folder."""
    project = Path(folder) / "kb"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench" / "gen_kb.py"), str(entries), str(project)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return project


def docs_files(docs: Path) -> list:
    """Every file below `docs`, published: what MkDocs lists for a docs folder without
    exclusions, for unit tests that read a catalog without MkDocs."""
    from helpfirst.sources import SourceFile

    return [
        SourceFile(path.relative_to(docs).as_posix(), str(path))
        for path in sorted(docs.rglob("*"))
        if path.is_file()
    ]


def i18n_languages(config_path: Path) -> list[str]:
    """The languages the i18n plugin builds, in order."""
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return [lang["locale"] for lang in plugin["i18n"]["languages"]]
    return []


#: A minimal knowledge base in three languages, the base of the fixture projects.
BASE_DOCS = {
    "index.md": "# Help\n\n<!-- kb:home -->\n",
    "index.sl.md": "# Pomoč\n\n<!-- kb:home -->\n",
    "index.lv.md": "# Palīdzība\n\n<!-- kb:home -->\n",
    "faq/index.md": "# FAQ\n\n<!-- kb:faq-index -->\n",
    "faq/index.sl.md": "# Pogosta vprašanja\n\n<!-- kb:faq-index -->\n",
    "faq/index.lv.md": "# BUJ\n\n<!-- kb:faq-index -->\n",
    "guides/index.md": "# Guides\n\n<!-- kb:guides-index -->\n",
    "templates/index.md": "# Templates\n\n<!-- kb:templates-index -->\n",
    "faq/reset-password.md": (
        "---\nsummary: Use the reset link on the sign-in page.\ncategory: customer-portal\n"
        "keywords: [forgot password]\nupdated: 2026-11-01\n---\n\n# How do I reset my password?\n\n"
        "Open the sign-in page and choose **Forgot password**.\n\n## Still stuck\n\nWrite to us.\n"
    ),
    "faq/reset-password.sl.md": (
        "---\nsummary: Na strani za prijavo izberite povezavo za ponastavitev.\n---\n\n"
        "# Kako ponastavim geslo?\n\nOdprite stran za prijavo in izberite **Pozabljeno geslo**.\n\n## Še vedno ne gre { #still-stuck }\n\nPišite nam.\n"
    ),
    "faq/order-number.md": (
        "---\nsummary: It is in your confirmation email.\ncategory: contacting-support\n"
        "related: [reset-password]\n---\n\n# Where do I find my order number?\n\n"
        "In the confirmation email. See [resetting](reset-password.md#still-stuck).\n"
    ),
}


def default_language_plugins(default: str) -> list:
    """The real config's plugin list with `default` as the i18n default language (first)."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = []
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = [dict(lang) for lang in plugin["i18n"]["languages"]]
            for lang in languages:
                lang.pop("default", None)
            languages.sort(key=lambda lang: lang["locale"] != default)
            languages[0]["default"] = True
            plugin = {"i18n": {**plugin["i18n"], "languages": languages}}
        plugins.append(plugin)
    return plugins


def _entry(summary: str, title: str, body: str, category: str = "") -> str:
    head = f"summary: {summary}\n" + (f"category: {category}\n" if category else "")
    return f"---\n{head}---\n\n# {title}\n\n{body}\n"


#: A Slovenian-default knowledge base whose words are chosen for counting: in Slovenian,
#: `alfa` is in 1 entry, `beta` in 2, `gama` in 3 and `delta` in all 5. English and Latvian
#: translate some entries; `five` is Slovenian only.
SL_DEFAULT_DOCS = {
    "index.md": "# Pomoč\n\n<!-- kb:home -->\n",
    "index.en.md": "# Help\n\n<!-- kb:home -->\n",
    "index.lv.md": "# Palīdzība\n\n<!-- kb:home -->\n",
    "faq/index.md": "# Pogosta vprašanja\n\n<!-- kb:faq-index -->\n",
    "faq/index.en.md": "# FAQ\n\n<!-- kb:faq-index -->\n",
    "faq/index.lv.md": "# BUJ\n\n<!-- kb:faq-index -->\n",
    "guides/index.md": "# Vodniki\n\n<!-- kb:guides-index -->\n",
    "templates/index.md": "# Predloge\n\n<!-- kb:templates-index -->\n",
    "faq/one.md": _entry(
        "Kako ponastavim geslo.", "Kako ponastavim geslo?",
        "Alfa beta gama delta. Povezavo za ponastavitev gesla dobite po e-pošti.",
        "customer-portal",
    ),
    "faq/one.en.md": _entry(
        "How to reset a password.", "How do I reset my password?",
        "Use the reset link that we send by email.",
    ),
    "faq/one.lv.md": _entry(
        "Kā atiestatīt paroli.", "Kā atiestatīt paroli?",
        "Paroles atiestatīšanas saiti nosūtām pa e-pastu.",
    ),
    "faq/two.md": _entry(
        "Kje je številka naročila.", "Kje najdem številko naročila?",
        "Beta gama delta. Številka naročila je v potrditvenem sporočilu.", "contacting-support",
    ),
    "faq/two.en.md": _entry(
        "Where the order number is.", "Where do I find my order number?",
        "The order number is in the confirmation email.",
    ),
    "faq/two.lv.md": _entry(
        "Kur atrast pasūtījuma numuru.", "Kur atrast pasūtījuma numuru?",
        "Pasūtījuma numurs ir apstiprinājuma vēstulē.",
    ),
    "faq/three.md": _entry(
        "Priloge k sporočilu.", "Ali lahko pošljem priloge?", "Gama delta. Priloge so dovoljene.",
        "contacting-support",
    ),
    "faq/four.md": _entry(
        "Odpiralni čas.", "Kdaj ste dosegljivi?", "Delta. Dosegljivi smo ob delavnikih.",
        "contacting-support",
    ),
    "faq/five.md": _entry(
        "Dostava paketa.", "Kdaj prispe paket?", "Delta. Paket prispe v treh dneh.",
        "contacting-support",
    ),
}  # fmt: skip


def config_line(project: Path, text: str) -> int:
    """The line of the project's mkdocs.yml that holds `text`, as messages number it."""
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if text in line)
