"""Help widget: the bootstrap at `/widget.js`, the panel's stylesheet, and each language's
widget settings and words.

The bootstrap's source is the theme file `overrides/widget.js`. MkDocs would copy it as is; it is
taken out of the copied files here and written instead with the site facts filled in (the only
writer of `/widget.js`). The panel's stylesheet is taken out likewise and written minified, in
every pass that would have copied it, where MkDocs would have copied it; so are the theme's
scripts, written as ASCII (the theme's own without whole-line comments and indentation), with
the widget's wrapped lunr.js beside the vendored one. Each
language pass writes that language's `assets/kb/widget/<lang>.json`, as the search index writes
its index, and its versioned copy; the default language's pass also writes the versioned copies
of the scripts and the stylesheet the bootstrap loads, as this pass has written them (stripped,
ASCII, wrapped, minified), and gives the bootstrap all their names.
The browser side lives in `overrides/widget.js` and `overrides/assets/kb/widget/`.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from helpfirst.adapter import output
from helpfirst.adapter.state import BuildState
from helpfirst.css import minify
from helpfirst.widget import (
    BOOTSTRAP_PATH,
    INSIGHTS_SCRIPT,
    LUNR_PATH,
    LUNR_SOURCE,
    SCRIPTS_DIR,
    STYLESHEET_PATH,
    VENDOR_DIR,
    WIDGET_SCRIPTS,
    WidgetError,
    ascii_script,
    asset_manifest,
    bootstrap_site,
    render_bootstrap,
    scoped_lunr,
    served_script,
    settings_path,
    settings_text,
    versioned_path,
)


def take_theme_files(state: BuildState, files: Files) -> None:
    """Take the bootstrap, the panel's stylesheet and the theme's scripts out of the files
    MkDocs copies: `write` writes them (the bootstrap with the site facts, the stylesheet
    minified, every script as ASCII)."""
    for file in list(files):
        if file.is_documentation_page() or not file.abs_src_path:
            continue
        if file.src_uri == BOOTSTRAP_PATH:
            state.current.widget_source = file.abs_src_path
            files.remove(file)
        elif file.src_uri == STYLESHEET_PATH:
            state.current.widget_stylesheet = (file.abs_src_path, file.dest_uri)
            files.remove(file)
        elif file.src_uri.startswith(SCRIPTS_DIR) and file.src_uri.endswith(".js"):
            state.current.scripts[file.dest_uri] = file.abs_src_path
            files.remove(file)


def write(state: BuildState, site_dir: str, site_url: str = "") -> None:
    """Write the panel's stylesheet (minified) where this pass would have copied it, this
    language's widget settings (and their versioned copy) and, in the default language's
    pass, the versioned scripts and stylesheet, and the bootstrap."""
    written = _write_scripts(site_dir, state.current.scripts)
    if state.current.widget_stylesheet is not None:
        source, dest_uri = state.current.widget_stylesheet
        with open(source, encoding="utf-8") as handle:
            written[dest_uri] = output.write(site_dir, dest_uri, minify(handle.read()))
    if state.catalog is None:
        return
    text = _settings_text(state, state.lang, site_url)
    output.write(site_dir, settings_path(state.lang), text)
    output.write(site_dir, versioned_path(settings_path(state.lang), text.encode("utf-8")), text)
    source_path = state.current.widget_source
    if state.lang != state.default_lang or not source_path:
        return
    # The bootstrap names every language's settings by their hash.
    settings = {
        lang: text if lang == state.lang else _settings_text(state, lang, site_url)
        for lang in state.languages
    }
    files = {path: written[path] for path in (*WIDGET_SCRIPTS, STYLESHEET_PATH)}
    insights_on = state.settings.insights.mode != "off"
    for path, content in files.items():
        if insights_on or path != INSIGHTS_SCRIPT:
            output.write(site_dir, versioned_path(path, content), content)
    with open(source_path, encoding="utf-8") as handle:
        source = handle.read()
    site = bootstrap_site(
        state.settings,
        state.languages,
        state.default_lang,
        asset_manifest(files, settings, insights_on),
    )
    try:
        text = render_bootstrap(source, site)
    except WidgetError as error:
        raise PluginError(f"Error reading widget bootstrap '{source_path}':\n{error}") from error
    output.write(site_dir, BOOTSTRAP_PATH, text)


def _settings_text(state: BuildState, lang: str, site_url: str) -> str:
    """A language's widget settings, as written."""
    return settings_text(state.settings, state.catalog, lang, state.default_lang, site_url)


def _write_scripts(site_dir: str, scripts: dict[str, str]) -> dict[str, bytes]:
    """The theme's scripts as served (`served_script`; the vendored ones as ASCII only) where
    this pass would have copied them, and beside the vendored lunr.js the widget's, wrapped;
    what was written, by path in the site."""
    written = {}
    for dest_uri, path in sorted(scripts.items()):
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
        try:
            vendored = VENDOR_DIR in dest_uri
            text = ascii_script(source) if vendored else served_script(source)
            written[dest_uri] = output.write(site_dir, dest_uri, text)
            if dest_uri.endswith(LUNR_SOURCE):
                wrapped = dest_uri.removesuffix(LUNR_SOURCE) + LUNR_PATH
                written[wrapped] = output.write(
                    site_dir, wrapped, ascii_script(scoped_lunr(source))
                )
        except WidgetError as error:
            raise PluginError(f"Error reading script '{path}':\n{error}") from error
    return written
