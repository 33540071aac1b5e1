"""`workbench serve`: the same app in a web browser through textual-serve (loopback by default).

textual-serve starts one app process per browser session and, when the session ends, asks it
to quit and waits. A browser that vanishes mid-session can leave that process running (seen
spinning at 100% CPU), so every app process here is reaped: asked to quit, then terminated,
then killed, within a few seconds of its session ending. The app itself also exits if the
server dies (see `orphan_watchdog`).

The server answers only requests addressed to it: a web page on another site (or a DNS
rebinding attack) can make the browser connect to a loopback port, but it cannot choose the
`Origin` the browser sends nor, once rebound, the `Host` header's name. So every request's `Host`
must name the address served (loopback names by default) and a websocket's `Origin` must be that
page's own origin; anything else gets 403 before any app process starts (`SiteGate`). Each
session costs an app process (~70 MB), so their number is capped; a browser that stops
answering pings (a frozen or vanished tab) has its session ended within a few seconds.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Callable

from workbench.core.i18n import tr

QUIT_GRACE_SECONDS = 3.0
TERMINATE_GRACE_SECONDS = 2.0
HEARTBEAT_SECONDS = 3.0  # ping every 3 s; no pong within 1.5 s ends the session (a busy machine still answers in time)
DEFAULT_MAX_SESSIONS = 4
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
_WILDCARDS = {"", "0.0.0.0", "::", "[::]"}


def _host_name(host: str) -> str:
    """A listening address as it appears in a Host header: IPv6 in brackets, lower case."""
    host = host.strip().lower()
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


class SiteGate:
    """Which `Host` and `Origin` headers a request may carry to reach the served app.

    Allowed hosts: the loopback names and the listening address (unless a wildcard), each with
    the port, plus any `extra_hosts` (`name` or `name:port`; a bare name gets the port).
    Allowed origins: `http://` + each allowed host, plus any `extra_origins` (e.g. the
    `https://…` address of a reverse proxy in front of the server).
    """

    def __init__(
        self, host: str, port: int, extra_hosts: tuple[str, ...] = (), extra_origins: tuple[str, ...] = ()
    ) -> None:
        names = [*LOOPBACK_NAMES]
        if _host_name(host) not in _WILDCARDS:
            names.append(_host_name(host))
        hosts = {f"{name}:{port}" for name in names}
        if port == 80:
            hosts |= set(names)  # browsers leave the default port out
        for extra in extra_hosts:
            extra = _host_name(extra)
            has_port = extra.rsplit("]", 1)[-1].count(":") == 1
            hosts.add(extra if has_port else f"{extra}:{port}")
        self.hosts = frozenset(hosts)
        self.origins = frozenset(
            {f"http://{h}" for h in hosts} | {o.strip().lower().rstrip("/") for o in extra_origins}
        )

    def refusal(self, host: str | None, origin: str | None, *, websocket: bool) -> str | None:
        """Why a request with these headers is refused, or None when it may go through.

        A websocket must carry an Origin (every browser sends one); `Origin: null` (sandboxed
        frames, local files) is never allowed.
        """
        if host is None or host.strip().lower() not in self.hosts:
            return "this server answers only to " + ", ".join(sorted(self.hosts)) + " (see --allow-host)"
        if origin is None:
            return "a websocket needs an Origin header" if websocket else None
        if origin.strip().lower().rstrip("/") not in self.origins:
            return "requests from another site are refused (see --allow-origin)"
        return None


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


def _guarded_server_class():
    import textual_serve.server as server_module
    from aiohttp import web

    from workbench.core.output.literal import printable

    class GuardedServer(server_module.Server):
        """textual-serve's server behind a `SiteGate`, with a cap on concurrent sessions."""

        def __init__(self, command: str, *, gate: SiteGate, max_sessions: int, **kwargs: object) -> None:
            super().__init__(command, **kwargs)  # type: ignore[arg-type]
            self.gate = gate
            self.max_sessions = max_sessions
            self.sessions = 0

        def say(self, message: str) -> None:
            # Header values come from the network: printed literally, escapes made visible.
            self.console.print(printable(message, one_line=True), markup=False, highlight=False)

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(self._guard)
            return app

        @web.middleware
        async def _guard(self, request: web.Request, handler):
            reason = self.gate.refusal(
                request.headers.get("Host"), request.headers.get("Origin"), websocket=request.path == "/ws"
            )
            if reason is not None:
                self.say(
                    f"refused {request.method} {request.path} (Host {request.headers.get('Host')!r}, "
                    f"Origin {request.headers.get('Origin')!r}): {reason}"
                )
                raise web.HTTPForbidden(text=f"403 Forbidden: {reason}\n")
            return await handler(request)

        async def on_startup(self, app: web.Application) -> None:
            self.say(
                tr(
                    "AI Capex Workbench on {url} (at most {sessions} sessions; Ctrl+C quits)",
                    url=self.public_url,
                    sessions=self.max_sessions,
                )
            )

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            if self.sessions >= self.max_sessions:
                return await self._refuse(request)
            self.sessions += 1  # counted before the app starts, so a burst cannot exceed the cap
            counted = True

            def closed() -> None:
                # Released when the tab goes, not when its app has been reaped, so that reloading
                # a tab at the limit is never refused.
                nonlocal counted
                if counted:
                    counted = False
                    self.sessions -= 1

            try:
                return await self._session(request, closed)
            finally:
                closed()

        async def _refuse(self, request: web.Request) -> web.WebSocketResponse:
            """A session over the limit: the tab's terminal says why, and no app starts."""
            from aiohttp import WSCloseCode

            reason = tr(
                "{sessions} sessions are open, the most this server allows: close another tab, "
                "or start the server with a higher --max-sessions.",
                sessions=self.sessions,
            )
            self.say(tr("refused a new session: {reason}", reason=reason))
            websocket = web.WebSocketResponse()
            await websocket.prepare(request)
            await websocket.send_bytes(f"\r\n  {reason}\r\n".encode())
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"too many sessions")
            return websocket

        async def _session(self, request: web.Request, closed: Callable[[], None]) -> web.WebSocketResponse:
            # textual-serve's handler with a short heartbeat: its 15 s let a frozen tab's app live 17 s.
            websocket = web.WebSocketResponse(heartbeat=HEARTBEAT_SECONDS)
            width = server_module.to_int(request.query.get("width", "80"), 80)
            height = server_module.to_int(request.query.get("height", "24"), 24)
            app_service = None
            try:
                await websocket.prepare(request)
                app_service = server_module.AppService(
                    self.command,
                    write_bytes=websocket.send_bytes,
                    write_str=websocket.send_str,
                    close=websocket.close,  # type: ignore[arg-type]  # as textual-serve passes it
                    download_manager=self.download_manager,
                    debug=self.debug,
                )
                await app_service.start(width, height)
                await self._process_messages(websocket, app_service)
            except asyncio.CancelledError:
                await websocket.close()
            except Exception as error:  # one session's failure must not stop the server
                server_module.log.exception(error)
            finally:
                closed()
                if app_service is not None:
                    await app_service.stop()
            return websocket

    return GuardedServer


def serve(
    command: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    allow_hosts: tuple[str, ...] = (),
    allow_origins: tuple[str, ...] = (),
    max_sessions: int = DEFAULT_MAX_SESSIONS,
) -> None:
    """Serve `command` (one app process per browser session) until interrupted."""
    import textual_serve.server as server_module

    # The server looks AppService up in its module: swap in the reaping one.
    server_module.AppService = _reaping_app_service()  # type: ignore[misc]
    gate = SiteGate(host, port, allow_hosts, allow_origins)
    # `exec` so the process textual-serve holds is the app itself, not a shell around it.
    _guarded_server_class()(
        f"exec {command}", gate=gate, max_sessions=max_sessions, host=host, port=port, title=tr("AI Capex Workbench")
    ).serve()


def orphan_watchdog(poll_seconds: float = 1.0) -> None:
    """In a served app process: exit as soon as the server that started it is gone."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(poll_seconds)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="orphan-watchdog", daemon=True).start()
