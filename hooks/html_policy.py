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

from mkdocs.plugins import event_priority

from helpfirst import html_policy, registry
from helpfirst.content import source_uri

log = logging.getLogger("mkdocs.hooks.html_policy")

_policy: dict[str, html_policy.Policy] = {}  # "policy" -> this build's policy


def on_config(config):
    """A new language pass: the policy is made again from this build's settings."""
    _policy.clear()
    return config


# Before every other handler of this event: none of them may see what the policy removes.
@event_priority(100)
def on_page_content(html, page, config, files):
    """The page body as the policy allows it; its findings are reported once per build."""
    # The settings are validated with the catalog, in content_model's on_files.
    if "policy" not in _policy:
        _policy["policy"] = html_policy.from_settings(registry.state.settings)
    policy = _policy["policy"]
    sanitised = policy.sanitise(html)
    if sanitised.findings:
        entry = _entry_of(page.file.src_uri)
        if entry is not None:
            path, body, first_line = entry.display_path, entry.body, entry.body_line
        else:
            path = os.path.relpath(os.path.join(config.docs_dir, page.file.src_uri))
            body, first_line = "", 1
        for problem in html_policy.problems(sanitised.findings, path, body, first_line):
            _report(str(problem))
    return sanitised.html


def _entry_of(src_uri: str):
    """The catalog entry (any language) whose source is `src_uri`, or None."""
    catalog = registry.state.catalog
    if catalog is None:
        return None
    versions = catalog.versions(source_uri(src_uri))
    return next((entry for entry in versions.values() if entry.src_uri == src_uri), None)


def _report(text: str) -> None:
    """Warn once per build: static-i18n renders a page again for each language it is shown in."""
    reported = registry.state.reported
    if text not in reported:
        reported.add(text)
        log.warning(text)
