"""Insights: the facts pages give assets/kb/insights.js, and in `log` mode the empty file the
site and the widget ask for (`/insights/e?…`), so that every request for it lands in the host's
access log with a 200 (helpfirst.insights)."""

from __future__ import annotations

from helpfirst.adapter import output
from helpfirst.adapter.state import BuildState
from helpfirst.insights import EVENT_PATH


def page_facts(state: BuildState) -> dict | None:
    """The mode, where events go (the endpoint, or the site's own file below the site root)
    and the language, for overrides/main.html; None when insights are off."""
    settings = state.settings.insights
    if settings.mode == "off":
        return None
    return {
        "mode": settings.mode,
        "endpoint": settings.endpoint,
        "path": EVENT_PATH,
        "lang": state.lang,
    }


def write(state: BuildState, site_dir: str) -> None:
    """In the default language's pass, with insights in `log` mode: write the empty file."""
    if state.settings.insights.mode != "log" or state.lang != state.default_lang:
        return
    output.write(site_dir, EVENT_PATH, b"")
