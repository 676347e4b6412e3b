"""What assistants and tools read, in real builds: each entry page's Markdown twin with the
page's text, llms.txt and llms-full.txt per language, the content API's index against its
schema, the head links to them, pages left out, and hostile text inert in all of it."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import jsonschema
import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from tests.builds.test_answers import article_text, entry_pages
from tests.builds.test_site import LANGUAGES
from tests.hostile_sites import ESCAPE_TEXTS
from tests.sites import BASE_DOCS

SITE_URL = "https://help.example.com/"
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def render(markdown: str) -> str:
    """The HTML a CommonMark reader with tables (and raw HTML allowed) makes of `markdown`."""
    return MarkdownIt("commonmark").enable("table").render(markdown)


def text_of(html: str, skip: str = "") -> str:
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.select(skip) if skip else []:
        element.decompose()
    return " ".join(soup.get_text("").split())


def bare(text: str) -> str:
    return "".join(text.split())


def local(site, address: str):
    """The file of the built site an absolute address of it names."""
    assert address.startswith(SITE_URL), address
    path = urlsplit(address).path.lstrip("/")
    return site / (path + "index.html" if path.endswith("/") or not path else path)


def machine_files(site) -> list:
    """Every machine-readable output of a built site."""
    return (
        sorted(site.rglob("index.md"))
        + sorted(site.rglob("llms*.txt"))
        + sorted(site.rglob("llms-full/*.txt"))
        + sorted(site.rglob("api/v1/entries.json"))
    )


def test_every_entry_page_has_a_twin_with_its_text(real_site):
    site = real_site.site
    pages = list(entry_pages(site))
    assert len(pages) == 3 * 22
    for lang, _, entry_id, page in pages:
        twin = (page.parent / "index.md").read_text(encoding="utf-8")
        where = f"{lang} {entry_id}"
        front = _FRONT_MATTER.match(twin)
        assert front, where
        assert f'url: "{SITE_URL}{page.parent.relative_to(site).as_posix()}/"' in front[1]
        html = render(twin[front.end() :])
        soup = BeautifulSoup(html, "html.parser")
        page_soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        heading = page_soup.select_one("article h1")
        heading.select_one(".headerlink").decompose()
        assert soup.select_one("h1").get_text() == heading.get_text("").strip(), where
        # Compared without whitespace: the page runs its list items' text together.
        assert bare(text_of(html, "h1")) == bare(article_text(str(page_soup))), where
        # Template bodies as code blocks with their placeholders, written as they are.
        for pre in page_soup.select("article pre"):
            code = pre.get_text("").rstrip("\n")
            assert code in twin, (where, code[:40])
        # No interface strings or navigation: only the article's links, all absolute.
        assert all(a["href"].startswith(("https://", "mailto:", "tel:")) for a in soup("a"))
    assert len(list(site.rglob("index.md"))) == len(pages)


def test_every_page_links_to_its_twin_and_its_languages_llms_txt(real_site):
    site = real_site.site
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 3 * 22
    for page in pages:
        path = page.relative_to(site).as_posix()
        lang = next(
            (code for code, prefix in LANGUAGES.items() if prefix and path.startswith(prefix)),
            "en",
        )
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        described = soup.select('head link[rel="describedby"]')
        assert [link["href"] for link in described] == [f"{SITE_URL}{LANGUAGES[lang]}llms.txt"]
        assert local(site, described[0]["href"]).is_file()
        twin = soup.select('head link[rel="alternate"][type="text/markdown"]')
        if (page.parent / "index.md").is_file():
            assert [link["href"] for link in twin] == [
                SITE_URL + path.removesuffix("index.html") + "index.md"
            ], path
        else:
            assert twin == [], path


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_llms_txt_has_the_proposals_structure_and_every_link_resolves(real_site, lang):
    site = real_site.site
    prefix = LANGUAGES[lang]
    text = (site / prefix / "llms.txt").read_text(encoding="utf-8")
    blocks = text.strip("\n").split("\n\n")
    assert blocks[0].startswith("# ") and "\n" not in blocks[0]
    assert blocks[1].startswith("> ") and "\n" not in blocks[1]
    tokens = MarkdownIt("commonmark").parse(text)
    assert [t.tag for t in tokens if t.type == "heading_open"].count("h1") == 1
    soup = BeautifulSoup(render(text), "html.parser")
    sections = soup.select("h2")
    assert len(sections) >= 4
    for heading in sections:
        listed = heading.find_next_sibling()
        assert listed.name == "ul", heading
    links = [a["href"] for a in soup.select("ul a")]
    twins = sorted((site / prefix).glob("*/*/index.md"))
    assert sorted(links) == sorted(SITE_URL + twin.relative_to(site).as_posix() for twin in twins)
    for link in links:
        assert local(site, link).is_file(), link
    full = (site / prefix / "llms-full.txt").read_text(encoding="utf-8")
    for twin in twins:
        assert twin.read_text(encoding="utf-8") in full


def test_the_content_api_index_validates_against_its_schema(real_site):
    site = real_site.site
    schema = json.loads((site / "api/v1/schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for lang, prefix in LANGUAGES.items():
        index = json.loads((site / prefix / "api/v1/entries.json").read_text(encoding="utf-8"))
        jsonschema.validate(index, schema, format_checker=jsonschema.FormatChecker())
        assert index["lang"] == lang and len(index["entries"]) == 22
        for entry in index["entries"]:
            for key in ("url", "markdown", "answer"):
                assert local(site, entry[key]).is_file(), (lang, entry["id"], key)
            assert entry["translation"] == ("source" if lang == "en" else "current")
    broken = dict(index, entries=[dict(index["entries"][0], translation="maybe")])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


LEFT_OUT_DOCS = {
    **BASE_DOCS,
    "faq/open-entry.md": (
        "---\nsummary: Shown to tools.\ncategory: customer-portal\n---\n\n# Open entry\n\n"
        "See the [hidden one](hidden-entry.md).\n"
    ),
    "faq/hidden-entry.md": (
        "---\nsummary: Kept from tools.\ncategory: customer-portal\nmachine_readable: false\n"
        "---\n\n# Zanzibar hidden entry\n\nXyloquartz answer.\n"
    ),
    "faq/hidden-entry.sl.md": (
        "---\nsummary: Skrit.\n---\n\n# Zanzibar skrit vnos\n\nXyloquartz odgovor.\n"
    ),
    "guides/sectioned-guide.md": (
        "---\nsummary: A guide of an excluded section.\ncategory: customer-portal\n---\n\n"
        "# Zanzibar guide\n\nXyloquartz steps.\n"
    ),
}


def test_a_page_or_section_left_out_appears_in_no_machine_readable_output(tmp_path):
    from tests.sites import build, make_project

    project = make_project(
        tmp_path / "project", LEFT_OUT_DOCS, {"extra.kb.machine_readable_exclude": ["guides"]}
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    site = result.site
    files = machine_files(site)
    assert (site / "faq/open-entry/index.md").is_file()
    for path in files:
        text = path.read_text(encoding="utf-8")
        # An entry's authored link to a left-out page stays a link to its page.
        text = re.sub(r"\(<https://help\.example\.com/(\w+/)?faq/hidden-entry/>\)", "", text)
        for word in ("hidden-entry", "Zanzibar", "Xyloquartz", "sectioned-guide", "Kept from"):
            assert word not in text, (path, word)
    for page in ("faq/hidden-entry/", "sl/faq/hidden-entry/", "guides/sectioned-guide/"):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert 'type="text/markdown"' not in html, page
        assert 'rel="describedby"' in html, page


@pytest.mark.parametrize("fixture", ["escape_site", "structured_site", "html_policy_site"])
def test_hostile_text_is_inert_in_every_machine_readable_output(request, fixture):
    site = request.getfixturevalue(fixture).site
    files = machine_files(site)
    assert any(path.name == "index.md" for path in files)
    for path in files:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            json.loads(text)
            continue
        soup = BeautifulSoup(render(text), "html.parser")
        allowed = {
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "p",
            "ul",
            "ol",
            "li",
            "a",
            "strong",
            "em",
            "code",
            "pre",
            "blockquote",
            "hr",
            "br",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
        }
        assert {tag.name for tag in soup.find_all(True)} <= allowed, path
        for link in soup("a"):
            assert link["href"].startswith(("https://", "mailto:", "tel:")), (path, link)
    if fixture == "escape_site":
        for number, hostile in enumerate(ESCAPE_TEXTS):
            twin = (site / f"faq/hostile-{number}/index.md").read_text(encoding="utf-8")
            soup = BeautifulSoup(render(_FRONT_MATTER.sub("", twin)), "html.parser")
            assert soup.select_one("h1").get_text() == hostile
