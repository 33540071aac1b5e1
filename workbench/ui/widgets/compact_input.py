"""A compact one-line input, styled once as it mounts."""

from __future__ import annotations

from textual.widgets import Input


class CompactInput(Input):
    """Input(compact=True), made compact and valid (it has no validators) without restyling
    itself: the `compact` reactive first took its class off (its default), then put it back, and
    a first value set its validity class, each time restyling the field (2–3 ms a field as a
    screen was built: 31 of the 44 ms the Payback calculator's eight fields took to compose)."""

    def __init__(self, value: str | None = None, *, id: str | None = None, select_on_focus: bool = True) -> None:
        super().__init__(value, id=id, classes="-valid", select_on_focus=select_on_focus)
        self.set_reactive(Input.compact, True)
        self.add_class("-textual-compact", update=False)  # styled as it mounts
