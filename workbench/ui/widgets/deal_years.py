"""Multi-year commitments year by year, per provider, beside the provider's cloud revenue and RPO."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from workbench.core.deals.views import YearRow
from workbench.core.i18n import N_, tr, tr_n
from workbench.core.output import numbers
from workbench.ui.safe_text import literal

NOTE = N_(
    "A commitment counts its amount ÷ its term in each year from its announcement (no published "
    "schedule); one without a term counts in its first year. Cloud revenue and RPO: the provider's "
    "fiscal year of that number, from financials.csv (— when not in the data)."
)


def _number(value: float | None) -> Text:
    return Text(numbers.bn(value), style="dim" if value is None else "", justify="right", end="")


class DealYears(DataTable):
    """One row per provider and year: spend owed that year, deals behind it, cloud revenue, RPO."""

    BINDINGS = [
        Binding("j", "cursor_down", N_("Down"), id="deals.years.down", show=False),
        Binding("k", "cursor_up", N_("Up"), id="deals.years.up", show=False),
    ]
    DEFAULT_CSS = """
    DealYears { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def show_years(self, rows: list[YearRow]) -> None:
        """Replace the table."""
        self.clear(columns=True)
        unit = numbers.unit_label()
        for label, right in (
            (tr("Provider"), False),
            (tr("Year"), False),
            (tr("Owed {unit}", unit=unit), True),
            (tr("Deals"), True),
            (tr("Cloud rev. {unit}", unit=unit), True),
            (tr("Owed/cloud"), True),
            (tr("RPO {unit}", unit=unit), True),
            (tr("Notes"), False),
        ):
            self.add_column(Text(label, justify="right" if right else "left", end=""))
        if not rows:
            self.add_row(Text(tr("No commitments in the deals shown."), style="italic dim"), *[""] * 7)
            return
        previous = None
        for row in rows:
            notes = []
            if row.undisclosed:
                notes.append(tr_n("+{n} undisclosed", "+{n} undisclosed", row.undisclosed))
            if row.no_term:
                notes.append(tr_n("{n} without a term", "{n} without a term", row.no_term))
            share = row.share_of_cloud
            self.add_row(
                literal(row.provider if row.provider != previous else ""),
                Text(str(row.year), end=""),
                _number(row.spend if row.deals else None),
                Text(str(row.deals), justify="right", end=""),
                _number(row.cloud_revenue),
                Text(numbers.MISSING if share is None else f"{share:.0%}", justify="right", end=""),
                _number(row.rpo),
                Text(" · ".join(notes), style="dim", end=""),
            )
            previous = row.provider
