"""The detail's small tables: one company's periods, its guidance ledger, the quotes about it, compare values."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import App

from workbench.core.capex import summaries as capex
from workbench.core.capex.summaries import Aligned, LedgerGroup
from workbench.core.data.model import CapexFigure, Quote
from workbench.core.i18n import N_, is_chinese, tr
from workbench.core.output import numbers
from workbench.ui.safe_text import literal
from workbench.ui.themes import on_theme_change, trend_style
from workbench.ui.widgets.item_table import ItemTable

MUTED = "dim"


def right(text: str, style: str = "") -> Text:
    """A right-aligned number cell."""
    return Text(text, style=style or (MUTED if text == numbers.MISSING else ""), justify="right", end="")


def change(value: float | None, app: App) -> Text:
    """A ▲/▼ percentage cell in the theme's up/down colour (the arrow carries the meaning without colour)."""
    return right(numbers.pct(value), trend_style(app, numbers.direction(value)) or MUTED)


def amount(value: float | None) -> str:
    """`$64.55B` under a `$B` title; in 亿美元 the bare number (`645.5`) under an `亿美元` title."""
    return numbers.bn(value) if numbers.amount_unit() == "usd-bn" else numbers.amount_number(value)


def figure_value(f: CapexFigure) -> Text:
    """A point or a range (`$64–72B`); in 亿美元 without the unit (`640–720`), the column title says it."""
    text = numbers.figure(f.value_bn, f.low_bn, f.high_bn)
    return right(text if numbers.amount_unit() == "usd-bn" else text.removesuffix(numbers.unit_label()))


def titled(label: str) -> str:
    """A column title in the interface language, `$B` written in the display unit (`Value 亿美元`)."""
    return tr(label).replace("$B", numbers.unit_label())


def source_cell(f: CapexFigure) -> Text:
    """The figure's source id, with ❝ when it comes with a verified quote (Enter opens it)."""
    text = literal(f.source)
    if f.quote:
        text.append(" ❝", "bold")
    return text


class PeriodTable(ItemTable[CapexFigure]):
    """A company's figures for one basis and frequency: period and end date, kind, basis, value, source."""

    empty_text = N_("No figures on this basis.")

    def show(self, figures: list[CapexFigure], calendar: bool) -> None:
        """List these figures; the calendar view adds the calendar period first."""
        columns = ([tr("Calendar")] if calendar else []) + [
            tr("Period · end"),
            tr("Kind"),
            titled(N_("Value $B")),
            tr("Said on"),
            tr("Source"),
            tr("Basis"),
            tr("Note"),
        ]
        rows = []
        for f in figures:
            cells: list[Any] = [capex.calendar_period_shown(f.period_end, f.is_annual)] if calendar else []
            kind = capex.kind_label(f.kind)
            cells += [
                f"{f.fiscal_period} · {f.period_end.isoformat()}",
                Text(kind, style="yellow" if f.kind == "guidance" else MUTED if f.kind == "estimate" else ""),
                figure_value(f),
                f.said_on.isoformat() if f.said_on else "",
                source_cell(f),
                literal(capex.basis_label(f.basis)),
                literal(f.note[:200]),
            ]
            rows.append((f, cells))
        self.fill(columns, rows)


class GuidanceLedger(ItemTable[CapexFigure]):
    """Every guidance statement per period and basis, in the order said, beside the eventual actual."""

    empty_text = N_("No guidance recorded for this company.")
    groups: list[LedgerGroup] = []

    def on_mount(self) -> None:
        """Recolour the ▲/▼ cells when the theme changes."""
        on_theme_change(self, self._recolour)

    def _recolour(self) -> None:
        row = self.cursor_row
        self.show(self.groups)
        self.move_cursor(row=row)

    def show(self, groups: list[LedgerGroup]) -> None:
        """One row per statement; the period and basis are written on each group's first row."""
        rows = []
        for g in groups:
            actual = g.actual.point if g.actual else None
            for n, f in enumerate(g.statements):
                rows.append(
                    (
                        f,
                        [
                            f.fiscal_period if n == 0 else "",
                            f.said_on.isoformat() if f.said_on else "",
                            figure_value(f),
                            right(amount(actual)),
                            change(capex.versus_guidance(actual, f), self.app),
                            source_cell(f),
                            literal(capex.basis_label(g.basis)) if n == 0 else "",
                        ],
                    )
                )
        self.groups = groups
        titles = [tr("Period"), tr("Said on"), titled(N_("Guidance $B")), titled(N_("Actual $B"))]
        self.fill([*titles, tr("vs guidance"), tr("Source"), tr("Basis")], rows, right_aligned={tr("vs guidance")})

    def group_of(self, figure: CapexFigure | None) -> LedgerGroup | None:
        """The period-and-basis group a statement belongs to."""
        return next((g for g in self.groups if figure in g.statements), None)


class CompanyQuotes(ItemTable[Quote]):
    """The quotes that mention a company, newest first; Enter opens one in the Quotes screen.

    The quote's words come right after its date and take the width the table has (the speaker,
    stance and source follow), so a narrow terminal still reads the quote, not the speaker's title.
    """

    empty_text = N_("No quotes mention this company.")
    QUOTE = N_("Quote (gloss where translated)")  # in Chinese the original comes first: `Quote (original)`

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.quotes: list[Quote] = []
        self._shown_width = 0

    def looking(self) -> None:
        """Empty while the quotes are found (in a worker), saying so rather than "none"."""
        self.empty_text = N_("Looking for the quotes that mention this company…")
        self.show([])

    def show(self, quotes: list[Quote]) -> None:
        """List these quotes (text shown literally, first 300 characters)."""
        self.quotes = quotes
        self._shown_width = self.size.width
        room = max(24, (self.size.width or 80) - 10 - 2 * 2 - 1)  # the date, cell padding, the scrollbar
        original = is_chinese()  # the language picks whether the original or our English gloss comes first
        rows = [
            (
                q,
                [
                    q.date.isoformat() if q.date else "",
                    literal((q.text if original else q.translation or q.text)[:300]),
                    literal(q.speaker[:40]),
                    literal(q.stance),
                    literal(q.source),
                ],
            )
            for q in quotes
        ]
        quote = tr("Quote (original)") if original else tr(self.QUOTE)
        self.fill([tr("Date"), quote, tr("Speaker"), tr("Stance"), tr("Source")], rows, {quote: room})

    def on_resize(self) -> None:
        """Fit the quote column to the new width."""
        if self.size.width != self._shown_width and self.quotes:
            row = self.cursor_row
            self.show(self.quotes)
            self.move_cursor(row=row)


class CompareTable(ItemTable[str]):
    """The compared companies' values on shared calendar periods, one column per company."""

    empty_text = N_("No companies marked.")

    def show(self, aligned: Aligned, indexed: bool, fiscal: dict[str, list[str | None]] | None = None) -> None:
        """One row per calendar period, latest first; each value with the company's own fiscal label."""
        tickers = list(aligned.values)
        unit = tr("Index") if indexed else numbers.unit_label()
        fiscal = fiscal or {}

        def cell(ticker: str, i: int) -> Text:
            v = aligned.values[ticker][i]
            if v is None:
                return right(numbers.MISSING)
            text = right(f"{v:,.1f}" if indexed else amount(v))
            labels = fiscal.get(ticker, [])
            label = labels[i] if i < len(labels) else None
            if label:  # `FY2026Q1` → `FY26Q1`: Microsoft's first quarter is the calendar third
                text.append(f" {label[:2]}{label[4:]}", "dim")
            return text

        rows = [
            (label, [capex.month_year_shown(label), *(cell(t, i) for t in tickers)])
            for i, label in reversed(list(enumerate(aligned.labels)))
        ]
        self.fill([tr("Period"), *(f"{t} {unit}" for t in tickers)], rows)
