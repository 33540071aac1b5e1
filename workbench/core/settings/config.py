"""The user's config file: key remapping and theme, read strictly, never fatal.

Location: `$WORKBENCH_CONFIG`, else `$XDG_CONFIG_HOME/ai-capex-workbench/config.toml`
(`~/.config/…` when XDG_CONFIG_HOME is unset). Example:

    theme = "colour-blind"        # default | colour-blind | red-up
    language = "zh-Hans"          # en | zh-Hans | zh-Hant (else WORKBENCH_LANG, else the locale)
    amounts = "yi"                # usd-bn ($64.55B) | yi (645.5亿美元)
    [keymap]
    "app.capex" = "f1"            # binding id = comma-separated keys
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.i18n import LANGUAGES, tr
from workbench.core.i18n.choice import parse_language
from workbench.core.output.numbers import AMOUNT_UNITS

if TYPE_CHECKING:
    from workbench.core.data.problems import Problem

# The app's first frame needs the config's language: the TOML reader is imported only when
# there is a file to read.

APP_DIR = "ai-capex-workbench"
THEMES = ("default", "colour-blind", "red-up")


def config_path() -> Path:
    """Where the config file is read from (it need not exist)."""
    explicit = os.environ.get("WORKBENCH_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / APP_DIR / "config.toml"


def state_dir() -> Path:
    """Where session state is kept (`$XDG_STATE_HOME/ai-capex-workbench`)."""
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / APP_DIR


@dataclass
class Config:
    """What the config file asks for; `problems` says what was ignored and why."""

    path: Path
    theme: str = "default"
    language: str | None = None  # None: WORKBENCH_LANG or the locale decides
    amounts: str = "usd-bn"
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    whole_file_ignored: bool = False  # not valid TOML: every entry is ignored, the defaults apply
    unknown_bindings: list[Problem] = field(default_factory=list)  # keymap ids no binding has (with known_ids)


def consequence(whole_file: bool) -> str:
    """What a config problem did: say exactly what was ignored and what still applies."""
    if whole_file:
        return tr("The whole config file was ignored: the app runs on its defaults.")
    return tr("Only this entry was ignored; the rest of the config file applies.")


def load_config(path: Path | None = None, known_ids: set[str] | None = None) -> Config:
    """Read the config; anything invalid is reported and replaced by the default."""
    path = path or config_path()
    config = Config(path)
    if not path.exists():
        return config
    from workbench.core.data.problems import ProblemLog
    from workbench.core.data.toml_source import load_toml

    log = ProblemLog(path, config.problems)
    data, locator = load_toml(path, log)
    if data is None or locator is None:
        config.whole_file_ignored = bool(config.problems)
        return config
    theme = data.get("theme", "default")
    if theme not in THEMES:
        log.add(
            locator.key_line(1, "theme") if "theme" in data else 1,
            tr("unknown theme {theme!r}; choose one of {choices}", theme=theme, choices=", ".join(THEMES)),
        )
    else:
        config.theme = theme
    if "language" in data:
        language = data["language"]
        tag = parse_language(language) if isinstance(language, str) else None
        if tag is None:
            log.add(
                locator.key_line(1, "language"),
                tr(
                    "unknown language {language!r}; choose one of {choices}",
                    language=language,
                    choices=", ".join(LANGUAGES),
                ),
            )
        config.language = tag
    if "amounts" in data:
        amounts = data["amounts"]
        if amounts in AMOUNT_UNITS:
            config.amounts = amounts
        else:
            log.add(
                locator.key_line(1, "amounts"),
                tr(
                    "unknown amounts {amounts!r}; choose one of {choices}",
                    amounts=amounts,
                    choices=", ".join(AMOUNT_UNITS),
                ),
            )
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        log.add(1, tr("'keymap' must be a table of binding id = \"keys\""))
        return config
    table_line = locator.table_line("keymap")
    for binding_id, keys in keymap.items():
        line = locator.key_line(table_line, binding_id)
        if not isinstance(keys, str) or not keys.strip():
            log.add(line, tr("keymap: {id!r} must be a string of comma-separated keys", id=binding_id))
        elif known_ids is not None and binding_id not in known_ids:
            log.add(line, tr("keymap: unknown binding id {id!r} (see the keys panel, ?)", id=binding_id))
            config.unknown_bindings.append(config.problems[-1])
        else:
            config.keymap[binding_id] = keys.replace(" ", "")
    return config
