"""Where each setting of mkdocs.yml is written, so that a problem with it is reported at its
line: `mkdocs.yml:131: extra.kb.listing_page_size: ...`, as front-matter problems are.

The file is only composed into YAML nodes, never constructed into values: nodes carry their
places, and a tag that only MkDocs or Material knows (`!ENV`, `!relative`,
`!!python/name:...`) is a label on a node there, not something to run. Lines are counted as an
editor counts them, at line feeds only: YAML also ends a line at U+2028, U+2029 and U+0085.

A file that names a parent with `INHERIT`, as MkDocs allows, is read with its parent: a key
the file does not write is looked up where it is inherited from.
"""

from __future__ import annotations

import bisect
import os
import re

import yaml

from helpfirst.problems import Problem

# libyaml's parser when PyYAML is built with it: the same nodes and lines, faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INDEX = re.compile(r"\[(\d+)\]\.?")
# A chain of INHERIT longer than this is a loop; MkDocs fails on it before any check runs.
_MAX_PARENTS = 20


class ConfigLines:
    """The key lines of one mkdocs.yml (and of the file it inherits from, if any)."""

    def __init__(
        self,
        path: str = "mkdocs.yml",
        root: yaml.Node | None = None,
        parent: ConfigLines | None = None,
    ) -> None:
        self.path = path  # as messages show it
        self._root = root
        self._parent = parent
        self._line_ends: list[int] = []  # offset of every line feed of the text

    @classmethod
    def read(cls, path: str, _depth: int = 0) -> ConfigLines:
        """The lines of the config file at `path` (as messages show it, relative to the working
        directory). A file that cannot be read or parsed has no lines: its problems are at
        line 1, and MkDocs reports the file itself."""
        try:
            with open(path, "rb") as stream:
                text = stream.read().decode("utf-8")
            root = yaml.compose(text, Loader=_LOADER)
        except (OSError, UnicodeError, yaml.YAMLError):
            return cls(path)
        parent = None
        inherit = _value(root, "INHERIT")
        if isinstance(inherit, yaml.ScalarNode) and inherit.value and _depth < _MAX_PARENTS:
            parent_path = os.path.join(os.path.dirname(path), inherit.value)
            parent = cls.read(os.path.relpath(os.path.normpath(parent_path)), _depth + 1)
        lines = cls(path, root, parent)
        lines._line_ends = [index for index, char in enumerate(text) if char == "\n"]
        return lines

    def paths(self) -> list[str]:
        """This file and those it inherits from, in order (as messages show them)."""
        chain: list[str] = []
        config: ConfigLines | None = self
        while config is not None:
            chain.append(config.path)
            config = config._parent
        return chain

    def locate(self, key: str) -> tuple[str, int]:
        """(file, line) of a dotted key such as `extra.kb.widget.topics.orders[1]`: the line of
        the key, or of the list item; for a key that is not written, the line of the nearest
        key above it that is; line 1 when none is."""
        best = (0, self.path, 1)  # (keys matched, file, line)
        config: ConfigLines | None = self
        while config is not None:
            depth, mark = _find(config._root, key)
            line = bisect.bisect_left(config._line_ends, mark.index) + 1 if mark else 1
            if depth > best[0]:
                best = (depth, config.path, line)
            config = config._parent
        return best[1], best[2]

    def problem(self, key: str, message: str, fix: str = "") -> Problem:
        """A problem with the setting `key`, at its line."""
        path, line = self.locate(key)
        return Problem(path, line, f"{key}: {message}", fix)


def _find(root: yaml.Node | None, key: str) -> tuple[int, yaml.Mark | None]:
    """(number of parts of `key` found, where the last one found starts) in a node tree.

    Mapping keys may hold dots themselves (`"/help/*.html"`), so each step takes the longest
    key of the mapping that the rest of the path starts with."""
    node, rest, depth, mark = root, key, 0, None
    while rest and node is not None:
        if isinstance(node, yaml.SequenceNode):
            index = _INDEX.match(rest)
            if index is None or int(index.group(1)) >= len(node.value):
                break
            node = node.value[int(index.group(1))]
            rest = rest[index.end() :]
            found = node.start_mark
        elif isinstance(node, yaml.MappingNode):
            pair = _longest_key(node, rest)
            if pair is None:
                break
            key_node, node = pair
            rest = rest[len(key_node.value) :]
            rest = rest[1:] if rest.startswith(".") else rest
            found = key_node.start_mark
        else:
            break
        depth, mark = depth + 1, found
    return depth, mark


def _longest_key(node: yaml.MappingNode, rest: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The (key, value) nodes of the longest key that `rest` starts with as a whole part. Keys
    written in the mapping come before keys merged into it with `<<`, as PyYAML reads them."""
    best = None
    for key_node, value_node in _pairs(node):
        name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(name, str) or not rest.startswith(name):
            continue
        if len(rest) > len(name) and rest[len(name)] not in ".[":
            continue
        # The last of duplicate keys is the one in effect.
        if best is None or len(name) >= len(best[0].value):
            best = (key_node, value_node)
    return best


def _pairs(node: yaml.MappingNode, _seen: frozenset = frozenset()) -> list:
    """The (key, value) node pairs of a mapping: its own, then those merged with `<<` (the
    first merged mapping wins over later ones, and the mapping's own keys over all)."""
    own, merged, seen = [], [], _seen | {id(node)}
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag == "tag:yaml.org,2002:merge":
            sources = (
                value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            )
            for source in sources:
                if isinstance(source, yaml.MappingNode) and id(source) not in seen:
                    merged.append(_pairs(source, seen))
        else:
            own.append((key_node, value_node))
    # Later pairs win in _longest_key: the first merged mapping goes last, own keys after it.
    return [pair for pairs in reversed(merged) for pair in pairs] + own


def _value(root: yaml.Node | None, name: str) -> yaml.Node | None:
    """The value node of a top-level key."""
    if not isinstance(root, yaml.MappingNode):
        return None
    for key_node, value_node in root.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == name:
            return value_node
    return None
