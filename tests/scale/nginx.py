"""nginx as a round-robin load balancer on loopback, configured in a temporary folder."""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.support.servers import free_port

CONFIG = """\
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
{upstreams}
}}
"""
UPSTREAM = """\
    upstream {name} {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://{name};
            # a refused connection is retried on the next server; a request already sent is
            # not (it may have been processed), so the client decides
            proxy_next_upstream error timeout;
            proxy_connect_timeout 2s;
            proxy_read_timeout 120s;
        }}
    }}
"""


@dataclass
class Nginx:
    root: Path
    process: subprocess.Popen
    urls: dict[str, str]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        shutil.rmtree(self.root, ignore_errors=True)


def start_nginx(upstreams: dict[str, list[int]]) -> Nginx:
    """One round-robin front port per upstream: {"rasa": [5005, 5006]} -> urls["rasa"]."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise RuntimeError("nginx is not installed: run `bash scripts/system-deps.sh`")
    root = Path(tempfile.mkdtemp(prefix="pathfinder-nginx-"))
    root.chmod(0o755)  # workers run as an unprivileged user when started by root
    ports = {name: free_port() for name in upstreams}
    blocks = [
        UPSTREAM.format(
            name=name, port=ports[name],
            servers="\n".join(
                f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in backends
            ),
        )
        for name, backends in upstreams.items()
    ]
    config = root / "nginx.conf"
    config.write_text(CONFIG.format(root=root, upstreams="".join(blocks)))
    process = subprocess.Popen(
        [binary, "-p", str(root), "-c", str(config), "-e", str(root / "error.log"),
         "-g", "daemon off;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True,
    )
    nginx = Nginx(root, process, {n: f"http://127.0.0.1:{p}" for n, p in ports.items()})
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (root / "error.log").read_text(errors="replace")
            nginx.stop()
            raise RuntimeError(f"nginx exited:\n{log}")
        if all(_accepts(p) for p in ports.values()):
            return nginx
        time.sleep(0.05)
    nginx.stop()
    raise RuntimeError("nginx did not start within 15 s")


def _accepts(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        return True
    return False
