"""The plain stack: the same content under Material and static-i18n alone, as a baseline.

Benchmarks compare the project with what the same docs give without any of its own work:
the same languages, docs, Markdown extensions, `exclude_docs` and theme features (search
included), but none of our hooks, template overrides, `extra.kb` settings, extra CSS or
JavaScript, or validation settings. Our `<!-- kb:... -->` directives stay in the pages as
harmless HTML comments.

    config = write_config(ROOT, tmp / "plain")
    result = build(config, tmp / "plain-site")

Navigation: by default the plain stack has MkDocs' own navigation, every page of the docs
folder (each page then embeds every other page's link, so page size and build time grow with
the knowledge base). `write_config(..., nav=sections_nav(ROOT))` gives it the design of ours
(helpfirst.adapter.listings) instead, the home page and each section's index page with a link
to each of its categories, so that a comparison measures our hooks and not the navigation design.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

# Top-level settings kept as they are; everything else (hooks, extra, extra_css,
# extra_javascript, validation, strict, …) is left out.
_KEPT = (
    "site_name",
    "site_url",
    "site_description",
    "copyright",
    "use_directory_urls",
    "exclude_docs",
    "markdown_extensions",
)
# Theme settings kept; `custom_dir` (our overrides) and the favicon and logo, which live in
# those overrides, are left out.
_THEME_KEPT = ("name", "language", "font", "features", "palette")
# Plugins kept with their settings, in the project's order.
_PLUGINS_KEPT = ("search", "i18n")
# The sections of helpfirst.adapter.listings: folder -> title in the navigation.
_SECTIONS = {"faq": "FAQ", "guides": "Guides", "templates": "Templates"}
_CATEGORY = re.compile(r"^category:[ \t]*['\"]?([^'\"\s#]+)", re.MULTILINE)


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)


@dataclass
class Build:
    """The outcome of one `mkdocs build`."""

    site: Path
    returncode: int
    log: str
    seconds: float


def plain_config(project: Path, nav: list | None = None) -> dict:
    """The plain-stack configuration of `project` (a folder with `mkdocs.yml`), as a dict;
    `nav` an explicit navigation (such as `sections_nav`), else MkDocs' default of every page."""
    project = Path(project).resolve()
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    plain = {key: config[key] for key in _KEPT if key in config}
    plain["docs_dir"] = str(project / config.get("docs_dir", "docs"))
    theme = config.get("theme") or {}
    if isinstance(theme, str):
        theme = {"name": theme}
    plain["theme"] = {key: theme[key] for key in _THEME_KEPT if key in theme}
    plugins = []
    for plugin in config.get("plugins") or []:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name in _PLUGINS_KEPT:
            plugins.append(plugin)
    plain["plugins"] = plugins
    # Pages drawn by a template of our overrides (the help widget's demo page) are features of
    # this project, not content: the plain stack has no such template, so it leaves them out.
    own = _own_template_pages(Path(plain["docs_dir"]))
    if own:
        plain["exclude_docs"] = (plain.get("exclude_docs") or "") + "".join(f"/{p}\n" for p in own)
    if nav is not None:
        plain["nav"] = list(nav)
        # Pages left out of an explicit navigation are built all the same (MkDocs would list
        # every one of them in one message), and category links are addresses, not files.
        plain["validation"] = {"nav": {"omitted_files": "ignore", "not_found": "ignore"}}
    return plain


def _own_template_pages(docs: Path) -> list[str]:
    """Markdown files whose front matter names a `template`, relative to `docs`."""
    pages = []
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        head = _FRONT_MATTER.match(text)
        if head and re.search(r"^template\s*:", head.group(1), re.M):
            pages.append(path.relative_to(docs).as_posix())
    return pages


def sections_nav(project: Path) -> list:
    """Our navigation design for the plain stack: the home page, then each section with its
    index page and, when its entries have more than one category, a link to each category's
    place on that page, in the order of `extra.kb.categories` (labels in the default
    language)."""
    project = Path(project)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = project / config.get("docs_dir", "docs")
    categories = ((config.get("extra") or {}).get("kb") or {}).get("categories") or {}
    nav: list = ["index.md"]
    for folder, title in _SECTIONS.items():
        if not (docs / folder / "index.md").is_file():
            continue
        used = set()
        for path in (docs / folder).glob("*.md"):
            if path.name.count(".") == 1 and path.name != "index.md":
                head = path.read_text(encoding="utf-8").split("\n---", 1)[0]
                used.update(_CATEGORY.findall(head))
        children: list = [f"{folder}/index.md"]
        order = [category for category in categories if category in used]
        if len(order) > 1:
            for category in order:
                labels = categories[category]
                label = labels if isinstance(labels, str) else next(iter(labels.values()))
                children.append({label: f"{folder}/#{category}"})
        nav.append({title: children})
    return nav


def write_config(project: Path, where: Path, nav: list | None = None) -> Path:
    """Write the plain-stack `mkdocs.yml` of `project` into the folder `where`; its path."""
    where = Path(where)
    where.mkdir(parents=True, exist_ok=True)
    path = where / "mkdocs.yml"
    text = yaml.safe_dump(plain_config(project, nav), allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def languages(project: Path) -> list[str]:
    """The languages the i18n plugin of `project` builds, the default language first."""
    config = yaml.safe_load((Path(project) / "mkdocs.yml").read_text(encoding="utf-8"))
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            listed = plugin["i18n"].get("languages") or []
            ordered = sorted(listed, key=lambda lang: not lang.get("default", False))
            return [lang["locale"] for lang in ordered if lang.get("build", True)]
    return [(config.get("theme") or {}).get("language", "en")]


def build(
    config_path: Path,
    site_dir: Path,
    strict: bool = False,
    timeout: float = 600,
    env: dict[str, str] | None = None,
) -> Build:
    """Run `mkdocs build` for a config into `site_dir`, without `--strict` unless asked: the
    plain stack is a baseline to measure, not a site to publish. `env` adds to (or replaces)
    the environment's variables, such as the PYTHONPATH of the hooks' package."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_path)]
    command += ["-d", str(site_dir), "--strict" if strict else "--no-strict"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    start = time.perf_counter()
    result = subprocess.run(
        command,
        cwd=Path(config_path).parent,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
    return Build(
        site=Path(site_dir),
        returncode=result.returncode,
        log=result.stdout + result.stderr,
        seconds=time.perf_counter() - start,
    )
