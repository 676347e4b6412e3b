"""The structured-data validator on pages made for it: a valid page passes, and each broken
sample is caught with its `page: problem` line. Runs against the project's own schema.org facts
and, when `../shared/schemaorg/` is beside the project, against the whole vocabulary too.

`KB_UPDATE_SCHEMAORG_FACTS=1 pytest tests/unit/test_jsonld_check.py` rewrites
hooks/helpfirst/data/schemaorg.json from that release folder (the explicit golden switch).
"""

from __future__ import annotations

import datetime
import json
import os
import re

import pytest

from helpfirst import cli, structured_data
from helpfirst.tools.jsonld_check import (
    FACTS_PATH,
    Checker,
    Vocabulary,
    check_site,
    facts_text,
    strict_json,
)
from tests.conftest import ROOT

SCHEMAORG = ROOT.parent / "shared" / "schemaorg"
SITE = "https://help.example.com/"
URL = SITE + "sl/faq/pay/"
PAGE = "sl/faq/pay/index.html"
FAQ_BODY = (
    '<nav class="kb-breadcrumbs"><ol><li><a href="../../">Domov</a></li></ol></nav>'
    '<h1 id="pay">Kako plačam?<a class="headerlink" href="#pay">&para;</a></h1>\n'
    "<p>Odprite <strong>Plačila</strong> in izberite kartico.</p>\n<ul>\n<li>Ena</li>\n</ul>"
)


def release() -> Vocabulary:
    """The whole schema.org vocabulary, or a loud skip."""
    if not (SCHEMAORG / "schemaorg-current-https.jsonld").exists():
        # The checks workflow provides the release: there its absence is a failure.
        if os.environ.get("KB_REQUIRE_SCHEMAORG"):
            pytest.fail(f"no schema.org release at {SCHEMAORG} (KB_REQUIRE_SCHEMAORG is set)")
        pytest.skip(
            f"SKIPPED: no schema.org release at {SCHEMAORG} (the full-vocabulary check needs "
            "../shared/schemaorg/ beside the project); the project's own facts were checked"
        )
    return Vocabulary.from_release(SCHEMAORG)


@pytest.fixture(scope="module", params=["facts", "release"])
def checker(request):
    """A checker with the project's facts, then one with the whole vocabulary."""
    return Checker(Vocabulary.from_facts() if request.param == "facts" else release())


def graph() -> dict:
    """The JSON-LD the site would write for FAQ_BODY, built by the real builder."""
    page = structured_data.Page(
        kind="faq",
        url=URL,
        lang="sl",
        content=FAQ_BODY.split("</nav>")[1],
        breadcrumbs=[("Domov", SITE + "sl/")],
    )
    return structured_data.page_graph(page, {})


def page_html(*blocks: str, lang="sl", body=FAQ_BODY, alternates: dict | None = None) -> str:
    """A page with these JSON-LD blocks in its head."""
    head = [f'<link rel="canonical" href="{URL}">']
    for hreflang, href in (alternates or {}).items():
        head.append(f'<link rel="alternate" hreflang="{hreflang}" href="{href}">')
    head += [f'<script type="application/ld+json">{block}</script>' for block in blocks]
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">{"".join(head)}'
        f"</head><body><article>{body}</article></body></html>"
    )


def problems(checker: Checker, html: str) -> list[str]:
    return [str(finding) for finding in checker.check_page(html, PAGE, URL).findings]


def faq(data: dict) -> dict:
    return data["@graph"][0]


def test_the_valid_page_passes(checker):
    assert problems(checker, page_html(structured_data.dumps(graph()))) == []


def broken_two_faq_pages():
    return [structured_data.dumps(graph()), structured_data.dumps(graph())]


def broken_question_without_answer():
    data = graph()
    del faq(data)["mainEntity"][0]["acceptedAnswer"]
    return [structured_data.dumps(data)]


def broken_two_answers():
    data = graph()
    question = faq(data)["mainEntity"][0]
    question["acceptedAnswer"] = [question["acceptedAnswer"], question["acceptedAnswer"]]
    return [structured_data.dumps(data)]


def broken_answer_not_on_page():
    data = graph()
    faq(data)["mainEntity"][0]["acceptedAnswer"]["text"] = "<p>Pokličite nas kadar koli.</p>"
    return [structured_data.dumps(data)]


def broken_unknown_property():
    data = graph()
    faq(data)["mainEntity"][0]["acceptedAnswer"]["answerText"] = "Odprite Plačila."
    return [structured_data.dumps(data)]


def broken_typographic_quotes():
    text = structured_data.dumps(graph())
    return [text.replace('"', "\u201d").replace("\u201d@context", "\u201c@context", 1)]


def broken_in_language():
    data = graph()
    faq(data)["inLanguage"] = "en"
    return [structured_data.dumps(data)]


def broken_script_end():
    return ['{"@context":"https://schema.org","@type":"Thing","name":"a </script> b"}']


def broken_breadcrumbs():
    data = graph()
    crumbs = data["@graph"][1]["itemListElement"]
    crumbs[1]["position"] = 3
    del crumbs[0]["item"]
    return [structured_data.dumps(data)]


def broken_answer_html():
    data = graph()
    answer = faq(data)["mainEntity"][0]["acceptedAnswer"]
    answer["text"] = '<p>Odprite <span>Plačila</span> in <a href="../x/">izberite</a> kartico.</p>'
    return [structured_data.dumps(data)]


def broken_url_and_id():
    data = graph()
    faq(data)["url"] = "/sl/faq/pay/"
    return [structured_data.dumps(data)]


def broken_property_out_of_place():
    data = graph()
    faq(data)["step"] = "Odprite Plačila"
    return [structured_data.dumps(data)]


def broken_missing_in_language():
    data = graph()
    del faq(data)["inLanguage"]
    return [structured_data.dumps(data)]


BROKEN = {
    "two FAQPage blocks": (
        broken_two_faq_pages,
        "2 FAQPage objects (a page has one at most)",
    ),
    "a question without an answer": (
        broken_question_without_answer,
        "question 'Kako plačam?' has 0 accepted answers (give it exactly one)",
    ),
    "a question with two answers": (
        broken_two_answers,
        "question 'Kako plačam?' has 2 accepted answers (give it exactly one)",
    ),
    "an answer text not on the page": (
        broken_answer_not_on_page,
        "the answer to 'Kako plačam?' is not on the page: 'Pokličite nas kadar koli.'",
    ),
    "an unknown property": (
        broken_unknown_property,
        "unknown property 'answerText' on Answer (not in ",
    ),
    "a typographic-quote JSON block": (
        broken_typographic_quotes,
        "JSON-LD block 1 is not strict JSON: Expecting property name enclosed in double quotes",
    ),
    "inLanguage different from <html lang>": (
        broken_in_language,
        "FAQPage has inLanguage 'en', but the page is <html lang=\"sl\">",
    ),
    "a block that ends its script": (
        broken_script_end,
        "JSON-LD block 1 is not strict JSON",
    ),
    "breadcrumb positions and links": (
        broken_breadcrumbs,
        "breadcrumb positions are 1, 3 (they run 1..2 in order)",
    ),
    "a breadcrumb without a link": (
        broken_breadcrumbs,
        "breadcrumb 1 ('Domov') has no item (every item but the last links to its page)",
    ),
    "answer HTML that consumers do not render": (
        broken_answer_html,
        "the answer to 'Kako plačam?' uses <span>, which consumers do not render",
    ),
    "an answer link that is not absolute": (
        broken_answer_html,
        "the answer to 'Kako plačam?' links to '../x/', which is not an absolute http(s) address",
    ),
    "a relative url": (
        broken_url_and_id,
        "url '/sl/faq/pay/' is not an absolute http(s) address",
    ),
    "a property where it does not apply": (
        broken_property_out_of_place,
        "property 'step' does not apply to FAQPage",
    ),
    "a page object without inLanguage": (
        broken_missing_in_language,
        'FAQPage has no inLanguage (the page is <html lang="sl">)',
    ),
}


@pytest.mark.parametrize("name", BROKEN)
def test_each_broken_sample_is_caught(checker, name):
    make, expected = BROKEN[name]
    found = problems(checker, page_html(*make()))
    assert any(line.startswith(f"{PAGE}: {expected}") for line in found), found


def test_a_script_end_inside_a_block_is_seen_by_both_parsers():
    found = problems(Checker(Vocabulary.from_facts()), page_html(*broken_script_end()))
    assert any("the HTML parsers disagree" in line or "not strict JSON" in line for line in found)


def test_unescaped_comment_opener_is_a_hazard():
    block = '{"@context":"https://schema.org","@type":"Thing","name":"a <!-- b"}'
    found = problems(Checker(Vocabulary.from_facts()), page_html(block))
    assert (
        f"{PAGE}: JSON-LD block 1 contains '<!--', which changes where browsers end the script (escape < as \\u003c)"
        in found
    )


def test_a_context_that_is_not_served_locally_is_not_fetched():
    block = '{"@context":"https://example.org/ctx","@type":"Thing"}'
    found = problems(Checker(Vocabulary.from_facts()), page_html(block))
    assert any(
        "JSON-LD block 1 does not expand" in line and "https://example.org/ctx" in line
        for line in found
    ), found


@pytest.mark.parametrize(
    "text",
    ['{"a": NaN}', '{"a": 1, "a": 2}', '{"a": "tab\there"}', "{\u201ca\u201d: 1}"],
)
def test_strict_json_refuses_what_lenient_parsers_accept(text):
    with pytest.raises(ValueError):
        strict_json(text)


def write_site(tmp_path, pages: dict[str, str]):
    for path, html in pages.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    return tmp_path


def home_html(lang: str, url: str) -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><link rel="canonical" href="{url}"></head>'
        "<body></body></html>"
    )


def test_a_question_is_marked_up_on_one_page_of_the_site(tmp_path):
    html = page_html(structured_data.dumps(graph()))
    site = write_site(
        tmp_path,
        {"index.html": home_html("en", SITE), PAGE: html, "sl/faq/copy/index.html": html},
    )
    findings, pages, blocks = check_site(site)
    assert (pages, blocks) == (3, 2)
    assert [str(f) for f in findings if "also marked up" in str(f)] == [
        "sl/faq/pay/index.html: question 'Kako plačam?' is also marked up on "
        "sl/faq/copy/index.html (mark each question up on one page)"
    ]


def test_hreflang_links_are_answered_by_a_link_back(tmp_path):
    en = SITE + "faq/pay/"
    cluster = {"en": en, "sl": URL, "x-default": en}
    site = write_site(
        tmp_path,
        {
            "index.html": home_html("en", SITE),
            PAGE: page_html(alternates=cluster),
            "faq/pay/index.html": page_html(lang="en", alternates={"en": en, "lv": SITE + "lv/"}),
        },
    )
    findings = [str(f) for f in check_site(site)[0]]
    assert findings == [
        "faq/pay/index.html: hreflang 'lv' points at https://help.example.com/lv/, which is "
        "not a page of the site",
        "sl/faq/pay/index.html: hreflang 'en' page faq/pay/index.html does not link back "
        "with hreflang 'sl'",
    ]


def test_the_command_prints_page_problem_lines_and_fails(tmp_path, capsys):
    site = write_site(
        tmp_path,
        {"index.html": home_html("en", SITE), PAGE: page_html(*broken_in_language())},
    )
    assert cli.main(["check-structured-data", str(site)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{PAGE}: FAQPage has inLanguage 'en', but the page is <html lang=\"sl\">"
    ]
    assert err.strip() == "2 pages, 1 JSON-LD blocks: 1 problem"


def test_facts_are_an_exact_extract_of_the_release():
    vocabulary = release()
    carried = json.loads(FACTS_PATH.read_text(encoding="utf-8"))
    expected = vocabulary.extract(list(carried["classes"]), list(carried["properties"]))
    if os.environ.get("KB_UPDATE_SCHEMAORG_FACTS") == "1":
        FACTS_PATH.write_text(facts_text(expected), encoding="utf-8")
    assert FACTS_PATH.read_text(encoding="utf-8") == facts_text(expected)


def test_facts_cover_every_type_and_property_the_builder_emits():
    carried = Vocabulary.from_facts()
    emitted = json.dumps(graph()) + json.dumps(
        structured_data.page_graph(
            structured_data.Page(
                kind="home",
                url=SITE,
                lang="en",
                site_name="Help",
                site_url=SITE,
                organization={"name": "Example", "url": SITE, "logo": "logo.svg"},
            ),
            {},
        )
    )
    emitted += json.dumps(
        structured_data.how_to(
            structured_data.fragments.parse(
                '<h1>G</h1><p>i</p><h2>P</h2><h3 id="s">S</h3><p>t</p>'
            ),
            URL,
            "sl",
            datetime.date(2026, 1, 1),
        )
    )
    types = set(re.findall(r'"@type": "(\w+)"', emitted))
    keys = set(re.findall(r'"(\w+)":', emitted))
    assert types <= set(carried.classes)
    assert keys <= set(carried.properties)
