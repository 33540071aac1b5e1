"""`L`: link the quote shown to the figure it supports (a capex.csv or financials.csv row).

The company's figures are listed first, newest first; typing filters by period, metric, basis or value.
Enter links the figure: its `quote` becomes this quote and its `source` the quote's document, so Enter
on the figure in the Capex screen then opens the passage.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from workbench.core.data.layout import CAPEX, FINANCIALS, data_file
from workbench.core.data.model import Dataset, Quote
from workbench.core.i18n import N_, is_chinese, tr
from workbench.core.output.numbers import bn, figure
from workbench.ui.dialogs.scenario_frame import ScenarioDialog
from workbench.ui.widgets.quote_list import LineList, safe

# The files' codes as a Chinese reader reads them; in English a row shows the codes as written.
KINDS = {"actual": N_("actual"), "guidance": N_("guidance"), "estimate": N_("estimate")}
BASES = {"cash": N_("cash"), "incl_finance_leases": N_("incl. finance leases"), "net_cash": N_("net cash")}
METRICS = {
    "capex": N_("capex"),
    "revenue": N_("revenue"),
    "operating_income": N_("operating income"),
    "operating_cash_flow": N_("operating cash flow"),
    "depreciation_amortization": N_("D&A"),
    "finance_lease_principal": N_("finance-lease principal"),
    "cloud_revenue": N_("cloud revenue"),
    "cloud_operating_income": N_("cloud operating income"),
    "rpo": N_("RPO"),
}


def _named(code: str, names: dict[str, str]) -> str:
    """A code in the interface language: Chinese names the known ones; English keeps every code as written."""
    return tr(names[code]) if is_chinese() and code in names else code


@dataclass(frozen=True)
class FigureRow:
    """One linkable figure: where it is (file and line) and how it reads (and, for the filter, its codes)."""

    path: Path
    line: int
    ticker: str
    label: str
    linked: str  # the quote it names now ("" for none)
    codes: str = ""  # the row as the files write it, when the label names its codes in Chinese


def figure_rows(ds: Dataset, quote: Quote) -> list[FigureRow]:
    """The figures a quote could support: its company's first (newest first), then every other."""
    rows: list[FigureRow] = []
    capex, financials = data_file(ds.root, CAPEX), data_file(ds.root, FINANCIALS)
    for f in ds.capex:
        value = figure(f.value_bn, f.low_bn, f.high_bn)
        codes = f"{f.fiscal_period} · {f.period_end} · capex {f.kind} · {f.basis} · {value} · {f.source}"
        what = f"{_named('capex', METRICS)} {_named(f.kind, KINDS)} · {_named(f.basis, BASES)}"
        label = f"{f.fiscal_period} · {f.period_end} · {what} · {value} · {f.source}"
        rows.append(FigureRow(capex, f.line, f.ticker, label, f.quote, codes if label != codes else ""))
    for m in ds.financials:
        segment = f" ({m.segment})" if m.segment else ""
        end = f" · {bn(m.value_bn)} · {m.source}"
        codes = f"{m.fiscal_period} · {m.period_end} · {m.metric}{segment} {m.kind}{end}"
        what = f"{_named(m.metric, METRICS)}{segment} {_named(m.kind, KINDS)}"
        label = f"{m.fiscal_period} · {m.period_end} · {what}{end}"
        rows.append(FigureRow(financials, m.line, m.ticker, label, m.quote, codes if label != codes else ""))
    ours = [r for r in rows if r.ticker == quote.company]
    ours.sort(key=lambda r: r.label, reverse=True)
    return ours + [r for r in rows if r.ticker != quote.company]


class FigureList(LineList):
    """Figures, one per line, `TICKER  FY2025Q2 · … ` with a ✓ on those already linked to the quote."""

    def __init__(self, quote_id: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.quote_id = quote_id
        self.rows: list[FigureRow] = []

    def set_rows(self, rows: list[FigureRow]) -> None:
        self.rows = rows
        self.set_count(len(rows))
        self.move_cursor(0 if rows else None, announce=False)

    def prompt(self, index: int) -> Content:
        row = self.rows[index]
        mark = "✓ " if row.linked == self.quote_id else ("· " if row.linked else "  ")
        return Content.assemble(mark, (f"{safe(row.ticker):<6}", "bold"), safe(row.label))


class LinkFigureDialog(ScenarioDialog[FigureRow | None]):
    """Pick the figure this quote supports; Enter links it, Esc cancels."""

    DEFAULT_CSS = """
    LinkFigureDialog > Vertical { width: 120; height: 90%; }
    LinkFigureDialog #figure-list { height: 1fr; }
    LinkFigureDialog #figure-hint { color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="link_figure.cancel"),
        Binding("down", "to_list", N_("Figures"), show=False, id="link_figure.list"),
    ]

    def __init__(self, ds: Dataset, quote: Quote) -> None:
        super().__init__()
        self.quote = quote
        self.rows = figure_rows(ds, quote)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield self.title_line(tr("Link quote {id} to the figure it supports", id=safe(self.quote.id)))
            yield Input(placeholder=tr("filter: FY2025 capex cash 13.87 …"), id="figure-filter", compact=True)
            yield FigureList(self.quote.id, id="figure-list")
            yield Static(
                tr("✓ linked to this quote · · linked to another · Enter links · Esc cancels"), id="figure-hint"
            )

    def on_mount(self) -> None:
        """All figures listed, the company's first; typing filters."""
        self.query_one(FigureList).set_rows(self.rows)
        self.query_one("#figure-filter", Input).focus()

    @on(Input.Changed, "#figure-filter")
    def _filter(self, event: Input.Changed) -> None:
        """Keep the figures whose line holds every word typed."""
        words = event.value.lower().split()
        rows = [r for r in self.rows if all(w in f"{r.ticker} {r.label} {r.codes}".lower() for w in words)]
        self.query_one(FigureList).set_rows(rows)

    @on(Input.Submitted, "#figure-filter")
    def _to_list(self) -> None:
        self.action_to_list()

    def action_to_list(self) -> None:
        """Move to the list of figures."""
        self.query_one(FigureList).focus()

    @on(FigureList.Selected)
    def _chosen(self, event: FigureList.Selected) -> None:
        """Enter on a figure links it."""
        event.stop()
        rows = self.query_one(FigureList).rows
        if 0 <= event.index < len(rows):
            self.dismiss(rows[event.index])
