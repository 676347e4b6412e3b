"""A real nginx (Debian's) serving the example site with the exact server block of
deploy/nginx.conf, on a free loopback port, with its own configuration, logs and temp paths
(scripts/bench/nginx_server.py, which the Lighthouse benchmark serves the site with too)."""

from __future__ import annotations

import http.client
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts.bench import nginx_server


@dataclass
class Response:
    """One HTTP response: status, headers (lower-case names) and the body as sent."""

    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class Nginx:
    """A running nginx: its base URL and the built site it serves."""

    url: str
    port: int
    site: Path

    def get(self, path: str, gzip: bool = False, method: str = "GET", accept: str = "") -> Response:
        """Request `path` (from the site root), without following redirects."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Accept-Encoding": "gzip"} if gzip else {}
        if accept:
            headers["Accept"] = accept
        try:
            connection.request(method, path, headers=headers)
            answer = connection.getresponse()
            body = answer.read()
            # A header sent more than once (Vary) is one list, as HTTP reads it.
            names: dict[str, str] = {}
            for name, value in answer.getheaders():
                key = name.lower()
                names[key] = f"{names[key]}, {value}" if key in names else value
            return Response(answer.status, names, body)
        finally:
            connection.close()


@pytest.fixture(scope="session")
def nginx(real_site, tmp_path_factory):
    """The example site behind a real nginx running deploy/nginx.conf; stopped afterwards."""
    if not nginx_server.available():
        pytest.skip(
            f"SKIPPED: no nginx at {nginx_server.NGINX}; the deployment tests need Debian's nginx"
        )
    try:
        process, port = nginx_server.start(real_site.site, tmp_path_factory.mktemp("nginx"))
    except nginx_server.NginxError as error:
        pytest.fail(str(error))
    try:
        yield Nginx(url=f"http://127.0.0.1:{port}/", port=port, site=real_site.site)
    finally:
        nginx_server.stop(process)
