"""Running the services as real processes: gunicorn on a free loopback port, from the service's
own .venv and with the .env pystart generated, so the key pair and credentials are the real ones."""

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dotenv import dotenv_values

SERVICES = Path(__file__).resolve().parent.parent / "services"


@dataclass
class Service:
    name: str
    url: str
    env: dict[str, str | None]  # its .env, for the secrets a test signs with


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(
    method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, Any]:
    """One HTTP request; the status and the JSON body (or None), errors included."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            status, data = response.status, response.read()
    except urllib.error.HTTPError as err:
        status, data = err.code, err.read()
    try:
        return status, json.loads(data)
    except ValueError:
        return status, None


def start(name: str, tmp: Path, env: dict[str, str]) -> Iterator[Service]:
    """Start services/<name> under gunicorn (its gunicorn.conf.py reads GUNICORN_BIND) and wait
    until /health answers."""
    cwd = SERVICES / name
    port = free_port()
    log = (tmp / f"{name}.log").open("wb")
    process = subprocess.Popen(
        [str(cwd / ".venv" / "bin" / "gunicorn")],
        cwd=cwd,
        env={**os.environ, **env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start:\n{(tmp / f'{name}.log').read_text()}")
            time.sleep(0.1)
        yield Service(name, url, dotenv_values(cwd / ".env"))
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/health", timeout=1) as response:
            return response.status == 200
    except OSError:  # refused while it starts; URLError and HTTPError are OSErrors
        return False
