"""Session state files: per data directory, atomic, and never fatal."""

from __future__ import annotations

from workbench.core.settings.session import load_session, save_session


def test_round_trip_per_directory(tmp_path):
    path = tmp_path / "state" / "session.json"
    save_session(tmp_path / "a", {"mode": "quotes"}, path)
    save_session(tmp_path / "b", {"mode": "deals"}, path)
    assert load_session(tmp_path / "a", path) == {"mode": "quotes"}
    assert load_session(tmp_path / "b", path) == {"mode": "deals"}
    assert list(path.parent.iterdir()) == [path]  # no temporary files left behind
    assert path.stat().st_mode & 0o777 == 0o600  # it names the user's folders: private


def test_corrupt_or_missing_state_is_an_empty_session(tmp_path):
    path = tmp_path / "session.json"
    assert load_session(tmp_path, path) == {}
    path.write_text("{not json")
    assert load_session(tmp_path, path) == {}
    save_session(tmp_path, {"mode": "capex"}, path)
    assert load_session(tmp_path, path) == {"mode": "capex"}


def test_unwritable_state_directory_is_ignored(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    save_session(tmp_path, {"mode": "capex"}, blocker / "session.json")  # parent is a file: no error
