"""A memo of what reading and checking each source gives, keyed by content (`kb build --cache`).

After one file of a large knowledge base changes, reading and checking every source again
repeats the same work on the same bytes. Each per-file (or per-pair) result that depends on
nothing but its arguments is kept here under a hash of every argument: parsing a source
(helpfirst.content.parse_entry), comparing a translation with its source
(helpfirst.translation_checks.check_translation) and checking a page's headings
(helpfirst.headings.check). What depends on more than one file or on the settings is not kept.

The arguments are in each key; the code that computes from them is not. The caller gives a
`salt` (a fingerprint of the code, the configuration and the installed packages), and a memo
saved with another salt loads empty, so a change of code never reuses a result.

A result is kept as the bytes `pickle` makes of it, and every hit unpickles a fresh object, so
code that changes what it was given (an entry's problems, its front matter) cannot change the
memo. The file is read with `pickle`, so its folder must be as trusted as the code itself (as
any build cache is); it holds a checksum of its content, so a damaged file loads empty rather
than giving a wrong hit.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: The first line of a memo file: another format's file is not read.
_HEADER = b"helpfirst read cache 1\n"
_CHECKSUM_SIZE = 32  # bytes of the blake2b checksum that follows the header


class ReadCache:
    """Results by key (a hash of everything they depend on), with the count of hits and misses
    since load."""

    def __init__(self, salt: str = "", known: dict[bytes, bytes] | None = None):
        self.salt = salt
        self.hits = 0
        self.misses = 0
        self._known = known or {}  # what was loaded: key -> pickled result
        self._asked: dict[bytes, bytes] = {}  # what was asked for since load: what `save` keeps

    @classmethod
    def load(cls, path: Path, salt: str) -> ReadCache:
        """The memo saved at `path` with the same `salt`; an empty one when the file is missing,
        cannot be read, is damaged, or was saved by another format or with another salt."""
        try:
            data = Path(path).read_bytes()
        except OSError:
            return cls(salt)
        known = _unpack(data, salt)
        return cls(salt, known if known is not None else {})

    def save(self, path: Path) -> None:
        """Write the results asked for since load (and no other) to `path`, atomically: a
        reader sees the old file or the new one, never part of one. Raises ValueError naming
        the folder when it cannot be written."""
        path = Path(path)
        folder = path.parent
        payload = pickle.dumps((self.salt, self._asked), protocol=pickle.HIGHEST_PROTOCOL)
        checksum = hashlib.blake2b(payload, digest_size=_CHECKSUM_SIZE).digest()
        temporary = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                dir=folder, prefix=f".{path.name}.", suffix=".tmp", delete=False
            ) as stream:
                temporary = stream.name
                stream.write(_HEADER + checksum + payload)
            os.replace(temporary, path)
        except OSError as error:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
            raise ValueError(
                f"cannot write the read cache in {folder}: {error.strerror or error}"
            ) from None

    def unchanged(self) -> bool:
        """True when saving would write what was loaded: every result was asked for, and none
        was computed."""
        return self.misses == 0 and self._asked.keys() == self._known.keys()

    def result(self, key: bytes, compute: Callable[[], T]) -> T:
        """The result kept under `key` (a fresh copy), or `compute()`'s, kept for next time."""
        blob = self._asked.get(key) or self._known.get(key)
        if blob is not None:
            try:
                value = pickle.loads(blob)
            except Exception:  # a result that cannot be read is computed again
                pass
            else:
                self.hits += 1
                self._asked[key] = blob
                return value
        self.misses += 1
        value = compute()
        # Pickled before the caller may change it: what is kept is what `compute` gave.
        self._asked[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        return value


def key(kind: str, *parts: str | bytes | int) -> bytes:
    """A strong hash of `kind` and `parts`, each part marked with its type and length so that
    no two different lists of parts give the same bytes to hash."""
    digest = hashlib.blake2b(kind.encode("utf-8"), digest_size=32)
    for part in parts:
        if isinstance(part, str):
            data, tag = part.encode("utf-8", "surrogatepass"), b"s"
        elif isinstance(part, bytes):
            data, tag = part, b"b"
        else:
            data, tag = str(part).encode("ascii"), b"i"
        digest.update(tag + len(data).to_bytes(8, "big") + data)
    return digest.digest()


def state_key(value: object) -> bytes:
    """A hash of a picklable value as it is now (an entry, after the checks that change it):
    two values with the same bytes are the same value."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.blake2b(data, digest_size=32).digest()


def _unpack(data: bytes, salt: str) -> dict[bytes, bytes] | None:
    """The results of a memo file's bytes, or None unless it is whole, of this format and
    saved with `salt`."""
    if not data.startswith(_HEADER):
        return None
    checksum = data[len(_HEADER) : len(_HEADER) + _CHECKSUM_SIZE]
    payload = data[len(_HEADER) + _CHECKSUM_SIZE :]
    if hashlib.blake2b(payload, digest_size=_CHECKSUM_SIZE).digest() != checksum:
        return None
    try:
        saved_salt, results = pickle.loads(payload)
    except Exception:  # whatever the bytes hold, a memo that cannot be read is empty
        return None
    if saved_salt != salt or not isinstance(results, dict):
        return None
    if not all(isinstance(k, bytes) and isinstance(v, bytes) for k, v in results.items()):
        return None
    return results
