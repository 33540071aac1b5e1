"""`workbench serve`: loopback by default, and no app process outlives its browser session."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from tests.datakit import BUNDLED

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> set[int]:
    """Live descendant processes of `pid` (Linux /proc)."""
    found, frontier = set(), {pid}
    while frontier:
        parent = frontier.pop()
        try:
            kids = open(f"/proc/{parent}/task/{parent}/children").read().split()
        except OSError:
            continue
        for kid in map(int, kids):
            if kid not in found:
                found.add(kid)
                frontier.add(kid)
    return found


def _wait_for_port(port: int, deadline: float) -> None:
    while time.time() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError("server did not start")


@pytest.fixture
def server():
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench", "serve", "--port", str(port), "--data", str(BUNDLED)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_for_port(port, time.time() + 30)
        yield process, port
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_serve_listens_on_loopback_only(server):
    process, port = server
    listening = open("/proc/net/tcp").read().lower()
    assert f"0100007f:{port:04x}" in listening  # 127.0.0.1:port
    assert f"00000000:{port:04x}" not in listening  # not 0.0.0.0


def test_an_abruptly_closed_session_leaves_no_app_process(server):
    import aiohttp

    process, port = server

    async def session_then_vanish() -> bool:
        async with aiohttp.ClientSession() as http:
            ws = await http.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24")
            got_output = False
            deadline = time.time() + 30
            while time.time() < deadline and not got_output:
                message = await ws.receive(timeout=30)
                got_output = message.type == aiohttp.WSMsgType.BINARY and len(message.data) > 0
            assert _children(process.pid), "no app process was started"
            ws._response.connection.transport.abort()  # the browser tab dies: no close frame
            return got_output

    assert asyncio.run(session_then_vanish())
    deadline = time.time() + 20
    while _children(process.pid) and time.time() < deadline:
        time.sleep(0.2)
    assert not _children(process.pid), "an app process outlived its session"


def test_a_served_app_exits_when_the_server_is_killed(server):
    import aiohttp

    process, port = server

    async def open_session() -> set[int]:
        async with aiohttp.ClientSession() as http:
            ws = await http.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24")
            await ws.receive(timeout=30)
            apps = _children(process.pid)
            os.kill(process.pid, signal.SIGKILL)  # no chance to reap anything
            return apps

    apps = asyncio.run(open_session())
    assert apps
    deadline = time.time() + 15
    while (
        any(os.path.exists(f"/proc/{pid}") and "Z" not in open(f"/proc/{pid}/stat").read().split()[2] for pid in apps)
        and time.time() < deadline
    ):
        time.sleep(0.2)
    alive = [
        pid for pid in apps if os.path.exists(f"/proc/{pid}") and open(f"/proc/{pid}/stat").read().split()[2] != "Z"
    ]
    assert not alive
