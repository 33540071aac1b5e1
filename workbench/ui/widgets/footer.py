"""A footer that never cuts a key in half: the keys that do not fit are left to the keys panel (`?`).

Keys keep their order of importance (the focused widget's, then the screen's, then the app's);
`?` always stays, and reads `? more` when some keys did not fit.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.events import Resize
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from workbench.core.i18n import N_, tr

PALETTE_WIDTH = 14  # "^p palette" with its border and padding, docked on the right
KEYS_ACTION = "app.toggle_keys"
# Textual's own command-palette key, drawn here: its description and tooltip, for the catalogue.
TEXTUAL_PALETTE = (N_("palette"), N_("Open the command palette"))


def key_width(key: FooterKey) -> int:
    """Cells a key takes: ` k ` then `description `."""
    return cell_len(key.key_display) + 2 + (cell_len(key.description) + 1 if key.description else 0)


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


class FittingFooter(Footer):
    """Textual's footer, minus the keys that would not fit at this width."""

    def compose(self) -> ComposeResult:
        items = list(super().compose())
        if not self.size.width or not all(isinstance(w, FooterKey) for w in items):
            yield from items  # not laid out yet, or key groups: as Textual draws them
            return
        keys = [w for w in items if isinstance(w, FooterKey) and "-command-palette" not in w.classes]
        for key in keys:  # descriptions are marked English in BINDINGS, drawn in the interface language
            key.description = tr(key.description)
            if isinstance(key.tooltip, str):
                key.tooltip = tr(key.tooltip)
        others = [w for w in items if w not in keys]
        for other in others:  # Textual's "^p palette"
            if isinstance(other, FooterKey):
                other.description = tr(other.description)
                if isinstance(other.tooltip, str):
                    other.tooltip = tr(other.tooltip)
        room = self.size.width - (PALETTE_WIDTH if others else 0)
        keep = next((i for i, k in enumerate(keys) if k.action in (KEYS_ACTION, "toggle_keys")), None)
        shown = fit_keys([key_width(k) for k in keys], room, keep)
        if keep is not None and len(shown) < len(keys):
            keys[keep].description = tr("more")
        yield from (keys[i] for i in shown)
        yield from others

    def on_resize(self, event: Resize) -> None:
        """Fit the keys again at the new width."""
        if event.size.width != getattr(self, "_fitted_width", None):
            self._fitted_width = event.size.width
            self.call_after_refresh(self.recompose)
