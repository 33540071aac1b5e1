#!/usr/bin/env python3
"""One entry point for users and CI: sets up .venv from the pinned lock, then runs.

    python3 dev.py run [ARGS...]    the workbench on the bundled data (ARGS go to `workbench`)
    python3 dev.py test             the code checks (below), then the whole test suite
    python3 dev.py test ARGS...     pytest alone, with ARGS (one file, -k, --snapshot-update, ...)
    python3 dev.py check            the code checks alone: lint, format, types, import contracts
    python3 dev.py bench [ARGS...]  the benchmark script
    python3 dev.py i18n [PATH...]   the messages each language still lacks, as .po entries to fill in

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
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py itself may be run by an older Python
        sys.exit("The workbench needs Python 3.11 or newer.")
    if not (BIN / "python").exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    print("Installing pinned dependencies (first run only) ...", flush=True)
    subprocess.run([*pip, "-r", str(ROOT / "requirements.lock")], check=True)
    subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True)
    STAMP.write_text(want)


# The code checks, in the order a failure is quickest to read (docs/architecture.md).
CHECKS = (
    ("lint", ["ruff", "check", "."]),
    ("format", ["ruff", "format", "--check", "."]),
    ("types", ["mypy"]),
    ("import contracts", ["lint-imports"]),
)


def run_checks(env: dict[str, str]) -> int:
    """Run every check, report each by name, and fail if any failed."""
    failed = []
    for name, (tool, *args) in CHECKS:
        print(f"== {name}: {tool} {' '.join(args)}", flush=True)
        if subprocess.call([str(BIN / tool), *args], cwd=ROOT, env=env) != 0:
            failed.append(name)
    if failed:
        print(f"checks failed: {', '.join(failed)}", flush=True)
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    command, args = (argv[0], argv[1:]) if argv else ("run", [])
    ensure_venv()
    env = dict(os.environ)
    if command == "run":
        cmd = [str(BIN / "workbench"), *args]
    elif command == "check":
        return run_checks(env)
    elif command == "test":
        if not args and run_checks(env) != 0:
            return 1
        cmd = [str(BIN / "python"), "-m", "pytest", *args]
    elif command == "i18n":
        cmd = [str(BIN / "python"), "-m", "workbench.core.i18n.stubs", *args]
    elif command == "bench":
        cmd = [str(BIN / "python"), str(ROOT / "bench" / "run.py"), *args]
    else:
        print(__doc__)
        return 2
    return subprocess.call(cmd, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
