"""static-i18n's per-pass file list, made without `pathlib` where the paths allow.

In every language pass static-i18n (1.3.1, suffix structure) makes a new MkDocs `File` for each
file of the docs folder, and more for each page's alternates (`suffix.create_i18n_file`, called
from `reconfigure.ReconfigureFiles.reconfigure_files`), and asks of each whether it lies in the
docs folder (`reconfigure.is_relative_to`). Both work on `pathlib` paths: at 5,000 entries per
language that is about 30,000 files a pass and a quarter of the pass's time.

`create_i18n_file` and `is_relative_to` below give the same results with string operations
for the paths a docs folder holds (relative, normalised, no dot folders); any other path goes
to static-i18n's own function. `install` puts them in static-i18n's modules where its code looks
them up, only for the version they were written against. A unit test compares them with
static-i18n's own over every kind of path.
"""

from __future__ import annotations

import functools
import os
from urllib.parse import quote as urlquote

#: The static-i18n version whose functions these reproduce.
VERSION = "1.3.1"

_ORIGINAL: dict[str, object] = {}


def install() -> bool:
    """Use these functions in static-i18n's passes; False (nothing changed) when another
    version of static-i18n is installed."""
    try:
        import mkdocs_static_i18n
        from mkdocs_static_i18n import reconfigure, suffix
    except ImportError:
        return False
    if mkdocs_static_i18n.version != VERSION:
        return False
    if not _ORIGINAL:
        _ORIGINAL["create_i18n_file"] = suffix.create_i18n_file
        _ORIGINAL["is_relative_to"] = reconfigure.is_relative_to
    suffix.create_i18n_file = create_i18n_file
    reconfigure.is_relative_to = is_relative_to
    return True


def uninstall() -> None:
    """Give static-i18n its own functions back."""
    if not _ORIGINAL:
        return
    from mkdocs_static_i18n import reconfigure, suffix

    suffix.create_i18n_file = _ORIGINAL["create_i18n_file"]
    reconfigure.is_relative_to = _ORIGINAL["is_relative_to"]


def original(name: str):
    """static-i18n's own function `name` ("create_i18n_file" or "is_relative_to")."""
    if name in _ORIGINAL:
        return _ORIGINAL[name]
    if name == "create_i18n_file":
        from mkdocs_static_i18n.suffix import create_i18n_file as found
    else:
        from mkdocs_static_i18n import is_relative_to as found
    return found


# --- is_relative_to -----------------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _folder(path: str) -> str | None:
    """An absolute folder as `PurePath` reads it, '/'-separated, without a trailing '/'; None
    for a path this module leaves to pathlib."""
    if not isinstance(path, str) or not _plain_absolute(path):
        return None
    return path.rstrip("/") if path != "/" else ""


def _plain_absolute(path: str) -> bool:
    """True for an absolute path that `PurePath` keeps as written: one leading '/', no empty,
    '.' or '..' parts (a trailing '/' is allowed)."""
    if not path.startswith("/") or path.startswith("//"):
        return False
    parts = path[1:].rstrip("/").split("/")
    return path == "/" or all(part not in ("", ".", "..") for part in parts)


def is_relative_to(src_path, dest_path) -> bool:
    """`PurePath(src_path).is_relative_to(dest_path)`, as static-i18n asks it."""
    folder = _folder(dest_path) if isinstance(dest_path, str) else None
    if folder is None or not isinstance(src_path, str) or not _plain_absolute(src_path):
        return original("is_relative_to")(src_path, dest_path)
    path = src_path.rstrip("/") if src_path != "/" else ""
    return path == folder or path.startswith(folder + "/")


# --- create_i18n_file ---------------------------------------------------------------------------


def _plain_relative(path: str) -> bool:
    """True for a relative path whose parts are all names (what a docs folder holds)."""
    return (
        bool(path)
        and not path.startswith("/")
        and all(part not in ("", ".", "..") for part in path.split("/"))
    )


def _split(path: str) -> tuple[str, str]:
    """(parent, name) of a plain relative path, as `PurePath` gives them ('.' for no parent)."""
    parent, _, name = path.rpartition("/")
    return (parent or "."), name


def _suffix_at(name: str) -> int:
    """Where `PurePath(name).suffix` starts, or -1 when it has none."""
    i = name.rfind(".")
    return i if 0 < i < len(name) - 1 else -1


def _stem(name: str) -> str:
    i = _suffix_at(name)
    return name[:i] if i >= 0 else name


def _suffix(name: str) -> str:
    i = _suffix_at(name)
    return name[i:] if i >= 0 else ""


def _join(parent: str, name: str) -> str:
    return name if parent == "." else f"{parent}/{name}"


def _without_suffix(path: str) -> str:
    """`PurePath(path).with_suffix("")` of a plain relative path."""
    parent, name = _split(path)
    return _join(parent, _stem(name))


def _last_suffix(name: str) -> str | None:
    """`PurePath(name).suffixes[-1]`, or None when it has no suffixes."""
    if name.endswith("."):
        return None
    parts = name.lstrip(".").split(".")
    return "." + parts[-1] if len(parts) > 1 else None


def _is_dot(url: str) -> bool:
    """`PurePath(url).as_posix() == "."`."""
    return not url.startswith("/") and all(part in ("", ".") for part in url.split("/"))


def create_i18n_file(file, current_language, default_language, all_languages, config):
    """static-i18n's `suffix.create_i18n_file`: a new `File` for `file` as the pass of
    `current_language` places it, with its locale and alternates started."""
    from mkdocs.structure.files import File
    from mkdocs_static_i18n.config import RE_LOCALE

    src_uri, dest = file.src_uri, file.dest_path
    if not _plain_relative(src_uri) or not _plain_relative(dest):
        return original("create_i18n_file")(
            file, current_language, default_language, all_languages, config
        )
    docs_dir, site_dir = config.docs_dir, config.site_dir
    directory_urls = config.use_directory_urls
    # What File(file.src_path, docs_dir, file.dest_path, directory_urls, dest_uri=...,
    # inclusion=...) sets, as it sets it for a plain relative path (as_posix of itself).
    given = file
    file = File.__new__(File)
    file.src_uri = src_uri
    file.src_dir = docs_dir
    file.dest_dir = dest
    file.use_directory_urls = directory_urls
    file.dest_uri = given.dest_uri
    file.inclusion = given.inclusion
    name = file.name
    if not name or name.startswith("."):
        return original("create_i18n_file")(
            given, current_language, default_language, all_languages, config
        )
    file_locale = default_language
    file_localization = None
    locale_site_dir = current_language if current_language != default_language else ""

    last = _last_suffix(name)
    if last is not None:
        file_locale = last.replace(".", "")
        if file_locale in all_languages or RE_LOCALE.match(file_locale):
            parent, dest_name = _split(dest)
            no_suffix = _join(parent, _without_suffix(_stem(dest_name)))
            dest = f"{no_suffix}{_suffix(dest_name)}"
            file.name = _stem(name)
            file_localization = file_locale
        else:
            file_locale = default_language

    if directory_urls and file_localization:
        parent, dest_name = _split(dest)
        if parent != ".":
            dest = _join(_without_suffix(parent), dest_name)
            parent, dest_name = _split(dest)
            grand, parent_name = _split(parent)
            if parent != "." and parent_name in ["index", "README"]:
                dest = _join(grand, dest_name)

    parent, dest_name = _split(dest)
    if dest_name.endswith("README.html"):
        dest = _join(parent, "index.html")

    dest = f"{locale_site_dir}/{dest}" if locale_site_dir else dest
    if _plain_relative(dest):
        file.dest_uri = dest  # what the dest_path setter makes of it
    else:
        file.dest_path = dest
    file.abs_dest_path = os.path.normpath(os.path.join(site_dir, file.dest_path))

    if file.name == "README":
        file.name = "index"

    file.url = file._get_url(directory_urls)
    if locale_site_dir and _is_dot(file.url):
        file.url = urlquote(locale_site_dir + "/")

    file.alternates = {current_language: file}
    file.locale = file_locale
    file.locale_alternate_of = current_language
    file.localization = file_localization
    file.norm_src_uri = file.src_uri
    if file.localization:
        file.norm_src_uri = file.src_uri.replace(f".{file.localization}", "", 1)
    return file
