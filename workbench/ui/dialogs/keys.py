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

from workbench.core.i18n import N_, is_chinese, tr
from workbench.core.settings.config import config_path
from workbench.ui.safe_text import literal

# Textual's own keys that this panel lists (scrolling, lists, tables, text boxes, tabs): their
# descriptions, for the catalogue; `_describe` translates whatever description a binding has.
TEXTUAL_DESCRIPTIONS = (
    *(N_("Focus Next"), N_("Focus Previous"), N_("Copy selected text"), N_("Quit")),
    *(N_("Scroll Up"), N_("Scroll Down"), N_("Scroll Left"), N_("Scroll Right")),
    *(N_("Scroll Home"), N_("Scroll End"), N_("Page Up"), N_("Page Down"), N_("Page Left"), N_("Page Right")),
    *(N_("Select"), N_("Down"), N_("Up"), N_("First"), N_("Last")),
    *(N_("Cursor up"), N_("Cursor down"), N_("Cursor left"), N_("Cursor right")),
    *(N_("Page up"), N_("Page down"), N_("Top"), N_("Bottom"), N_("Home"), N_("End")),
    *(N_("Previous tab"), N_("Next tab"), N_("Press button"), N_("Show menu"), N_("Dismiss menu"), N_("Toggle")),
    *(N_("Move cursor left"), N_("Move cursor left a word"), N_("Move cursor left and select")),
    *(N_("Move cursor left a word and select"), N_("Move cursor right a word"), N_("Move cursor right and select")),
    *(N_("Move cursor right a word and select"), N_("Move cursor right or accept the completion suggestion")),
    *(N_("Go to start"), N_("Go to end"), N_("Select line start"), N_("Select line end"), N_("Select all")),
    *(N_("Delete character left"), N_("Delete character right"), N_("Delete left to start of word")),
    *(N_("Delete right to start of word"), N_("Delete all to the left"), N_("Delete all to the right")),
    *(N_("Cut selected text"), N_("Paste text from the clipboard"), N_("Submit")),
    *(N_("Cursor up select"), N_("Cursor down select"), N_("Cursor left select"), N_("Cursor right select")),
    *(N_("Cursor word left"), N_("Cursor word right"), N_("Cursor left word select"), N_("Cursor right word select")),
    *(N_("Cursor line start"), N_("Cursor line end"), N_("Cursor line start select"), N_("Cursor line end select")),
    *(N_("Cursor page up"), N_("Cursor page down"), N_("Delete line"), N_("Delete to line start")),
    *(N_("Delete to line end"), N_("Select line"), N_("Copy"), N_("Cut"), N_("Paste"), N_("Undo"), N_("Redo")),
)
# What a group of keys is called in Chinese when its widget has no BINDING_GROUP_TITLE (English
# shows the class name, as before).
GROUP_TITLES = {
    "DealTable": N_("deal table"),
    "DealList": N_("list"),
    "PartyList": N_("party list"),
    "PartyReportList": N_("party report"),
    "DealNetwork": N_("network"),
    "DealYears": N_("years table"),
    "Input": N_("text box"),
    "TextArea": N_("text box"),
    "OptionList": N_("list"),
    "DataTable": N_("table"),
    "Tabs": N_("tabs"),
    "TabbedContent": N_("tabs"),
    "VerticalScroll": N_("scrolling pane"),
    "ScrollableContainer": N_("scrolling pane"),
    "Select": N_("choice"),
    "Button": N_("button"),
}


@dataclass
class KeyRow:
    """One action and every key that runs it."""

    keys: list[str]
    description: str
    binding_id: str


def _describe(binding: Binding) -> str:
    """The binding's description and tooltip (marked English in BINDINGS), in the interface language."""
    text = tr(binding.description) if binding.description else binding.action
    if binding.tooltip and binding.tooltip.lower() != (binding.description or binding.action).lower():
        text += f" — {tr(binding.tooltip)}"
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
    """What a group of keys is called: the widget's BINDING_GROUP_TITLE, else its class name (English)."""
    title = getattr(node, "BINDING_GROUP_TITLE", None)
    if not is_chinese():
        return title or type(node).__name__
    ours = next((c for c in type(node).__mro__ if "BINDING_GROUP_TITLE" in c.__dict__), None)
    if title and ours is not None and ours.__module__.startswith("workbench."):
        return tr(title)  # the workbench's own titles are marked for the catalogue
    known = next((GROUP_TITLES[c.__name__] for c in type(node).__mro__ if c.__name__ in GROUP_TITLES), None)
    return tr(known) if known else title or type(node).__name__


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
            heading = tr("Here ({name}, where the cursor is)", name=_title(node))
        elif node is screen:
            title = getattr(screen, "SCREEN_TITLE", "")
            heading = tr("{name} screen", name=tr(title) if title else _title(screen))
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
            groups.append((tr("In {name} (move there first: Tab or the mouse)", name=_title(widget)), rows))
    rows = node_rows(app, keymap, seen)
    if rows:
        groups.append((tr("Everywhere"), rows))
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
        Binding("escape,q,question_mark", "close", N_("Close"), id="keys.close"),
        Binding("j,down", "scroll('down')", N_("Down"), show=False, id="keys.down"),
        Binding("k,up", "scroll('up')", N_("Up"), show=False, id="keys.up"),
    ]
    DEFAULT_CSS = """
    KeysDialog { align: center middle; }
    KeysDialog #keys-dialog { width: 96%; max-width: 120; height: 90%; border: thick $accent;
                              background: $surface; padding: 0 1; }
    KeysDialog #keys-title { text-style: bold; }
    KeysDialog #keys-scroll { height: 1fr; }
    KeysDialog .hint { color: $text-muted; width: 100%; }  /* wraps rather than cut at 80 columns */
    """

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.groups = key_groups(screen)

    def compose(self) -> ComposeResult:
        with Vertical(id="keys-dialog"):
            yield Label(tr("Every key here, hidden ones too · the id is what a keymap remaps"), id="keys-title")
            with VerticalScroll(id="keys-scroll"):
                yield Static(keys_table(self.groups), id="keys-table")
            yield Label(
                literal(
                    tr('Remap a key: [keymap] "id" = "keys" in {path} · Esc closes', path=_tilde(config_path())),
                    one_line=False,
                ),
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
