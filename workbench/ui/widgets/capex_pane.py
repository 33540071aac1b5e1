"""The right-hand pane's frame: a title line, then tabs whose first is a chart — or, when tall, the chart above the tabs."""

from __future__ import annotations

from typing import Any

from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import TabbedContent


class ChartPane(Vertical):
    """A pane with a chart tab that moves above the other tabs when the terminal is tall enough."""

    CHART_TAB = ""
    TABS = ""  # the TabbedContent's id
    view: Any  # what the pane shows (a company's detail or a comparison), set by the subclass
    DEFAULT_CSS = """
    ChartPane { height: 1fr; }
    ChartPane .pane-title { height: 1; padding: 0 1; background: $boost; }
    ChartPane .top-chart { display: none; height: 45%; }
    ChartPane.-tall .top-chart { display: block; }
    ChartPane TabbedContent { height: 1fr; }
    ChartPane TabPane { padding: 0; height: 1fr; }
    ChartPane ContentSwitcher { height: 1fr; }
    """

    tall: reactive[bool] = reactive(False)

    def __init__(self, *, id: str | None = None, tall: bool = False) -> None:
        # Made tall or not before its widgets mount: they are styled once, as they will show
        # (the class set once mounted restyled the whole pane: a stall as the data first showed).
        super().__init__(id=id, classes="-tall" if tall else "")
        self.set_reactive(ChartPane.tall, tall)

    def tabbed(self, after_chart: str) -> TabbedContent:
        """The pane's tabs, opening on the chart, or when tall on `after_chart` (the chart is on top)."""
        return TabbedContent(id=self.TABS, initial=after_chart if self.tall else self.CHART_TAB)

    def watch_tall(self, tall: bool) -> None:
        """Show the chart above the tabs (and drop its tab), or back in its tab."""
        self.set_class(tall, "-tall")
        self.place_chart()

    def place_chart(self) -> None:
        """The chart tab hidden while the chart is on top, shown while it is not."""
        tabs = self.tabs
        if self.tall:
            if tabs.active == self.CHART_TAB:
                tabs.active = self.tab_ids()[0]
            tabs.hide_tab(self.CHART_TAB)
        else:
            tabs.show_tab(self.CHART_TAB)

    def tab_ids(self) -> list[str]:
        """The tabs a user can switch to (the chart tab is hidden while the chart is on top)."""
        return [p.id for p in self.tabs.query("TabPane") if p.id and not (self.tall and p.id == self.CHART_TAB)]

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one(f"#{self.TABS}", TabbedContent)

    @property
    def active_tab(self) -> str:
        return self.tabs.active
