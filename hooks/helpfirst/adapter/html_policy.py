"""HTML policy: every page body is sanitised against the site's allow-list before anything else
reads it, and whatever is taken out is reported to its author (see `helpfirst.html_policy`).

The body is replaced in `on_page_content`, the first event that has it: anchors, the search
index, structured data and the templates all read `page.content` afterwards. A page keeps
building with the safe body (so `mkdocs serve` shows it), and each finding is a warning with
`path:line`, which `mkdocs build --strict` counts.
"""

from __future__ import annotations

import logging
import os

from helpfirst import html_policy
from helpfirst.adapter.state import BuildState

log = logging.getLogger("mkdocs.hooks.html_policy")


def sanitise(state: BuildState, html: str, src_uri: str, docs_dir: str) -> str:
    """The page body as the policy allows it; its findings are reported once per build."""
    if state.policy is None:
        # Made once per build from the settings, validated with the catalog in the first pass.
        state.policy = html_policy.from_settings(state.settings)
    sanitised = state.policy.sanitise(html)
    if sanitised.findings:
        entry = state.page(src_uri).own(src_uri)
        if entry is not None:
            path, body, first_line = entry.display_path, entry.body, entry.body_line
        else:
            path = os.path.relpath(os.path.join(docs_dir, src_uri))
            body, first_line = "", 1
        for problem in html_policy.problems(sanitised.findings, path, body, first_line):
            _report(state, str(problem))
    return sanitised.html


def _report(state: BuildState, text: str) -> None:
    """Warn once per build: static-i18n renders a page again for each language it is shown in."""
    if text not in state.reported:
        state.reported.add(text)
        log.warning(text)
