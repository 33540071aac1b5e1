"""`workbench serve` end to end in headless Chromium, with all traffic kept on loopback.

Needs Debian's `chromium` package (`.ci/run` installs it). Without it the test is skipped and says
so, except in CI (`CI` set), where a missing browser is a failure rather than a silent skip.
"""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
import signal
import subprocess
import time

import pytest

from tests.unit.test_serve import _children, _free_port, server  # noqa: F401 - fixture reused

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and os.environ.get("CI"):
    raise RuntimeError("CI must run the browser test: install Debian's chromium (.ci/run does)")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None, reason="headless browser test needs Debian's chromium: apt-get install chromium"
    ),
]

# No sandbox (we run as root in CI), nothing that phones home, and every host name except
# loopback made unresolvable, so the browser cannot reach anything but our server.
BROWSER_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--window-size=1000,700",
]


async def _open_in_browser(url: str, debug_port: int, profile, screenshot) -> subprocess.Popen:
    import aiohttp

    browser = subprocess.Popen(
        [
            CHROMIUM,
            *BROWSER_FLAGS,
            f"--user-data-dir={profile}",
            f"--remote-debugging-port={debug_port}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    async with aiohttp.ClientSession() as http:
        for _ in range(100):
            try:
                pages = await (await http.get(f"http://127.0.0.1:{debug_port}/json/list")).json()
                break
            except aiohttp.ClientError:
                await asyncio.sleep(0.2)
        page = next(p for p in pages if p["type"] == "page")
        ws = await http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0)
        counter = 0

        async def call(method: str, **params):
            nonlocal counter
            counter += 1
            await ws.send_json({"id": counter, "method": method, "params": params})
            while True:
                message = await ws.receive_json(timeout=30)
                if message.get("id") == counter:
                    return message

        await call("Page.navigate", url=url)
        await asyncio.sleep(6)  # the page connects its websocket and the app draws its first screen
        shot = await call("Page.captureScreenshot", format="png")
        screenshot.write_bytes(base64.b64decode(shot["result"]["data"]))
        await ws.close()
    return browser


def test_the_app_runs_in_a_browser_and_is_reaped_when_the_browser_dies(server, tmp_path):  # noqa: F811
    process, port = server
    screenshot = tmp_path / "browser.png"
    browser = asyncio.run(_open_in_browser(f"http://127.0.0.1:{port}/", _free_port(), tmp_path / "profile", screenshot))
    try:
        apps = _children(process.pid)
        assert apps, "the browser session started no app process"
        assert screenshot.stat().st_size > 5_000  # a drawn screen, not a blank page
    finally:
        browser.send_signal(signal.SIGKILL)  # the browser vanishes: no goodbye to the server
        browser.wait()
    deadline = time.time() + 30
    while _children(process.pid) and time.time() < deadline:
        time.sleep(0.3)
    assert not _children(process.pid), "an app process outlived its browser"
