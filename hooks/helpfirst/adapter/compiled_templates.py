"""The theme's templates compiled once per build, not once per language pass.

MkDocs makes a new template environment for every build, and static-i18n builds every language
again, so each pass compiled every template it renders anew (about 0.2 s a pass). One
`CompiledTemplates` kept by the build state gives each pass's environment the code compiled in
the first: Jinja keeps it by template name and file, and uses it only for the very source it was
compiled from (`jinja2.BytecodeCache` compares a checksum of the source).
"""

from __future__ import annotations

import jinja2


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates in memory, for the environments of one build."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Give `bucket` the code kept for it (Jinja drops it if the source changed)."""
        data = self.compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep the code just compiled for `bucket`."""
        self.compiled[bucket.key] = bucket.bytecode_to_string()
