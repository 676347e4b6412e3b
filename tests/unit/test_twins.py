"""The pure parts of what assistants and tools read: the answer as Markdown, escaped text,
placeholders and code kept, llms.txt's structure and llms-full's split."""

from __future__ import annotations

import html
from datetime import date

import yaml
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from helpfirst import twins
from helpfirst.content import check_entry, parse_entry
from tests.hostile_sites import ESCAPE_TEXTS, HOSTILE


def render(markdown: str) -> BeautifulSoup:
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    return BeautifulSoup(html, "html.parser")


def twin(entry_id="reset", title="Reset", summary="How.", category="portal", markdown="Text.\n"):
    return twins.Twin(
        entry_id=entry_id,
        kind="faq",
        lang="en",
        title=title,
        summary=summary,
        category=category,
        page_address=f"https://h.example/faq/{entry_id}/",
        twin_address=f"https://h.example/faq/{entry_id}/index.md",
        updated=date(2026, 11, 1),
        markdown=markdown,
    )


def test_twin_path_is_the_page_address_plus_index_md():
    assert twins.twin_path("faq/reset/") == "faq/reset/index.md"
    assert twins.twin_path("sl/faq/reset/") == "sl/faq/reset/index.md"
    assert twins.twin_path("") == "index.md"


def test_hostile_text_shows_as_written_and_makes_no_element():
    texts = (
        HOSTILE
        + ESCAPE_TEXTS
        + [
            "[click](javascript:alert(1)) ![x](https://evil.example/x.png) <b>bold</b>",
            "# not a heading",
            "1. not a list",
            "- not a list either",
            "*not em* _nor this_ `nor code` ~~nor~~ | not | a table |",
            "&lt; stays an entity's text &amp;",
            "[link]: https://evil.example/ a definition",
            "[a link](https://evil.example/) [ref][link]",
        ]
    )
    for text in texts:
        markdown = twins.markdown(f"<p>{html.escape(text)}</p>")
        soup = render(markdown)
        assert [tag.name for tag in soup.find_all(True)] == ["p"], (text, markdown)
        assert soup.p.get_text() == " ".join(text.split()) or "\u2028" in text, (text, markdown)


def test_placeholders_stay_as_written_in_text_and_code():
    html = (
        "<ol><li>Hello [name], your [customer portal] account</li></ol>"
        "<pre><code>Hello [name],\n\n```\nnested fence\n```\n[link]</code></pre>"
    )
    markdown = twins.markdown(html)
    assert "Hello [name], your [customer portal] account" in markdown
    assert "Hello [name],\n\n```\nnested fence\n```\n[link]" in markdown
    soup = render(markdown)
    assert soup.pre.get_text() == "Hello [name],\n\n```\nnested fence\n```\n[link]\n"
    assert soup.li.get_text() == "Hello [name], your [customer portal] account"


def test_structure_links_and_tables_are_kept():
    html = (
        "<h2>Steps</h2><ul><li><p>One <strong>bold</strong></p><ul><li>Nested</li></ul></li></ul>"
        '<p>See <a href="https://h.example/faq/x/">the <em>other</em> page</a> or '
        "<code>a`b</code>.</p><table><thead><tr><th>A</th><th>B | C</th></tr></thead>"
        "<tbody><tr><td>1</td><td>2</td></tr></tbody></table><blockquote><p>Quote</p></blockquote>"
    )
    soup = render(twins.markdown(html))
    assert soup.h2.get_text() == "Steps"
    assert soup.select_one("ul ul li").get_text() == "Nested"
    assert soup.select_one("li strong").get_text() == "bold"
    link = soup.select_one("p a")
    assert link["href"] == "https://h.example/faq/x/" and link.get_text() == "the other page"
    assert soup.select_one("p code").get_text() == "a`b"
    assert [th.get_text() for th in soup.select("th")] == ["A", "B | C"]
    assert [td.get_text() for td in soup.select("td")] == ["1", "2"]
    assert soup.select_one("blockquote p").get_text() == "Quote"


def test_twin_front_matter_reads_back_and_makes_no_html():
    hostile = ESCAPE_TEXTS[3]
    text = twins.twin_text(twin(title=hostile, summary=hostile))
    front = yaml.safe_load(text.split("---\n")[1])
    assert front == {
        "title": hostile,
        "lang": "en",
        "url": "https://h.example/faq/reset/",
        "summary": hostile,
        "updated": date(2026, 11, 1),
    }
    soup = render(text)
    assert soup.find("img") is None and soup.h1.get_text() == hostile


def test_llms_txt_has_one_h1_a_blockquote_and_sections_of_links():
    text = twins.llms_txt(
        "Help <centre>",
        "Answers & more",
        [("Portal", [twin(), twin("other", "Other", "")]), ("# Billing", [twin("bill")])],
        [],
    )
    soup = render(text)
    assert [h.get_text() for h in soup.select("h1")] == ["Help <centre>"]
    assert soup.blockquote.get_text().strip() == "Answers & more"
    assert [h.get_text() for h in soup.select("h2")] == ["Portal", "# Billing"]
    assert [a["href"] for a in soup.select("ul a")] == [
        "https://h.example/faq/reset/index.md",
        "https://h.example/faq/other/index.md",
        "https://h.example/faq/bill/index.md",
    ]
    assert "- [Reset](<https://h.example/faq/reset/index.md>): How." in text


def test_llms_full_is_split_by_category_above_the_limit():
    sections = [("portal", "Portal", [twin()]), ("billing", "Billing", [twin("bill")])]
    whole = twins.split_full(sections)
    assert [name for name, _ in whole] == ["llms-full.txt"]
    assert whole[0][1] == twins.twin_text(twin()) + "\n" + twins.twin_text(twin("bill"))
    size = len(whole[0][1].encode("utf-8"))
    split = twins.split_full(sections, limit=size - 1)
    assert [name for name, _ in split] == ["llms-full/portal.txt", "llms-full/billing.txt"]
    assert twins.split_full(sections, limit=size) == whole
    listed = twins.llms_txt("Help", "", [], [("Portal", "https://h.example/llms-full/portal.txt")])
    assert "## Optional\n\n- [Portal](<https://h.example/llms-full/portal.txt>)" in listed


def test_machine_readable_is_a_true_or_false_front_matter_key_with_its_line():
    text = "---\nsummary: S.\ncategory: c\nmachine_readable: maybe\n---\n\n# T\n\nBody.\n"
    entry = parse_entry("faq/x.md", "docs/faq/x.md", text, "en")
    problems = check_entry(entry, {"c": "C"}, "en")
    found = [str(problem) for problem in problems if "machine_readable" in str(problem)]
    assert len(found) == 1 and found[0].startswith("docs/faq/x.md:4: "), found
    assert "true or false" in found[0]
