"""The widget's answers in real builds: one JSON file per entry and language, with the text of
the entry page's answer, links absolute, and hostile content inert."""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup

from helpfirst.answers import answer_path
from tests.builds.test_site import LANGUAGES
from tests.hostile_sites import ESCAPE_TEXTS

SECTIONS = {"faq": "faq", "guides": "guide", "templates": "template"}
#: What an entry page's article holds around the answer, and what an answer leaves out.
NOT_ANSWER = (
    "h1, .headerlink, .kb-breadcrumbs, .kb-entry-footer, .kb-feedback, [data-kb-switcher], "
    ".md-content__button, .md-source-file, .kb-notice, button, img, svg, input, label, nav, "
    "script, style, [hidden]"
)


def article_text(html: str) -> str:
    """The text of an entry page's answer, whitespace collapsed."""
    article = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    for element in article.select(NOT_ANSWER):
        element.decompose()
    return " ".join(article.get_text("").split())


def answer_text(answer_html: str) -> str:
    """The text of an answer's HTML, whitespace collapsed."""
    return " ".join(BeautifulSoup(answer_html, "html.parser").get_text("").split())


def entry_pages(site):
    """(lang, section, id, page path) of every entry page of a built site."""
    for lang, prefix in LANGUAGES.items():
        for section in SECTIONS:
            for page in sorted((site / prefix / section).glob("*/index.html")):
                if page.parent.name != "page":
                    yield lang, section, page.parent.name, page


def test_every_entry_in_every_language_has_its_answer_with_the_pages_text(real_site):
    site = real_site.site
    pages = list(entry_pages(site))
    assert len(pages) == 3 * 22
    for lang, section, entry_id, page in pages:
        data = json.loads((site / answer_path(entry_id, lang, "en")).read_text(encoding="utf-8"))
        where = f"{lang} {entry_id}"
        assert data["id"] == entry_id and data["type"] == SECTIONS[section], where
        path = page.parent.relative_to(site).as_posix()
        assert data["url"] == f"https://help.example.com/{path}/", where
        html = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        heading = soup.select_one("article h1")
        heading.select_one(".headerlink").decompose()
        assert data["title"] == heading.get_text("").strip(), where
        updated = soup.select_one(".kb-updated time")
        assert data["updated"] == (updated["datetime"] if updated else None), where
        assert data["lang"] == ("en" if data["fallback"] else lang), where
        assert answer_text(data["html"]) == article_text(html), where
        links = re.findall(r'href="([^"]*)"', data["html"])
        assert all(re.match(r"(https://|mailto:|tel:)", link) for link in links), (where, links)
    # One file per entry page, no more.
    written = sorted(site.glob("answers/*.json")) + sorted(site.glob("*/answers/*.json"))
    assert len(written) == len(pages)


def test_the_widget_settings_say_where_the_answers_are(real_site):
    for lang, prefix in LANGUAGES.items():
        data = json.loads(real_site.read(f"assets/kb/widget/{lang}.json"))
        assert data["answers"] == f"{prefix}answers/{{id}}.json"
        assert data["site_url"] == "https://help.example.com/"


def test_hostile_html_is_inert_in_the_answers(html_policy_site):
    site = html_policy_site.site
    for path in ("answers", "sl/answers"):
        for file in sorted((site / path).glob("*.json")):
            html = json.loads(file.read_text(encoding="utf-8"))["html"]
            soup = BeautifulSoup(html, "html.parser")
            tags = {element.name for element in soup.find_all(True)}
            assert not tags & {"script", "style", "iframe", "img", "svg", "form", "input",
                               "object", "embed", "base", "meta", "link", "noscript"}, file  # fmt: skip
            attributes = {name for element in soup.find_all(True) for name in element.attrs}
            assert attributes <= {"href", "title", "lang", "dir"}, (file, attributes)
            links = [a["href"] for a in soup.find_all("a", href=True)]
            assert all(re.match(r"(https?://|mailto:|tel:)", link) for link in links), links
    text = json.loads((site / "answers/hostile-html.json").read_text(encoding="utf-8"))["html"]
    assert "Hidden text" in text and "Click me" in text  # what is harmless stays


def test_hostile_titles_are_text_in_the_answers(escape_site):
    for number, title in enumerate(ESCAPE_TEXTS):
        for lang in LANGUAGES:
            path = escape_site.site / answer_path(f"hostile-{number}", lang, "en")
            data = json.loads(path.read_text(encoding="utf-8"))
            assert data["title"] == title
            assert data["html"] == "<p>A quokka answer.</p>"
