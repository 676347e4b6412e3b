"""The memo of per-file results (helpfirst.read_cache): a file that is missing, damaged or of
another salt loads empty, a save is atomic and keeps only what was asked for, and every hit is
a fresh object."""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import pytest

from helpfirst import read_cache
from helpfirst.read_cache import ReadCache

SALT = "code-and-settings-1"


def _saved(folder: Path, results: dict[str, object], salt: str = SALT) -> Path:
    """A memo file in `folder` holding `results` (name -> value)."""
    cache = ReadCache(salt)
    for name, value in results.items():
        cache.result(read_cache.key("test", name), lambda value=value: value)
    path = folder / "read-cache"
    cache.save(path)
    return path


def _lookup(cache: ReadCache, name: str) -> object:
    """What the memo holds under `name`, or "computed" when it holds nothing."""
    return cache.result(read_cache.key("test", name), lambda: "computed")


def test_a_saved_memo_loads_back_and_a_warm_lookup_is_a_hit(tmp_path):
    path = _saved(tmp_path, {"a": {"meta": [1, 2]}, "b": "text"})
    cache = ReadCache.load(path, SALT)
    assert _lookup(cache, "a") == {"meta": [1, 2]}
    assert _lookup(cache, "b") == "text"
    assert (cache.hits, cache.misses) == (2, 0)
    assert _lookup(cache, "c") == "computed"
    assert (cache.hits, cache.misses) == (2, 1)


def test_every_hit_is_a_fresh_object_that_the_caller_may_change(tmp_path):
    cache = ReadCache(SALT)
    computed = cache.result(read_cache.key("test", "a"), lambda: {"problems": []})
    computed["problems"].append("changed by the caller after the miss")
    first = _lookup(cache, "a")
    first["problems"].append("changed by the caller after a hit")
    second = _lookup(cache, "a")
    assert first is not second
    assert second == {"problems": []}
    assert _lookup(ReadCache.load(_saved(tmp_path, {"a": {"problems": []}}), SALT), "a") == {
        "problems": []
    }


def test_another_salt_loads_empty(tmp_path):
    path = _saved(tmp_path, {"a": "kept"})
    cache = ReadCache.load(path, "code-and-settings-2")
    assert _lookup(cache, "a") == "computed"
    assert (cache.hits, cache.misses) == (0, 1)


def _damaged(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) - 7])
    elif how == "cut to its header":
        path.write_bytes(data[:30])
    elif how == "one byte changed":
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :])
    elif how == "another format":
        path.write_bytes(data.replace(b"read cache 1\n", b"read cache 9\n", 1))
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "not a memo":
        path.write_text("site_name: x\n", encoding="utf-8")
    elif how == "a folder":
        path.unlink()
        path.mkdir()
    elif how == "missing":
        path.unlink()


@pytest.mark.parametrize(
    "how",
    [
        "truncated",
        "cut to its header",
        "one byte changed",
        "another format",
        "empty",
        "not a memo",
        "a folder",
        "missing",
    ],
)
def test_a_memo_file_that_cannot_be_trusted_loads_empty(tmp_path, how):
    path = _saved(tmp_path, {"a": "kept", "b": "kept"})
    _damaged(path, how)
    cache = ReadCache.load(path, SALT)
    assert [_lookup(cache, "a"), _lookup(cache, "b")] == ["computed", "computed"]
    assert (cache.hits, cache.misses) == (0, 2)


def test_a_whole_file_holding_something_else_than_results_loads_empty(tmp_path):
    # A file with a right header and checksum, of another shape (as a later version might write).
    path = tmp_path / "read-cache"
    for payload in ([SALT, {}], (SALT, ["a"]), (SALT, {"a": "not bytes"}), "text"):
        data = pickle.dumps(payload)
        checksum = hashlib.blake2b(data, digest_size=32).digest()
        path.write_bytes(b"helpfirst read cache 1\n" + checksum + data)
        assert _lookup(ReadCache.load(path, SALT), "a") == "computed"


def test_a_save_keeps_only_what_was_asked_for_since_load(tmp_path):
    path = _saved(tmp_path, {"old": "gone", "kept": "here"})
    cache = ReadCache.load(path, SALT)
    _lookup(cache, "kept")
    cache.result(read_cache.key("test", "new"), lambda: "new")
    cache.save(path)
    again = ReadCache.load(path, SALT)
    assert [_lookup(again, name) for name in ("kept", "new", "old")] == [
        "here",
        "new",
        "computed",
    ]


def test_a_save_replaces_the_file_whole_and_leaves_no_temporary_file(tmp_path):
    path = _saved(tmp_path, {"a": "first"})
    cache = ReadCache(SALT)
    cache.result(read_cache.key("test", "a"), lambda: "second")
    cache.save(path)
    assert sorted(os.listdir(tmp_path)) == ["read-cache"]
    assert _lookup(ReadCache.load(path, SALT), "a") == "second"


def test_a_failed_save_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = _saved(tmp_path, {"a": "first"})
    cache = ReadCache(SALT)
    cache.result(read_cache.key("test", "a"), lambda: "second")

    def refuse(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(read_cache.os, "replace", refuse)
    with pytest.raises(ValueError, match=f"cannot write the read cache in {tmp_path}: No space"):
        cache.save(path)
    assert sorted(os.listdir(tmp_path)) == ["read-cache"]
    assert _lookup(ReadCache.load(path, SALT), "a") == "first"


def test_a_save_into_a_folder_that_cannot_be_made_names_it(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match=f"cannot write the read cache in {tmp_path / 'file'}"):
        ReadCache(SALT).save(tmp_path / "file" / "read-cache")


def test_a_save_makes_the_folder_it_needs(tmp_path):
    path = tmp_path / "cache" / "lang" / "read-cache"
    cache = ReadCache(SALT)
    cache.result(read_cache.key("test", "a"), lambda: "kept")
    cache.save(path)
    assert _lookup(ReadCache.load(path, SALT), "a") == "kept"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (("a", "bc"), ("ab", "c")),  # where one part ends and the next begins
        (("1",), (1,)),  # a text and a number
        (("a",), (b"a",)),  # a text and bytes
        (("a", ""), ("a",)),  # an empty part
    ],
)
def test_different_parts_give_different_keys(one, other):
    assert read_cache.key("parse", *one) != read_cache.key("parse", *other)
    assert read_cache.key("parse", *one) == read_cache.key("parse", *one)
    assert read_cache.key("parse", *one) != read_cache.key("headings", *one)


def test_a_memo_is_unchanged_only_when_all_it_holds_was_asked_and_nothing_computed(tmp_path):
    memo = ReadCache("salt")
    memo.result(b"a", lambda: 1)
    memo.result(b"b", lambda: 2)
    assert not memo.unchanged()  # computed: saving writes what it did not hold
    memo.save(tmp_path / "memo")
    warm = ReadCache.load(tmp_path / "memo", "salt")
    warm.result(b"a", lambda: 0)
    assert not warm.unchanged()  # "b" not asked for: saving drops it
    warm.result(b"b", lambda: 0)
    assert warm.unchanged()
    warm.result(b"c", lambda: 3)
    assert not warm.unchanged()
