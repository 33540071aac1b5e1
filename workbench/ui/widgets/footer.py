"""A footer that never cuts a key in half: the keys that do not fit are left to the keys panel (`?`).

Keys keep their order of importance (the focused widget's, then the screen's, then the app's);
`?` always stays, and reads `? more` when some keys did not fit.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.app import App
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.events import MouseDown, MouseMove, Resize
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

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


class FittingFooter(Widget, can_focus=False):
    """The screen's keys on one line, as Textual's footer draws them, minus those that would not fit.

    One widget draws them all: Textual's footer made a widget per key, and 11 keys took 20 ms of
    the 52 ms before the app's first frame (and as much again each time the keys changed, and for
    every screen built). The keys are fitted again only when what the screen offers changes.
    Hover, click and each key's tooltip work as in Textual's footer.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer--item", "footer--key", "footer--description", "footer--hover", "footer--edge"}
    DEFAULT_CSS = """
    FittingFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .footer--item { background: $footer-item-background; }
        & > .footer--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
        & > .footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .footer--hover { color: $footer-key-foreground; background: $block-hover-background; }
        & > .footer--edge { color: $foreground 20%; }
    }
    """

    _drawn: tuple[tuple[DrawnKey, ...], DrawnKey | None] | None = None
    _hovered: DrawnKey | None = None
    _fitted_width = -1

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

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
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = _drawn(app, binding, enabled, binding.tooltip or binding.description)
        # Before its first layout the footer has no width yet: it spans the screen.
        room = (self.size.width or self.app.size.width) - (PALETTE_WIDTH if palette else 0)
        keep = next((i for i, k in enumerate(keys) if k[3] in (KEYS_ACTION, "toggle_keys")), None)
        shown = fit_keys([key_width(k[1], k[2]) for k in keys], room, keep)
        if keep is not None and len(shown) < len(keys):
            keys[keep] = (*keys[keep][:2], tr("more"), *keys[keep][3:])
        return tuple(keys[i] for i in shown), palette

    def _keys(self) -> tuple[tuple[DrawnKey, ...], DrawnKey | None]:
        """What is drawn: planned once, then again only when the screen's keys or the width change."""
        if self._drawn is None:
            try:
                self._drawn = self._plan()
            except NoMatches:  # a screen whose keys depend on widgets not mounted yet
                return (), None
        return self._drawn

    @property
    def shown(self) -> list[DrawnKey]:
        """The keys drawn, left to right (the palette key last)."""
        keys, palette = self._keys()
        return [*keys, *([palette] if palette else [])]

    def bindings_changed(self, screen: Screen) -> None:
        """Fit the keys again (drawn again only if they changed)."""
        if screen is self.screen and self.is_attached:
            try:
                planned = self._plan()
            except NoMatches:  # keys of widgets still being mounted: their own change follows
                return
            if planned != self._drawn:
                self._drawn = planned
                self.refresh()

    def on_resize(self, event: Resize) -> None:
        """Fit the keys again at the new width."""
        if event.size.width != self._fitted_width:
            self._fitted_width = event.size.width
            self._drawn = None
            self.refresh()

    # --- drawing ----------------------------------------------------------------------------

    def _places(self) -> list[tuple[int, int, DrawnKey]]:
        """Each key's first cell and width: the keys from the left, the palette key on the right."""
        keys, palette = self._keys()
        places, x = [], 0
        for key in keys:
            width = key_width(key[1], key[2])
            places.append((x, width, key))
            x += width
        if palette is not None:
            width = 1 + cell_len(palette[1]) + 1 + cell_len(palette[2]) + 1  # edge, key, description, padding
            places.append((self.size.width - width, width, palette))
        return places

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        _keys, palette = self._keys()
        style = self.get_component_rich_style
        # The key and its description over the key's own background (hovered or not), as in
        # Textual's footer: their colours and weight only, where their backgrounds are clear.
        item = style("footer--item")
        key_style, description_style = style("footer--key", partial=True), style("footer--description", partial=True)
        segments: list[Segment] = []
        used = 0
        for x, key_width_, drawn in self._places():
            if x > used:
                segments.append(Segment(" " * (x - used), base))
            own = base + item
            if drawn == self._hovered:
                own += style("footer--hover")
            if not drawn[4]:
                own += Style(dim=True)
            if drawn is palette:
                segments.append(Segment("▏", own + Style(color=style("footer--edge").color)))
                text = [(drawn[1], key_style), (" " + drawn[2], description_style), (" ", None)]
            elif drawn[2]:
                text = [(f" {drawn[1]} ", key_style), (f"{drawn[2]} ", description_style)]
            else:
                text = [(f" {drawn[1]} ", key_style)]
            segments += [Segment(part, own + extra if extra else own) for part, extra in text]
            used = x + key_width_
        return Strip(segments).adjust_cell_length(width, base)

    # --- the mouse --------------------------------------------------------------------------

    def _key_at(self, x: int) -> DrawnKey | None:
        return next((key for start, width, key in self._places() if start <= x < start + width), None)

    def on_mouse_move(self, event: MouseMove) -> None:
        """The key under the pointer is highlighted, its tooltip shown."""
        key = self._key_at(event.x)
        if key != self._hovered:
            self._hovered = key
            self.tooltip = (key[5] or None) if key is not None else None
            self.refresh()

    def on_leave(self) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.refresh()

    def on_mouse_down(self, event: MouseDown) -> None:
        """A click presses the key (a bell for a key that does nothing here)."""
        key = self._key_at(event.x)
        if key is None:
            return
        if key[4]:
            self.app.simulate_key(key[0])
        else:
            self.app.bell()
