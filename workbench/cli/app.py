"""`workbench [--data DIR]`: the Textual app."""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def run(args: argparse.Namespace, data_dir: Path) -> int:
    if os.environ.get("TEXTUAL_DRIVER", "").endswith("WebDriver"):
        from workbench.ui.serve import orphan_watchdog

        orphan_watchdog()  # served to a browser: never outlive the server that started us
    from workbench.ui.app import WorkbenchApp

    WorkbenchApp(data_dir).run()
    return 0
