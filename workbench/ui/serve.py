"""`workbench serve`: the same app in a web browser through textual-serve (loopback by default)."""

from __future__ import annotations


def serve(command: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve `command` (one app process per browser session) until interrupted."""
    from textual_serve.server import Server

    Server(command, host=host, port=port, title="AI Capex Workbench").serve()
