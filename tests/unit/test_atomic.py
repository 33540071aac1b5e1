"""Atomic file replacement shared by scenario saving and exports."""

from __future__ import annotations

import os
from pathlib import Path

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


def test_a_symlink_is_followed_and_stays_a_link(tmp_path):
    real = tmp_path / "real" / "demo.toml"
    real.parent.mkdir()
    real.write_text("old")
    os.chmod(real, 0o640)
    link = tmp_path / "demo.toml"
    link.symlink_to(real)
    atomic_write(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new" and real.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["demo.toml"]  # the temp file sat beside the target
    dangling = tmp_path / "new.csv"
    dangling.symlink_to(tmp_path / "real" / "made.csv")
    atomic_write(dangling, "x")
    assert (tmp_path / "real" / "made.csv").read_text() == "x" and dangling.is_symlink()


@pytest.mark.parametrize("kind", ["folder", "fifo", "device", "link to device"])
def test_non_regular_files_are_refused_and_left_alone(tmp_path, kind):
    from workbench.core.files.atomic import NotRegularFile

    path = tmp_path / "out.csv"
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/null")
    else:
        path.symlink_to("/dev/null")
    with pytest.raises(NotRegularFile, match="not a regular file"):
        atomic_write(path, "x")
    if kind == "fifo":
        assert path.is_fifo()
    if kind == "link to device":
        assert path.is_symlink()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_an_orphan_temp_file_is_swept_by_the_next_write_once_a_minute_old(tmp_path):
    orphan = tmp_path / ".demo.toml.ab3_x9zq.tmp"  # what a kill -9 mid-save leaves
    orphan.write_text("half")
    fresh = tmp_path / ".other.toml.k2m4n6p8.tmp"  # perhaps another process's write in progress
    fresh.write_text("half")
    foreign = tmp_path / ".notes.tmp"  # not ours
    foreign.write_text("keep")
    old = os.stat(orphan).st_mtime - 120
    os.utime(orphan, (old, old))
    os.utime(foreign, (old, old))
    atomic_write(tmp_path / "demo.toml", "new")
    assert not orphan.exists() and fresh.exists() and foreign.exists()


def test_saving_a_scenario_that_is_a_symlink_edits_the_real_file(tmp_path):
    from tests.datakit import SCENARIO
    from workbench.core.scenarios import files as sc

    real = tmp_path / "elsewhere" / "demo.toml"
    real.parent.mkdir()
    real.write_text(SCENARIO, encoding="utf-8")
    link = tmp_path / "scenarios" / "demo.toml"
    link.parent.mkdir()
    link.symlink_to(real)
    scenario = sc.load_scenario(link, [])
    assert scenario is not None
    from workbench.core.roi import model as roi

    cases = {name: {k: v for k, v in table.items() if k in roi.INPUTS} for name, table in scenario.cases.items()}
    sc.save_scenario(scenario, {**scenario.base, "capex_bn": 12.5}, cases)
    assert link.is_symlink() and "capex_bn = 12.5" in real.read_text(encoding="utf-8")


def test_an_export_over_a_fifo_says_why_and_leaves_it(tmp_path):
    from workbench.core.output.export import ExportError, export_rows

    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match=r"could not write .*out.csv: a FIFO \(named pipe\), not a regular file"):
        export_rows(fifo, [{"a": 1}])
    assert fifo.is_fifo()
