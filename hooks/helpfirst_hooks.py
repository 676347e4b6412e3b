"""The help centre's MkDocs hooks: every event goes to one `helpfirst.adapter.events.Adapter`,
which owns the build's state and calls the features in a fixed order (see that module).

MkDocs loads this module once per process (`mkdocs serve` keeps it across rebuilds); the
adapter starts a new state at the start of every build.
"""

from helpfirst.adapter.events import Adapter

_adapter = Adapter()

on_startup = _adapter.on_startup
on_config = _adapter.on_config
on_files = _adapter.on_files
on_nav = _adapter.on_nav
on_env = _adapter.on_env
on_page_markdown = _adapter.on_page_markdown
on_page_content = _adapter.on_page_content
on_page_context = _adapter.on_page_context
on_template_context = _adapter.on_template_context
on_post_build = _adapter.on_post_build
