"""Plain text of rendered HTML, as search documents see it."""

from __future__ import annotations

import pytest

from helpfirst.html_text import plain_text


def test_blocks_become_lines_and_inline_markup_disappears():
    html = (
        "<h2>Before you write</h2><p>Check the <strong>FAQ</strong> and the <a>help pages</a>.</p>"
    )
    assert plain_text(html) == "Before you write\nCheck the FAQ and the help pages."


def test_list_items_and_line_breaks_do_not_run_words_together():
    assert plain_text("<ul><li>one</li><li>two<br>three</li></ul>") == "one\ntwo\nthree"


def test_permalinks_buttons_scripts_and_styles_are_not_text():
    html = (
        '<h2 id="x">Title<a class="headerlink" href="#x">¶</a></h2>'
        "<button>Copy</button><script>var secret = 1;</script><style>p{}</style><p>Body</p>"
    )
    assert plain_text(html) == "Title\nBody"


def test_code_blocks_are_text():
    html = "<pre><code>Dear [name],\nthank you.</code></pre>"
    assert plain_text(html) == "Dear [name],\nthank you."


def test_entities_are_decoded_and_spaces_collapsed():
    assert plain_text("<p>Tom&nbsp;&amp;\t Jerry&#8217;s   &lt;b&gt;</p>") == "Tom & Jerry’s <b>"


@pytest.mark.parametrize("html", ["", "<p>", "</div></p>", "<p>unclosed <b>bold", "<<>>", None])
def test_broken_html_never_raises(html):
    assert isinstance(plain_text(html), str)


def test_nested_skipped_elements_end_where_they_end():
    html = "<button><span>Copy</span></button><p>kept</p>"
    assert plain_text(html) == "kept"
