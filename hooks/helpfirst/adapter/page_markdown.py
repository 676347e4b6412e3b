"""Every page of a language pass converted by one `markdown.Markdown`, reset between pages.

MkDocs' `Page.render` makes a new `Markdown` with every extension for every page: loading and
configuring the extensions took about a fifth of the Markdown time of a build. `render` does
what `Page.render` does, step for step, with the pass's instance reset instead (Python-Markdown's
own way to convert many documents; every extension of the site resets its state there), and
MkDocs' four per-page processors registered afresh under their own names, which replaces the last
page's. The instance belongs to the language pass: the pass sets the toc's `permalink_title`.
"""

from __future__ import annotations

import functools
import logging

import markdown
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.toc import get_toc

from helpfirst.adapter.state import BuildState


def convert_with_pass_instance(state: BuildState, page, config) -> None:
    """Have MkDocs render `page` (right after `on_page_markdown`) with this pass's instance."""
    if state.current.markdown is None:
        state.current.markdown = markdown.Markdown(
            extensions=config["markdown_extensions"],
            extension_configs=config["mdx_configs"] or {},
        )
    # An attribute of this page object only: MkDocs calls `page.render(config, files)`.
    page.render = functools.partial(render, page, state.current.markdown)


def render(page, md: markdown.Markdown, config, files) -> None:
    """MkDocs 1.6's `Page.render`, with `md` reset instead of a new instance made."""
    if page.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    md.reset()
    raw_html_ext = mkdocs_pages._RawHTMLPreprocessor()
    raw_html_ext._register(md)
    extract_anchors_ext = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    extract_anchors_ext._register(md)
    relative_path_ext = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
    relative_path_ext._register(md)
    extract_title_ext = mkdocs_pages._ExtractTitleTreeprocessor()
    extract_title_ext._register(md)
    page.content = md.convert(page.markdown)
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = extract_title_ext.title
    page.present_anchor_ids = (
        extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
    )
    if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative_path_ext.links_to_anchors
