"""A real nginx (Debian's) serving a built site with the exact server block of
deploy/nginx.conf, on a free loopback port, with its own configuration, logs and temp paths.

The deployment tests (tests/deploy/) and the Lighthouse benchmark (`lighthouse.py`) serve the
site through it, so both see what a site owner who follows the README serves."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX = "/usr/sbin/nginx"
SERVER_BLOCK = ROOT / "deploy" / "nginx.conf"
MIME_TYPES = "/etc/nginx/mime.types"  # Debian's, as its stock nginx.conf includes it
# The only two things a site owner changes besides server_name: where nginx listens, and root.
_LISTEN = re.compile(r"^(\s*)listen 80;$", re.M)
_LISTEN_V6 = re.compile(r"^\s*listen \[::\]:80;\n", re.M)
_ROOT = re.compile(r"^(\s*)root [^;]+;$", re.M)
# The stock http {} of Debian's nginx.conf, reduced to what a static site uses; every path is
# the caller's own.
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


class NginxError(Exception):
    """nginx is missing or did not start with deploy/nginx.conf."""


def available() -> bool:
    """Whether Debian's nginx is installed where `start` runs it."""
    return os.access(NGINX, os.X_OK)


def server_block(port: int, root: Path) -> str:
    """deploy/nginx.conf as it is, listening on loopback `port` and serving `root`."""
    text = SERVER_BLOCK.read_text(encoding="utf-8")
    text, listens = _LISTEN.subn(rf"\g<1>listen 127.0.0.1:{port};", text)
    text, _ = _LISTEN_V6.subn("", text)
    text, roots = _ROOT.subn(lambda m: f"{m.group(1)}root {root};", text)
    if (listens, roots) != (1, 1):
        raise NginxError(f"{SERVER_BLOCK}: needs one `listen 80;` and one `root ...;`")
    return text


def start(root: Path, tmp: Path) -> tuple[subprocess.Popen, int]:
    """Start nginx serving `root` (which may be filled later: nginx reads files per request)
    on a free loopback port, with its configuration and logs in `tmp`; the process and port."""
    if not available():
        raise NginxError(f"no nginx at {NGINX} (Debian's nginx package)")
    tmp.mkdir(parents=True, exist_ok=True)
    # nginx's workers run as `nobody` when the master is root; temp folders are private.
    user = "user root;" if os.geteuid() == 0 else ""
    config = tmp / "nginx.conf"
    config.write_text(_WRAPPER.format(tmp=tmp, user=user, mime_types=MIME_TYPES), encoding="utf-8")
    for _attempt in range(3):  # another process may take the free port first
        port = _free_port()
        (tmp / "server.conf").write_text(server_block(port, root), encoding="utf-8")
        command = [NGINX, "-p", str(tmp), "-e", str(tmp / "error.log"), "-c", str(config)]
        with open(tmp / "stderr.log", "ab") as output:
            process = subprocess.Popen(
                [*command, "-g", "daemon off;"], stdout=output, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 10
        while process.poll() is None and not _answers(port) and time.monotonic() < deadline:
            time.sleep(0.05)
        if process.poll() is None and _answers(port):
            return process, port
        stop(process)
    log = (tmp / "stderr.log").read_text(encoding="utf-8", errors="replace")
    raise NginxError(f"nginx did not start with deploy/nginx.conf:\n{log}")


def stop(process: subprocess.Popen) -> None:
    """Stop nginx (master and worker) and wait for it."""
    if process.poll() is None:
        process.terminate()  # SIGTERM: nginx's fast shutdown, workers included
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


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
