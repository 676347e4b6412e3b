"""Reading a built site on a hand-made one: languages, pages, fallbacks, links, sizes."""

from __future__ import annotations

from helpfirst.tools import built_site

HOME = '<html lang="en"><head><link rel="canonical" href="https://help.example.com/"></head><body>{}</body></html>'


def _site(tmp_path, files):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return built_site.read_site(tmp_path)


def test_languages_pages_and_fallbacks(tmp_path):
    site = _site(
        tmp_path,
        {
            "index.html": HOME.format(""),
            "faq/x/index.html": HOME.format(""),
            "sl/index.html": '<html lang="sl"></html>',
            "sl/faq/x/index.html": '<html lang="sl"><div class="admonition note kb-fallback"></div></html>',
            "assets/index.html": '<html lang="en"></html>',
        },
    )
    assert (site.default_lang, site.languages, site.site_url) == (
        "en",
        ["en", "sl"],
        "https://help.example.com/",
    )
    assert sorted(built_site.pages(site, "en")) == ["", "assets/", "faq/x/"]
    assert sorted(built_site.pages(site, "sl")) == ["", "faq/x/"]
    assert built_site.is_fallback(built_site.pages(site, "sl")["faq/x/"].read_text())
    assert not built_site.is_fallback(built_site.pages(site, "en")["faq/x/"].read_text())


def test_broken_links_follow_relative_root_and_site_url_links_but_not_other_hosts(tmp_path):
    links = (
        '<a href="faq/x/">ok</a><a href="faq/x/#here">ok</a><a href="faq/x/#gone">anchor</a>'
        '<a href="/assets/a.css">ok</a><a href="https://help.example.com/faq/x/">ok</a>'
        '<a href="https://help.example.com/faq/y/">missing</a><a href="https://example.org/">out</a>'
        '<a href="mailto:a@example.com">mail</a><img src="img/none.png"><a href="#top">self</a>'
        '<link rel="preconnect" href="/nowhere/">'
    )
    site = _site(
        tmp_path,
        {
            "index.html": HOME.format(links + '<a id="top"></a>'),
            "faq/x/index.html": '<html lang="en"><h2 id="here">H</h2></html>',
            "assets/a.css": "",
        },
    )
    assert [str(link) for link in built_site.broken_links(site)] == [
        "index.html: no such anchor: faq/x/#gone",
        "index.html: no such file: https://help.example.com/faq/y/",
        "index.html: no such file: img/none.png",
    ]


def test_sizes_of_watched_files_raw_and_gzip(tmp_path):
    _site(tmp_path, {"index.html": HOME, "widget.js": "a" * 1000, "search/kb-sl.json": "{}"})
    sizes = built_site.file_sizes(tmp_path)
    assert sorted(sizes) == ["search/kb-sl.json", "widget.js"]
    raw, zipped = sizes["widget.js"]
    assert raw == 1000 and 0 < zipped < 100
