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
    command = [sys.executable, "-m", "mkdocs", "build", "-f", config, "-d", str(site)]
    command.append("--strict" if strict else "--no-strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        command, cwd=project, capture_output=True, text=True, env=env, timeout=600
    )
    return Build(site=site, returncode=result.returncode, log=result.stdout + result.stderr)


def make_project(
    where: Path, docs: dict[str, str], config_changes: dict | None = None, drop_extra_kb_keys=()
) -> Path:
    """A project in `where` with the real config, hooks and overrides, and these docs."""
    where.mkdir(parents=True, exist_ok=True)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["extra"]["kb"]["featured"] = []
    for key in drop_extra_kb_keys:
        config["extra"]["kb"].pop(key, None)
    for dotted, value in (config_changes or {}).items():
        target = config
        *parents, last = dotted.split(".")
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = value
    (where / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    for name in ("hooks", "overrides"):
        link = where / name
        if not link.exists():
            link.symlink_to(ROOT / name, target_is_directory=True)
    for path, text in docs.items():
        target = where / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return where


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


#: Text that must survive into JSON-LD unchanged and never end its <script> element.
HOSTILE = [
    "</script><script>alert(1)</script>",
    "<!--",
    "line\u2028separator and paragraph\u2029separator",
    "\u201ctypographic quotes\u201d, \u2018single\u2019 and \u201elow\u201c",
    "emoji 😀 👩\u200d💻 🇸🇮",
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd and \u0645\u0631\u062d\u0628\u0627",
    'back\\slash, "straight quotes" & ampersand',
]


#: The hostile part of the fixture's question (also tried against the page's <title>).
HOSTILE_QUESTION = f"</title>{HOSTILE[0]} {HOSTILE[3]}"


def _markdown_text(text: str) -> str:
    """Markdown that shows `text` literally (HTML-escaped, backslashes doubled). U+2028 and
    U+2029 are written as character references: static-i18n splits the source with
    str.splitlines(), which would turn them into line ends before Markdown sees them."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\u2028", "&#x2028;").replace("\u2029", "&#x2029;")
    return text.replace("\\", "\\\\")


#: A fixture for structured data: hostile text in a question, its answer and a guide, a
#: 20 kB answer, a page switched off in its front matter, and the base's untranslated page.
STRUCTURED_DOCS = {
    **BASE_DOCS,
    "faq/hostile.md": (
        "---\nsummary: Hostile text.\ncategory: contacting-support\nupdated: 2026-11-02\n---\n\n"
        f"# Is {_markdown_text(HOSTILE_QUESTION)} safe? 😀\n\n"
        + "\n\n".join(_markdown_text(text) for text in HOSTILE)
        + "\n\n## Details\n\nAs code: `</script><script>alert(1)</script>` and a"
        " [link](reset-password.md#still-stuck).\n\n| a | b |\n|---|---|\n| one | two |\n\n"
        "!!! note\n\n    An admonition.\n\n```text\n<!-- in a code block -->\n```\n"
    ),
    "faq/hostile.sl.md": (
        "---\nsummary: Sovražno besedilo.\n---\n\n"
        f"# Ali je {_markdown_text(HOSTILE[0])} varno?\n\n"
        + "\n\n".join(_markdown_text(text) for text in HOSTILE)
        + "\n"
    ),
    "faq/long-answer.md": (
        "---\nsummary: A long answer.\ncategory: contacting-support\n---\n\n"
        "# Why is this answer so long?\n\n"
        + "\n\n".join(
            f"Paragraph {number}: the answer goes on, with *emphasis* and **weight**, "
            f"to make sure a long answer is carried whole ({number * 7919 % 1000})."
            for number in range(1, 201)
        )
        + "\n"
    ),
    "faq/private.md": (
        "---\nsummary: Not for search engines.\ncategory: contacting-support\n"
        "structured_data: false\n---\n\n# Is this page left out?\n\nYes.\n"
    ),
    "faq/private.sl.md": "---\nsummary: Ne.\n---\n\n# Je ta stran izpuščena?\n\nDa.\n",
    "guides/hostile-guide.md": (
        "---\nsummary: Steps.\ncategory: contacting-support\n---\n\n# How to type hostile text\n\n"
        "What this achieves.\n\n### Look first\n\nBefore any part.\n\n## Prepare\n\n"
        f"### Type {_markdown_text(HOSTILE[0])}\n\n{_markdown_text(HOSTILE[2])}\n\n"
        "### Check \u201cquotes\u201d\n\n- one\n- two\n\n## Finish\n\n### Send it\n\nDone 😀.\n"
    ),
}
