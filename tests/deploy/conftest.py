"""A real nginx (Debian's) serving the example site with the exact server block of
deploy/nginx.conf, on a free loopback port, with its own configuration, logs and temp paths."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

NGINX = "/usr/sbin/nginx"
SERVER_BLOCK = ROOT / "deploy" / "nginx.conf"
MIME_TYPES = "/etc/nginx/mime.types"  # Debian's, as its stock nginx.conf includes it
# The only two things a site owner changes besides server_name: where nginx listens, and root.
_LISTEN = re.compile(r"^(\s*)listen 80;$", re.M)
_LISTEN_V6 = re.compile(r"^\s*listen \[::\]:80;\n", re.M)
_ROOT = re.compile(r"^(\s*)root [^;]+;$", re.M)
# The stock http {} of Debian's nginx.conf, reduced to what a static site uses; every path is
# the test's own.
_WRAPPER = """\
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
{user}
events {{ worker_connections 64; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/server.conf;
}}
"""


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

    def get(self, path: str, gzip: bool = False, method: str = "GET") -> Response:
        """Request `path` (from the site root), without following redirects."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Accept-Encoding": "gzip"} if gzip else {}
        try:
            connection.request(method, path, headers=headers)
            answer = connection.getresponse()
            body = answer.read()
            names = {name.lower(): value for name, value in answer.getheaders()}
            return Response(answer.status, names, body)
        finally:
            connection.close()


def server_block(port: int, root: Path) -> str:
    """deploy/nginx.conf as it is, listening on loopback `port` and serving `root`."""
    text = SERVER_BLOCK.read_text(encoding="utf-8")
    text, listens = _LISTEN.subn(rf"\g<1>listen 127.0.0.1:{port};", text)
    text, _ = _LISTEN_V6.subn("", text)
    text, roots = _ROOT.subn(lambda m: f"{m.group(1)}root {root};", text)
    assert (listens, roots) == (1, 1), "deploy/nginx.conf must have one `listen 80;` and one root"
    return text


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def _stop(process: subprocess.Popen) -> None:
    """Stop nginx (master and worker) and wait for it."""
    if process.poll() is None:
        process.terminate()  # SIGTERM: nginx's fast shutdown, workers included
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def nginx(real_site, tmp_path_factory):
    """The example site behind a real nginx running deploy/nginx.conf; stopped afterwards."""
    if not os.access(NGINX, os.X_OK):
        pytest.skip(f"SKIPPED: no nginx at {NGINX}; the deployment tests need Debian's nginx")
    tmp = tmp_path_factory.mktemp("nginx")
    # nginx's workers run as `nobody` when the master is root; pytest's folders are private.
    user = "user root;" if os.geteuid() == 0 else ""
    config = tmp / "nginx.conf"
    config.write_text(_WRAPPER.format(tmp=tmp, user=user, mime_types=MIME_TYPES), encoding="utf-8")
    process = None
    for _attempt in range(3):  # another process may take the free port first
        port = _free_port()
        (tmp / "server.conf").write_text(server_block(port, real_site.site), encoding="utf-8")
        command = [NGINX, "-p", str(tmp), "-e", str(tmp / "error.log"), "-c", str(config)]
        with open(tmp / "stderr.log", "ab") as output:
            process = subprocess.Popen(
                [*command, "-g", "daemon off;"], stdout=output, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 10
        while process.poll() is None and not _answers(port) and time.monotonic() < deadline:
            time.sleep(0.05)
        if process.poll() is None and _answers(port):
            break
        _stop(process)
        process = None
    if process is None:
        log = (tmp / "stderr.log").read_text(encoding="utf-8", errors="replace")
        pytest.fail(f"nginx did not start with deploy/nginx.conf:\n{log}")
    try:
        yield Nginx(url=f"http://127.0.0.1:{port}/", port=port, site=real_site.site)
    finally:
        _stop(process)
