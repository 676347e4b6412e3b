"""The files the build writes itself below the site directory (MkDocs copies the rest)."""

from __future__ import annotations

import contextlib
import os
from typing import Protocol


class Keeper(Protocol):
    """What holds the files of an earlier build (helpfirst.page_cache.PageCache)."""

    outputs: dict[str, str]

    def place_output(self, site_dir: str, path: str, data: bytes) -> bool: ...


#: While a build reuses an earlier one's files: where a file with the same bytes is taken from
#: instead of being written (helpfirst.page_cache.reusing sets it).
keeper: Keeper | None = None


def write(site_dir: str, path: str, content: str | bytes) -> bytes:
    """Write one generated file at `path` below `site_dir` (text as UTF-8, its line feeds as
    they are), making its folders; its bytes. The earlier build's file is put there instead when
    it has these bytes (`keeper`)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    target = os.path.join(site_dir, path)
    if keeper is not None:
        if keeper.outputs.pop(path, None) is not None:
            # Placed before in this build: a kept file, never written through.
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
        if keeper.place_output(site_dir, path, data):
            return data
    try:
        handle = open(target, "wb")
    except FileNotFoundError:  # most files go where the build wrote before: made then
        os.makedirs(os.path.dirname(target) or site_dir, exist_ok=True)
        handle = open(target, "wb")
    with handle:
        handle.write(data)
    return data
