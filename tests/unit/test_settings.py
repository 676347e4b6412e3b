"""`extra.kb` settings: declared defaults and types, and every mistake reported at the line of
its key in mkdocs.yml, read as MkDocs reads it (with its tags, INHERIT and YAML merge keys)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from helpfirst import checks, settings
from helpfirst.config_lines import ConfigLines
from tests.sites import BASE_DOCS, docs_files

LANGUAGES = ["en", "sl"]

# Every key on a known line (the number at the right is the line; it is not in the file).
CONFIG = """\
site_name: !ENV [KB_TEST_SITE_NAME, Lines]
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.snippets:
      base_path: !relative $config_dir
extra:
  kb:
    support_email: !ENV [KB_TEST_SUPPORT_EMAIL, "help at example.com"]
    stale_notice: "yes"
    listing_page_size: 0
    colour: red
    featured:
      - order-number
      - refunds
    categories:
      customer-portal:
        en: Portal
        sl: Portal
      contacting-support: {en: Contact, sl: Stik}
      shipping:
        en: Shipping
        sl: Dostava
      shipping.eu:
        en: Shipping in the EU
    structured_data:
      Faq: false
      HowTo: "no"
    widget:
      shade: dark
      order_pattern: "[0-9]*"
      topics:
        Account: [reset-password]
        7: [reset-password]
        orders: [order-number, refunds]
      pages:
        "/help/*.html": orders
        "/shop/*": billing
        shop: orders
    html:
      tags: [iframe, "Bad Tag"]
      attrs: {}
"""
ALLOWED = (
    "categories, featured, feedback, html, insights, listing_page_size, "
    "machine_readable_exclude, organization, stale_notice, structured_data, support_email, widget"
)


def _config_file(where, text: str, name: str = "mkdocs.yml"):
    (where / name).write_text(text, encoding="utf-8")


def _raw(name: str = "mkdocs.yml"):
    """extra.kb as MkDocs reads the file: its tags constructed, INHERIT merged."""
    with open(name, "rb") as stream:
        config = yaml_load(stream, get_yaml_loader(config=MkDocsConfig()))
    return (config.get("extra") or {}).get("kb")


def _problems(where, text: str, languages=LANGUAGES) -> list[str]:
    _config_file(where, text)
    _, problems = settings.validate(_raw(), languages, ConfigLines.read("mkdocs.yml"))
    return [str(problem) for problem in problems]


@pytest.fixture
def here(tmp_path, monkeypatch):
    """A project folder as the working directory, as `mkdocs build` runs in one."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KB_TEST_SUPPORT_EMAIL", raising=False)
    return tmp_path


def test_defaults_are_declared_once_and_read_as_attributes():
    values, problems = settings.validate(None, LANGUAGES)
    assert problems == []
    assert isinstance(values, settings.Settings)
    assert values.feedback == "local" and values.listing_page_size == settings.LISTING_PAGE_SIZE
    assert values.featured == [] and values.stale_notice is False and values.support_email == ""
    assert values.structured_data == dict.fromkeys(settings.STRUCTURED_DATA_TYPES, True)
    assert values.html == {"tags": [], "attributes": {}, "image_hosts": []}
    assert values.widget.order_pattern == settings.ORDER_PATTERN
    assert values.widget == settings.WidgetSettings()
    # Declared, not a mapping: a setting that does not exist is no attribute either.
    assert not isinstance(values, Mapping)
    assert {item.name for item in fields(values)} == {n.strip() for n in ALLOWED.split(",")}


def test_insights_are_off_unless_switched_to_log_or_an_https_endpoint(here):
    assert settings.validate({}, LANGUAGES)[0].insights == settings.InsightsSettings()
    for written, mode in (("off", "off"), ("log", "log")):
        values, problems = settings.validate({"insights": written}, LANGUAGES)
        assert problems == [] and values.insights.mode == mode
    written = {"insights": {"endpoint": "https://insights.example.com/e"}}
    values, problems = settings.validate(written, LANGUAGES)
    assert problems == []
    assert values.insights == settings.InsightsSettings(
        "endpoint", "https://insights.example.com/e"
    )
    fix = "write off, log, or endpoint: https://insights.example.com/events under it"
    text = (
        "extra:\n  kb:\n    insights:\n      endpoint: http://insights.example.com/e\n"
        "      batch: 10\n"
    )
    assert _problems(here, text) == [
        "mkdocs.yml:5: extra.kb.insights.batch: unknown setting (allowed: endpoint)",
        "mkdocs.yml:4: extra.kb.insights.endpoint: 'http://insights.example.com/e' is not an "
        f"https address ({fix})",
    ]
    assert _problems(here, "extra:\n  kb:\n    insights: on\n") == [
        f"mkdocs.yml:3: extra.kb.insights: 'True' is not an insights mode ({fix})"
    ]


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://insights.example.com/e",
        "HTTPS://Insights.Example.com:8443/events?site=help&key=a%20b",
        "https://127.0.0.1/e",
        "https://[2001:db8::1]:8443/e",
        "https://bücher.example/e",
    ],
)
def test_an_https_endpoint_with_a_host_is_taken_as_written(endpoint):
    values, problems = settings.validate({"insights": {"endpoint": endpoint}}, LANGUAGES)
    assert problems == []
    assert values.insights == settings.InsightsSettings("endpoint", endpoint)


#: The fix of a wrong endpoint that is not an https address at all.
INSIGHTS_FIX = "write off, log, or endpoint: https://insights.example.com/events under it"


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        ("ftp://insights.example.com/e", f"is not an https address ({INSIGHTS_FIX})"),
        ("https:insights.example.com/e", f"is not an https address ({INSIGHTS_FIX})"),
        ("//insights.example.com/e", f"is not an https address ({INSIGHTS_FIX})"),
        ("https:///e", "has no valid host name (write it as https://insights.example.com/events)"),
        (
            "https://:443/e",
            "has no valid host name (write it as https://insights.example.com/events)",
        ),
        (
            "https://insights_example.com/e",
            "has no valid host name (write it as https://insights.example.com/events)",
        ),
        (
            "https://insights..example.com/e",
            "has no valid host name (write it as https://insights.example.com/events)",
        ),
        (
            "https://insights.example.com/my events",
            "holds a space or a control character (write the address without them)",
        ),
        (
            "https://insights .example.com/e",
            "holds a space or a control character (write the address without them)",
        ),
        (
            "https://user:secret@insights.example.com/e",
            "holds a user name or password (leave out the part before @)",
        ),
        (
            "https://token@insights.example.com/e",
            "holds a user name or password (leave out the part before @)",
        ),
        (
            "https://insights.example.com/e#top",
            "has a fragment (#…) (leave out the # and what follows it)",
        ),
        (
            "https://insights.example.com/e#",
            "has a fragment (#…) (leave out the # and what follows it)",
        ),
        (
            "https://insights.example.com:99999/e",
            "has a port that is not 1 to 65535 (leave the port out, or give one in that range)",
        ),
        (
            "https://insights.example.com:web/e",
            "has a port that is not 1 to 65535 (leave the port out, or give one in that range)",
        ),
        (
            "https://[2001:db8::1/e",
            "is not a well-formed address (check the brackets around an IPv6 address)",
        ),
        (
            'https://insights.example.com/e?x="><script>',
            "holds characters an address cannot hold as written "
            "(percent-encode them, for example a space as %20)",
        ),
        (
            "https://insights.example.com/e%zz",
            "holds characters an address cannot hold as written "
            "(percent-encode them, for example a space as %20)",
        ),
    ],
)
def test_an_endpoint_that_is_no_real_https_address_is_a_problem_at_its_line(
    here, endpoint, expected
):
    text = f"site_name: x\nextra:\n  kb:\n    insights:\n      endpoint: '{endpoint}'\n"
    assert _problems(here, text) == [
        f"mkdocs.yml:5: extra.kb.insights.endpoint: '{endpoint}' {expected}"
    ]
    values, _ = settings.validate({"insights": {"endpoint": endpoint}}, LANGUAGES)
    assert values.insights == settings.InsightsSettings()


def test_each_site_gets_its_own_default_values():
    first, _ = settings.validate({}, LANGUAGES)
    first.featured.append("changed")
    first.widget.topics["changed"] = []
    second, _ = settings.validate({}, LANGUAGES)
    assert second.featured == [] and second.widget.topics == {}


def test_written_values_are_kept(here):
    _config_file(
        here,
        "extra:\n  kb:\n    feedback: off\n    listing_page_size: 25\n    stale_notice: true\n"
        "    support_email: help@example.com\n    widget:\n      topics:\n"
        "        orders: [order-number]\n",
    )
    values, problems = settings.validate(_raw(), LANGUAGES, ConfigLines.read("mkdocs.yml"))
    assert problems == []
    assert (values.feedback, values.listing_page_size, values.stale_notice) == ("off", 25, True)
    assert values.support_email == "help@example.com"
    assert values.widget.topics == {"orders": ["order-number"]}


def test_every_mistake_is_at_the_line_of_its_key(here):
    assert _problems(here, CONFIG) == [
        # unknown key
        f"mkdocs.yml:13: extra.kb.colour: unknown setting (allowed: {ALLOWED})",
        # a value behind MkDocs' !ENV tag, at the key that holds it
        "mkdocs.yml:10: extra.kb.support_email: 'help at example.com' is not an email address "
        "(write it as name@example.com)",
        # a mapping's key with a missing language: at the category
        "mkdocs.yml:25: extra.kb.categories.shipping.eu.sl: missing name in this language "
        "(add 'sl: ...' under categories.shipping.eu)",
        # range
        "mkdocs.yml:12: extra.kb.listing_page_size: '0' is not a number of entries "
        "(write a whole number such as 100, or leave it out)",
        # type
        "mkdocs.yml:11: extra.kb.stale_notice: must be true or false "
        "(write stale_notice: true, or leave it out)",
        "mkdocs.yml:28: extra.kb.structured_data.Faq: unknown type "
        "(use one of FAQPage, HowTo, BreadcrumbList, WebSite, Organization)",
        "mkdocs.yml:29: extra.kb.structured_data.HowTo: must be true or false "
        "(write 'HowTo: false' to leave it out, or 'true')",
        # nested widget keys
        "mkdocs.yml:31: extra.kb.widget.shade: unknown setting "
        "(allowed: form_endpoint, order_pattern, pages, topics)",
        "mkdocs.yml:32: extra.kb.widget.order_pattern: '[0-9]*' matches an empty text, so every "
        "message would have an order number (for example (?:[A-Za-z]{1,4}-?)?[0-9]{4,12})",
        "mkdocs.yml:34: extra.kb.widget.topics.Account: a topic name is lower-case words joined "
        "by - (account)",
        "mkdocs.yml:35: extra.kb.widget.topics.7: a topic name is lower-case words joined by - "
        "(account)",
        "mkdocs.yml:40: extra.kb.widget.pages.shop: a pattern is a path on the host site "
        '("/account/*")',
        # settings checked by the HTML policy, list items on a flow list's line
        "mkdocs.yml:43: extra.kb.html.attrs: unknown setting"
        " (allowed: attributes, image_hosts, tags)",
        "mkdocs.yml:42: extra.kb.html.tags[1]: 'Bad Tag' is not an element name "
        "(for example iframe)",
    ]


def test_entry_ids_are_checked_at_their_list_items(here):
    _config_file(here, CONFIG)
    docs = here / "docs"
    for path, text in BASE_DOCS.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    checked = checks.check_content(
        docs_files(docs), str(docs), LANGUAGES, "en", _raw(), "mkdocs.yml", str(here)
    )
    found = [
        str(problem)
        for problem in checked.problems
        if "unknown entry" in problem.message or "unknown topic" in problem.message
    ]
    assert found == [
        "mkdocs.yml:16: extra.kb.featured[1]: unknown entry 'refunds' "
        "(use the file name of an entry, without .md)",
        "mkdocs.yml:36: extra.kb.widget.topics.orders[1]: unknown entry 'refunds' "
        "(use the file name of an entry, without .md)",
        "mkdocs.yml:39: extra.kb.widget.pages./shop/*: unknown topic 'billing' "
        "(use a topic under extra.kb.widget.topics or a category: contacting-support, "
        "customer-portal, orders, shipping, shipping.eu)",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "site_name: x\nextra:\n  kb: [featured]\n",
            "mkdocs.yml:3: extra.kb: must be a group of settings (see the README for the settings)",
        ),
        (
            "extra:\n  kb:\n    feedback: local\n    widget: on\n",
            "mkdocs.yml:4: extra.kb.widget: must be a group of settings "
            "(see the README's help widget section)",
        ),
        (
            "extra:\n  kb:\n    organization: Example Company\n",
            "mkdocs.yml:3: extra.kb.organization: must be a group of settings "
            "(write name, url and logo under it)",
        ),
        (
            "extra:\n  kb:\n    feedback: sometimes\n",
            "mkdocs.yml:3: extra.kb.feedback: 'sometimes' is not a feedback mode (use off or local)",
        ),
        (
            "extra:\n  kb:\n    featured: first\n",
            "mkdocs.yml:3: extra.kb.featured: must be a list of entry ids "
            "(write it as [id-one, id-two])",
        ),
        (
            "extra:\n  kb:\n    categories:\n      billing: 5\n",
            "mkdocs.yml:4: extra.kb.categories.billing: must map languages to names (en: Name)",
        ),
        (
            "extra:\n  kb:\n    widget:\n      form_endpoint: forms.example.com\n",
            "mkdocs.yml:4: extra.kb.widget.form_endpoint: 'forms.example.com' is not an http(s) "
            "address (write it as https://forms.example.com/support, or leave it out to use email)",
        ),
        (
            'extra:\n  kb:\n    widget:\n      pages:\n        "/a/*":\n          - x\n',
            "mkdocs.yml:5: extra.kb.widget.pages./a/*: must name one topic (a topic or category id)",
        ),
        # A key with dots inside, next to a key that is its first part.
        (
            "extra:\n  kb:\n    widget:\n      pages:\n        /help: a\n        /help.html:\n"
            "          - x\n",
            "mkdocs.yml:6: extra.kb.widget.pages./help.html: must name one topic "
            "(a topic or category id)",
        ),
        # A key with brackets inside, next to a key that is its first part.
        (
            'extra:\n  kb:\n    widget:\n      pages:\n        /a: x\n        "/a[1]":\n'
            "          - x\n",
            "mkdocs.yml:6: extra.kb.widget.pages./a[1]: must name one topic (a topic or category id)",
        ),
        (
            "extra:\n  kb:\n    machine_readable_exclude: guides\n",
            "mkdocs.yml:3: extra.kb.machine_readable_exclude: must be a list of sections "
            "(for example [faq])",
        ),
        (
            "extra:\n  kb:\n    machine_readable_exclude:\n      - faq\n      - blog\n",
            "mkdocs.yml:5: extra.kb.machine_readable_exclude[1]: 'blog' is not a section "
            "(use faq, guides, templates)",
        ),
        # Of duplicate keys the last is in effect, as PyYAML reads them.
        (
            "extra:\n  kb:\n    listing_page_size: 10\n    listing_page_size: -1\n",
            "mkdocs.yml:4: extra.kb.listing_page_size: '-1' is not a number of entries "
            "(write a whole number such as 100, or leave it out)",
        ),
        # A value merged in with `<<` is at the line where it is written.
        (
            "x-defaults: &defaults\n  listing_page_size: 0\nextra:\n  kb:\n    <<: *defaults\n"
            "    feedback: local\n",
            "mkdocs.yml:2: extra.kb.listing_page_size: '0' is not a number of entries "
            "(write a whole number such as 100, or leave it out)",
        ),
    ],
)
def test_each_kind_of_mistake_is_at_its_line(here, text, expected):
    assert _problems(here, text) == [expected]


def test_lines_are_counted_as_an_editor_counts_them(here):
    # YAML ends a line at U+2028, U+2029 and U+0085 too; an editor only at a line feed.
    text = (
        '\ufeffsite_description: "One\u2028two\u2029three\x85four"\r\n'
        "extra:\r\n  kb:\r\n    feedback: sometimes\r\n"
    )
    (here / "mkdocs.yml").write_bytes(text.encode("utf-8"))
    _, problems = settings.validate(
        {"feedback": "sometimes"}, LANGUAGES, ConfigLines.read("mkdocs.yml")
    )
    assert [str(problem) for problem in problems] == [
        "mkdocs.yml:4: extra.kb.feedback: 'sometimes' is not a feedback mode (use off or local)"
    ]


def test_an_inherited_setting_is_reported_in_the_file_that_writes_it(here):
    _config_file(
        here,
        "extra:\n  kb:\n    categories:\n      billing:\n        en: Billing\n"
        "    listing_page_size: 0\n",
        "base.yml",
    )
    problems = _problems(here, "INHERIT: base.yml\nextra:\n  kb:\n    feedback: sometimes\n")
    assert problems == [
        "mkdocs.yml:4: extra.kb.feedback: 'sometimes' is not a feedback mode (use off or local)",
        "base.yml:4: extra.kb.categories.billing.sl: missing name in this language "
        "(add 'sl: ...' under categories.billing)",
        "base.yml:6: extra.kb.listing_page_size: '0' is not a number of entries "
        "(write a whole number such as 100, or leave it out)",
    ]


def test_a_file_that_cannot_be_read_gives_line_one(here):
    lines = ConfigLines.read("missing.yml")
    assert lines.locate("extra.kb.feedback") == ("missing.yml", 1)
    _config_file(here, "extra:\n  kb: {feedback: [unclosed\n")
    assert ConfigLines.read("mkdocs.yml").locate("extra.kb.feedback") == ("mkdocs.yml", 1)


def test_an_inherit_loop_ends(here):
    _config_file(here, "INHERIT: mkdocs.yml\nextra:\n  kb:\n    feedback: x\n")
    lines = ConfigLines.read("mkdocs.yml")
    assert lines.locate("extra.kb.feedback") == ("mkdocs.yml", 4)
    assert lines.locate("extra.kb.widget") == ("mkdocs.yml", 3)


def test_a_merge_into_itself_ends(here):
    _config_file(here, "extra: &loop\n  <<: *loop\n  kb:\n    feedback: x\n")
    lines = ConfigLines.read("mkdocs.yml")
    assert lines.locate("extra.kb.feedback") == ("mkdocs.yml", 4)
    assert lines.locate("extra.other") == ("mkdocs.yml", 1)
