"""The help widget's parts on their own, in real Chromium: the answer sanitiser against hostile
HTML, and the guided email's checks in each language.

The page has no Content-Security-Policy, so that a handler that ran would show (under a CSP,
Chromium reports every inline handler and style it parses, even in a document that never runs
them; tests/browser/test_widget.py covers the widget under a strict CSP)."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from helpfirst.strings import strings
from tests.browser.watch import watch

EN, SL, LV = strings("en"), strings("sl"), strings("lv")


@pytest.fixture(scope="module")
def base_url(real_site, serve, tmp_path_factory):
    """The widget's files (from the real build) beside a blank page."""
    where = tmp_path_factory.mktemp("widget-parts")
    (where / "assets").symlink_to(real_site.site / "assets", target_is_directory=True)
    (where / "blank.html").write_text("<!doctype html><title>Blank</title>\n", encoding="utf-8")
    (where / "favicon.ico").write_bytes(b"")
    return serve(where)


def _blank(page, base_url, scripts):
    """The blank page with some of the widget's files loaded."""
    page.goto(base_url + "blank.html")
    for name in scripts:
        page.add_script_tag(url=base_url + name)


SANITISER_CASES = {
    "<p onclick='x()' style='color:red' class='c' id='i' title='t' lang='sl' dir='rtl'>Hi</p>": (
        '<p title="t" lang="sl" dir="rtl">Hi</p>'
    ),
    "<p dir='sideways' lang='not a tag'>x</p>": "<p>x</p>",
    "<script>window.kbPwned=1</script><style>*{}</style>ok": "ok",
    "<img src=x onerror='window.kbPwned=1'>text": "text",
    "<a href='javascript:window.kbPwned=1'>a</a>": "<a>a</a>",
    "<a href=' JaVaScRiPt:window.kbPwned=1'>a</a>": "<a>a</a>",
    "<a href='data:text/html,<script>1</script>'>a</a>": "<a>a</a>",
    "<a href='vbscript:x'>a</a><a href='mailto:a@b.c'>m</a>": "<a>a</a><a>m</a>",
    "<a href='../x/#y' onclick='x()'>rel</a>": (
        '<a href="https://help.example.com/faq/x/#y" target="_blank" rel="noopener noreferrer">'
        "rel</a>"
    ),
    "<svg onload='window.kbPwned=1'><a href='https://e.com'>s</a></svg>after": "after",
    "<math><mi xlink:href='javascript:1'>m</mi></math>z": "z",
    "<iframe srcdoc='<script>1</script>'></iframe><object data=x></object><embed src=x>": "",
    "<form action='javascript:1'><input autofocus onfocus='1'><button>b</button></form>f": "f",
    "<template><script>1</script></template><noscript><img src=x></noscript>n": "n",
    "<base href='https://evil.example/'><link rel=stylesheet href=x><meta http-equiv=refresh>": "",
    "<details open ontoggle='window.kbPwned=1'><summary>S</summary>D</details>": (
        "<details><summary>S</summary>D</details>"
    ),
    "<custom-el onclick=1><font color=red>kept text</font></custom-el>": "kept text",
    "<!-- comment --><p>a<!-- b -->c</p>": "<p>ac</p>",
    "<h1>T</h1><h2 id=x>Two<a class=headerlink href='#x'>¶</a></h2><h5>5</h5>": (
        "<h4>Two</h4><h6>5</h6>"
    ),
    "<div hidden>secret</div><p>&lt;b&gt; stays text</p>": "<p>&lt;b&gt; stays text</p>",
    "<table><tr><td colspan=2 onmouseover=1>c</td></tr></table>": (
        "<table><tbody><tr><td>c</td></tr></tbody></table>"
    ),
    "<footer class='kb-entry-footer'><form>feedback</form></footer><nav>crumbs</nav>": "",
}


def test_sanitiser_keeps_text_and_structure_only(page, base_url):
    problems = watch(page, base_url)
    _blank(page, base_url, ["assets/kb/widget/sanitise.js"])
    results = page.evaluate(
        """(cases) => Object.fromEntries(Object.keys(cases).map((html) => {
            const out = document.createElement('div');
            out.appendChild(window[Symbol.for('helpfirst.widget')].sanitise(html, 'https://help.example.com/faq/a/',
                { strip: ['.headerlink', 'h1'], headingShift: 2, newTab: true }));
            return [html, out.innerHTML];
        }))""",
        SANITISER_CASES,
    )
    assert results == SANITISER_CASES
    # Deep nesting and a huge input neither throw nor hang; nothing ran.
    depth = page.evaluate(
        """() => {
            const html = '<div>'.repeat(20000) + 'deep' + '</div>'.repeat(20000);
            const out = document.createElement('div');
            out.appendChild(window[Symbol.for('helpfirst.widget')].sanitise(html, 'https://help.example.com/'));
            let depth = 0, node = out;
            while (node.firstElementChild) { node = node.firstElementChild; depth += 1; }
            return [depth, out.textContent.includes('deep')];
        }"""
    )
    assert depth[0] <= 48 and depth[1]
    page.wait_for_timeout(100)
    assert page.evaluate("window.kbPwned") is None
    assert problems == []


def test_guided_email_checks_per_language(page, base_url):
    problems = watch(page, base_url)
    _blank(page, base_url, ["assets/kb/analysis.js", "assets/kb/widget/compose.js"])
    cases = [
        ("en", {"subject": "Question"}, ["subject.vague"]),
        ("en", {"subject": "Question about changing my plan"}, []),
        ("en", {"subject": "Question about my refund"}, ["order"]),
        ("en", {"subject": "Help me please!!"}, ["subject.vague", "exclaim"]),
        ("en", {"subject": "a " * 20}, ["subject.vague", "subject.long"]),
        ("en", {"subject": "Broken", "happened": "My parcel came broken"}, ["order"]),
        ("en", {"subject": "Broken", "happened": "Order SO-48213 came broken"}, []),
        ("en", {"subject": "Broken", "order": "see below"}, ["order.format"]),
        ("en", {"subject": "Pay", "want": "card 4012888888881881 please"}, ["card!"]),
        ("en", {"subject": "Pay", "want": "card 4012888888881882 please"}, []),
        ("en", {"subject": "Pay", "want": "IBAN SI56 1910 0000 0123 438"}, []),
        ("en", {"subject": "Login", "happened": "The password is wrong"}, []),
        ("en", {"subject": "Login", "happened": "my passwords: 'letmein'"}, ["password!"]),
        ("en", {"subject": "Login", "happened": "PIN = 4921"}, ["password!"]),
        ("en", {"subject": "Login", "happened": "THIS IS NOT OK at all"}, ["caps"]),
        ("sl", {"subject": "Vprašanje"}, ["subject.vague"]),
        ("sl", {"subject": "Prijava", "happened": "Pozabil sem geslo."}, []),
        ("sl", {"subject": "Prijava", "happened": "z geslom: Poletje2024"}, ["password!"]),
        ("sl", {"subject": "Dostava", "happened": "Pošiljka ni prišla"}, ["order"]),
        ("lv", {"subject": "Jautājums"}, ["subject.vague"]),
        ("lv", {"subject": "Pieteikšanās", "happened": "parole ir Saule123"}, ["password!"]),
        ("lv", {"subject": "Piegāde", "happened": "Pasūtījums nav pienācis"}, ["order"]),
    ]
    found = page.evaluate(
        """([cases, words]) => cases.map(([lang, draft]) =>
            window[Symbol.for('helpfirst.widget')].compose.check(draft, lang, words[lang],
                { orderPattern: '(?:[A-Za-z]{1,4}-?)?[0-9]{4,12}' })
              .map((c) => c.code + (c.block ? '!' : '')))""",
        [[[lang, draft] for lang, draft, _ in cases], {"en": EN, "sl": SL, "lv": LV}],
    )
    assert found == [expected for _, _, expected in cases]
    mailto = page.evaluate(
        "() => [window[Symbol.for('helpfirst.widget')].compose.mailto('a@b.example', 's', 'x'.repeat(3000)),"
        " window[Symbol.for('helpfirst.widget')].compose.mailto('a@b.example?cc=c@d.example', 's', 'b'),"
        " window[Symbol.for('helpfirst.widget')].compose.mailto('a@b.example', 'Ž & ?', 'line\\nline')]"
    )
    assert mailto[:2] == ["", ""]
    assert unquote(mailto[2]) == "mailto:a@b.example?subject=Ž & ?&body=line\r\nline"
    assert problems == []


def test_guided_email_checks_analyse_only_words_that_start_as_a_listed_word(page, base_url):
    """A pasted text of 10,000 characters is checked by analysing the few words that start as a
    listed word (order, password…), not each of its 1,500 words: counted, so it holds on any
    machine. What is listed is still found at the end of the long text."""
    problems = watch(page, base_url)
    _blank(page, base_url, ["assets/kb/analysis.js", "assets/kb/widget/compose.js"])
    page.evaluate(
        """() => {
            const real = window.KbAnalysis;
            window.kbAnalysed = 0;
            window.KbAnalysis = {...real, analyse: (...args) => {
                window.kbAnalysed += 1;
                return real.analyse(...args);
            }};
        }"""
    )
    # Distinct made-up words (no analysis is cached between them) that start as no listed word.
    filler = " ".join(
        "qx" + "".join(chr(97 + (i // 26**k) % 26) for k in range(3)) for i in range(1500)
    )
    ends = {
        "en": "my password: 'letmein'",
        "sl": "z geslom: Poletje2024",
        "lv": "parole ir Saule123",
    }
    counted = page.evaluate(
        """([ends, filler, words]) => Object.entries(ends).map(([lang, end]) => {
            const compose = window[Symbol.for('helpfirst.widget')].compose;
            const codes = (draft) => compose.check(draft, lang, words[lang], {})
                .map((c) => c.code + (c.block ? '!' : ''));
            codes({subject: 'Login', happened: end});  // the lists' terms, analysed once
            window.kbAnalysed = 0;
            const short = codes({subject: 'Login', happened: end});
            const few = window.kbAnalysed;
            window.kbAnalysed = 0;
            const long = codes({subject: 'Login', happened: filler + ' ' + end});
            return [lang, short, long, few, window.kbAnalysed];
        })""",
        [ends, filler, {"en": EN, "sl": SL, "lv": LV}],
    )
    assert len(filler) > 8900 and len(set(filler.split())) == 1500
    for lang, short, long, few, many in counted:
        assert "password!" in short and "password!" in long, lang
        assert 0 < few and many == few, (lang, few, many)
    assert problems == []
