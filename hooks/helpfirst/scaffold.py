"""New entries: the files of one FAQ entry, guide or email template in every language, with
front matter that a strict build accepts and `TODO:` text where the author writes."""

from __future__ import annotations

from helpfirst.content import SECTION_OF_KIND

#: Starts every piece of text the author still has to write; `kb.py lint` points at leftovers.
MARKER = "TODO:"

KINDS = tuple(SECTION_OF_KIND)  # faq, guide, template
_NEEDS_CATEGORY = ("faq", "guide")


def needs_category(kind: str) -> bool:
    """FAQ entries and guides must name a category; templates may."""
    return kind in _NEEDS_CATEGORY


def default_title(entry_id: str) -> str:
    """A first title from the id: `reset-password` -> `Reset password`."""
    words = entry_id.replace("-", " ")
    return words[:1].upper() + words[1:]


def plan(
    kind: str,
    entry_id: str,
    languages: list[str],
    default_lang: str,
    category: str | None = None,
    title: str | None = None,
) -> dict[str, str]:
    """docs-relative path -> text of every file of the new entry, the source first."""
    folder = SECTION_OF_KIND[kind]
    title = title or default_title(entry_id)
    files = {}
    for lang in [default_lang] + [lang for lang in languages if lang != default_lang]:
        source = lang == default_lang
        name = f"{folder}/{entry_id}.md" if source else f"{folder}/{entry_id}.{lang}.md"
        files[name] = _text(kind, folder, entry_id, title, category if source else None, source)
    return files


def _text(kind, folder, entry_id, title, category, source) -> str:
    """One file: front matter, title and the body of its kind."""
    task = "write" if source else f"translate docs/{folder}/{entry_id}.md"
    front = [
        "---",
        f'summary: "{MARKER} {task}: one or two sentences, the short answer shown in search."',
    ]
    if category:
        front.append(f"category: {category}")
    if kind == "template":
        front += ["subjects:", f'  - "{MARKER} {task}: a subject line for [company]"']
    front.append("---")
    body = _BODIES[kind].format(marker=MARKER, task=task)
    return "\n".join(front) + f"\n\n# {title}\n\n{body}"


_BODIES = {
    "faq": "{marker} {task}: the answer, the short answer first, then the details.\n",
    "guide": (
        "{marker} {task}: one or two sentences on what the guide achieves.\n\n"
        "## {marker} the first part\n\n"
        "### {marker} the first step\n\n"
        "{marker} {task}: what the reader does in this step.\n"
    ),
    "template": (
        "{marker} {task}: what the email is for.\n\n"
        "## When to send it\n\n"
        "{marker} {task}: the moment to send it.\n\n"
        "<!-- kb:subjects -->\n\n"
        "## Plain-text body\n\n"
        '```text title="Short"\n'
        "Hello [name],\n\n"
        "{marker} {task}: the message.\n\n"
        "[agent name]\n"
        "[company]\n"
        "```\n"
    ),
}
