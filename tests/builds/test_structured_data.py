"""Structured data in real builds: hostile text survives exactly and never ends its <script>
element, each page carries what it should, and the validator finds nothing on the fixture site
or on the real example site."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser

import lxml.html
import pytest

from helpfirst import cli
from helpfirst.tools.jsonld_check import Vocabulary, check_site, strict_json
from tests.builds.test_site import ENTRY_PATHS, LANGUAGES
from tests.conftest import ROOT
from tests.hostile_sites import HOSTILE, HOSTILE_QUESTION

SCHEMAORG = ROOT.parent / "shared" / "schemaorg"
SITE_URL = "https://help.example.com/"


class _Scripts(HTMLParser):
    """Every <script> element as the standard library's parser sees it: (type, content)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[list[str]] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append([dict(attrs).get("type") or "", ""])
            self._inside = True

    def handle_endtag(self, tag):
        self._inside = self._inside and tag != "script"

    def handle_data(self, data):
        if self._inside:
            self.scripts[-1][1] += data


def scripts(html: str) -> list[list[str]]:
    parser = _Scripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


def json_ld(html: str) -> list[str]:
    """The JSON-LD blocks of a page, as the standard library's parser sees them."""
    return [content for kind, content in scripts(html) if kind == "application/ld+json"]


def graph(html: str) -> list[dict]:
    """The objects of the page's one JSON-LD block."""
    (block,) = json_ld(html)
    return strict_json(block)["@graph"]


def of_type(html: str, name: str) -> dict:
    (found,) = [thing for thing in graph(html) if thing["@type"] == name]
    return found


def text_of_html(fragment: str) -> str:
    """The text of an HTML fragment, decoded by lxml (not by the code under test)."""
    return lxml.html.fragment_fromstring(fragment, create_parent="div").text_content()


def answer_on_page(html: str) -> str:
    """The text shown between the question and the entry's footer, without permalinks."""
    tree = lxml.html.document_fromstring(html.encode("utf-8"))
    (article,) = tree.xpath("//article")
    for permalink in article.xpath('.//a[@class="headerlink"]'):
        permalink.drop_tree()
    shown = []
    after_title = False
    for element in article:
        if element.tag == "footer":
            break
        if after_title:
            shown.append(element.text_content() + (element.tail or ""))
        after_title = after_title or element.tag == "h1"
    return "".join(shown)


def test_hostile_question_and_answer_build_into_one_block_with_the_original_text(
    structured_site,
):
    html = structured_site.read("faq/hostile/index.html")
    (block,) = json_ld(html)
    for unsafe in ("<", ">", "&", "\u2028", "\u2029"):
        assert unsafe not in block
    assert "\\u2028" in block and "\\u003c/script\\u003e" in block
    question = of_type(html, "FAQPage")["mainEntity"][0]
    assert question["name"] == f"Is {HOSTILE_QUESTION} safe? 😀"
    answer = text_of_html(question["acceptedAnswer"]["text"])
    for text in HOSTILE:
        assert text in answer
    assert _squeeze(answer) == _squeeze(answer_on_page(html))


def test_a_20_kb_answer_is_carried_whole(structured_site):
    html = structured_site.read("faq/long-answer/index.html")
    answer = of_type(html, "FAQPage")["mainEntity"][0]["acceptedAnswer"]["text"]
    assert len(text_of_html(answer).encode("utf-8")) > 20_000
    assert text_of_html(answer).strip() == answer_on_page(html).strip()


def test_hostile_text_adds_no_script_element(structured_site):
    """Parsers see as many <script> elements on the hostile page as on a harmless one, and the
    JSON-LD element's content is the whole block."""
    hostile = structured_site.read("faq/hostile/index.html")
    harmless = structured_site.read("faq/reset-password/index.html")
    assert [kind for kind, _ in scripts(hostile)] == [kind for kind, _ in scripts(harmless)]
    for html in (hostile, harmless):
        tree = lxml.html.document_fromstring(html.encode("utf-8"))
        assert len(tree.xpath("//script")) == len(scripts(html))
        (block,) = tree.xpath('//script[@type="application/ld+json"]')
        assert block.text == json_ld(html)[0]
    # The question is also the page's <title>, which it must not end either.
    (title,) = lxml.html.document_fromstring(hostile.encode("utf-8")).xpath("//title")
    assert title.text.startswith(f"Is {HOSTILE_QUESTION} safe?")


def test_guide_steps_are_the_visible_steps_in_order(structured_site):
    html = structured_site.read("guides/hostile-guide/index.html")
    guide = of_type(html, "HowTo")
    outline = [
        (item["@type"], item["name"], [step["name"] for step in item.get("itemListElement", [])])
        for item in guide["step"]
    ]
    assert outline == [
        ("HowToSection", "Prepare", [f"Type {HOSTILE[0]}", "Check \u201cquotes\u201d"]),
        ("HowToSection", "Finish", ["Send it"]),
    ]
    assert guide["step"][0]["itemListElement"][0]["text"] == HOSTILE[2]


def test_each_language_version_carries_its_own_language_and_address(structured_site):
    html = structured_site.read("sl/faq/hostile/index.html")
    faq = of_type(html, "FAQPage")
    assert faq["inLanguage"] == "sl" and faq["url"] == f"{SITE_URL}sl/faq/hostile/"
    assert faq["dateModified"] == "2026-11-02"  # inherited from the source
    assert faq["mainEntity"][0]["name"] == f"Ali je {HOSTILE[0]} varno?"


@pytest.mark.parametrize(
    "path",
    [
        "faq/private/index.html",  # structured_data: false
        "sl/faq/private/index.html",  # ...inherited by its translation
        "sl/faq/order-number/index.html",  # English shown on the Slovenian site
        "faq/index.html",  # lists the questions, answers none
        "404.html",
    ],
)
def test_pages_without_structured_data(structured_site, path):
    assert json_ld(structured_site.read(path)) == []


def test_a_question_listed_elsewhere_is_marked_up_on_its_own_page_only(structured_site):
    index = structured_site.read("faq/index.html")
    assert "Why is this answer so long?" in index
    questions = [
        path.relative_to(structured_site.site).as_posix()
        for path in sorted(structured_site.site.rglob("*.html"))
        if "Why is this answer so long?" in "".join(json_ld(path.read_text(encoding="utf-8")))
    ]
    assert questions == ["faq/long-answer/index.html"]


def test_site_owner_switch_leaves_the_organization_out(structured_site):
    home = graph(structured_site.read("lv/index.html"))
    assert [thing["@type"] for thing in home] == ["WebSite"]
    assert home[0]["inLanguage"] == "lv" and "publisher" not in home[0]


#: The project's facts, and the whole release when it is beside the project.
VOCABULARIES = [pytest.param(None, id="facts"), pytest.param("release", id="release")]


def vocabulary(which):
    if which is None:
        return None
    if not (SCHEMAORG / "schemaorg-current-https.jsonld").exists():
        # The checks workflow provides the release: there its absence is a failure.
        if os.environ.get("KB_REQUIRE_SCHEMAORG"):
            pytest.fail(f"no schema.org release at {SCHEMAORG} (KB_REQUIRE_SCHEMAORG is set)")
        pytest.skip(
            f"SKIPPED: no schema.org release at {SCHEMAORG} (the full-vocabulary check needs "
            "../shared/schemaorg/ beside the project); the project's own facts were checked"
        )
    return Vocabulary.from_release(SCHEMAORG)


@pytest.mark.parametrize("which", VOCABULARIES)
def test_validator_finds_nothing_on_the_fixture_site(structured_site, which):
    findings, pages, blocks = check_site(structured_site.site, vocabulary(which))
    assert [str(finding) for finding in findings] == []
    assert blocks >= 10


def test_validator_finds_nothing_on_the_real_site(real_site):
    findings, pages, blocks = check_site(real_site.site)
    assert [str(finding) for finding in findings] == []
    # 14 FAQ entries, 2 guides, 6 templates and a home page, in 3 languages.
    assert blocks == (14 + 2 + 6 + 1) * 3


@pytest.mark.parametrize("lang", LANGUAGES)
def test_real_pages_carry_their_types(real_site, lang):
    prefix = LANGUAGES[lang]
    expected = {"faq": ["FAQPage", "BreadcrumbList"], "guides": ["HowTo", "BreadcrumbList"]}
    for path in ENTRY_PATHS:
        html = real_site.read(f"{prefix}{path}index.html")
        kinds = [thing["@type"] for thing in graph(html)]
        assert kinds == expected.get(path.split("/")[0], ["BreadcrumbList"]), path
        assert all(thing.get("inLanguage", lang) == lang for thing in graph(html))
    home = graph(real_site.read(f"{prefix}index.html"))
    assert [thing["@type"] for thing in home] == ["WebSite", "Organization"]
    assert home[1]["logo"] == f"{SITE_URL}assets/kb/logo.svg"
    for section in ("faq/", "guides/", "templates/"):
        assert json_ld(real_site.read(f"{prefix}{section}index.html")) == []


def test_the_command_passes_on_the_real_site_against_the_whole_vocabulary(real_site, capsys):
    vocabulary("release")  # skips loudly without ../shared/schemaorg/
    command = ["check-structured-data", str(real_site.site), "--vocabulary", str(SCHEMAORG)]
    status = cli.main(command)
    out, err = capsys.readouterr()
    assert status == 0, out + err
    assert out == ""
    assert err.strip().endswith("69 JSON-LD blocks: 0 problems")


def test_the_command_fails_on_a_broken_copy_of_the_real_site(real_site, tmp_path, capsys):
    """A typographic quote where JSON needs an ASCII one: one `page: problem` line, exit 1."""
    broken = tmp_path / "site"
    for name in ("index.html", "sl/faq/email-or-call/index.html"):
        target = broken / name
        target.parent.mkdir(parents=True, exist_ok=True)
        text = real_site.read(name)
        if name != "index.html":
            text = text.replace('{"@context"', "{\u201c@context\u201d", 1)
        target.write_text(text, encoding="utf-8")
    assert cli.main(["check-structured-data", str(broken)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "sl/faq/email-or-call/index.html: JSON-LD block 1 is not strict JSON: Expecting "
        "property name enclosed in double quotes: line 1 column 2 (char 1)"
    )


def _squeeze(text: str) -> str:
    return "".join(text.split())


def test_json_ld_is_deterministic_text(real_site):
    """Compact, in a fixed order: the same page gives the same bytes (see test_site)."""
    block = json_ld(real_site.read("guides/write-to-customer-service/index.html"))[0]
    assert block == json.dumps(
        json.loads(block), ensure_ascii=False, separators=(",", ":")
    ).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
