"""What one build knows, on one object: the whole site's facts (reset at the start of each build)
and the current language pass's collections (reset at the start of each pass).

MkDocs loads a hook module once per process (`mkdocs serve` keeps it across rebuilds) and
static-i18n runs every event once per language, so nothing here lives at module level: the
adapter holds one `BuildState` and replaces or resets it in `on_config`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from helpfirst import fragments
from helpfirst.adapter.compiled_templates import CompiledTemplates
from helpfirst.adapter.nav_cache import NavCache
from helpfirst.adapter.theme_words import ThemeWords
from helpfirst.catalog import Catalog
from helpfirst.content import Entry, source_uri
from helpfirst.html_policy import Policy
from helpfirst.settings import Settings
from helpfirst.sources import SiteFiles


@dataclass(frozen=True)
class PageVersions:
    """The catalog's view of one page: the default-language source it belongs to and every
    language's real version of it (none for a page the catalog does not know)."""

    default_uri: str
    versions: dict[str, Entry]

    @property
    def id(self) -> str:
        """The entry id shared by every version ("" for section and home pages)."""
        return next(iter(self.versions.values())).id if self.versions else ""

    def own(self, src_uri: str) -> Entry | None:
        """The version whose source file is `src_uri` (any language), or None."""
        return next((entry for entry in self.versions.values() if entry.src_uri == src_uri), None)


class PageHtml:
    """A page's rendered body, parsed at most once for everything that reads it (the search
    document, then the structured data): parsing is most of the time either takes."""

    def __init__(self, html: str) -> None:
        self.html = html

    @cached_property
    def tree(self) -> fragments.Element:
        """The body as a tree of elements and text; callers read it and never change it."""
        return fragments.parse(self.html)


@dataclass
class LanguagePass:
    """What one language pass collects; started again by every pass's `on_config`."""

    # Links found in each page's source: (display path, page uri, line, target, made by); a
    # link a listing directive makes names its directive, an authored one has "".
    links: list[tuple[str, str, int, str, str]] = field(default_factory=list)
    anchors: dict[str, set[str]] = field(default_factory=dict)  # default uri -> ids
    search_docs: list[dict] = field(default_factory=list)  # this language's search documents
    answers: dict[str, dict] = field(default_factory=dict)  # entry id -> the widget's answer
    twins: dict[str, Any] = field(default_factory=dict)  # entry id -> helpfirst.twins.Twin
    twin_status: dict[str, str] = field(default_factory=dict)  # entry id -> translation state
    widget_source: str = ""  # the theme's widget.js, taken out of the copied files
    # The theme's panel.css, taken out of the copied files: (source path, path in the site).
    widget_stylesheet: tuple[str, str] | None = None
    scripts: dict[str, str] = field(default_factory=dict)  # theme scripts: site path -> source
    nav: Any = None  # this pass's navigation, files and template environment: the 404 page's
    files: Any = None
    env: Any = None
    # The markdown.Markdown every page of this pass is converted by (adapter.page_markdown).
    markdown: Any = None
    sidebars: NavCache = field(default_factory=NavCache)  # Material's sidebars and tabs
    words: ThemeWords = field(default_factory=ThemeWords)  # Material's words, by language
    # The search box's facts, the same for every page of the pass (adapter.search_index).
    search_context: dict | None = None


@dataclass
class BuildState:
    """The build in progress: the site's facts, filled in the first pass, and this pass's."""

    catalog: Catalog | None = None
    languages: list[str] = field(default_factory=list)
    default_lang: str = "en"
    lang: str = "en"  # the language of the current pass
    settings: Settings = field(default_factory=Settings)  # validated extra.kb
    files: SiteFiles = field(default_factory=SiteFiles)  # what links may point at
    reported: set[str] = field(default_factory=set)  # messages already logged in this build
    policy: Policy | None = None  # the HTML policy, made from the settings at the first body
    # The theme's templates, compiled in the first pass for every pass's environment.
    templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    current: LanguagePass = field(default_factory=LanguagePass)

    def page(self, src_uri: str) -> PageVersions:
        """The catalog's view of the page built from `src_uri` (no versions before the catalog
        is read)."""
        default_uri = source_uri(src_uri)
        versions = self.catalog.versions(default_uri) if self.catalog is not None else {}
        return PageVersions(default_uri, versions)
