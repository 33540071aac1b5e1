"""The year-by-year model table of the case being edited."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from workbench.core.i18n import N_, tr
from workbench.core.roi import format as fmt
from workbench.core.roi import model as roi
from workbench.ui.themes import on_theme_change, trend_style

# FCF and cumulative FCF first: the answer stays on screen however narrow the pane (the
# rest of the year's arithmetic scrolls in from the right).
COLUMNS = (
    (N_("Year"), "year"),
    ("FCF $B", "fcf"),
    (N_("Cum. FCF $B"), "cumulative_fcf"),
    (N_("Capex $B"), "capex"),
    (N_("Revenue $B"), "revenue"),
    ("EBITDA $B", "ebitda"),
    (N_("Depr. $B"), "depreciation"),
    ("EBIT $B", "ebit"),
    (N_("Tax $B"), "tax"),
)


class YearTable(DataTable):
    """FCF and cumulative FCF, then capex, revenue, EBITDA, depreciation, EBIT and tax per year.

    The year in which the cumulative FCF turns non-negative (payback) is marked ◆.
    """

    DEFAULT_CSS = """
    YearTable { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    result: roi.Result | None = None

    def on_mount(self) -> None:
        """Create the columns once; recolour when the theme changes."""
        for label, key in COLUMNS:
            self.add_column(Text(tr(label), justify="right" if key != "year" else "left"), key=key)
        on_theme_change(self, lambda: self.show(self.result))

    def show(self, result: roi.Result | None) -> None:
        """Replace the rows with a result's years (keeping the cursor row)."""
        row = self.cursor_row
        self.result = result
        self.clear()
        if result is None:
            return
        payback_year = None
        if result.payback_years is not None and result.payback_years > 0:
            payback_year = result.inputs.start_year + int(result.payback_years - 1e-12)
        for year in result.years:
            label = f"{year.year}◆" if year.year == payback_year else str(year.year)
            cells = [Text(label)]
            for _, key in COLUMNS[1:]:
                value = getattr(year, key)
                below = key in ("fcf", "cumulative_fcf") and fmt.money_sign(value) < 0  # cash going out
                style = trend_style(self.app, -1) if below else ""
                cells.append(Text(fmt.money(value), style=style, justify="right"))
            self.add_row(*cells, key=str(year.year))
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1), animate=False)
