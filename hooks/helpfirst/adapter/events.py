"""The adapter to MkDocs: one object that owns the build's state and, within each event, calls
the feature modules in the order written here.

static-i18n (`i18n`) builds the default language through MkDocs and then, from its own
`on_post_build` (priority -100), every other language again with the same config and these same
handlers. Every event below therefore runs once per language pass; what is read once per build
(the catalog) is read in the first pass. Priorities are given only where static-i18n's own
(-100 for config, files, nav and post_build; 50 for page_markdown, page_context and
template_context) decide what a handler sees, and one for the HTML policy.
"""

from __future__ import annotations

import functools
from typing import Any

from mkdocs.plugins import CombinedEvent, event_priority

from helpfirst.adapter import (
    answers,
    content_model,
    entry_pages,
    html_policy,
    i18n_files,
    insights_file,
    listings,
    page_languages,
    page_markdown,
    search_index,
    structured_data,
    twins,
    widget_assets,
)
from helpfirst.adapter.state import BuildState, LanguagePass, PageHtml
from helpfirst.content import source_uri
from helpfirst.read_cache import ReadCache


class Adapter:
    """Every MkDocs event of the help centre, in one place, over one `BuildState`."""

    def __init__(self) -> None:
        self.state = BuildState()
        self.serving = False  # `mkdocs serve` builds drafts, `mkdocs build` leaves them out
        # What reading and checking each source gave in earlier builds (`kb build --cache`:
        # helpfirst.language_builds sets it), or None.
        self.read_cache: ReadCache | None = None
        # And the terms counted in each search document's fields (helpfirst.search).
        self.search_memo: ReadCache | None = None
        # What the process that started this one read and checked, with what it read
        # (helpfirst.language_builds: languages built side by side), or None.
        self.prepared: tuple | None = None
        # static-i18n warns in its first on_config, before any handler here runs.
        page_languages.quiet_instant_switcher_notice()

    def on_startup(self, command: str, dirty: bool) -> None:
        """Remember whether drafts are shown: `mkdocs serve` builds them."""
        self.serving = command == "serve"

    # After static-i18n (-100) has switched the config to the language of this pass.
    @event_priority(-110)
    def on_config(self, config):
        """Start of a language pass; in the first pass, start a new build's state."""
        i18n = config.plugins.get("i18n")
        if self._first_pass(i18n):
            self.state = BuildState()
            # static-i18n makes each pass's file list with these (the same files, faster).
            i18n_files.install()
            if i18n is not None:
                self.state.languages = list(i18n.build_languages)
                self.state.default_lang = i18n.default_language
            else:
                self.state.languages = [config.theme.get("language") or "en"]
                self.state.default_lang = self.state.languages[0]
        state = self.state
        state.lang = i18n.current_language if i18n is not None else state.default_lang
        state.current = LanguagePass()
        page_languages.configure(state, config)
        return config

    # Before static-i18n (-100) keeps only this pass's language: its later passes hold the
    # other languages' files only inside its own `alternates`, so every language's files are
    # seen together here and nowhere after. After other plugins (0) have added or dropped files.
    @event_priority(-90)
    def _read_content(self, files, config):
        """In the first pass, read and check all content from MkDocs' file list."""
        content_model.read_content(
            self.state, files, config, self.serving, self.read_cache, self.prepared
        )
        return files

    # After static-i18n (-100): a file added before it does not survive its file handling, and
    # it adds the theme's files (its sitemap template among them) again in every pass.
    @event_priority(-110)
    def _files_of_this_pass(self, files, config):
        """Add this language's later listing pages; take the sitemap and 404 templates and the
        widget's bootstrap and stylesheet out of the copied files (they are written in
        on_post_build)."""
        listings.add_listing_pages(self.state, files, config)
        page_languages.drop_theme_templates(files)
        widget_assets.take_theme_files(self.state, files)
        return files

    on_files = CombinedEvent(_read_content, _files_of_this_pass)

    # After static-i18n (-100) has built this language's navigation from its files.
    @event_priority(-110)
    def on_nav(self, nav, config, files):
        """Sections and categories instead of every entry; kept, with the files, for the 404
        page."""
        nav = listings.navigation(self.state, nav, files)
        self.state.current.nav, self.state.current.files = nav, files
        return nav

    def on_env(self, env, config, files):
        """Keep the theme's template environment for rendering the 404 page; have it use the
        templates this build compiled already; give its templates the pass's kept sidebars and
        tabs (overrides/partials/nav.html, tabs.html) and Material's words
        (overrides/partials/language.html)."""
        self.state.current.env = env
        env.bytecode_cache = self.state.templates
        env.globals["kb_nav_once"] = self._nav_once
        env.globals["kb_word"] = functools.partial(self._word, env)
        return env

    # After static-i18n (50), which picks the page's language version.
    def on_page_markdown(self, markdown, page, config, files):
        """Record the page's links (from its source, before the directives are expanded), then
        expand its listing directives; escape its front-matter title; keep it out of
        Material's own search index; have the page converted by this pass's Markdown."""
        content_model.collect_links(self.state, page.file.src_uri)
        markdown = listings.expand(self.state, markdown, page.file.src_uri)
        entry_pages.escape_title(page.meta)
        search_index.exclude_from_material_index(page.meta)
        page_markdown.convert_with_pass_instance(self.state, page, config)
        return markdown

    # Before any other handler of this event (other plugins' included): none of them may see
    # what the HTML policy removes.
    @event_priority(100)
    def on_page_content(self, html, page, config, files):
        """The body as the policy allows it; then the anchors it offers to links."""
        html = html_policy.sanitise(self.state, html, page.file.src_uri, config.docs_dir)
        content_model.collect_anchors(self.state, source_uri(page.file.src_uri), html)
        return html

    # After static-i18n (50), which points Material's language switcher at this page's
    # versions, and after Material's search plugin (registered before hooks) has read it.
    def on_page_context(self, context, page, config, nav):
        """Give the templates this page's facts: languages, then the entry around the answer,
        the search document and worker, the widget's answer and the twin made from it, and
        last the structured data, which shows the breadcrumbs the entry has. The body is parsed
        once for the search document, the answer and the structured data."""
        state = self.state
        versions = state.page(page.file.src_uri)
        context["kb_languages"] = page_languages.page_languages(state, versions, page.url, config)
        context["kb_nav_key"] = state.current.sidebars.page_key(page, nav, config)
        page_languages.point_switcher_home_where_left_out(state, versions, config)
        context["kb_entry"] = entry_pages.describe(state, versions, page.url)
        body = PageHtml(page.content or "")
        search_index.collect(state, versions, page.url, body)
        answers.collect(state, versions, page.url, body, config.site_url)
        context["kb_machine"] = twins.collect(state, versions, page.url, config.site_url)
        context["kb_search"] = search_index.search_context(state)
        context["kb_insights"] = insights_file.page_facts(state)
        context["kb_structured_data"] = structured_data.json_ld(
            state, versions, body, config, context["kb_entry"]
        )
        return context

    def on_template_context(self, context, template_name, config):
        """Pages rendered from templates only (the 404 page) get this language's words and
        search worker too."""
        page_languages.template_context(self.state, context, template_name, config)
        context["kb_search"] = search_index.search_context(self.state)
        context["kb_insights"] = insights_file.page_facts(self.state)
        return context

    # Before static-i18n (-100) starts the next language's pass, which starts a new pass state.
    def on_post_build(self, config):
        """Judge this pass's links and anchors, then write this language's sitemap, 404 page
        (and robots.txt), search index, widget answers and widget settings (and the widget
        bootstrap), and the insights file."""
        content_model.judge_links(self.state)
        page_languages.write_language_files(self.state, config)
        search_index.write_index(
            self.state, config.site_dir, config.config_file_path, self.search_memo
        )
        answers.write(self.state, config.site_dir)
        twins.write(self.state, config.site_dir, config)
        widget_assets.write(self.state, config.site_dir, config.site_url or "")
        insights_file.write(self.state, config.site_dir)

    def _nav_once(self, key, part="nav", *, caller):
        """Material's sidebar or tabs for a page with `key` (helpfirst.adapter.nav_cache),
        from the pass that is rendering now."""
        return self.state.current.sidebars.render_once(key, part, caller)

    def _word(self, env, language, key):
        """Material's word for `key` (helpfirst.adapter.theme_words), kept by the pass that is
        rendering now."""
        return self.state.current.words.word(env, language, key)

    def _first_pass(self, i18n: Any) -> bool:
        """True at the start of a build, before any language pass has read the content."""
        # static-i18n sets `building` for the passes after the first; a single-language build
        # (kb build --lang) sets it from the start, with no catalog read yet.
        return i18n is None or not getattr(i18n, "building", False) or self.state.catalog is None
