"""The frame every main screen shares: header, body, data-problems bar and footer."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, ClassVar, cast

from textual import messages
from textual._compositor import LayoutUpdate
from textual._context import visible_screen_stack
from textual.app import ComposeResult
from textual.containers import Container
from textual.events import Key, ScreenResume
from textual.geometry import Region, Size
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Header

from workbench.core import background
from workbench.core.i18n import tr
from workbench.ui.widgets.footer import FittingFooter
from workbench.ui.widgets.problems import ProblemsBar

if TYPE_CHECKING:
    from workbench.core.data.model import Dataset
    from workbench.ui.app import WorkbenchApp


class Body(Container):
    """A screen's own widgets (`compose_body`) between its header and footer, under a loading
    indicator until the data is shown.

    The first screen's body is made after the app's first frame (header and footer, as a bare
    app draws them): building it, its list, filter box and their styles took as long again as
    that first frame, while the data is not read yet anyway.
    """

    DEFAULT_CLASSES = "body"

    def __init__(self, screen: WorkbenchScreen) -> None:
        super().__init__()
        self._owner = screen
        self.loading = True

    def compose(self) -> ComposeResult:
        return self._owner.compose_body()

    def on_mount(self) -> None:
        self._owner.body_mounted()


class WorkbenchScreen(Screen):
    """A main screen (Capex, Quotes, …). Subclasses fill `compose_body` and react in `show_dataset`."""

    SCREEN_TITLE = ""  # marked with N_: translated where drawn
    _session_restored = False  # the last session's place is restored once, on the first data
    # Groups of this screen's workers that go on long after its data is shown (an index build).
    BACKGROUND_WORK: ClassVar[frozenset[str]] = frozenset()
    # Built unseen, readied in steps before it is shown (ahead, or on a key): widgets with many
    # parts may mount theirs in steps of their own (see `filling`).
    built_in_steps = False

    def give_way_while_hidden(self) -> None:
        """Between pieces of this screen's work in a thread: while the screen is hidden, give way
        to the user busy elsewhere (`background.give_way`); shown, the user may be waiting for it."""
        if not self.is_current:
            background.give_way()

    def filling(self) -> bool:
        """Whether the data is still being worked into this screen off the event loop (its
        widgets are about to change): a screen built ahead is drawn once it is not."""
        return any(
            worker.node is self and worker.is_running and worker.group not in self.BACKGROUND_WORK
            for worker in self.workers
        )

    @property
    def workbench(self) -> WorkbenchApp:
        """The app, typed: screens reach each other and the shared state through it."""
        return cast("WorkbenchApp", self.app)

    # The first screen's body is mounted after the first frame (see `Body`): until then it is not
    # in the DOM, and what queries it waits for `body_mounted`.
    _waiting_for_body = False

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        body = Body(self)
        if self.workbench.claim_first_frame():
            from textual.lazy import Lazy

            self._waiting_for_body = True
            yield Lazy(body)
        else:
            yield body
        yield ProblemsBar()
        yield FittingFooter()

    @property
    def body_ready(self) -> bool:
        """Whether the body and its widgets are mounted (false only for the first screen, for
        the moment between the app's first frame and its body)."""
        return not self._waiting_for_body

    def body_mounted(self) -> None:
        """Called by the body once mounted. The first screen's, mounted after the first frame, lets
        the app go on: it starts reading the data and passes on the keys typed meanwhile."""
        if self._waiting_for_body:
            self._waiting_for_body = False
            self.on_body_ready()
            self.workbench.first_body_ready()

    def on_body_ready(self) -> None:
        """The body was mounted after the screen (the first screen's): lay it out as mounting would have."""

    def compose_body(self) -> ComposeResult:
        """The screen's own widgets."""
        yield from ()

    def _on_screen_resume(self, event: ScreenResume) -> None:
        """Runs before Textual's own handler, which restyles the whole screen each time it is shown
        (60 ms for Scenarios). A hidden screen stays styled — a class change restyles at once, and a
        stylesheet change is caught by Textual's count before the switch — so that is skipped."""
        if self._css_update_count == self.app._css_update_count:
            event.refresh_styles = False

    # --- drawn unseen, shown at once ---------------------------------------------------------------
    # Putting a screen on the terminal composes it whole from its widgets' lines in one step: 30–40
    # ms for Scenarios at 120×40. The app composes it unseen instead, a band of lines at a time
    # (`draw_ahead`), and showing it then puts that on the terminal as it is, unless anything on
    # the screen changed since: a widget drawn again, a layout, a scroll (each a count of
    # `_changes`, as Textual's own handlers of these run after the ones below).
    DRAW_BAND = 4  # lines composed in one go
    _changes = 0
    _drawn_ahead: tuple[int, LayoutUpdate] | None = None

    async def _on_update(self, _message: messages.Update) -> None:
        self._changes += 1

    async def _on_layout(self, _message: messages.Layout) -> None:
        self._changes += 1

    async def _on_update_scroll(self, _message: messages.UpdateScroll) -> None:
        self._changes += 1

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        self._changes += 1
        super()._refresh_layout(size, scroll)

    @property
    def drawn_ahead(self) -> bool:
        """Whether showing the screen now would put it on the terminal as composed unseen."""
        drawn = self._drawn_ahead
        return (
            drawn is not None
            and drawn[0] == self._changes
            and drawn[1].region.size == self.app.size
            and not (self._layout_required or self._scroll_required)  # asked for on the screen itself
        )

    def draw_lines(self) -> Iterator[None]:
        """Draw the lines of every widget on the screen unseen, a band of lines at a time (each
        widget keeps its lines until they change), yielding after each band: a big table drawn
        whole took one step of 30 ms and more (Payback's, on the large set)."""
        compositor = self._compositor
        laid_out = compositor.visible_widgets  # a new mapping after each layout
        for widget, (region, clip) in list(laid_out.items()):
            if clip.contains_region(region):
                shown = Region(0, 0, region.width, region.height)
            else:
                shown = region.intersection(clip).translate(-region.offset)
            cache = widget._styles_cache  # its lines, by line, and those changed since drawn
            if (
                cache._width == region.width
                and not cache._dirty_lines
                and all(y in cache._cache for y in shown.line_range)
            ):
                continue  # drawn, and not changed since
            for top in range(shown.y, shown.bottom, self.DRAW_BAND):
                if compositor.visible_widgets is not laid_out:
                    return  # laid out again meanwhile: these regions are gone (composing draws the rest)
                widget.render_lines(Region(shown.x, top, shown.width, min(self.DRAW_BAND, shown.bottom - top)))
                yield

    def draw_ahead(self) -> Iterator[None]:
        """Compose the screen unseen from its widgets' lines (drawn before, see
        `WorkbenchApp._ready_screen`), yielding after each band of lines."""
        self._drawn_ahead = None
        changes = self._changes
        compositor = self._compositor
        width, height = compositor.size
        lines: list[Iterable[Strip]] = []
        for top in range(0, height, self.DRAW_BAND):
            band = range(top, min(top + self.DRAW_BAND, height))
            visible_screen_stack.set([])  # a main screen has none under it (Textual pops from it)
            chops = compositor._render_chops(Region(0, top, width, len(band)), band.__contains__)
            lines.extend(chop.values() for chop in chops[band.start : band.stop])
            yield
            if self._changes != changes:
                return
        self._drawn_ahead = (changes, LayoutUpdate(lines, Region(0, 0, width, height)))

    def _compositor_refresh(self) -> None:
        """Showing the screen whole: as composed unseen, if nothing changed since."""
        app = self.app
        if self.drawn_ahead and self is app.screen and self._dirty_widgets == {self} and not app.is_inline:
            update = cast("tuple[int, LayoutUpdate]", self._drawn_ahead)[1]
            self._drawn_ahead = None
            self._compositor._dirty_regions.clear()
            app._display(self, update)
            self._dirty_widgets.clear()
            app._update_mouse_over(self)
            return
        self._drawn_ahead = None
        super()._compositor_refresh()

    def _screen_resized(self, size: Size) -> None:
        """Textual lays a screen out whole each time it is shown (26–38 ms for Capex on the large
        set). One laid out at this size, with no layout asked for since, is shown as it is: what
        changed while it was hidden was laid out and drawn before the switch (`WorkbenchApp._open`),
        and what is asked for later is laid out as it comes."""
        if self._size != size or self._layout_required or not self.stack_updates:
            super()._screen_resized(size)

    def _update_auto_focus(self) -> None:
        """Until the data is shown nothing takes focus: keys typed meanwhile go to the app (the
        screen keys 1–5), not into a filter box that is not on screen yet. Then what the user
        starts from (`initial_focus`) takes it, not first the first focusable widget."""
        body = self.query(".body")
        if body and body.first().loading:
            return
        widget = self.initial_focus() if self.body_ready and self.focused is None and self.app.app_focus else None
        if widget is not None:
            self.set_focus(widget)  # directly: not by way of the first focusable widget
        else:
            super()._update_auto_focus()

    def initial_focus(self) -> Widget | None:
        """What takes focus once the data is shown, if nothing has (None: the first focusable widget)."""
        return None

    def _focus_first(self) -> None:
        if self.is_current:
            self.take_first_focus()

    def take_first_focus(self) -> None:
        """Focus what the user starts from, if nothing has focus: shown, or built ahead and not
        shown yet (its footer then fits the keys it will offer before it is first drawn)."""
        if self.focused is None:
            widget = self.initial_focus()
            if widget is None:
                self._update_auto_focus()  # as Textual does when a screen is shown
            elif self.is_current:
                widget.focus()
            else:
                self.set_focus(widget)
        if not self.is_current:
            self.refresh_bindings()  # the footer fits the keys this screen will offer

    def shown_loaded(self) -> None:
        """The body is shown (data, or a preview of it, is in): its widgets may take focus."""
        self.query_one(".body").loading = False

    def on_mount(self) -> None:
        """Follow the app's dataset: called now if loaded, and again on every reload."""
        # Everything in the screen was styled with the current stylesheet as it was mounted: its
        # first showing need not restyle it whole (see `_on_screen_resume`).
        self._css_update_count = self.app._css_update_count
        self.sub_title = tr(self.SCREEN_TITLE)
        # A screen built ahead of time (before it is shown) was told its mode when it was made.
        self.mode_name = getattr(self, "mode_name", None) or self.app.current_mode
        self.watch(self.app, "dataset", self._dataset_changed, init=True)

    def _dataset_changed(self, dataset: Dataset | None) -> None:
        if dataset is None:
            return
        self.shown_loaded()
        self.query_one(ProblemsBar).show([*dataset.problems, *self.workbench.config_problems])
        self.show_dataset(dataset)
        self.call_after_refresh(self._focus_first)
        if not self._session_restored:
            self._session_restored = True
            saved = self.workbench.saved_session.get("screens", {}).get(self.mode_name)
            if isinstance(saved, dict):
                try:
                    self.restore_session(saved)
                except (KeyError, ValueError, TypeError, LookupError):
                    pass  # the data changed since: the saved place no longer exists

    async def relabel(self) -> None:
        """Draw the screen again in the current language and amount unit, at the same place."""
        dataset = self.workbench.dataset
        state = self.place_state() if dataset is not None else None
        await self.recompose()
        self.sub_title = tr(self.SCREEN_TITLE)
        if dataset is not None and state is not None:
            self._dataset_changed(dataset)
            await self.return_to(state)

    def show_dataset(self, dataset: Dataset) -> None:
        """Fill the screen from freshly loaded data."""

    def session_state(self) -> dict:
        """What to save so the screen reopens where the user left it (JSON-serialisable)."""
        return {}

    def restore_session(self, state: dict) -> None:
        """Return to a place saved by `session_state` (called once, after the first data load)."""

    # --- keys that cannot act -------------------------------------------------------------------

    def unavailable_reason(self, action: str, parameters: tuple[object, ...]) -> str:
        """Why a key of this screen does nothing here (said in the status line); "" to stay quiet."""
        return ""

    def on_key(self, event: Key) -> None:
        """A key of this screen that cannot act here says why, rather than doing nothing."""
        from textual.actions import ActionError, parse

        bindings = self._bindings.key_to_bindings.get(event.key)
        if not bindings:
            return
        active = self.active_bindings.get(event.key)
        if active is not None and active.enabled:
            return  # another binding (the focused widget's, the app's) takes this key
        for binding in bindings:
            try:
                _, action, parameters = parse(binding.action)
            except ActionError:
                continue
            if self.check_action(action, parameters):
                continue
            reason = self.unavailable_reason(action, parameters)
            if reason:
                event.stop()
                self.notify(reason, timeout=4, markup=False)
                return

    # --- navigation history ------------------------------------------------------------------------
    # A place is the session state plus what only matters within a session: which pane has the
    # focus, where its cursor is and how far it is scrolled.

    def place_state(self) -> dict:
        """Where the user is on this screen, for Back and Forward."""
        state = dict(self.session_state())
        focused = self.focused
        if focused is not None and focused.id:
            state["focus"] = focused.id
            state["scroll"] = [focused.scroll_offset.x, focused.scroll_offset.y]
            cursor = getattr(focused, "cursor_coordinate", None) or getattr(focused, "cursor", None)
            if cursor is not None and not callable(cursor):
                state["cursor"] = list(cursor) if isinstance(cursor, tuple) else cursor
        return state

    def place_label(self, state: dict) -> str:
        """A short name for a place (`Capex META`)."""
        return tr(self.SCREEN_TITLE)

    async def apply_place(self, state: dict) -> None:
        """Show the selection, view and tab of `state` (screens whose restore is deferred override this)."""
        self.restore_session(state)

    async def return_to(self, state: dict) -> None:
        """Go back (or forward) to a place recorded by `place_state`."""
        try:
            await self.apply_place(state)
        except (KeyError, ValueError, TypeError, LookupError):
            return  # the data changed since: that place no longer exists
        self.call_after_refresh(self._restore_focus, state)

    def _restore_focus(self, state: dict) -> None:
        """Focus the pane the user had, its cursor and scroll as they were."""
        from textual.css.query import NoMatches
        from textual.widgets import DataTable

        focus = state.get("focus")
        if not isinstance(focus, str):
            return
        try:
            widget = self.query_one(f"#{focus}")
        except (NoMatches, ValueError):  # ValueError: not a valid id selector
            return
        if not widget.display or not widget.focusable:
            return
        widget.focus()
        cursor = state.get("cursor")
        if isinstance(widget, DataTable) and isinstance(cursor, list) and len(cursor) == 2:
            widget.move_cursor(row=cursor[0], column=cursor[1], animate=False, scroll=False)
        elif isinstance(cursor, int) and hasattr(widget, "move_cursor"):
            widget.move_cursor(cursor)
        scroll = state.get("scroll")
        if isinstance(scroll, list) and len(scroll) == 2:
            widget.scroll_to(scroll[0], scroll[1], animate=False, immediate=True)
