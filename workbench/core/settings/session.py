"""Session state: which screen, selection and panes the user left, per data directory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from workbench.core.files.atomic import atomic_write
from workbench.core.settings.config import state_dir

MAX_DIRECTORIES = 50  # keep the file small: the most recently used data directories


def session_file() -> Path:
    return state_dir() / "session.json"


def load_session(data_dir: Path, path: Path | None = None) -> dict[str, Any]:
    """The saved state for `data_dir`, or {} if none or unreadable (a session is a convenience)."""
    try:
        sessions = json.loads((path or session_file()).read_text("utf-8"))
        state = sessions.get(str(Path(data_dir).resolve()), {})
        return state if isinstance(state, dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def save_session(data_dir: Path, state: dict[str, Any], path: Path | None = None) -> None:
    """Store `state` for `data_dir` atomically; failures are ignored (read-only home, full disk)."""
    path = path or session_file()
    try:
        sessions = json.loads(path.read_text("utf-8"))
        if not isinstance(sessions, dict):
            sessions = {}
    except (OSError, ValueError):
        sessions = {}
    key = str(Path(data_dir).resolve())
    sessions.pop(key, None)
    sessions[key] = state
    sessions = dict(list(sessions.items())[-MAX_DIRECTORIES:])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(sessions, ensure_ascii=False, indent=1), 0o600)  # paths stay private
    except OSError:
        pass
