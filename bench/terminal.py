"""Measure an app the way a user sees it: in a real terminal (tmux), by what is on the screen.

A private tmux server (its own socket file, so the user's sessions are never touched) runs each
command in a fresh window of a fixed size; `Window.wait_for` polls `capture-pane` until the
screen shows what it should, and returns the seconds since the command was started.
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

POLL_S = 0.01
_SERVERS = itertools.count(1)


class Terminal:
    """A private tmux server whose windows are `width`×`height`, with `env` for every command."""

    def __init__(self, width: int = 120, height: int = 40, env: dict[str, str] | None = None) -> None:
        self.width, self.height = width, height
        self.env = {**os.environ, **(env or {})}
        # A server of its own each time, its socket in a folder removed afterwards.
        self._folder = tempfile.TemporaryDirectory(prefix="workbench-tmux-")
        self.socket = str(Path(self._folder.name) / f"s{next(_SERVERS)}")
        self._count = 0

    def _tmux(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-S", self.socket, *args], capture_output=True, text=True, check=check, env=self.env
        )

    def __enter__(self) -> Terminal:
        # A session that idles, so the server is running before anything is timed.
        self._tmux(
            "new-session", "-d", "-s", "idle", "-x", str(self.width), "-y", str(self.height), "sleep 3600", check=True
        )
        return self

    def __exit__(self, *exc: object) -> None:
        self._tmux("kill-server")
        self._folder.cleanup()

    def start(self, command: list[str], cwd: Path | None = None) -> Window:
        """Start `command` in a new window; the clock starts now."""
        self._count += 1
        name = f"w{self._count}"
        line = " ".join(shlex.quote(part) for part in command)
        if cwd is not None:
            line = f"cd {shlex.quote(str(cwd))} && exec {line}"
        else:
            line = f"exec {line}"
        started = time.perf_counter()
        self._tmux("new-session", "-d", "-s", name, "-x", str(self.width), "-y", str(self.height), line, check=True)
        return Window(self, name, started)


class Window:
    """One command running in the terminal."""

    def __init__(self, terminal: Terminal, name: str, started: float) -> None:
        self.terminal, self.name, self.started = terminal, name, started
        self._pid: int | None = None

    def screen(self) -> str:
        result = self.terminal._tmux("capture-pane", "-p", "-t", self.name)
        return result.stdout if result.returncode == 0 else ""

    @property
    def alive(self) -> bool:
        return self.terminal._tmux("has-session", "-t", self.name).returncode == 0

    def wait_for(self, shows: Callable[[str], bool], timeout: float = 60.0, steady: float = 0.0) -> float:
        """Seconds from the start until the screen `shows` what is wanted (TimeoutError if never);
        with `steady`, it must go on showing it for that long (the time it first did is returned)."""
        deadline = time.perf_counter() + timeout
        since: float | None = None
        while time.perf_counter() < deadline:
            screen = self.screen()
            if shows(screen):
                now = time.perf_counter()
                since = now if since is None else since
                if now - since >= steady:
                    return since - self.started
                time.sleep(POLL_S)
                continue
            since = None
            if not screen and not self.alive:
                raise RuntimeError(f"{self.name} exited before showing what was expected")
            time.sleep(POLL_S)
        raise TimeoutError(f"{self.name}: not shown within {timeout:.0f} s:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        self.terminal._tmux("send-keys", "-t", self.name, *keys)

    @property
    def pid(self) -> int:
        if self._pid is None:
            self._pid = int(self.terminal._tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").stdout)
        return self._pid

    def peak_rss_mb(self) -> float:
        """The process's peak resident memory so far (VmHWM, as ru_maxrss reports at exit)."""
        status = Path(f"/proc/{self.pid}/status").read_text()
        match = re.search(r"VmHWM:\s+(\d+) kB", status)
        return int(match.group(1)) / 1024 if match else float("nan")

    def close(self, quit_keys: tuple[str, ...] = ("C-q",), timeout: float = 5.0) -> None:
        """Quit the app with its own keys; kill the window if it does not go."""
        if self.alive:
            self.keys(*quit_keys)
            deadline = time.perf_counter() + timeout
            while self.alive and time.perf_counter() < deadline:
                time.sleep(0.05)
        if self.alive:
            self.terminal._tmux("kill-session", "-t", self.name)


def contains(*texts: str) -> Callable[[str], bool]:
    """A screen test: every one of `texts` is on the screen."""
    return lambda screen: all(text in screen for text in texts)
