"""Atomic file replacement shared by scenario saving and exports."""

from __future__ import annotations

import os

import pytest

from workbench.core.files import atomic
from workbench.core.files.atomic import atomic_write


def test_text_and_bytes_are_written_as_given(tmp_path):
    path = tmp_path / "f.csv"
    atomic_write(path, "a,b\r\nç,€\n")
    assert path.read_bytes() == "a,b\r\nç,€\n".encode()  # no newline translation
    atomic_write(path, b"\xef\xbb\xbfraw")
    assert path.read_bytes() == b"\xef\xbb\xbfraw"


def test_permissions_kept_set_or_from_the_umask(tmp_path):
    path = tmp_path / "kept.toml"
    path.write_text("old")
    os.chmod(path, 0o640)
    atomic_write(path, "new")
    assert path.stat().st_mode & 0o777 == 0o640
    atomic_write(path, "newer", 0o600)
    assert path.stat().st_mode & 0o777 == 0o600
    old = os.umask(0o077)
    try:
        atomic_write(tmp_path / "fresh.csv", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "fresh.csv").stat().st_mode & 0o777 == 0o600


def test_a_failed_rename_leaves_the_old_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "f.toml"
    path.write_text("old")

    def full_disk(_src, _dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(path, "new")
    assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["f.toml"]


def test_the_folder_is_synced_after_the_rename(tmp_path, monkeypatch):
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    atomic_write(tmp_path / "f.csv", "x")
    assert len(synced) == 2  # the file, then its folder
