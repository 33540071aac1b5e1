"""Pieces the deal widgets share: literal fixed-width cells, one-line deal rows, a vim-keyed list."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workbench.core.deals.ledger import KIND_LABELS, STATUS_LABELS, LedgerRow
from workbench.core.i18n import N_, is_chinese, tr
from workbench.ui.safe_text import literal

# Marks that keep their meaning without colour.
NOT_COUNTED = "⊂"  # inside another row's amount (or the same deal reported twice): not added
TIED = "↺"  # funding to be spent on the funder's own cloud or chips


def cell(text: str, width: int, *, right: bool = False, style: str = "") -> Text:
    """Untrusted text shown literally in exactly `width` cells (cut with … when longer)."""
    piece = literal(text, style)
    piece.truncate(width, overflow="ellipsis")
    gap = " " * max(0, width - cell_len(piece.plain))
    return Text.assemble(gap, piece) if right else Text.assemble(piece, gap)


# The statuses and confidences deals.csv uses, named in the interface language (others as written).
STATUS_WORDS = {
    "closed": N_("closed"),
    "committed": N_("committed"),
    "reported": N_("reported"),
    "announced": N_("announced"),
}
CONFIDENCE_WORDS = {
    "low": N_("low"),
    "low-medium": N_("low-medium"),
    "medium": N_("medium"),
    "medium-high": N_("medium-high"),
    "high": N_("high"),
}
# Confidence in the table's few cells in English (the detail below spells it out).
CONFIDENCE_SHORT = {"low-medium": "low–med", "medium": "med", "medium-high": "med–hi"}


def kind_label(kind: str) -> str:
    return tr(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def status_label(status: str) -> str:
    if status in STATUS_LABELS:
        return tr(STATUS_LABELS[status])
    if status in STATUS_WORDS:
        return tr(STATUS_WORDS[status])
    return status or "—"


def confidence_label(confidence: str, *, short: bool = False) -> str:
    """`medium`, or `med` in a table cell (Chinese words are short already); unknown ones as written."""
    if confidence not in CONFIDENCE_WORDS:
        return confidence
    if short and not is_chinese():
        return CONFIDENCE_SHORT.get(confidence, confidence)
    return tr(CONFIDENCE_WORDS[confidence])


def mark(row: LedgerRow) -> str:
    """The one-character flag of a row: not added, tied funding, or blank."""
    return NOT_COUNTED if not row.counted else TIED if row.tied else " "


def source_label(row: LedgerRow) -> str:
    """Where the deal comes from: the quote id for a document, the source id otherwise."""
    return f"❝{row.deal.quote}" if row.deal.quote else row.deal.source


def deal_line(row: LedgerRow, arrow: str) -> Text:
    """`⊂ → equity      $4.00B 2023-09-01 committed ❝amzn-anthropic-up-to-4b` (the party is the heading's)."""
    return Text.assemble(
        f"{mark(row)} {arrow} ",
        cell(kind_label(row.deal.kind), 8),
        " ",
        cell(row.amount.text, 12, right=True, style="dim" if not row.counted else ""),
        " ",
        row.deal.announced.isoformat(),
        " ",
        cell(status_label(row.deal.status), 9),
        " ",
        literal(source_label(row), "italic"),
        no_wrap=True,
        overflow="ellipsis",
        end="",
    )


class DealList(OptionList):
    """An option list with vim keys; options with a `deal:N` id stand for ledger rows."""

    DEFAULT_CSS = """
    DealList {
        height: 1fr;
        border: none;
        padding: 0;
        &:focus { border: none; }
    }
    """

    BINDINGS = [
        Binding("j", "cursor_down", N_("Down"), show=False, id="deals.list.down"),
        Binding("k", "cursor_up", N_("Up"), show=False, id="deals.list.up"),
        Binding("g", "first", N_("First"), show=False, id="deals.list.first"),
        Binding("G", "last", N_("Last"), show=False, id="deals.list.last"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.targets: list[str] = []  # per line: "deal:N", "party:KEY", or "" (not selectable)

    def set_lines(self, lines: list[tuple[Text, str]]) -> None:
        """Replace the lines; a line's target may repeat (a deal listed under two parties)."""
        self.targets = [target for _, target in lines]
        self.set_options(Option(prompt, disabled=not target) for prompt, target in lines)

    def target_at(self, index: int | None) -> str:
        """The target of a line ("" for none)."""
        return self.targets[index] if index is not None and 0 <= index < len(self.targets) else ""

    def highlighted_id(self) -> str:
        """The target of the highlighted line ("" when none)."""
        return self.target_at(self.highlighted)

    def highlighted_deal(self) -> int | None:
        """The ledger index of the highlighted deal line, if a deal line is highlighted."""
        kind, _, value = self.highlighted_id().partition(":")
        return int(value) if kind == "deal" else None

    def highlight_target(self, target: str | None) -> None:
        """Put the cursor on the first line with `target`, else on the first selectable line."""
        wanted = self.targets.index(target) if target in self.targets else None
        if wanted is None:
            wanted = next((i for i, t in enumerate(self.targets) if t), None)
        self.highlighted = wanted
