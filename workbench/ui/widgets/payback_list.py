"""The Payback screen's companies, one ticker a line, `● MSFT` when marked: only the rows on screen
are drawn (an option list of a large set's 2,000 companies took 0.1 s to fill)."""

from __future__ import annotations

from textual.content import Content

from workbench.ui.widgets.quote_list import LineList, safe


class TickerList(LineList):
    """Tickers with a cursor; the marked ones (added into the By-year sums) carry a ●."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tickers: list[str] = []
        self.marked: frozenset[str] = frozenset()

    def show(self, tickers: list[str], marked: list[str], current: str | None) -> None:
        """List `tickers`, the cursor on `current` (not announced: the screen shows it already)."""
        self.tickers = list(tickers)
        self.marked = frozenset(marked)
        self.set_count(len(self.tickers))
        self.move_cursor(self.tickers.index(current) if current in self.tickers else None, announce=False)

    def set_marked(self, marked: list[str]) -> None:
        self.marked = frozenset(marked)
        self.refresh()

    def prompt(self, index: int) -> Content:
        ticker = self.tickers[index]
        return Content.assemble(("● " if ticker in self.marked else "  ", "bold"), safe(ticker))
