"""Colour themes: the default, a colour-blind-safe one, and red-up (as in Chinese markets).

Up/down colours are theme variables (`$trend-up`, `$trend-down`) so every widget that shows a
change uses the same pair; ▲/▼ (or a sign) always accompany them so the meaning survives
without colour. Content styles and CSS name the variables and follow a theme switch by
themselves; rich Text needs the colour itself (`trend_style`) and a redraw on a switch
(`on_theme_change`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from textual.app import App
from textual.dom import DOMNode
from textual.theme import BUILTIN_THEMES, Theme

from workbench.core.i18n import N_

_BASE = BUILTIN_THEMES["textual-dark"]

# name in the config file → (Textual theme name, up colour, down colour, what the palette says)
TREND_COLOURS = {
    "default": ("workbench", "#4EBF71", "#E05252", N_("green up, red down")),
    "colour-blind": ("workbench-colour-blind", "#56B4E9", "#E69F00", N_("blue up, orange down (Okabe–Ito)")),
    "red-up": ("workbench-red-up", "#E05252", "#4EBF71", N_("red up, green down, as in Chinese markets")),
}

UP, DOWN = "$trend-up", "$trend-down"  # for Content styles and CSS


def _theme(name: str, up: str, down: str) -> Theme:
    return Theme(
        name=name,
        primary=_BASE.primary,
        secondary=_BASE.secondary,
        accent=_BASE.accent,
        warning=_BASE.warning,
        error=_BASE.error,
        success=_BASE.success,
        foreground=_BASE.foreground,
        background=_BASE.background,
        surface=_BASE.surface,
        panel=_BASE.panel,
        boost=_BASE.boost,
        dark=True,
        variables={"trend-up": up, "trend-down": down},
    )


def register_themes(app: App) -> None:
    """Make the workbench themes available (also in the palette's theme picker)."""
    for name, up, down, _ in TREND_COLOURS.values():
        if app.no_color:  # two colours turned grey read as bright-or-dim, not up-or-down: plain text
            up = down = _BASE.foreground or up
        app.register_theme(_theme(name, up, down))


def trend_defaults(no_color: bool = False) -> dict[str, str]:
    """The up/down variables for themes that do not set them (Textual's own, from the theme picker)."""
    _, up, down, _ = TREND_COLOURS["default"]
    if no_color:
        up = down = _BASE.foreground or up
    return {"trend-up": up, "trend-down": down}


def theme_name(config_theme: str) -> str:
    """The Textual theme for a config-file theme name (the default for an unknown one)."""
    return TREND_COLOURS.get(config_theme, TREND_COLOURS["default"])[0]


def startup_theme(config_theme: str, saved: dict, available: Collection[str]) -> str:
    """The theme to start in: the one last chosen in the app, unless the config file's `theme` changed since.

    `saved` is the session's {"theme": Textual name, "config_theme": the config's theme then}.
    """
    chosen = saved.get("theme")
    if isinstance(chosen, str) and chosen in available and saved.get("config_theme") == config_theme:
        return chosen
    return theme_name(config_theme)


def trend_direction(change: float | None) -> int:
    """1 up, -1 down, 0 for no change or none."""
    if change is None or change != change or change == 0:  # None, NaN, zero
        return 0
    return 1 if change > 0 else -1


def trend_style(app: App, change: float | None) -> str:
    """The rich style for a change: the theme's up or down colour, or nothing."""
    direction = trend_direction(change)
    if direction == 0:
        return ""
    variables = app.theme_variables or trend_defaults()
    return variables.get("trend-up" if direction > 0 else "trend-down", "")


def on_theme_change(node: DOMNode, redraw: Callable[[], object]) -> None:
    """Call `redraw()` after every theme switch (for colours baked into rich Text). Call from on_mount."""
    node.app.theme_changed_signal.subscribe(node, lambda _theme: redraw())
