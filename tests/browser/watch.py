"""What a page must never do in the browser tests: errors, failed requests, other hosts."""

from __future__ import annotations


def watch(page, base_url: str) -> list[str]:
    """Start collecting a page's problems; the returned list fills as they happen."""
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on(
        "response",
        lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"),
    )
    page.on(
        "request",
        lambda r: (
            not r.url.startswith((base_url, "data:", "blob:"))
            and problems.append(f"third-party: {r.url}")
        ),
    )
    return problems
