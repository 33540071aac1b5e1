"""`?`: every key of the current screen — hidden ones too — with the binding ids a keymap remaps."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from workbench.core.settings.config import config_path
from workbench.ui.safe_text import literal


@dataclass
class KeyRow:
    """One action and every key that runs it."""

    keys: list[str]
    description: str
    binding_id: str


def _describe(binding: Binding) -> str:
    text = binding.description or binding.action
    if binding.tooltip and binding.tooltip.lower() != text.lower():
        text += f" — {binding.tooltip}"
    return text


def node_rows(node: DOMNode, keymap: dict[str, str], seen: set[str]) -> list[KeyRow]:
    """The node's own bindings (its classes' BINDINGS, remapped by the keymap), each action once.

    `seen` holds the actions already listed for nodes nearer the focus; they are skipped here.
    """
    bindings = node._bindings.copy()
    if keymap:
        bindings.apply_keymap(keymap)
    rows: dict[str, KeyRow] = {}
    for _key, binding in bindings:
        if binding.system:
            continue
        name = binding.id or f"{binding.action}|{binding.description}"
        if name in seen and name not in rows:
            continue
        row = rows.setdefault(name, KeyRow([], _describe(binding), binding.id or ""))
        display = node.app.get_key_display(binding)
        if display not in row.keys:
            row.keys.append(display)
    seen.update(rows)
    return list(rows.values())


def _tilde(path: Path) -> str:
    """A path under the home folder as ~/…, as users write it."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def _title(node: DOMNode) -> str:
    return getattr(node, "BINDING_GROUP_TITLE", None) or type(node).__name__


def key_groups(screen: Screen) -> list[tuple[str, list[KeyRow]]]:
    """(heading, rows) for the focused widget and its containers, the screen, its other widgets, the app."""
    app = screen.app
    keymap = dict(app._keymap)
    seen: set[str] = set()
    groups: list[tuple[str, list[KeyRow]]] = []
    focused = screen.focused
    chain: list[DOMNode] = list(focused.ancestors_with_self) if focused is not None else [screen, app]
    for node in chain:
        if node is app:
            continue
        if node is focused:
            heading = f"Here ({_title(node)}, where the cursor is)"
        elif node is screen:
            heading = f"{getattr(screen, 'SCREEN_TITLE', '') or _title(screen)} screen"
        else:
            heading = _title(node)
        rows = node_rows(node, keymap, seen)
        if rows:
            groups.append((heading, rows))
    for widget in screen.walk_children():  # keys that work once the focus moves there
        if widget in chain or not type(widget).__module__.startswith("workbench."):
            continue
        rows = node_rows(widget, keymap, seen)
        if rows:
            groups.append((f"In {_title(widget)} (move there first: Tab or the mouse)", rows))
    rows = node_rows(app, keymap, seen)
    if rows:
        groups.append(("Everywhere", rows))
    return groups


def keys_table(groups: list[tuple[str, list[KeyRow]]]) -> Group:
    """Per group: its heading (bold, underlined: readable without colour), then key | does | id."""
    parts: list[Text | Table] = []
    for heading, rows in groups:
        table = Table(box=None, expand=True, show_edge=False, show_header=False, pad_edge=False, padding=(0, 1))
        table.add_column("Key", no_wrap=True, style="bold", width=12, overflow="fold")
        table.add_column("Does", ratio=1)
        table.add_column("Binding id", no_wrap=True, style="dim", overflow="ellipsis", width=24)
        for row in rows:
            table.add_row(", ".join(row.keys), Text(row.description), row.binding_id or "—")
        parts += [Text(heading, style="bold underline"), table, Text("")]
    return Group(*parts)


class KeysDialog(ModalScreen[None]):
    """Every key of the screen below it, grouped from where the cursor is out to the whole app."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="keys.close"),
        Binding("j,down", "scroll('down')", "Down", show=False, id="keys.down"),
        Binding("k,up", "scroll('up')", "Up", show=False, id="keys.up"),
    ]
    DEFAULT_CSS = """
    KeysDialog { align: center middle; }
    KeysDialog #keys-dialog { width: 96%; max-width: 120; height: 90%; border: thick $accent;
                              background: $surface; padding: 0 1; }
    KeysDialog #keys-title { text-style: bold; }
    KeysDialog #keys-scroll { height: 1fr; }
    KeysDialog .hint { color: $text-muted; }
    """

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.groups = key_groups(screen)

    def compose(self) -> ComposeResult:
        with Vertical(id="keys-dialog"):
            yield Label("Every key here, hidden ones too · the id is what a keymap remaps", id="keys-title")
            with VerticalScroll(id="keys-scroll"):
                yield Static(keys_table(self.groups), id="keys-table")
            yield Label(
                literal(f'Remap a key: [keymap] "id" = "keys" in {_tilde(config_path())} · Esc closes', one_line=False),
                classes="hint",
            )

    def action_scroll(self, direction: str) -> None:
        """Scroll the list a line."""
        scroll = self.query_one("#keys-scroll", VerticalScroll)
        # immediate: keys typed in a burst each scroll a line (a deferred scroll would merge them)
        (scroll.scroll_down if direction == "down" else scroll.scroll_up)(animate=False, immediate=True)

    def action_close(self) -> None:
        """Back to the screen."""
        self.dismiss(None)
