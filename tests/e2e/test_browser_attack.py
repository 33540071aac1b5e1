"""A web page on another origin, in a real browser, cannot drive `workbench serve`.

The attacker's page is served from another loopback port (another origin, as any web site
would be) and opens a websocket to the workbench, as a malicious site in the user's browser
would. Needs Debian's `chromium` package; without it the test is skipped and says so.
"""

from __future__ import annotations

import asyncio
import functools
import http.server
import signal
import subprocess
import threading
import time

import pytest

from tests.e2e.test_browser import BROWSER_FLAGS, CHROMIUM
from tests.unit.test_serve import _children, _free_port, server  # noqa: F401 - fixture reused

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None, reason="headless browser test needs Debian's chromium: apt-get install chromium"
    ),
]

ATTACK = """<!doctype html><title>waiting</title><script>
const ws = new WebSocket("ws://127.0.0.1:PORT/ws?width=80&height=24");
ws.binaryType = "arraybuffer";
ws.onmessage = () => { document.title = "drove the app"; };
ws.onclose = () => { if (document.title === "waiting") document.title = "refused"; };
</script>"""


async def _title_after_loading(url: str, debug_port: int, profile) -> tuple[subprocess.Popen, str]:
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
    async with aiohttp.ClientSession() as http_client:
        for _ in range(100):
            try:
                pages = await (await http_client.get(f"http://127.0.0.1:{debug_port}/json/list")).json()
                break
            except aiohttp.ClientError:
                await asyncio.sleep(0.2)
        page = next(p for p in pages if p["type"] == "page")
        ws = await http_client.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0)
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
        title = "waiting"
        for _ in range(60):
            await asyncio.sleep(0.25)
            result = await call("Runtime.evaluate", expression="document.title")
            title = result["result"]["result"].get("value", "")
            if title != "waiting":
                break
        await ws.close()
    return browser, title


def test_a_page_on_another_origin_cannot_open_a_session(server, tmp_path):  # noqa: F811
    process, port = server
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(ATTACK.replace("PORT", str(port)), encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    evil = http.server.ThreadingHTTPServer(("127.0.0.1", _free_port()), handler)
    threading.Thread(target=evil.serve_forever, daemon=True).start()
    try:
        browser, title = asyncio.run(
            _title_after_loading(f"http://127.0.0.1:{evil.server_address[1]}/", _free_port(), tmp_path / "profile")
        )
        try:
            assert title == "refused"
            time.sleep(1)
            assert not _children(process.pid), "the other site's page started an app process"
        finally:
            browser.send_signal(signal.SIGKILL)
            browser.wait()
    finally:
        evil.shutdown()
