"""Replace a file all at once: a crash or a full disk leaves the old file or the new one, never a mix.

A path that is a symlink is followed: the file it points at is replaced (the link stays a link).
Anything that is not a regular file (a folder, FIFO, device or socket) is refused, never replaced.
A crash between creating the temporary file and renaming it can leave `.NAME.XXXXXXXX.tmp` behind:
the next write into that folder removes such leftovers once they are a minute old.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from contextlib import suppress
from pathlib import Path

from workbench.core.i18n import tr

# Our temporary files: `.` + the target's name + `.` + mkstemp's 8 random characters + `.tmp`.
_TEMP_NAME = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
ORPHAN_AGE_SECONDS = 60.0  # older than any write in progress could be


class NotRegularFile(OSError):
    """The path names a folder, FIFO, device or socket: it is never replaced."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(errno.EINVAL, tr("{kind}, not a regular file: left as it is", kind=kind), str(path))


def _kind(mode: int) -> str | None:
    """What a non-regular file is, for the user; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return tr("a folder")
    if stat.S_ISFIFO(mode):
        return tr("a FIFO (named pipe)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return tr("a device")
    if stat.S_ISSOCK(mode):
        return tr("a socket")
    return tr("a special file")


def write_target(path: Path | str) -> Path:
    """The file a write to `path` replaces: the end of its symlinks (which may not exist yet).

    Raises NotRegularFile if that is a folder, FIFO, device or socket.
    """
    path = Path(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target
    kind = _kind(mode)
    if kind is not None:
        raise NotRegularFile(path, kind)
    return target


def sweep_orphans(folder: Path, now: float | None = None) -> None:
    """Remove our temporary files in `folder` left by a crash (older than ORPHAN_AGE_SECONDS)."""
    limit = (time.time() if now is None else now) - ORPHAN_AGE_SECONDS
    with suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not _TEMP_NAME.fullmatch(entry.name):
                continue
            with suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and info.st_mtime < limit:
                    os.unlink(entry.path)


def _umask_mode() -> int:
    """The permissions a new file gets under the current umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path | str, data: bytes | str, mode: int | None = None) -> None:
    """Write `data` (text as UTF-8, newlines as given) to a temp file beside `path`, fsync it, rename it
    over `path`, then fsync the folder so the rename itself survives a crash.

    `mode` is the file's permission bits; None keeps those of the file replaced (a new file follows
    the umask). On any failure the temp file is removed and `path` is untouched. A symlink is
    followed (its target is replaced); a folder, FIFO or device raises NotRegularFile.
    """
    path = write_target(path)
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = _umask_mode()
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    with suppress(OSError):  # not every platform lets a folder be opened
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    sweep_orphans(path.parent)
