"""Author mistakes: each fixture builds a real project and must fail with its `path:line` message,
never a traceback."""

from __future__ import annotations

import re

import pytest

from tests.sites import BASE_DOCS, build, config_line, make_project

TEMPLATE = (
    "---\nsummary: Confirms the address.\nsubjects:\n  - Confirm your address for [company]\n"
    '  - "[name], one click left"\n---\n\n# Verification email\n\nWhy.\n\n<!-- kb:subjects -->\n\n'
    '## Body\n\n```text title="Short"\nHello [name],\n\nopen [link] to confirm.\n'
    "[compnay]\n```\n"
)

CASES = {
    "invalid-yaml": (
        {"faq/broken.md": "---\nsummary: A: b: c\ncategory: [unclosed\n---\n\n# Q?\n\nA.\n"},
        "docs/faq/broken.md:2: front matter is not valid YAML: mapping values are not allowed here",
        True,
    ),
    "front-matter-not-closed": (
        {"faq/open.md": "---\nsummary: x\ncategory: customer-portal\n\n# Q?\n"},
        "docs/faq/open.md:1: front matter is not closed",
        True,
    ),
    "unknown-key": (
        {"faq/typo.md": "---\nsumary: x\nsummary: y\ncategory: customer-portal\n---\n\n# Q?\n"},
        "docs/faq/typo.md:2: unknown key 'sumary' (did you mean 'summary'?)",
        False,
    ),
    "missing-key": (
        {"faq/nocat.md": "---\nsummary: x\n---\n\n# Q?\n"},
        "docs/faq/nocat.md:1: missing required key 'category'",
        False,
    ),
    "wrong-type": (
        {
            "faq/date.md": "---\nsummary: x\ncategory: customer-portal\nupdated: yesterday\n---\n\n# Q?\n"
        },
        "docs/faq/date.md:4: 'updated' must be a date written YYYY-MM-DD, not the text 'yesterday'",
        False,
    ),
    "unknown-category": (
        {"faq/cat.md": "---\nsummary: x\ncategory: customer-portl\n---\n\n# Q?\n"},
        "docs/faq/cat.md:3: unknown category 'customer-portl' (did you mean 'customer-portal'?)",
        False,
    ),
    "duplicate-id": (
        {"guides/order-number.md": "---\nsummary: x\ncategory: customer-portal\n---\n\n# G\n"},
        "duplicate id 'order-number'",
        True,
    ),
    "unknown-related": (
        {
            "faq/rel.md": "---\nsummary: x\ncategory: customer-portal\nrelated:\n  - reset-pasword\n---\n\n# Q?\n"
        },
        "docs/faq/rel.md:5: related entry 'reset-pasword' does not exist (did you mean 'reset-password'?)",
        False,
    ),
    "self-related": (
        {
            "faq/self.md": "---\nsummary: x\ncategory: customer-portal\nrelated:\n  - reset-password\n  - self\n---\n\n# Q?\n"
        },
        "docs/faq/self.md:6: entry 'self' lists itself in related (remove it: related holds the ids of other entries)",
        False,
    ),
    "unknown-placeholder": (
        {"templates/verification.md": TEMPLATE},
        "docs/templates/verification.md:20: unknown placeholder [compnay] (did you mean [company]?)",
        False,
    ),
    "translation-without-source": (
        {"faq/orphan.sl.md": "---\nsummary: x\ncategory: customer-portal\n---\n\n# V?\n"},
        "docs/faq/orphan.sl.md:1: translation without a source (add the en source faq/orphan.md",
        True,
    ),
    "broken-link": (
        {
            "faq/links.md": "---\nsummary: x\ncategory: customer-portal\n---\n\n# Q?\n\nSee\n[this](missing.md).\n"
        },
        "docs/faq/links.md:9: link to 'missing.md', which does not exist",
        False,
    ),
    "broken-anchor": (
        {
            "faq/anchor.md": "---\nsummary: x\ncategory: customer-portal\n---\n\n# Q?\n\n[a](reset-password.md#nowhere)\n"
        },
        "docs/faq/anchor.md:8: link to 'reset-password.md#nowhere': that page has no heading '#nowhere'",
        False,
    ),
    # Windows line ends count once, as in an editor.
    "line-separator": (
        {
            "faq/separator.md": "---\r\nsummary: x\r\ncategory: customer-portal\r\n---\r\n\r\n"
            "# Q?\r\n\r\nOne\u2028two.\r\n"
        },
        "docs/faq/separator.md:8: invisible U+2028 LINE SEPARATOR at column 4 would break the "
        "line there on the site (remove it, or write &#x2028; where it must stay)",
        True,
    ),
    "same-page-anchor": (
        {
            "faq/here.md": "---\nsummary: x\ncategory: customer-portal\n---\n\n# Q?\n\n[up](#nowhere)\n"
        },
        "docs/faq/here.md:8: no heading '#nowhere' on this page",
        False,
    ),
    "link-to-translation-file": (
        {
            "faq/tr.md": "---\nsummary: x\ncategory: customer-portal\n---\n\n# Q?\n\n[a](reset-password.sl.md)\n"
        },
        "docs/faq/tr.md:8: link to a translation file 'reset-password.sl.md' (link to reset-password.md",
        False,
    ),
    "link-to-folder": (
        {
            "faq/folder.md": "---\nsummary: x\ncategory: customer-portal\n---\n\n# Q?\n\n[all](../guides/)\n"
        },
        "docs/faq/folder.md:8: link to '../guides/', which is not a file of the help centre "
        "(link to the Markdown file, such as ../guides/index.md)",
        False,
    ),
    "no-title": (
        {"faq/untitled.md": "---\nsummary: x\ncategory: customer-portal\n---\n\nJust text.\n"},
        "docs/faq/untitled.md:5: no title heading",
        False,
    ),
    "skipped-heading-level": (
        {"guides/steps.md": "---\nsummary: x\ncategory: customer-portal\n---\n\n# G\n\n### One\n"},
        "docs/guides/steps.md:8: heading level 3 follows level 1, skipping a level "
        "(make it '##', or add the heading it belongs under)",
        False,
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_mistake_fails_strict_build_with_located_message(tmp_path, name):
    extra, message, fatal = CASES[name]
    project = make_project(tmp_path / "project", {**BASE_DOCS, **extra})
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert message in result.log, result.log
    assert "Traceback" not in result.log
    if fatal:
        # The site would be wrong: the build stops even without --strict.
        lenient = build(project, tmp_path / "site2", strict=False)
        assert lenient.returncode != 0 and message in lenient.log
        assert "Traceback" not in lenient.log


def test_messages_are_reported_once_across_language_passes(tmp_path):
    extra, message, _ = CASES["broken-link"]
    project = make_project(tmp_path / "project", {**BASE_DOCS, **extra})
    result = build(project, tmp_path / "site")
    assert result.log.count(message) == 1


def test_clean_fixture_builds_and_untranslated_page_shows_localised_notice(tmp_path):
    project = make_project(tmp_path / "project", dict(BASE_DOCS))
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    # order-number has no Slovenian translation: English text, Slovenian notice, canonical to en.
    html = result.read("sl/faq/order-number/index.html")
    assert "Ta stran še ni prevedena v slovenščino" in html
    assert '<div lang="en">' in html
    assert '<link rel="canonical" href="https://help.example.com/faq/order-number/">' in html
    assert '<link rel="alternate" hreflang="sl"' not in html
    lv = result.read("lv/faq/order-number/index.html")
    assert "Šī lapa vēl nav iztulkota latviešu valodā" in lv
    # the translated page has no notice, and the untranslated one is not in the sl sitemap
    assert "kb-fallback" not in result.read("sl/faq/reset-password/index.html")
    assert "/sl/faq/order-number/" not in result.read("sl/sitemap.xml")
    # a translation inherits category from its source: listed under the category on sl index
    assert "Kako ponastavim geslo?" in result.read("sl/faq/index.html")


def test_bad_site_setting_names_the_key(tmp_path):
    project = make_project(
        tmp_path / "project", dict(BASE_DOCS), {"extra.kb.feedback": "sometimes"}
    )
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    line = config_line(project, "feedback: sometimes")
    assert f"mkdocs.yml:{line}: extra.kb.feedback: 'sometimes' is not a feedback mode" in result.log


def test_site_setting_mistakes_are_at_their_lines_with_mkdocs_and_material_tags(tmp_path):
    project = make_project(
        tmp_path / "project",
        dict(BASE_DOCS),
        {
            "extra.kb.listing_page_size": 0,
            "extra.kb.widget": {"topics": {"orders": ["order-number", "refunds"]}},
        },
    )
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # Tags that only MkDocs (!ENV, !relative) and Material (!!python/name:) know.
    text = text.replace(
        "markdown_extensions:\n",
        "markdown_extensions:\n- pymdownx.emoji:\n"
        "    emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "    emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
        "- pymdownx.snippets:\n    base_path: !relative $config_dir\n",
        1,
    )
    text = text.replace("site_name: ", "site_name: !ENV\n- KB_TEST_SITE_NAME\n- ", 1)
    config.write_text(text, encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.log, result.log
    size, refunds = config_line(project, "listing_page_size: 0"), config_line(project, "- refunds")
    assert refunds > size > 100
    assert (
        f"mkdocs.yml:{size}: extra.kb.listing_page_size: '0' is not a number of entries "
        "(write a whole number such as 100, or leave it out)"
    ) in result.log
    assert (
        f"mkdocs.yml:{refunds}: extra.kb.widget.topics.orders[1]: unknown entry 'refunds' "
        "(use the file name of an entry, without .md)"
    ) in result.log
    # `kb.py lint` prints them at the same lines (imported here: test_kb imports this module).
    from tests.scripts.test_kb import kb

    linted = kb(project, "lint").stdout.splitlines()
    assert [line for line in linted if line.startswith("mkdocs.yml:")] == [
        f"mkdocs.yml:{size}: extra.kb.listing_page_size: '0' is not a number of entries "
        "(write a whole number such as 100, or leave it out)",
        f"mkdocs.yml:{refunds}: extra.kb.widget.topics.orders[1]: unknown entry 'refunds' "
        "(use the file name of an entry, without .md)",
    ]


def _many(count: int) -> dict[str, str]:
    docs = dict(BASE_DOCS)
    for index in range(count):
        docs[f"faq/entry-{index:03d}.md"] = (
            f"---\nsummary: Summary {index}.\ncategory: customer-portal\n---\n\n"
            f"# Question number {index}?\n\nAnswer {index}.\n"
        )
    return docs


def test_no_page_grows_with_the_knowledge_base(tmp_path):
    small = build(make_project(tmp_path / "small", _many(5)), tmp_path / "small-site")
    large = build(make_project(tmp_path / "large", _many(230)), tmp_path / "large-site")
    assert small.returncode == 0 and large.returncode == 0, large.log
    page = "sl/faq/reset-password/index.html"
    # The same page, but for its neighbours in the footer, which are other pages in the two.
    neighbours = re.compile(
        r'<link rel="(?:prev|next)"[^>]*>|<nav class="md-footer__inner.*?</nav>', re.S
    )
    assert neighbours.sub("", large.read(page)) == neighbours.sub("", small.read(page))
    # The FAQ is listed a hundred questions a page (the default): the index and page/2/ hold
    # a hundred each (on the index, the two questions of the base docs come first), page/3/
    # the rest, and no page after it exists.
    listed = [
        len(re.findall(r'<li><a href="(?:\.\./\.\./)?entry-', large.read(path)))
        for path in ("faq/index.html", "faq/page/2/index.html", "faq/page/3/index.html")
    ]
    assert listed == [98, 100, 32]
    assert not (large.site / "faq/page/4").exists()
    assert small.read("faq/index.html").count('<li><a href="entry-') == 5
    assert not (small.site / "faq/page").exists()
