"""Author-facing problems: compiler-style `path:line: message (how to fix)` records."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the content, located to a file and line.

    `fatal` problems make the built site wrong (a page cannot be read or placed), so the build
    stops even without `--strict`; the others are warnings that `--strict` turns into a failure.
    """

    path: str
    line: int
    message: str
    fix: str = ""
    fatal: bool = False

    def __str__(self) -> str:
        # Line 0: the problem is the file itself (a symbolic link, an image), not a line of it.
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        return f"{text} ({self.fix})" if self.fix else text


class ContentError(Exception):
    """Raised by parsers for a problem that stops one file from being read."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem
