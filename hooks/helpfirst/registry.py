"""What one build knows about the whole site, shared by the hooks of that build.

MkDocs loads each hook module once and static-i18n runs every event once per language, so this
state is reset by `content_model.on_config` at the start of each build (its first language
pass), filled by `content_model.on_files` in that pass, and read by the other hooks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from helpfirst.catalog import Catalog
from helpfirst.sources import SiteFiles


@dataclass
class SiteState:
    """The state of the build in progress."""

    catalog: Catalog | None = None
    languages: list[str] = field(default_factory=list)
    default_lang: str = "en"
    lang: str = "en"  # the language of the current pass
    settings: dict = field(default_factory=dict)  # validated extra.kb
    files: SiteFiles = field(default_factory=SiteFiles)  # what links may point at
    reported: set[str] = field(default_factory=set)  # messages already logged in this build


state = SiteState()


def reset() -> SiteState:
    """Start a new build."""
    global state
    state = SiteState()
    return state
