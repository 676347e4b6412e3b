"""The widget's answers: where they live, and the answer HTML narrowed to what an answer needs."""

from __future__ import annotations

from datetime import date

from helpfirst.answers import answer, answer_html, answer_path, answer_pattern

PAGE = "https://help.example.com/sl/faq/x/"


def test_answers_live_under_each_language_root():
    assert answer_path("reset-password", "en", "en") == "answers/reset-password.json"
    assert answer_path("reset-password", "sl", "en") == "sl/answers/reset-password.json"
    assert answer_pattern("lv", "en") == "lv/answers/{id}.json"
    assert answer_pattern("en", "en") == "answers/{id}.json"


def test_title_and_permalinks_are_left_out_and_links_made_absolute():
    body = (
        '<h1 id="t">Title<a class="headerlink" href="#t">&para;</a></h1>\n'
        '<p>See <a href="../y/#still-stuck">the other</a>, <a href="#here">here</a>, '
        '<a href="https://other.example/">out</a> &amp; <a href="mailto:a@b.example">mail</a>.</p>'
        '<h2 id="s">Steps<a class="headerlink" href="#s">&para;</a></h2>'
    )
    assert answer_html(body, PAGE) == (
        '<p>See <a href="https://help.example.com/sl/faq/y/#still-stuck">the other</a>, '
        '<a href="https://help.example.com/sl/faq/x/#here">here</a>, '
        '<a href="https://other.example/">out</a> &amp; <a href="mailto:a@b.example">mail</a>.'
        "</p><h2>Steps</h2>"
    )


def test_what_needs_the_sites_scripts_or_loads_is_left_out_with_its_content():
    body = (
        '<ol class="kb-subjects"><li><span class="kb-subject">Reset</span>'
        '<button class="md-clipboard" title="Copy" data-clipboard-text="Reset">Copy</button></li></ol>'
        '<ul class="task-list"><li><label><input type="checkbox" checked>Done</label> step</li></ul>'
        '<p><img src="https://x.example/a.png" alt="a picture">text</p>'
        '<nav class="kb-pager"><a href="page/2/">Next</a></nav>'
    )
    assert answer_html(body, PAGE) == (
        "<ol><li><span>Reset</span></li></ol><ul><li> step</li></ul><p>text</p>"
    )


def test_hostile_markup_stays_inert():
    body = (
        '<p onclick="alert(1)" style="color:red" id="a" class="b">x'
        '<a href="javascript:alert(1)">js</a><a href=" data:text/html,x">data</a></p>'
        "<script>alert(1)</script><style>p{}</style><iframe src=x></iframe>"
        "<!-- note --><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        '<svg><a href="javascript:alert(1)">svg</a></svg>'
    )
    assert answer_html(body, PAGE) == (
        "<p>x<a>js</a><a>data</a></p><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )


def test_an_answer_has_its_entry_facts():
    data = answer(
        entry_id="x",
        kind="faq",
        lang="en",
        title="Is <this> safe?",
        body="<h1>Is &lt;this&gt; safe?</h1><p>Yes.</p>",
        page_address=PAGE,
        updated=date(2026, 11, 2),
        fallback=True,
    )
    assert data == {
        "id": "x",
        "type": "faq",
        "lang": "en",
        "fallback": True,
        "title": "Is <this> safe?",
        "url": PAGE,
        "updated": "2026-11-02",
        "html": "<p>Yes.</p>",
    }
