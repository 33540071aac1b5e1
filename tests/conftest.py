"""Shared fixtures: isolation from the user's home, and scratch data directories."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.datakit import BUNDLED, FILES


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Never read or write the user's real config or cache."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(home / "cache" / "workbench"))
    monkeypatch.delenv("WORKBENCH_DATA", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("WORKBENCH_LANG", "en")  # whatever the machine's locale; Chinese tests set their own


@pytest.fixture(autouse=True)
def _english_after():
    """The interface language and amount unit are process-wide: each test starts from English and $B."""
    from workbench.core.i18n import set_language
    from workbench.core.output.numbers import set_amount_unit

    set_language("en")
    set_amount_unit("usd-bn")
    yield
    set_language("en")
    set_amount_unit("usd-bn")


@pytest.fixture
def make_data(tmp_path):
    """Write the small valid dataset, with any file replaced (`None` deletes it); returns its dir."""

    def make(overrides: dict[str, str | bytes | None] | None = None) -> Path:
        root = tmp_path / "data"
        if root.exists():
            shutil.rmtree(root)
        files = {**FILES, **(overrides or {})}
        for name, content in files.items():
            if content is None:
                continue
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make


@pytest.fixture
def bundled_copy(tmp_path) -> Path:
    """A scratch copy of the bundled data directory."""
    target = tmp_path / "bundled"
    shutil.copytree(BUNDLED, target)
    return target
