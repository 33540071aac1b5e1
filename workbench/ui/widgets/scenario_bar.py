"""A one-line row of choices (views, or the case being edited): ←/→ or a click picks one."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from workbench.core.i18n import N_
from workbench.core.output.literal import printable


class ChoiceBar(Widget, can_focus=True):
    """Choices on one line; the chosen one is bracketed and reversed, so it reads without colour."""

    DEFAULT_CSS = """
    ChoiceBar {
        height: 1;
        width: 1fr;
        padding: 0 1;
    }
    ChoiceBar:focus {
        background: $boost;
    }
    """

    BINDINGS = [
        Binding("left,h", "move(-1)", N_("Previous"), id="choice.previous", show=False),
        Binding("right,l", "move(1)", N_("Next"), id="choice.next", show=False),
    ]

    @dataclass
    class Chosen(Message):
        """The user picked another choice."""

        bar: ChoiceBar
        key: str

        @property
        def control(self) -> ChoiceBar:
            return self.bar

    chosen: reactive[str] = reactive("", always_update=True)

    def __init__(self, prefix: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.prefix = prefix
        self._choices: list[tuple[str, str, str]] = []  # (key, label, suffix)
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) on screen, for clicks

    def set_choices(self, choices: list[tuple[str, str, str]], chosen: str | None = None) -> None:
        """Replace the choices: (key, label shown literally, suffix such as a marker)."""
        self._choices = list(choices)
        keys = [key for key, _, _ in self._choices]
        if chosen is not None and chosen in keys:
            self.chosen = chosen
        elif self.chosen not in keys:
            self.chosen = keys[0] if keys else ""
        self.refresh()

    @property
    def keys(self) -> list[str]:
        """The choices' keys, in order."""
        return [key for key, _, _ in self._choices]

    def render(self) -> Text:
        """The row, e.g. `Case: [base]  bear●  bull●`."""
        text = Text(self.prefix, style="dim", no_wrap=True, overflow="ellipsis", end="")
        self._spans = []
        limit = self._label_limit()
        for key, label, suffix in self._choices:
            text.append(" ")
            start = text.cell_len
            full = _cut(printable(label, one_line=True), 32)
            shown = full if key == self.chosen else _cut(full, limit)
            if shown != full:
                shown = _cut(shown, cell_len(shown) - 1) + "…"
            shown += suffix
            if key == self.chosen:
                text.append(f"[{shown}]", style="reverse bold")
            else:
                text.append(f" {shown} ")
            self._spans.append((start, text.cell_len, key))
        return text

    def _label_limit(self) -> int:
        """How long the labels not chosen may be so every choice fits on the line (≥ 6)."""
        width = self.content_region.width or 10_000
        full = cell_len(self.prefix) + sum(3 + _cells(label) + cell_len(suffix) for _, label, suffix in self._choices)
        if full <= width or len(self._choices) < 2:
            return 32
        chosen = next((_cells(label) for key, label, _ in self._choices if key == self.chosen), 0)
        fixed = cell_len(self.prefix) + sum(3 + cell_len(suffix) for _, _, suffix in self._choices) + chosen
        return max(6, (width - fixed) // (len(self._choices) - 1))

    def action_move(self, step: int) -> None:
        """Choose the previous or next choice (wrapping)."""
        keys = self.keys
        if not keys:
            return
        index = (keys.index(self.chosen) + step) % len(keys) if self.chosen in keys else 0
        self.pick(keys[index])

    def pick(self, key: str) -> None:
        """Choose `key` as if the user had, announcing it."""
        if key in self.keys:
            self.chosen = key
            self.post_message(self.Chosen(self, key))

    def on_click(self, event: events.Click) -> None:
        """Choose what was clicked."""
        x = event.x - self.styles.padding.left
        for start, end, key in self._spans:
            if start <= x < end:
                self.pick(key)
                return


def _cut(text: str, cells: int) -> str:
    """`text` cut to at most `cells` terminal cells (a wide character never half shown)."""
    if cell_len(text) <= cells:
        return text
    out, used = [], 0
    for char in text:
        used += cell_len(char)
        if used > cells:
            break
        out.append(char)
    return "".join(out)


def _cells(label: str) -> int:
    """The cells a label takes at most (32)."""
    return cell_len(_cut(printable(label, one_line=True), 32))
