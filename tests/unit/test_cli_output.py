"""What the headless commands write: never a traceback on a full disk, never a live terminal escape."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.datakit import BUNDLED

FULL_DISK = [
    ("check",),  # on data with a problem, so that it prints
    ("search", "AI"),
    ("search", "AI", "--json"),
    ("roi", "aws-apec", "--json"),
]


@pytest.mark.parametrize("args", FULL_DISK, ids=" ".join)
def test_a_full_disk_on_stdout_ends_in_one_line_and_an_exit_code(args, make_data):
    data = make_data({"quotes.toml": "[[quote]\n"}) if args == ("check",) else BUNDLED
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "workbench", *args, "--data", str(data)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert "Traceback" not in result.stderr
    assert "cannot write the output: No space left on device" in result.stderr
    assert result.returncode == 74


def test_a_closed_pipe_is_not_an_error():
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench", "search", "AI", "--data", str(BUNDLED)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.read(10)
    process.stdout.close()
    _, err = process.communicate(timeout=120)
    assert b"Traceback" not in err and b"Exception ignored" not in err
    assert process.returncode == 0
