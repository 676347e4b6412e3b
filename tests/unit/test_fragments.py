"""The words of rendered HTML as a reader reads them (search documents are made of them)."""

from __future__ import annotations

import pytest

from helpfirst.fragments import reader_text


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
