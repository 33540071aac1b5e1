"""`workbench serve`: the same app in a web browser through textual-serve (loopback by default).

textual-serve starts one app process per browser session and, when the session ends, asks it
to quit and waits. A browser that vanishes mid-session can leave that process running (seen
spinning at 100% CPU), so every app process here is reaped: asked to quit, then terminated,
then killed, within a few seconds of its session ending. The app itself also exits if the
server dies (see `orphan_watchdog`).
"""

from __future__ import annotations

import asyncio
import os
import threading
import time

QUIT_GRACE_SECONDS = 3.0
TERMINATE_GRACE_SECONDS = 2.0


def _reaping_app_service():
    from textual_serve.app_service import AppService

    class ReapingAppService(AppService):
        """An AppService whose stop() always ends the app process."""

        async def stop(self) -> None:
            process = self._process
            try:
                await asyncio.wait_for(super().stop(), QUIT_GRACE_SECONDS)
            except Exception:
                pass
            if process is None or process.returncode is not None:
                return
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), TERMINATE_GRACE_SECONDS)
            except TimeoutError:
                process.kill()
                await process.wait()

    return ReapingAppService


def serve(command: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve `command` (one app process per browser session) until interrupted."""
    import textual_serve.server as server_module

    # The server looks AppService up in its module: swap in the reaping one.
    server_module.AppService = _reaping_app_service()
    # `exec` so the process textual-serve holds is the app itself, not a shell around it.
    server_module.Server(f"exec {command}", host=host, port=port, title="AI Capex Workbench").serve()


def orphan_watchdog(poll_seconds: float = 1.0) -> None:
    """In a served app process: exit as soon as the server that started it is gone."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(poll_seconds)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="orphan-watchdog", daemon=True).start()
