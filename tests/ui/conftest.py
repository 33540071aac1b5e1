"""UI fixtures: no cursor blink anywhere, so snapshots are stable."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_blink(monkeypatch):
    """Widgets created at any time (screens, dialogs) must not blink."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "cursor_blink", False, raising=False)
    monkeypatch.setattr(TextArea, "cursor_blink", False, raising=False)
