"""`o`: pick a local document to browse in the focused pane."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workbench.core.data.model import Source
from workbench.core.i18n import N_, tr
from workbench.ui.widgets.quote_list import safe


def source_prompt(source: Source, quotes: int) -> Content:
    """`亚马逊 2024… (Amazon Q1 2024…) · zh-Hans · 2024-05-01 · 18 quotes`, literally."""
    title_en = str(source.extra.get("title_en", ""))
    return Content.assemble(
        (safe(source.title), "bold"),
        (f"  {safe(title_en)}" if title_en and title_en != source.title else "", "italic"),
        (
            f"\n{safe(source.id)} · {safe(source.language)} · {source.published.isoformat()} · "
            + tr("{count} quotes", count=quotes),
            "$text-muted",
        ),
    )


class DocumentPickerDialog(ModalScreen[str | None]):
    """Every local document; Enter opens it in the focused pane, Esc cancels."""

    DEFAULT_CSS = """
    DocumentPickerDialog { align: center middle; }
    #picker-dialog { width: 96%; max-width: 140; height: 90%; border: thick $accent; background: $surface;
                     padding: 0 1; }
    #picker-title { text-style: bold; }
    #picker-list { height: 1fr; border: none; padding: 0; }
    """

    BINDINGS = [Binding("escape", "close", N_("Close"), id="document_picker.close")]

    def __init__(self, sources: list[tuple[Source, int]], current: str | None = None) -> None:
        super().__init__()
        self.sources = sources
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-dialog"):
            yield Label(tr("Open a document in this pane (Enter) · Esc cancels"), id="picker-title")
            ids = [s.id for s, _ in self.sources]
            options = OptionList(
                *(Option(source_prompt(s, n)) for s, n in self.sources), id="picker-list", markup=False
            )
            if self.current in ids:
                options.highlighted = ids.index(self.current)
            yield options

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        """Open the chosen document."""
        self.dismiss(self.sources[event.option_index][0].id)

    def action_close(self) -> None:
        """Cancel."""
        self.dismiss(None)
