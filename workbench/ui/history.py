"""Browser-like navigation history: where the user was, to go back and forward across screens.

Plain Python (no Textual): a place is a screen name and a JSON-like snapshot that the screen
itself knows how to return to (selection, tab, scroll, focused pane). The app records the place
it leaves before every jump (palette, figure → quote, deal → source, drill-downs, screen keys).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LIMIT = 100  # places kept each way: enough for a day's wandering, small in memory


@dataclass(frozen=True)
class Place:
    """A screen (`mode`) and what it needs to show the same thing again (`state`)."""

    mode: str
    state: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    label: str = ""  # for the keys panel and status line: "Capex META", "Quotes q-…"

    def same_as(self, other: Place | None) -> bool:
        """The same screen showing the same thing (the scroll and focus may differ)."""
        return other is not None and self.mode == other.mode and _essence(self.state) == _essence(other.state)


def _essence(state: dict[str, Any]) -> dict[str, Any]:
    """What makes two places different to a user: not where a list was scrolled to or focused."""
    return {k: v for k, v in state.items() if k not in ("scroll", "focus")}


class History:
    """Two stacks, as in a browser: going somewhere new clears the forward stack."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self.back_stack: list[Place] = []
        self.forward_stack: list[Place] = []

    def leave(self, place: Place) -> None:
        """Record `place` as the one being left for somewhere new."""
        if place.same_as(self.back_stack[-1] if self.back_stack else None):
            self.back_stack[-1] = place  # the latest scroll and focus of the same place
        else:
            self.back_stack.append(place)
            del self.back_stack[: -self.limit]
        self.forward_stack.clear()

    def back(self, current: Place) -> Place | None:
        """The place to return to (None if there is none); `current` becomes the way forward."""
        return self._step(self.back_stack, self.forward_stack, current)

    def forward(self, current: Place) -> Place | None:
        """The place gone back from (None if there is none); `current` becomes the way back."""
        return self._step(self.forward_stack, self.back_stack, current)

    def _step(self, source: list[Place], other: list[Place], current: Place) -> Place | None:
        # A recorded place that is where the user already is (they walked there by hand) is skipped.
        while source and source[-1].same_as(current):
            source.pop()
        if not source:
            return None
        other.append(current)
        del other[: -self.limit]
        return source.pop()

    @property
    def can_back(self) -> bool:
        return bool(self.back_stack)

    @property
    def can_forward(self) -> bool:
        return bool(self.forward_stack)

    def clear(self) -> None:
        self.back_stack.clear()
        self.forward_stack.clear()
