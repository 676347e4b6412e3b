"""Insights in `log` mode: the build ships the empty file that events ask for; off ships none."""

from __future__ import annotations

import pytest

from helpfirst.insights import EVENT_PATH
from tests.sites import BASE_DOCS, build, config_line, make_project

pytestmark = pytest.mark.build


def test_log_mode_ships_an_empty_event_file_at_the_site_root(tmp_path):
    project = make_project(tmp_path / "project", dict(BASE_DOCS), {"extra.kb.insights": "log"})
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    event_file = result.site / EVENT_PATH
    assert event_file.is_file() and event_file.read_bytes() == b""
    # One file for every language: the other languages' folders have none.
    assert not list(result.site.glob(f"*/{EVENT_PATH}"))


def test_insights_are_off_by_default(real_site):
    assert not (real_site.site / EVENT_PATH).exists()


def test_a_wrong_insights_setting_stops_the_build_at_its_line(tmp_path):
    project = make_project(
        tmp_path / "project",
        dict(BASE_DOCS),
        {"extra.kb.insights": {"endpoint": "http://insights.example.com/e"}},
    )
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    line = config_line(project, "endpoint: http://insights.example.com/e")
    assert (
        f"mkdocs.yml:{line}: extra.kb.insights.endpoint: 'http://insights.example.com/e' is "
        "not an https address" in result.log
    )
