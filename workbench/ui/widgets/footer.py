"""A footer that never cuts a key in half: the keys that do not fit are left to the keys panel (`?`).

Keys keep their order of importance (the focused widget's, then the screen's, then the app's);
`?` always stays, and reads `? more` when some keys did not fit.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from workbench.core.i18n import N_, tr

PALETTE_WIDTH = 14  # "^p palette" with its border and padding, docked on the right
KEYS_ACTION = "app.toggle_keys"
# Textual's own command-palette key, drawn here: its description and tooltip, for the catalogue.
TEXTUAL_PALETTE = (N_("palette"), N_("Open the command palette"))


def key_width(key_display: str, description: str) -> int:
    """Cells a key takes: ` k ` then `description `."""
    return cell_len(key_display) + 2 + (cell_len(description) + 1 if description else 0)


def fit_keys(widths: list[int], room: int, keep: int | None) -> list[int]:
    """Indexes of the keys to show, in order: as many as fit, always `keep` (the keys panel) if given."""
    reserved = widths[keep] if keep is not None else 0
    shown, used = [], reserved
    for i, width in enumerate(widths):
        if i == keep:
            continue
        if used + width > room:
            break  # the rest are less important: they wait in the keys panel
        shown.append(i)
        used += width
    if keep is not None:
        shown.append(keep)
    return shown


# One key as drawn: (key, key display, description, action, enabled, tooltip).
DrawnKey = tuple[str, str, str, str, bool, str]


def _drawn(app: App[object], binding: Binding, enabled: bool, tooltip: str) -> DrawnKey:
    """A binding as its key is drawn, in the interface language (descriptions are marked English)."""
    return (
        binding.key,
        app.get_key_display(binding),
        tr(binding.description),
        binding.action,
        enabled,
        tr(tooltip) if tooltip else "",
    )


def _footer_key(drawn: DrawnKey, classes: str) -> FooterKey:
    key, display, description, action, enabled, tooltip = drawn
    return FooterKey(key, display, description, action, classes=classes, disabled=not enabled, tooltip=tooltip)


class FittingFooter(Footer):
    """Textual's footer, minus the keys that would not fit at this width.

    Only the keys that fit are made, and the footer is composed again only when what it shows
    changes: the bindings are refreshed on every focus change, and making all ~60 keys each time
    cost a frame when a screen first opened.
    """

    _drawn: tuple[tuple[DrawnKey, ...], DrawnKey | None] | None = None
    _refit_pending = False

    def _plan(self) -> tuple[tuple[DrawnKey, ...], DrawnKey | None]:
        """The keys to draw at this width, and the palette key (as Textual's footer lists them)."""
        app = self.app
        active = self.screen.active_bindings
        first_per_action: dict[str, DrawnKey] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in first_per_action:
                first_per_action[binding.action] = _drawn(app, binding, enabled, tooltip or binding.tooltip)
        keys = list(first_per_action.values())
        palette: DrawnKey | None = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = _drawn(app, binding, enabled, binding.tooltip or binding.description)
        # Before its first layout the footer has no width yet: it spans the screen.
        room = (self.size.width or self.app.size.width) - (PALETTE_WIDTH if palette else 0)
        keep = next((i for i, k in enumerate(keys) if k[3] in (KEYS_ACTION, "toggle_keys")), None)
        shown = fit_keys([key_width(k[1], k[2]) for k in keys], room, keep)
        if keep is not None and len(shown) < len(keys):
            keys[keep] = (*keys[keep][:2], tr("more"), *keys[keep][3:])
        return tuple(keys[i] for i in shown), palette

    def compose(self) -> ComposeResult:
        # Textual's footer is empty until the screen first says its keys have changed, so a
        # bare app's first frame has none. These are the keys the screen offers as it is made;
        # it says which it offers once settled, and the footer follows if they differ.
        try:
            self._drawn = keys, palette = self._plan()
        except NoMatches:
            if self._bindings_ready:
                raise
            self._drawn = None  # a screen whose keys depend on widgets not mounted yet
            return
        self.styles.grid_size_columns = len(keys) + (1 if palette else 0)
        # Each key is made as it will be drawn (compact or not, with its class): a FooterKey is
        # made compact, then follows the footer's setting, and each change restyled it (44 keys
        # restyled as a screen first opened).
        for drawn in keys:
            made = _footer_key(drawn, "-compact" if self.compact else "")
            made.set_reactive(FooterKey.compact, self.compact)
            yield made.data_bind(compact=Footer.compact)
        if palette is not None:
            yield _footer_key(palette, "-command-palette -compact")  # compact, as in Textual's footer

    def bindings_changed(self, screen: Screen) -> None:
        """Fit the keys again once the screen has settled (many changes arrive together)."""
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen and not self._refit_pending:
            self._refit_pending = True
            self.call_after_refresh(self._refit)

    async def _refit(self) -> None:
        self._refit_pending = False
        if self.is_attached and self._plan() != self._drawn:
            await self.recompose()

    def on_resize(self, event: Resize) -> None:
        """Fit the keys again at the new width."""
        if event.size.width != getattr(self, "_fitted_width", None):
            self._fitted_width = event.size.width
            self.call_after_refresh(self._refit)
