"""The rows a payback figure came from, each with its source; or, for a missing figure, why it is missing."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from workbench.core.capex.summaries import basis_label
from workbench.core.data.model import Dataset
from workbench.core.i18n import N_, is_chinese, tr, tr_n
from workbench.core.output import numbers
from workbench.core.payback.book import NAMES
from workbench.core.payback.traced import Traced, shown_text
from workbench.ui.safe_text import literal


def row_what(row: Any) -> str:
    """`capex (cash)`, `revenue`, `cloud_revenue (AWS)`: what a data row measures.

    In Chinese the metric is named (`云收入 (AWS)`); segments and bases stay as the data writes them."""
    if hasattr(row, "metric"):
        metric = tr(NAMES[row.metric]) if is_chinese() and row.metric in NAMES else row.metric
        return f"{metric} ({row.segment})" if row.segment else metric
    return f"{tr('capex')} ({basis_label(row.basis) if is_chinese() else row.basis})"


def row_file(row: Any) -> str:
    return "financials.csv" if hasattr(row, "metric") else "capex.csv"


class FigureRowsDialog(ModalScreen[None]):
    """A figure's inputs: one line per data row (file:line, period, what, value, source); Enter opens a row's source."""

    BINDINGS = [
        Binding("escape,q", "close", N_("Close"), id="figure_rows.close"),
        Binding(
            "o",
            "source",
            N_("Source"),
            id="figure_rows.source",
            tooltip=N_("Where the row under the cursor comes from"),
        ),
    ]
    DEFAULT_CSS = """
    FigureRowsDialog { align: center middle; }
    FigureRowsDialog #rows-dialog { width: 95%; max-width: 140; height: auto; max-height: 90%;
                                    border: thick $accent; background: $surface; padding: 0 1; }
    FigureRowsDialog #rows-heading { text-style: bold; width: 1fr; }
    FigureRowsDialog #rows-summary { height: auto; }
    FigureRowsDialog DataTable { height: auto; max-height: 16; }
    FigureRowsDialog .hint { color: $text-muted; }
    """

    def __init__(self, dataset: Dataset, heading: str, traced: Traced, shown: str) -> None:
        super().__init__()
        self.dataset = dataset
        self.heading = heading
        self.traced = traced
        self.shown = shown

    def compose(self) -> ComposeResult:
        with Vertical(id="rows-dialog"):
            yield Label(literal(self.heading), id="rows-heading")
            yield Static(self._summary(), id="rows-summary")
            yield DataTable(id="rows-table", cursor_type="row", zebra_stripes=True)
            hint = tr("Enter or o: the row's source · Esc close") if self.traced.rows else tr("Esc close")
            yield Label(hint, classes="hint")

    def _summary(self) -> Text:
        t = self.traced
        text = Text(end="")
        text.append(tr("Value") + "  ", "bold")
        text.append_text(literal(self.shown))
        if t.value is None:
            text.append("\n" + tr("Missing") + "  ", "bold")
            text.append_text(literal(shown_text(t.why), one_line=False))
        if t.note:
            text.append("\n" + tr("Note") + "  ", "bold")
            text.append_text(literal(shown_text(t.note), one_line=False))
        count = len(t.rows)
        behind = tr_n("{n} row behind it", "{n} rows behind it", count) if count else tr("No rows behind it")
        text.append("\n" + behind, "dim")
        return text

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in (N_("Row"), N_("Period"), N_("Ends"), N_("What"), N_("Value $B"), N_("Source")):
            shown = tr(label).replace("$B", numbers.unit_label())
            table.add_column(Text(shown, justify="right" if "$B" in label else "left", end=""))
        for row in self.traced.rows:
            value = row.point if hasattr(row, "point") else row.value_bn
            source = self.dataset.sources.get(row.source)
            title = source.title if source is not None else row.source
            table.add_row(
                Text(f"{row_file(row)}:{row.line}", end=""),
                literal(row.fiscal_period),
                Text(row.period_end.isoformat()),
                literal(row_what(row)),
                Text(numbers.amount_number(value), justify="right", end=""),
                literal(title),
            )
        if self.traced.rows:
            table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter: the row's source (its quote when it has one)."""
        event.stop()
        self.action_source()

    def action_source(self) -> None:
        """Open where the row under the cursor comes from."""
        from workbench.ui.dialogs.source import SourceDialog

        table = self.query_one(DataTable)
        if not self.traced.rows or not 0 <= table.cursor_row < len(self.traced.rows):
            return
        row = self.traced.rows[table.cursor_row]
        heading = f"{row.ticker} {row.fiscal_period} {row_what(row)}"
        self.app.push_screen(SourceDialog(self.dataset, row.source, row.quote, heading, row.note))

    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss(None)
