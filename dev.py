#!/usr/bin/env python3
"""One entry point for users and CI: sets up .venv from the pinned lock, then runs.

    python3 dev.py run [ARGS...]    the workbench on the bundled data (ARGS go to `workbench`)
    python3 dev.py test [ARGS...]   the whole test suite (ARGS go to pytest)
    python3 dev.py bench [ARGS...]  the benchmark script

The virtual environment is (re)built only when requirements.lock or pyproject.toml change.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed"


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.lock", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_venv() -> None:
    """Create .venv and install the locked dependencies plus this project, once."""
    want = _fingerprint()
    if STAMP.exists() and STAMP.read_text() == want:
        return
    if sys.version_info < (3, 11):
        sys.exit("The workbench needs Python 3.11 or newer.")
    if not (BIN / "python").exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    print("Installing pinned dependencies (first run only) ...", flush=True)
    subprocess.run([*pip, "-r", str(ROOT / "requirements.lock")], check=True)
    subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True)
    STAMP.write_text(want)


def main(argv: list[str]) -> int:
    command, args = (argv[0], argv[1:]) if argv else ("run", [])
    ensure_venv()
    env = dict(os.environ)
    if command == "run":
        cmd = [str(BIN / "workbench"), *args]
    elif command == "test":
        cmd = [str(BIN / "python"), "-m", "pytest", *args]
    elif command == "bench":
        cmd = [str(BIN / "python"), str(ROOT / "bench" / "run.py"), *args]
    else:
        print(__doc__)
        return 2
    return subprocess.call(cmd, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
