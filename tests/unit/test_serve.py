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
def server(request):
    port = _free_port()
    extra = getattr(request, "param", [])  # more `serve` options, from an indirect parametrize
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench", "serve", "--port", str(port), "--data", str(BUNDLED), *extra],
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
            ws = await http.ws_connect(
                f"http://127.0.0.1:{port}/ws?width=80&height=24", origin=f"http://127.0.0.1:{port}"
            )
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
            ws = await http.ws_connect(
                f"http://127.0.0.1:{port}/ws?width=80&height=24", origin=f"http://127.0.0.1:{port}"
            )
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


async def _try_websocket(port: int, origin: str | None, host: str | None = None) -> int:
    """The HTTP status a websocket handshake gets (101 when it is accepted)."""
    import aiohttp

    headers = {"Host": host} if host else {}
    async with aiohttp.ClientSession() as http:
        try:
            ws = await http.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24", origin=origin, headers=headers)
        except aiohttp.WSServerHandshakeError as error:
            return error.status
        await ws.close()
        return 101


@pytest.mark.parametrize(
    ("origin", "host"),
    [
        ("http://evil.example", None),  # a page on another site
        ("null", None),  # a sandboxed frame or a local file
        (None, None),  # no Origin at all: no browser sends a websocket without one
        ("http://evil.example:{port}", "evil.example:{port}"),  # DNS rebinding: the name is the attacker's
        ("http://127.0.0.1:{port}", "evil.example:{port}"),
        ("http://127.0.0.1:1", None),  # another loopback service's page
    ],
)
def test_foreign_origins_and_hosts_are_refused_before_any_app_starts(server, origin, host):
    process, port = server
    origin = origin and origin.format(port=port)
    host = host and host.format(port=port)
    assert asyncio.run(_try_websocket(port, origin, host)) == 403
    assert not _children(process.pid), "a refused request started an app process"


def test_the_page_and_its_assets_refuse_a_rebinding_host(server):
    import urllib.error
    import urllib.request

    _process, port = server
    page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30)
    assert page.status == 200 and b"<html" in page.read().lower()
    for path in ("/", "/static/js/textual.js", "/download/x"):
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": f"evil.example:{port}"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 403


@pytest.mark.parametrize(
    "server", [["--allow-host", "workbench.lan", "--allow-origin", "https://proxy.example"]], indirect=True
)
def test_allowed_names_and_origins_are_configurable(server):
    _process, port = server
    assert asyncio.run(_try_websocket(port, "https://proxy.example", f"workbench.lan:{port}")) == 101
    assert asyncio.run(_try_websocket(port, f"http://workbench.lan:{port}", f"workbench.lan:{port}")) == 101
    assert asyncio.run(_try_websocket(port, "http://evil.example", f"workbench.lan:{port}")) == 403


@pytest.mark.parametrize("server", [["--max-sessions", "1"]], indirect=True)
def test_sessions_beyond_the_limit_are_refused_with_the_reason(server):
    import aiohttp

    process, port = server
    origin = f"http://127.0.0.1:{port}"

    async def sessions() -> tuple[str, int | None, int, bool]:
        async with aiohttp.ClientSession() as http:
            first = await http.ws_connect(f"http://127.0.0.1:{port}/ws", origin=origin)
            await first.receive(timeout=30)
            apps = len(_children(process.pid))
            second = await http.ws_connect(f"http://127.0.0.1:{port}/ws", origin=origin)
            said = await second.receive(timeout=30)
            end = await second.receive(timeout=30)
            refused_started_nothing = len(_children(process.pid)) == apps
            page = await http.get(f"http://127.0.0.1:{port}/")  # the page itself still loads
            await first.close()
            # The first tab gone, a new one gets in (a reload at the limit is never refused).
            third = await http.ws_connect(f"http://127.0.0.1:{port}/ws", origin=origin)
            got = await third.receive(timeout=30)
            await third.close()
            return (
                said.data.decode(),
                end.data if end.type == aiohttp.WSMsgType.CLOSE else None,
                page.status,
                (refused_started_nothing and got.type == aiohttp.WSMsgType.BINARY),
            )

    said, close_code, page_status, ok = asyncio.run(sessions())
    assert "1 sessions are open" in said and "--max-sessions" in said
    assert close_code == 1013 and page_status == 200 and ok


def test_a_frozen_browser_has_its_app_ended_within_a_few_seconds(server):
    import aiohttp

    process, port = server

    async def freeze() -> float:
        async with aiohttp.ClientSession() as http:
            # autoping off: the client never answers the server's pings, as a frozen tab would not
            ws = await http.ws_connect(f"http://127.0.0.1:{port}/ws", origin=f"http://127.0.0.1:{port}", autoping=False)
            await ws.receive(timeout=30)
            assert _children(process.pid)
            frozen_at = time.time()
            while _children(process.pid) and time.time() < frozen_at + 30:
                await asyncio.sleep(0.2)  # not reading: the socket stays open, pings go unanswered
            return time.time() - frozen_at

    assert asyncio.run(freeze()) < 10  # was 17 s with textual-serve's 15 s heartbeat
