"""Bars side by side per period: capex beside cloud revenue and RPO (one company), or summed by year."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from workbench.core.i18n import N_, tr
from workbench.ui.widgets.capex_chart import SERIES_GLYPHS, ChartBase, Slot, draw, fitting, in_unit, unit_note


class PaybackChart(ChartBase):
    """Several series over the same periods, one glyph and colour each; a legend says which is which."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.labels: list[str] = []
        self.series: list[tuple[str, list[float | None]]] = []
        self.empty_text = N_("No figures to chart.")

    def show(
        self, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], empty_text: str
    ) -> None:
        """Chart these series (name, one value per label; None where missing)."""
        self.labels = list(labels)
        self.series = [(name, list(values)) for name, values in series if any(v is not None for v in values)]
        self.empty_text = empty_text
        self.refresh()

    def chart_lines(self, width: int, height: int) -> list[Text] | None:
        if not self.labels or not self.series:
            return None
        count = fitting(len(self.labels), width - 8, len(self.series) + 1)
        start = len(self.labels) - count
        slots = [
            Slot(label, [(in_unit(values[i]), n) for n, (_, values) in enumerate(self.series)])
            for i, label in enumerate(self.labels)
            if i >= start
        ]
        legend = [
            (f"{SERIES_GLYPHS[n % len(SERIES_GLYPHS)]}:series-{n % 8}", name) for n, (name, _) in enumerate(self.series)
        ]
        note = " ".join(n for n in (unit_note(), tr("‹ {count} earlier", count=start) if start else "") if n)
        return draw(slots, len(self.series), width, height, self.styles_by_name(), legend, note)
