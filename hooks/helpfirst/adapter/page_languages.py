"""Page languages: hreflang clusters, canonical links, the untranslated-page notice, one
sitemap per language and a 404 page per language.

Material's `extra.alternate` stays for the language switcher; it writes the same root-relative
links on every page, so hreflang is written here instead, per page, with absolute URLs.
"""

from __future__ import annotations

import logging
import os
from xml.sax.saxutils import escape, quoteattr

from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import Files

from helpfirst import urls
from helpfirst.adapter.state import BuildState, PageVersions
from helpfirst.strings import strings

# Written once per language here, not by the theme (which would overwrite one language's file
# with the next's in every pass).
PER_LANGUAGE_TEMPLATES = ("404.html", "sitemap.xml")


class _InstantSwitcherNotice(logging.Filter):
    """Drops static-i18n's warning that its contextual language switcher does not survive
    Material's instant navigation: overrides/assets/kb/site.js re-points the switcher after
    every navigation (from `data-kb-switcher`), so the warning does not apply here."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "not compatible with theme.features = navigation.instant" not in record.getMessage()


def quiet_instant_switcher_notice() -> None:
    """Install the filter above once per process (a logger keeps its filters)."""
    logger = logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure")
    if not any(isinstance(known, _InstantSwitcherNotice) for known in logger.filters):
        logger.addFilter(_InstantSwitcherNotice())


def configure(state: BuildState, config) -> None:
    """Take the sitemap and 404 page away from the theme (they are written here, one per
    language), and title the headings' permalinks in this pass's language: the toc extension
    takes one title for the whole site, and every page of the pass is rendered with this
    config."""
    for name in PER_LANGUAGE_TEMPLATES:
        config.theme.static_templates.discard(name)
    toc = config.mdx_configs.get("toc")
    if toc is not None and toc.get("permalink"):
        toc["permalink_title"] = strings(state.lang)["toc.permalink"]


def drop_theme_templates(files: Files) -> None:
    """Drop the theme's sitemap template from the copied files: it is rendered here instead."""
    for file in list(files):
        if file.src_uri in PER_LANGUAGE_TEMPLATES and not file.is_documentation_page():
            files.remove(file)


def point_switcher_home_where_left_out(state: BuildState, page: PageVersions, config) -> None:
    """Point Material's switcher (static-i18n's per-page `extra.alternate`) at a language's
    home page where that language's version of this page is left out: static-i18n links the
    left-out file, which is never built."""
    catalog = state.catalog
    if catalog is None or not page.versions:
        return
    # static-i18n sets the attribute (`config.extra.alternate = ...`), which is what Jinja's
    # `config.extra.alternate` reads first; the mapping's "alternate" key is another value.
    for alternate in getattr(config.extra, "alternate", None) or []:
        lang = alternate.get("lang") if isinstance(alternate, dict) else None
        if lang in state.languages and not catalog.has_page(page.default_uri, lang):
            alternate["link"] = urls.page_path("index.md", lang, state.default_lang)


def template_context(state: BuildState, context: dict, template_name: str, config) -> None:
    """The 404 page gets this language's words too, and a switcher to each language's home."""
    context["kb_strings"] = strings(state.lang)
    context["kb_lang"] = state.lang
    context["kb_home"] = urls.absolute(
        config.site_url or "/", urls.page_path("index.md", state.lang, state.default_lang)
    )
    if template_name == "404.html":
        # static-i18n points the switcher at each page's versions (as an attribute, which is
        # what templates read) and leaves it at the last page built; a missing page has no
        # versions, so each language offers its home.
        config.extra.alternate = urls.home_switcher(
            config.extra.get("alternate") or [], state.default_lang, config.site_url or "/"
        )


def page_languages(state: BuildState, page: PageVersions, page_url: str, config) -> dict:
    """hreflang alternates (absolute), canonical URL and fallback flag of one page."""
    site_url = config.site_url or "/"
    default_uri, versions = page.default_uri, page.versions
    alternates = urls.alternates(versions, state.languages, state.default_lang, default_uri)
    fallback = bool(versions) and state.lang not in versions
    if fallback:
        canonical_path = urls.page_path(default_uri, state.default_lang, state.default_lang)
    else:
        canonical_path = urls.page_path(default_uri, state.lang, state.default_lang)
    links = [{"hreflang": lang, "href": urls.absolute(site_url, path)} for lang, path in alternates]
    if len(links) > 1:
        default_path = urls.page_path(default_uri, state.default_lang, state.default_lang)
        links.append({"hreflang": "x-default", "href": urls.absolute(site_url, default_path)})
    # A language whose version of the page is left out (exclude_docs) has no such page: its
    # switcher entry leads to that language's home page instead.
    catalog = state.catalog
    switcher = {
        lang: urls.relative(
            urls.page_path(
                default_uri
                if catalog is None or not versions or catalog.has_page(default_uri, lang)
                else "index.md",
                lang,
                state.default_lang,
            ),
            page_url,
        )
        for lang in state.languages
    }
    return {
        "switcher": switcher,
        "lang": state.lang,
        "default_lang": state.default_lang,
        "fallback": fallback,
        "canonical": urls.absolute(site_url, canonical_path),
        "hreflang": links if len(links) > 1 and not fallback else [],
        "strings": strings(state.lang),
    }


def write_language_files(state: BuildState, config) -> None:
    """Write this language's sitemap (with hreflang alternates) and its 404 page; in the
    default language's pass, robots.txt."""
    target = os.path.join(config.site_dir, urls.language_root(state.lang, state.default_lang))
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(target, "sitemap.xml"), "w", encoding="utf-8") as handle:
        handle.write(sitemap(state, config.site_url or "/"))
    env, files, nav = state.current.env, state.current.files, state.current.nav
    if env is not None and files is not None:
        template = env.get_template("404.html")
        # mkdocs' own renderer for error pages: absolute URLs from site_url, plugin events run.
        output = mkdocs_build._build_template("404.html", template, files, config, nav)
        with open(os.path.join(target, "404.html"), "w", encoding="utf-8") as handle:
            handle.write(output)
    if state.lang == state.default_lang:
        _write_robots(state, config)


def sitemap(state: BuildState, site_url: str) -> str:
    """The sitemap of this pass's language: its own pages, each with its hreflang cluster."""
    catalog = state.catalog
    if catalog is None:
        return ""
    sources = sorted([*catalog.pages, *catalog.generated]) + sorted(
        next(iter(versions.values())).default_uri
        for versions in catalog.entries.values()
        if state.default_lang in versions
    )
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for default_uri in sources:
        versions = catalog.versions(default_uri)
        if state.lang not in versions:
            continue  # an untranslated page is not this language's page
        loc = urls.absolute(site_url, urls.page_path(default_uri, state.lang, state.default_lang))
        lines.append(f"  <url>\n    <loc>{escape(loc)}</loc>")
        default_version = versions.get(state.default_lang)
        updated = versions[state.lang].meta.get("updated") or (
            default_version.meta.get("updated") if default_version else None
        )
        if updated and hasattr(updated, "isoformat"):
            lines.append(f"    <lastmod>{updated.isoformat()}</lastmod>")
        alternates = urls.alternates(versions, state.languages, state.default_lang, default_uri)
        if len(alternates) > 1:
            for lang, path in alternates + [
                ("x-default", urls.page_path(default_uri, state.default_lang, state.default_lang))
            ]:
                href = quoteattr(urls.absolute(site_url, path))
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href={href}/>')
        lines.append("  </url>")
    lines.append("</urlset>\n")
    return "\n".join(lines)


def _write_robots(state: BuildState, config) -> None:
    """robots.txt naming every language's sitemap."""
    site_url = config.site_url or "/"
    lines = ["User-agent: *", "Allow: /", ""]
    for lang in state.languages:
        root = urls.language_root(lang, state.default_lang)
        lines.append(f"Sitemap: {urls.absolute(site_url, root + 'sitemap.xml')}")
    with open(os.path.join(config.site_dir, "robots.txt"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
