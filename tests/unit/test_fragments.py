"""The words of rendered HTML as a reader reads them (search documents are made of them)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from helpfirst.fragments import UNSEEN, VOID, Element, parse, reader_text


def test_blocks_stay_apart_and_inline_markup_disappears():
    html = (
        "<h2>Before you write</h2><p>Check the <strong>FAQ</strong> and the <a>help pages</a>.</p>"
    )
    assert reader_text(html) == "Before you write Check the FAQ and the help pages."


def test_list_items_and_line_breaks_do_not_run_words_together():
    assert reader_text("<ul><li>one</li><li>two<br>three</li></ul>") == "one two three"


def test_permalinks_buttons_scripts_and_styles_are_not_text():
    html = (
        '<h2 id="x">Title<a class="headerlink" href="#x">¶</a></h2>'
        "<button>Copy</button><script>var secret = 1;</script><style>p{}</style><p>Body</p>"
    )
    assert reader_text(html) == "Title Body"


def test_code_blocks_are_text():
    assert (
        reader_text("<pre><code>Dear [name],\nthank you.</code></pre>") == "Dear [name], thank you."
    )


def test_entities_are_decoded():
    assert reader_text("<p>Tom &amp; Jerry&#8217;s &lt;b&gt;</p>") == "Tom & Jerry’s <b>"


@pytest.mark.parametrize("html", ["", "<p>", "</div></p>", "<p>unclosed <b>bold", "<<>>"])
def test_broken_html_never_raises(html):
    assert isinstance(reader_text(html), str)


def test_nested_skipped_elements_end_where_they_end():
    assert reader_text("<button><span>Copy</span></button><p>kept</p>") == "kept"


# --- the tokenizer reads HTML as the standard library's parser does ------------------------------


class _Events(HTMLParser):
    """html.parser's reading of a fragment, as a list of events: ("start", tag, attrs),
    ("startend", tag, attrs), ("end", tag) and ("data", text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, {name: value or "" for name, value in attrs}))

    def handle_startendtag(self, tag, attrs):
        self.events.append(("startend", tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        self.events.append(("end", tag))

    def handle_data(self, data):
        self.events.append(("data", data))


def _seen(events):
    """The events outside the content of an unseen element: one opened by a start tag runs to
    the end tag that balances it among the tags of its own name (`<br/>`-style tags open
    nothing), and its own tags go too."""
    hidden, depth = None, 0
    for event in events:
        kind, name = event[0], event[1]
        if hidden is not None:
            if kind in ("start", "end") and name == hidden:
                depth += 1 if kind == "start" else -1
                hidden = hidden if depth else None
        elif kind == "start" and name in UNSEEN:
            hidden, depth = name, 1
        elif not (kind == "startend" and name in UNSEEN):
            yield event


def reference_tree(html: str) -> Element:
    """The tree from html.parser's events, built apart from `fragments` (as the builder on
    html.parser that the tokenizer replaced built it): an end tag closes the nearest open
    element of its name, a stray one is ignored, void elements never open."""
    reader = _Events()
    reader.feed(html)
    reader.close()
    root = Element("")
    open_elements = [root]
    for kind, name, *attrs in _seen(reader.events):
        if kind == "data":
            if name:
                open_elements[-1].children.append(name)
        elif kind == "end":
            for depth in range(len(open_elements) - 1, 0, -1):
                if open_elements[depth].tag == name:
                    del open_elements[depth:]
                    break
        else:
            element = Element(name, attrs[0])
            open_elements[-1].children.append(element)
            if kind == "start" and name not in VOID:
                open_elements.append(element)
    return joined(root)


def joined(node):
    """The tree with neighbouring strings joined: html.parser may split a run of text."""
    children: list = []
    for child in node.children:
        if isinstance(child, str) and children and isinstance(children[-1], str):
            children[-1] += child
        else:
            children.append(child if isinstance(child, str) else joined(child))
    return Element(node.tag, node.attrs, children)


SAMPLES = [
    '<h2 id="x">Title<a class="headerlink" href="#x" title="Permanent link">&para;</a></h2>',
    "<p>Tom &amp; Jerry&#8217;s &lt;b&gt; &nbsp;&euro; &notanentity; &#x2028;</p>",
    '<p CLASS="A" data-x=\'1 > 2\' hidden data-y=unquoted title="a&amp;b">x</p>',
    '<img src="a.png" alt="a &quot;b&quot;"/><br><br/><hr />',
    "<script>if (a < b && c > d) { x = '<p>'; }</script><p>after</p>",
    "<style>p > a { color: red }</style><STYLE>b{}</STYLE>text",
    "<template><p>unseen</p><template>nested</template></template><p>seen</p>",
    "<template><template>a</template>still unseen</template><p>seen</p>",
    "</template><p>seen after a stray end tag</p><template/>seen after a closed template",
    "<!-- a comment <p>not a tag</p> --><p>x</p><!DOCTYPE html><?php echo 1 ?>",
    "<ul><li>one<li>two</ul></div></p>stray",
    "<p>unclosed <b>bold <i>both",
    "a < b and c<d, <3, </ >, <<>>",
    '<div\n  class="multi\n line"\n>text</div\n>',
    "<p>no-break\u00a0space and\u2028separator</p>",
    '<svg viewBox="0 0 24 24"><path d="M1 2"/></svg><button>Copy</button>',
    "<script/><p>after a closed script</p>",
    "<a href=x/>slash</a><input value='' disabled>",
    "<pre><code>Dear [name],\n\n  thank you.</code></pre>",
    "",
]


@pytest.mark.parametrize("html", SAMPLES)
def test_the_tokenizer_builds_the_trees_of_html_parser(html):
    assert joined(parse(html)) == reference_tree(html)
