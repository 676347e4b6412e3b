"""The real example site, built once: URLs, languages, hreflang, 404 pages, sitemaps, size."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from bs4 import BeautifulSoup

from tests.sites import ROOT

LANGUAGES = {"en": "", "sl": "sl/", "lv": "lv/"}
FAQ = [
    "customer-portal",
    "promote-customer-portal",
    "email-template",
    "measure-email-success",
    "email-benchmarks",
    "plain-text-or-html",
    "when-to-send",
    "find-answer-before-emailing",
    "email-or-call",
    "support-email-subject",
    "support-email-contents",
    "support-email-attachments",
    "support-email-tone",
    "no-reply-follow-up",
]
GUIDES = ["write-to-customer-service", "customer-portal-emails"]
TEMPLATES = ["verification", "welcome", "confirmation", "password-reset", "feedback", "invitation"]
ENTRY_PATHS = (
    [f"faq/{i}/" for i in FAQ]
    + [f"guides/{i}/" for i in GUIDES]
    + [f"templates/{i}/" for i in TEMPLATES]
)
SITE_URL = "https://help.example.com/"


class _Head(HTMLParser):
    """Collects <html lang>, canonical and hreflang links of one page."""

    def __init__(self):
        super().__init__()
        self.lang = None
        self.canonical = None
        self.alternates = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs.get("href")
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.alternates[attrs["hreflang"]] = attrs["href"]


def head(html: str) -> _Head:
    parser = _Head()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["", "faq/", "guides/", "templates/", *ENTRY_PATHS])
def test_every_page_exists_in_every_language_with_its_html_lang(real_site, lang, path):
    html = real_site.read(f"{LANGUAGES[lang]}{path}index.html")
    assert head(html).lang == lang
    # A real translation, not the English fallback.
    assert "kb-fallback" not in html


@pytest.mark.parametrize("path", ["", *ENTRY_PATHS])
def test_hreflang_clusters_are_absolute_reciprocal_and_have_x_default(real_site, path):
    clusters = {}
    for lang, prefix in LANGUAGES.items():
        parsed = head(real_site.read(f"{prefix}{path}index.html"))
        assert parsed.canonical == f"{SITE_URL}{prefix}{path}"
        clusters[lang] = parsed.alternates
    expected = {lang: f"{SITE_URL}{prefix}{path}" for lang, prefix in LANGUAGES.items()}
    expected["x-default"] = f"{SITE_URL}{path}"
    for lang, alternates in clusters.items():
        assert alternates == expected, lang


def test_material_root_relative_alternates_are_not_written_as_hreflang(real_site):
    html = real_site.read("sl/faq/customer-portal/index.html")
    for match in re.finditer(r'<link[^>]+hreflang="[^"]*"[^>]*>', html):
        assert 'href="https://' in match.group(0)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_404_page_and_sitemap(real_site, lang):
    prefix = LANGUAGES[lang]
    page = real_site.read(f"{prefix}404.html")
    assert head(page).lang == lang
    words = {"en": "Page not found", "sl": "Strani ni mogoče najti", "lv": "Lapa nav atrasta"}
    assert words[lang] in page
    # Absolute asset URLs: the 404 page is served at any depth.
    assert 'href="/assets/' in page
    sitemap = real_site.read(f"{prefix}sitemap.xml")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert f"{SITE_URL}{prefix}faq/customer-portal/" in locs
    assert all(loc.startswith(f"{SITE_URL}{prefix}") for loc in locs)
    # every page is translated, so every sitemap entry lists its alternates, x-default included
    entries = re.findall(r"<url>.*?</url>", sitemap, re.S)
    assert f"{SITE_URL}{prefix}widget/" in locs
    assert all("hreflang" in entry for entry in entries)
    assert len(entries) == sitemap.count('hreflang="x-default"')


def test_robots_names_every_language_sitemap(real_site):
    robots = real_site.read("robots.txt")
    for prefix in LANGUAGES.values():
        assert f"Sitemap: {SITE_URL}{prefix}sitemap.xml" in robots


_URL = re.compile(r"""(?:https?:)?//([a-z0-9.-]+\.[a-z]{2,})""", re.IGNORECASE)
# Hosts that are named but never requested: XML namespaces, licences in comments, our site_url.
_NOT_REQUESTED = {
    "www.w3.org",
    "www.sitemaps.org",
    "help.example.com",
    "www.example.com",
    "schema.org",
}


def test_no_third_party_host_is_referenced_by_built_html_css_or_js(real_site):
    offenders = {}
    for path in real_site.site.rglob("*"):
        if path.suffix not in {".html", ".css", ".js"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".js" or path.suffix == ".css":
            # Only what a browser would request: url(...), import(...), src/href in markup.
            candidates = re.findall(r"""url\(\s*['"]?(//[^)'"]+|https?://[^)'"]+)""", text)
            candidates += re.findall(r"""(?:src|href)\s*=\s*['"](https?://[^'"]+|//[^'"]+)""", text)
        else:
            candidates = re.findall(
                r"""<(?:script|link|img|iframe|source|video|audio)\b[^>]*?(?:src|href)\s*=\s*["']((?:https?:)?//[^"']+)""",
                text,
            )
        for url in candidates:
            host = _URL.match(url)
            if host and host.group(1).lower() not in _NOT_REQUESTED:
                offenders.setdefault(str(path.relative_to(real_site.site)), set()).add(url)
    assert offenders == {}


def test_google_fonts_are_not_loaded(real_site):
    html = real_site.read("index.html")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


def test_entry_page_does_not_embed_every_entry(real_site):
    """The sidebar holds sections and categories, so page size does not grow with entries."""
    html = real_site.read("faq/customer-portal/index.html")
    other_entries = [p for p in ENTRY_PATHS if p != "faq/customer-portal/"]
    linked = [
        p
        for p in other_entries
        if f'href="../{p.split("/", 1)[1]}"' in html or f"/{p}" in html or f'"../../{p}"' in html
    ]
    # Only the entries the author relates to the page (and body links) may appear.
    assert len(linked) < len(other_entries) / 2, linked


def test_navigation_lists_sections_and_categories(real_site):
    html = real_site.read("sl/faq/index.html")
    nav = re.search(r'<nav class="md-nav md-nav--primary.*?</nav>\s*</div>', html, re.S).group(0)
    assert "Pogosta vprašanja" in nav and "Vodniki" in nav
    assert "#contacting-support" in nav and "#customer-portal" in nav


def test_template_page_has_subject_lines_with_copy_buttons(real_site):
    html = real_site.read("templates/verification/index.html")
    subjects = re.findall(r'<li><span class="kb-subject">', html)
    assert len(subjects) >= 8
    assert html.count('class="md-clipboard md-icon kb-copy"') == len(subjects)


def test_entry_page_shows_updated_date_related_and_feedback(real_site):
    html = real_site.read("sl/faq/email-or-call/index.html")
    assert 'class="kb-updated"' in html and "<time datetime=" in html
    assert 'class="kb-related"' in html
    assert "Vam je bila ta stran v pomoč?" in html
    assert "mailto:support@example.com" in html


def test_language_switcher_data_points_at_the_same_entry(real_site):
    html = real_site.read("lv/guides/customer-portal-emails/index.html")
    data = re.search(r"data-kb-switcher='([^']+)'", html).group(1)
    assert '"sl": "../../../sl/guides/customer-portal-emails/"' in data
    assert '"en": "../../../guides/customer-portal-emails/"' in data


def test_category_labels_are_localised_on_the_faq_index(real_site):
    html = real_site.read("lv/faq/index.html")
    assert "Saziņa ar klientu apkalpošanas dienestu" in html


@pytest.mark.parametrize(
    ("lang", "engagement"),
    [("sl", "Povratne informacije in vabila"), ("lv", "Atsauksmes un uzaicinājumi")],
)
def test_category_names_use_the_pages_words(real_site, lang, engagement):
    html = real_site.read(f"{LANGUAGES[lang]}templates/index.html")
    assert engagement in html


# The words of the page's frame: breadcrumb label, heading permalinks, palette toggles, the
# language selector, and the labels of header and footer.
FRAME_WORDS = {
    "en": [
        "Breadcrumb",
        "Permanent link",
        "Dark mode",
        "Light mode",
        "Select language",
        "Header",
        "Footer",
    ],
    "sl": [
        "Pot do strani",
        "Trajna povezava",
        "Temni način",
        "Svetli način",
        "Izberi jezik",
        "Glava",
        "Noga",
    ],
    "lv": [
        "Navigācijas ceļš",
        "Pastāvīgā saite",
        "Tumšais režīms",
        "Gaišais režīms",
        "Izvēlieties valodu",
        "Galvene",
        "Kājene",
    ],
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_frame_of_an_entry_speaks_its_language(real_site, lang):
    html = real_site.read(f"{LANGUAGES[lang]}faq/customer-portal/index.html")
    soup = BeautifulSoup(html, "html.parser")
    permalinks = {a["title"] for a in soup.select("a.headerlink")}
    assert len(permalinks) == 1
    found = [
        soup.select_one("nav.kb-breadcrumbs")["aria-label"],
        *permalinks,
        *[label["title"] for label in soup.select("form[data-kb-palette] label")],
        soup.select_one(".md-select button")["aria-label"],
        soup.select_one("nav.md-header__inner")["aria-label"],
        soup.select_one("nav.md-footer__inner")["aria-label"],
    ]
    assert found == FRAME_WORDS[lang]


@pytest.mark.parametrize("lang", ["sl", "lv"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_translated_templates_have_every_body_and_subject_line_of_their_source(
    real_site, lang, template
):
    def counts(prefix):
        soup = BeautifulSoup(
            real_site.read(f"{prefix}templates/{template}/index.html"), "html.parser"
        )
        return len(soup.select("article pre")), len(soup.select(".kb-subject"))

    assert counts(LANGUAGES[lang]) == counts("")


@pytest.mark.parametrize("lang", ["sl", "lv"])
def test_translations_and_interface_use_the_languages_quotation_marks_and_spaces(lang):
    """„…“ in content and interface alike, and a space before % that does not break."""
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob(f"*.{lang}.md")]
    texts.append((ROOT / "hooks/helpfirst/strings" / f"{lang}.json").read_text(encoding="utf-8"))
    for text in texts:
        assert not re.search("[”»«]", text)
        assert text.count("„") == text.count("“")
        assert not re.search(r"\d %", text)


def test_docs_are_only_markdown():
    """Authors' folder holds content only."""
    assert {p.suffix for p in (ROOT / "docs").rglob("*") if p.is_file()} <= {".md"}


def test_output_does_not_depend_on_build_dir(real_site, tmp_path):
    """Same input, same bytes: a second build is identical (sitemaps, pages)."""
    from tests.sites import build

    again = build(ROOT, tmp_path / "again")
    assert again.returncode == 0, again.log
    first, second = _tree(real_site.site), _tree(again.site)
    # The same files, and the same bytes in each: preview diffs show only real changes.
    assert sorted(set(first) ^ set(second)) == []
    assert [name for name in first if first[name] != second[name]] == []


def _tree(root) -> dict[str, bytes]:
    """Every file below `root` by its relative path."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }
