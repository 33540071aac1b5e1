"""Colour themes: the default, a colour-blind-safe one, and red-up (as in Chinese markets).

Up/down colours are theme variables (`$trend-up`, `$trend-down`) so every widget that shows a
change uses the same pair; ▲/▼ always accompany them so the meaning survives without colour.
"""

from __future__ import annotations

from textual.app import App
from textual.theme import BUILTIN_THEMES, Theme

_BASE = BUILTIN_THEMES["textual-dark"]

# name in the config file → (Textual theme name, up colour, down colour)
TREND_COLOURS = {
    "default": ("workbench", "#4EBF71", "#E05252"),
    "colour-blind": ("workbench-colour-blind", "#56B4E9", "#E69F00"),  # Okabe–Ito blue / orange
    "red-up": ("workbench-red-up", "#E05252", "#4EBF71"),
}


def _theme(name: str, up: str, down: str) -> Theme:
    return Theme(
        name=name, primary=_BASE.primary, secondary=_BASE.secondary, accent=_BASE.accent,
        warning=_BASE.warning, error=_BASE.error, success=_BASE.success, foreground=_BASE.foreground,
        background=_BASE.background, surface=_BASE.surface, panel=_BASE.panel, boost=_BASE.boost, dark=True,
        variables={"trend-up": up, "trend-down": down},
    )


def register_themes(app: App) -> None:
    """Make the workbench themes available (also in the palette's theme picker)."""
    for name, up, down in TREND_COLOURS.values():
        app.register_theme(_theme(name, up, down))


def theme_name(config_theme: str) -> str:
    return TREND_COLOURS.get(config_theme, TREND_COLOURS["default"])[0]


def trend_style(app: App, change: float | None) -> str:
    """The rich style for a change: the theme's up or down colour, or nothing."""
    if change is None or change == 0:
        return ""
    variables = app.theme_variables
    return variables.get("trend-up" if change > 0 else "trend-down", "")
