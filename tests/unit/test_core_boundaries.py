"""The core is plain Python: it must never import Textual (scripts and tests call it directly)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import workbench.core


def test_core_modules_do_not_import_textual():
    modules = [m.name for m in pkgutil.walk_packages(workbench.core.__path__, "workbench.core.")]
    assert "workbench.core.data.loader" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_loading_data_does_not_import_numpy_or_textual(make_data):
    """Loading is on the app's first-frame path, so it must stay light."""
    code = (
        "import sys\nfrom workbench.core.data.loader import load_dataset\n"
        f"load_dataset({str(make_data({'scenarios/demo.toml': None}))!r})\n"
        "assert 'numpy' not in sys.modules and 'textual' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
