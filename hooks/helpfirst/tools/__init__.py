"""Tools that read or drive a built site: the structured-data check, the built-site reader, the
reviewer report, the search box driven in Chromium, the search-quality scoring and the insights
report.

Nothing here is imported by a build. Their extra dependencies (lxml, extruct, PyLD,
BeautifulSoup, Playwright, DuckDB) come with the optional extra `helpfirst[tools]`, which
requirements-test.txt installs.
"""
