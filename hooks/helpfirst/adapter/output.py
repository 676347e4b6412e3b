"""The files the build writes itself below the site directory (MkDocs copies the rest)."""

from __future__ import annotations

import os


def write(site_dir: str, path: str, content: str | bytes) -> bytes:
    """Write one generated file at `path` below `site_dir` (text as UTF-8, its line feeds as
    they are), making its folders; its bytes."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    target = os.path.join(site_dir, path)
    try:
        handle = open(target, "wb")
    except FileNotFoundError:  # most files go where the build wrote before: made then
        os.makedirs(os.path.dirname(target) or site_dir, exist_ok=True)
        handle = open(target, "wb")
    with handle:
        handle.write(data)
    return data
