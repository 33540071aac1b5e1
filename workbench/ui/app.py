"""The Textual application: loads the data in a worker and hosts one screen per mode."""

from __future__ import annotations

import asyncio
import importlib
import os
import time
from collections.abc import Awaitable, Callable, Iterable
from functools import cache, partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.cache import LRUCache
from textual.css.stylesheet import Stylesheet
from textual.reactive import reactive

from workbench.core import background, collector
from workbench.core.i18n import LANGUAGES, N_, is_chinese, language, set_language, tr
from workbench.core.i18n.choice import startup_language
from workbench.core.output.numbers import AMOUNT_UNITS, amount_unit, set_amount_unit
from workbench.core.settings.config import Config, config_path
from workbench.core.settings.session import load_session, save_session
from workbench.ui.history import History, Place
from workbench.ui.themes import register_themes, startup_theme, trend_defaults

# The first frame imports only what it draws: the loader, the config reader, the palette's
# commands and the dialogs are imported where they are first used, after it.
if TYPE_CHECKING:
    from textual.command import CommandPalette, Provider
    from textual.notifications import Notification
    from textual.screen import Screen
    from textual.timer import Timer
    from textual.widget import AwaitMount
    from textual.worker import Worker

    from workbench.core.data.model import Dataset
    from workbench.core.data.problems import Problem
    from workbench.ui.base import WorkbenchScreen
    from workbench.ui.screens.capex import CapexScreen
    from workbench.ui.screens.deals import DealsScreen
    from workbench.ui.screens.payback import PaybackScreen
    from workbench.ui.screens.quotes import QuotesScreen
    from workbench.ui.screens.scenarios import ScenariosScreen

# mode → (module, class). Screens are imported when first shown, so the first frame pays only
# for the Capex screen (the others pull in numpy, plotting and more).
SCREENS = {
    "capex": ("workbench.ui.screens.capex", "CapexScreen"),
    "quotes": ("workbench.ui.screens.quotes", "QuotesScreen"),
    "scenarios": ("workbench.ui.screens.scenarios", "ScenariosScreen"),
    "deals": ("workbench.ui.screens.deals", "DealsScreen"),
    "payback": ("workbench.ui.screens.payback", "PaybackScreen"),
}


def _workbench_commands() -> type[Provider]:
    """The palette's commands, imported when the palette first opens."""
    from workbench.ui.commands import WorkbenchCommands

    return WorkbenchCommands


def _screen_factory(mode: str):
    def make():
        module, name = SCREENS[mode]
        return getattr(importlib.import_module(module), name)()

    return make


class IncrementalStylesheet(Stylesheet):
    """Textual's stylesheet, parsed again only where something changed.

    Textual parses every source afresh into a new stylesheet on each CSS refresh (one comes as
    the first screen is set up) and keeps only the rules, so the next widget class to add its CSS
    had every source parsed once more: 3 of the 4 parses before the first frame. Here a refresh
    with the same variables parses only new sources; new variables (a theme) parse them all.
    Every source stays parsed: Textual keeps the last 64 parses, and once there were more (the app
    has 67 sources with its screens built, some parsed twice) each new widget class had every
    source parsed again, 27–40 ms a time.
    """

    PARSES_KEPT = 1024

    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._parse_cache = LRUCache(self.PARSES_KEPT)

    def set_variables(self, variables: dict[str, str]) -> None:
        if variables != self._variables:
            super().set_variables(variables)  # clears the parsed sources

    def reparse(self) -> None:
        self._require_parse = True
        self.parse()  # in place, from what is parsed already


class WorkbenchApp(App[None]):
    """AI Capex Workbench: capex browser, quote viewer, ROI scenarios and deal ledger."""

    TITLE = N_("AI Capex Workbench")
    CSS_PATH = str(Path(__file__).with_name("app.tcss"))
    MODES = {mode: _screen_factory(mode) for mode in SCREENS}
    DEFAULT_MODE = "capex"
    BINDINGS = [
        Binding("1", "switch_mode('capex')", N_("Capex"), id="app.capex", tooltip=N_("Company capex browser")),
        Binding("2", "switch_mode('quotes')", N_("Quotes"), id="app.quotes", tooltip=N_("Side-by-side quote viewer")),
        Binding("3", "switch_mode('scenarios')", N_("Scenarios"), id="app.scenarios", tooltip=N_("ROI scenarios")),
        Binding("4", "switch_mode('deals')", N_("Deals"), id="app.deals", tooltip=N_("Circular-deal ledger")),
        Binding(
            "5", "switch_mode('payback')", N_("Payback"), id="app.payback", tooltip=N_("Revenue side beside capex")
        ),
        Binding("!", "show_problems", N_("Problems"), id="app.problems", tooltip=N_("List every data problem")),
        Binding("?", "toggle_keys", N_("Keys"), id="app.keys", tooltip=N_("Show every key of this screen")),
        Binding(
            "backspace,less_than_sign",
            "history_back",
            N_("Back"),
            id="app.history_back",
            show=False,
            tooltip=N_("Back to where you were (Esc too, once a screen has nothing of its own to close)"),
        ),
        Binding(
            "greater_than_sign",
            "history_forward",
            N_("Forward"),
            id="app.history_forward",
            show=False,
            tooltip=N_("Forward again, after going back"),
        ),
        Binding("ctrl+q", "quit", N_("Quit"), id="app.quit", show=False),
        Binding("ctrl+r", "reload", N_("Reload"), id="app.reload", show=False, tooltip=N_("Read the data again")),
    ]

    COMMANDS = {_workbench_commands}  # Textual's system commands included (WorkbenchCommands lists them)
    RELOAD_POLL_SECONDS = 2.0
    RECENT_LIMIT = 12

    dataset: reactive[Dataset | None] = reactive(None, always_update=True)

    def __init__(
        self, data_dir: Path | str, *, watch_files: bool = True, restore: bool = True, prepare_screens: bool = True
    ) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self.watch_files = watch_files
        self.prepare_screens = prepare_screens
        self.saved_session: dict = load_session(self.data_dir) if restore else {}
        self.recent_commands: list[str] = [k for k in self.saved_session.get("recent", []) if isinstance(k, str)]
        self.config_problems: list[Problem] = []
        # The language is needed by the first frame; the config is read now only if there is one.
        self.config = _read_config() if config_path().exists() else Config(config_path())
        set_language(self._startup_language())
        if self.config.problems:  # read before the language was known: word them in it
            self.config = _read_config()
        set_amount_unit(self._startup_amounts())
        self.title = tr(self.TITLE)
        self.stylesheet = IncrementalStylesheet(variables=self.get_css_variables())
        # The theme before the first frame: set once the app runs, it restyled every widget drawn.
        register_themes(self)
        self.config_theme = self.config.theme
        self.theme = startup_theme(self.config.theme, self.saved_session, self.available_themes)
        self._fingerprint: object = None
        self.history = History()
        self._documents: list[Path] = []  # the local documents of the last load: the change check stamps them
        self._first_body: bool | None = None  # the first screen's body: to come (True), made (False)
        self._held_keys: list[events.Key] = []  # typed before that body was made, or a screen shown
        self._ready_modes: set[str] = set()  # shown, or built and drawn ahead: showing them only draws them
        self._held_opens: list[Callable[[], None]] = []  # screens asked for as another was being opened
        self._forget_finished_work()

    def _forget_finished_work(self) -> None:
        """A finished worker lets go of its function and arguments.

        Textual runs thread workers in a pool whose threads each keep the last worker they ran
        (a context variable), and a worker keeps its arguments: a screen's worker that was given
        a dataset kept that whole dataset alive after a reload replaced it (+120 MB on the large
        generated set). Workers report to the manager when done; then their work is dropped.
        """
        manager = self.workers
        remove = manager._remove_worker

        def remove_and_forget(worker: Worker[Any]) -> None:
            remove(worker)
            worker._work = None  # type: ignore[assignment]

        manager._remove_worker = remove_and_forget  # type: ignore[method-assign]

    def on_mount(self) -> None:
        """Apply the user's config, then load the data off the event loop."""
        self.sub_title = str(self.data_dir)
        self._apply_config()
        if self._first_body is None:  # no screen waits for the first frame to make its body
            self.call_after_refresh(self.load_data)  # the first frame first: loading competes for the CPU
        if self.saved_session.get("mode") in self.MODES:
            self.switch_mode(self.saved_session["mode"])
        if self.watch_files:
            self.set_interval(self.RELOAD_POLL_SECONDS, self._poll_data_files)

    def _startup_language(self) -> str:
        """WORKBENCH_LANG; else the palette's last choice, unless the config changed since; else config, locale."""
        saved = self.saved_session
        chosen = saved.get("language")
        if (
            not os.environ.get("WORKBENCH_LANG")
            and chosen in LANGUAGES
            and saved.get("config_language") == self.config.language
        ):
            return chosen
        return startup_language(self.config.language)

    def _startup_amounts(self) -> str:
        saved = self.saved_session
        if saved.get("amounts") in AMOUNT_UNITS and saved.get("config_amounts") == self.config.amounts:
            return saved["amounts"]
        return self.config.amounts

    async def use_language(self, tag: str) -> None:
        """Switch the interface language now: every screen built so far is drawn again in it.

        Each screen keeps its place (selection, tab, scroll) through its session state; the data
        is read again so that its problems, too, are worded in the new language.
        """
        set_language(tag)
        await self._relabel()
        self.load_data()

    async def use_amounts(self, unit: str) -> None:
        """Show amounts in $B or 亿美元 from now on, on every screen."""
        set_amount_unit(unit)
        await self._relabel()

    async def _relabel(self) -> None:
        from workbench.ui.base import WorkbenchScreen

        # No screen is readied while the screens are composed again: laid out in a step of its
        # readying, a screen being composed again was resized with half its widgets gone.
        while self._opening:
            await asyncio.sleep(self.PREPARE_STEP_S)
        building = self.workers.cancel_group(self, "build ahead")
        self.workers.cancel_group(self, "keep drawn")
        self.title = tr(self.TITLE)
        for mode in self.MODES:
            for screen in self._screen_stacks.get(mode, []):
                if isinstance(screen, WorkbenchScreen):
                    await screen.relabel()
        if building:
            self._build_ahead()  # on from where it was stopped
        self._keep_drawn()

    def _apply_config(self) -> None:
        config = self.config
        if config.keymap:
            self.set_keymap(config.keymap)
            self._check_keymap_ids()  # needs every screen's bindings: off the first-frame path
        self._report_config_problems(config.problems, config.whole_file_ignored)

    @work(thread=True, exclusive=True, exit_on_error=False, group="config")
    def _check_keymap_ids(self) -> None:
        """Report keymap entries that name no binding (a typo would otherwise do nothing silently)."""
        from workbench.core.settings.config import load_config

        for module, _ in SCREENS.values():
            importlib.import_module(module)
        known = load_config(known_ids=_binding_ids())
        unknown = known.unknown_bindings  # not by its wording: that is in the interface language
        self.call_from_thread(self._report_config_problems, unknown)

    def _report_config_problems(self, problems: list[Problem], whole_file: bool = False) -> None:
        from workbench.core.settings.config import consequence

        self.config_problems = [*self.config_problems, *problems]
        title = tr("Config file ignored") if whole_file else tr("Config entry ignored")
        for problem in problems:
            self.notify(
                f"{problem}\n{consequence(whole_file)}",
                title=title,
                severity="warning",
                markup=False,
                timeout=10,
            )

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load_data(self) -> None:
        """Read and validate the data directory in a thread, then hand it to the screens."""
        from workbench.core.data.changes import data_fingerprint
        from workbench.core.data.loader import is_large, load_dataset, load_in_phases, release_replaced

        # The files are stamped before they are read, so an edit made while loading is noticed.
        fingerprint = data_fingerprint(self.data_dir, self._documents)
        reload = self.dataset is not None
        keep_list: Callable[[Dataset], None] | None = None
        if reload:  # the data on screen stays until the new data is whole; what is unchanged is kept
            dataset = load_dataset(self.data_dir, previous=self.dataset)
        else:
            keep_list = self._show_last_read(notice=is_large(self.data_dir))
            for complete, dataset in load_in_phases(self.data_dir, progress=self._loading_progress):
                if not complete:
                    self.call_from_thread(self._show_preview, dataset)
                    if keep_list is not None:
                        keep_list(dataset)
                        keep_list = None
        documents = list(dataset.documents().values())
        if documents != self._documents:  # documents named afresh: stamped as read now
            fingerprint = data_fingerprint(self.data_dir, documents)
        self._fingerprint, self._documents = fingerprint, documents
        self.call_from_thread(self._install, dataset)
        del dataset
        if keep_list is not None:  # a small directory has no preview: one is made for next time
            from workbench.core.data.loader import load_preview

            keep_list(load_preview(self.data_dir))
        if reload:
            self._wait_for_screens()
            release_replaced()
        elif self.prepare_screens:
            self._import_screens()

    def _show_last_read(self, notice: bool) -> Callable[[Dataset], None] | None:
        """In the loading thread: the Capex list as last read from these very files, shown at once
        (a large directory's capex.csv takes seconds to read; a small one's data, 0.15 s after the
        first frame). With `notice`, a notice says the files are being read again. Returns what
        keeps the preview's list for next time when there was none to show."""
        from workbench.core.capex import list_cache

        digest = list_cache.content_digest(self.data_dir)
        rows = list_cache.cached_rows(self.data_dir, digest)
        if rows is not None:
            self.call_from_thread(self._show_list_as_last_read, rows, notice)
            return None

        def keep(preview: Dataset) -> None:
            from workbench.core.capex.summaries import CapexIndex

            if list_cache.content_digest(self.data_dir) == digest:  # not changed while it was read
                list_cache.store_rows(self.data_dir, digest, CapexIndex(preview).summaries())

        return keep

    def _wait_for_screens(self, limit_s: float = 30.0) -> None:
        """In the loading thread: until the screens have rebuilt what they derive from the data.

        Until then they hold the replaced dataset (indexes, books, lists), and what is freed
        after the allocator was asked to hand pages back would stay with the process.
        """
        deadline = time.monotonic() + limit_s
        time.sleep(0.05)  # the screens start their workers once the new dataset is installed
        while time.monotonic() < deadline and any(
            worker.is_running and worker.group not in ("load", "poll", "prepare", "build ahead", "open", "config")
            for worker in self.workers
        ):
            time.sleep(0.05)

    _loading_notice: Notification | None = None

    def _loading_progress(self, name: str, dataset: Dataset) -> None:
        """In the loading thread: while a preview is on screen, its notice tells how far the rest is."""
        from workbench.core.data.layout import QUOTES, SOURCES

        if self._loading_notice is None:
            return
        if name == SOURCES:
            documents = sum(1 for source in dataset.sources.values() if source.is_local)
            text = tr("{n:,} documents read. Verifying the quotes in them, then deals and scenarios…", n=documents)
        elif name == QUOTES:
            text = tr(
                "{n:,} quotes verified. Checking capex references, then deals and scenarios…", n=len(dataset.quotes)
            )
        else:
            return
        self.call_from_thread(self._tell_loading, text)

    def _tell_loading(self, text: str, start: bool = False) -> None:
        """Word the loading notice afresh; with `start`, show one if there is none yet."""
        from textual.notifications import Notification, Notify

        old = self._loading_notice
        if old is None and (not start or self.dataset is not None):
            return  # the data is whole already
        self._loading_notice = Notification(text, title=tr("Loading"), timeout=600, markup=False)
        if old is not None and old in self._notifications:
            self._unnotify(old, refresh=False)
        self.post_message(Notify(self._loading_notice))

    def _capex_screen(self) -> Any:
        """The Capex screen if it is up (the first screen: the one a load shows first)."""
        screen = next(iter(self._screen_stacks.get("capex", [])), None)
        return screen if screen is not None and screen.is_mounted and hasattr(screen, "_dataset_changed") else None

    def _show_list_as_last_read(self, rows: list, notice: bool) -> None:
        """The Capex list as last read from the same files, while they are read (a small directory
        is read in a moment: no notice comes and goes for it)."""
        screen = self._capex_screen()
        if screen is None or self.dataset is not None:
            return
        screen.show_last_read(rows)
        if not notice:
            return
        self._tell_loading(
            tr(
                "{companies:,} companies listed as last read from these same files. Reading them again: "
                "capex figures, documents and quotes, then deals and scenarios. A company opens once its "
                "figures are read.",
                companies=len(rows),
            ),
            start=True,
        )

    def _show_preview(self, preview: Dataset) -> None:
        """A large directory's companies and capex, on the Capex screen while the rest loads.

        Only the Capex screen gets it (the others would look empty, not unfinished), with a
        notice that stays until the data is whole; `dataset` stays None until then.
        """
        screen = self._capex_screen()
        if screen is None:
            return
        screen._dataset_changed(preview)
        documents = sum(1 for source in preview.sources.values() if source.is_local)
        self._tell_loading(
            tr(
                "{companies:,} companies and {figures:,} capex figures shown. Still reading {documents:,} documents, "
                "verifying their quotes, then deals and scenarios; figures that cite a quote are checked then.",
                companies=len(preview.companies),
                figures=len(preview.capex),
                documents=documents,
            ),
            start=True,
        )

    def _install(self, dataset: Dataset) -> None:
        """The whole dataset to every screen; the loading notice goes."""
        self.dataset = dataset
        notice, self._loading_notice = self._loading_notice, None
        if notice is not None and notice in self._notifications:
            self._unnotify(notice)
        self._keep_drawn()  # the screens shown before, with the new data

    # Screens not opened yet are built while the user reads the first one, a step at a time
    # (PREPARE_STEP_S apart) and only once no key has been pressed for PREPARE_IDLE_S, so the
    # first switch to each only draws it. A screen opened before that is readied the same way,
    # its steps one after another, and shown once drawn (`_open`).
    PREPARE_AFTER_S = 0.5
    PREPARE_IDLE_S = 0.6
    PREPARE_STEP_S = 0.01
    PREPARE_SLICE_S = 0.012  # drawing a screen ahead, a slice at a time
    PREPARE_WAIT_S = 3.0  # for a screen's data to be worked in (then it is drawn anyway)
    OPEN_WAIT_S = 0.3  # the same, for a screen the user is opening
    # Between the steps of opening a screen: long enough for the work already under way (a
    # timer, a redraw, each a few turns of the event loop) to get through.
    OPEN_BREATH_S = 0.002
    _last_input = 0.0
    _pause_step = 0.0  # when work done at the user's pause last took a step
    _opening = False  # a screen is being readied to be shown: the keys typed meanwhile wait for it

    # Python's cyclic collector is held off from a key (or click) until the user pauses: a
    # collection (7–35 ms with the screens built) landing in the work of that key, such as a
    # screen being opened, added to what the user waited for. It runs at the pause instead.
    COLLECT_IDLE_S = PREPARE_IDLE_S
    COLLECT_HOLD_MAX_S = 2.0  # keys typed without a pause: a collection every two seconds even so
    _collector_held_since: float | None = None
    _collector_timer: Timer | None = None

    def _hold_collector(self) -> None:
        now = time.monotonic()
        if self._collector_held_since is None:
            collector.hold()
            self._collector_held_since = now
            if self._collector_timer is None:
                self._collector_timer = self.set_timer(self.COLLECT_IDLE_S, self._release_at_pause)
        elif now - self._collector_held_since > self.COLLECT_HOLD_MAX_S:
            self._release_collector()  # it runs in this key's work; the next key holds it again

    def _release_at_pause(self) -> None:
        """Once the user pauses, as a step of the pause's work (the collection runs with the next
        objects made, at once)."""
        self._collector_timer = None
        if self._collector_held_since is None:
            return
        wait = self._until_pause_step(self.COLLECT_IDLE_S)
        if wait > 0:
            self._collector_timer = self.set_timer(wait, self._release_at_pause)
            return
        self._release_collector()
        self._pause_step = time.monotonic()

    def _release_collector(self) -> None:
        if self._collector_held_since is not None:
            self._collector_held_since = None
            collector.release()

    def on_unmount(self) -> None:
        self._release_collector()  # the app's process (or the next app in it) collects as before

    USER_BUSY_S = 0.3  # after a key, background threads give way (`core/background.py`)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self._last_input = time.monotonic()
            self._hold_collector()
            if not self._opening:  # a screen being opened may be waiting for background work
                background.user_busy(self.USER_BUSY_S)
            if isinstance(event, events.Key) and (self._first_body or self._opening):
                self._held_keys.append(event)  # typed ahead: the screen it is for is not shown yet
                return
        await super().on_event(event)

    def claim_first_frame(self) -> bool:
        """Whether the screen composing now is the app's first: its body is made after the first
        frame, and the data is read once it is (`first_body_ready`)."""
        if self._first_body is not None:
            return False
        self._first_body = True
        return True

    def first_body_ready(self) -> None:
        """The first screen is whole: read the data, and act on the keys typed meanwhile."""
        if self.prepare_screens:
            self._freeze_built()  # the app and its first screen, out of the way of the building ahead
        self.load_data()
        self.call_later(self._pass_held_keys)

    async def _pass_held_keys(self) -> None:
        """In the order typed: keys dispatched before this runs are held too."""
        self._first_body = False
        keys, self._held_keys = self._held_keys, []
        for key in keys:
            await super().on_event(key)

    @work(thread=True, exclusive=True, exit_on_error=False, group="prepare")
    def _import_screens(self) -> None:
        """Import the other screens' modules (numpy, charts, …) off the event loop, then build them."""
        time.sleep(self.PREPARE_AFTER_S)  # the Capex list fills in first
        for module, _ in SCREENS.values():
            importlib.import_module(module)
        self._freeze_built()  # what they import lives as long as the app
        self.call_from_thread(self._build_ahead)

    @work(exclusive=True, exit_on_error=False, group="build ahead")
    async def _build_ahead(self) -> None:
        """Build the screens not opened yet, a step at each pause of the user's."""
        for mode in SCREENS:
            await self._users_pause()
            if mode not in self._ready_modes and mode != self.current_mode:  # built in part, too
                await self._ready_screen(mode, self._users_pause, self.PREPARE_WAIT_S)
                self._freeze_built()

    async def _users_pause(self) -> None:
        """Wait a step, then until no key has been pressed for PREPARE_IDLE_S and no screen is
        being opened (building one in a step held the event loop for 0.1–0.3 s), and no other work
        of the pause took a step in the last PREPARE_STEP_S: the screens built ahead and those
        composed again woke together, their two steps (and the collection let run at the pause)
        holding one turn of the event loop for 60–100 ms on the large set."""
        self._pause_step = time.monotonic()  # the caller's last step (if it took one) ends here
        await asyncio.sleep(self.PREPARE_STEP_S)
        while (wait := self._until_pause_step(self.PREPARE_IDLE_S)) > 0:
            await asyncio.sleep(wait)
        self._pause_step = time.monotonic()

    def _until_pause_step(self, idle_s: float) -> float:
        """Seconds until work of the user's pause may take a step (none left: ≤ 0): once no key
        has been pressed for `idle_s`, no screen is being opened, and the last step ended
        PREPARE_STEP_S ago."""
        if self._opening:
            return self.PREPARE_STEP_S
        now = time.monotonic()
        return max(idle_s - (now - self._last_input), self.PREPARE_STEP_S - (now - self._pause_step))

    @property
    def opening(self) -> bool:
        """Whether a screen is being readied to be shown (`_open`)."""
        return self._opening

    @property
    def building_ahead(self) -> bool:
        """Whether screens not opened yet are still being built."""
        return any(worker.group in ("prepare", "build ahead") and worker.is_running for worker in self.workers)

    async def _ready_screen(self, mode: str, pause: Callable[[], Awaitable[None]], wait_s: float) -> None:
        """Compose and mount a mode's screen unseen, with its data; then give focus as showing it
        would (its footer fitted to the keys it will offer); then lay it out (its widgets sized)
        once the data is in (waiting `wait_s` at most); then draw its widgets' lines (kept by each
        widget until it changes), a slice at a time. Showing it then only puts them on screen,
        instead of laying it out twice and drawing every widget afresh in one step (90–130 ms for
        Scenarios on the bundled data). `pause` comes between the steps; a step ends the work
        once the screen is shown.

        A screen shown before, and changed while hidden, is laid out and drawn again the same
        way, without waiting for its data: that took 26–66 ms in the step that showed Capex again
        on the large set, once its detail pane had followed the cursor while hidden."""
        stack = self._screen_stacks.get(mode)
        if not stack and not self._running:
            return  # the app is closing, going through the screens built
        screen = stack[0] if stack else self._build_screen(mode, in_steps=True)[0]
        seen = screen.stack_updates  # each time it is shown or hidden

        def shown() -> bool:
            return screen.is_current or screen.stack_updates != seen or screen not in self._screen_stacks.get(mode, [])

        while not screen.is_mounted:  # composing, in its own steps
            await asyncio.sleep(self.PREPARE_STEP_S)
            if shown():
                return
        if not seen:
            await pause()
            if shown():
                return
            cast("WorkbenchScreen", screen).take_first_focus()
            until = time.monotonic() + wait_s
            # Its data is still being worked in off the event loop: drawn now, it would be drawn
            # again as the figures arrive.
            while cast("WorkbenchScreen", screen).filling() and time.monotonic() < until:
                await asyncio.sleep(self.PREPARE_STEP_S)
        await pause()
        if shown():
            return
        if not seen or screen._layout_required or screen._size != self.size:
            screen._layout_required = False
            screen._refresh_layout(self.size)
            # Widgets sized for the first time ask for a layout again (a scrollbar appearing, then
            # its view resized): done now, unseen, showing the screen need not lay it out again.
            for _ in range(4):
                await pause()
                if shown() or not screen._layout_required:
                    break
                screen._layout_required = False
                screen._refresh_layout(self.size)
        # Each widget's lines, drawn again only where it changed, then the screen composed from
        # them: showing it only puts that on the terminal.
        steps = chain(cast("WorkbenchScreen", screen).draw_lines(), cast("WorkbenchScreen", screen).draw_ahead())
        while not shown():
            deadline = time.perf_counter() + self.PREPARE_SLICE_S
            if next((True for _step in steps if time.perf_counter() > deadline), False) is False:
                self._ready_modes.add(mode)  # all drawn
                return
            await pause()

    def _drawn(self, mode: str) -> bool:
        """Whether showing a mode's screen would only put it on the terminal: composed unseen
        (`_ready_screen`), and nothing on it changed since."""
        stack = self._screen_stacks.get(mode)
        if not stack:
            return False
        screen = stack[-1]
        if screen is not stack[0]:
            return True  # a dialog over it: shown as Textual shows it
        return cast("WorkbenchScreen", screen).drawn_ahead

    def _open(self, mode: str, then: Callable[[Any], object] | None = None) -> None:
        """Show a mode's screen, then act on it (`then`, given the screen): at once if it is drawn
        (`_drawn`), else once readied in steps, the keys typed meanwhile held for it. Built and
        drawn in the switch itself, it held the event loop for 90–130 ms."""
        if self._opening:  # one at a time, in the order asked
            self._held_opens.append(partial(self._open, mode, then))
            return
        if mode != self.current_mode and not self._drawn(mode):
            background.user_waits_for_background()  # the screen's own data may still be coming
            if self.prepare_screens and not self._first_body:
                self._opening = True
                self.run_worker(self._open_when_ready(mode, then), group="open")
                return
        self._show(mode, then)

    def _show(self, mode: str, then: Callable[[Any], object] | None) -> None:
        self.switch_mode(mode)
        if then is not None:
            then(self.screen)
        self._keep_drawn()

    def _keep_drawn(self) -> None:
        """Compose again, unseen, the screens shown before and hidden now that changed since they
        were composed (or were shown since), each at a pause of the user's: going back to one
        then only puts it on the terminal, instead of readying it first (100–180 ms for Capex
        on the large set once its detail had followed the cursor)."""
        if not self.prepare_screens:
            return
        self._hidden_changed = True
        if not any(worker.group == "keep drawn" and worker.is_running for worker in self.workers):
            self.run_worker(self._draw_hidden(), group="keep drawn", exit_on_error=False)

    _hidden_changed = False  # since the screens hidden were last gone through

    async def _draw_hidden(self) -> None:
        while self._hidden_changed:
            self._hidden_changed = False
            for mode in SCREENS:
                stack = self._screen_stacks.get(mode, [])
                screen = cast("WorkbenchScreen", stack[0]) if len(stack) == 1 else None
                if screen is None or screen.is_current or not screen.stack_updates or screen.drawn_ahead:
                    continue
                await self._users_pause()
                if not screen.is_current and not screen.filling():  # its data still coming: at the open
                    await self._ready_screen(mode, self._users_pause, 0)

    async def _open_when_ready(self, mode: str, then: Callable[[Any], object] | None) -> None:
        try:
            await self._ready_screen(mode, partial(asyncio.sleep, self.OPEN_BREATH_S), self.OPEN_WAIT_S)
        finally:
            self._opening = False
            self._show(mode, then)
            held, self._held_opens = self._held_opens, []
            for open_next in held:
                open_next()
            await self._pass_held_keys()

    def _freeze_built(self) -> None:
        """What lives as long as the app goes out of the collector's full walks, as the loader
        puts a large dataset: frozen once the first screen is whole, once the other screens'
        modules are imported, and once they are built (their widgets, and what they derived
        from the data). A walk of it all took 110–160 ms even on the bundled data, and 30–60 ms
        before the screens were built: a stall of whatever was being drawn or opened. A reload
        gives it all back to the collector (`release_replaced`); widgets replaced before then
        are kept until it."""
        import gc

        gc.collect(1)  # the young garbage first, so it is not kept
        gc.freeze()

    def _build_screen(self, mode: str, *, in_steps: bool = False) -> tuple[Screen, AwaitMount]:
        """Compose and mount a mode's screen without showing it (`in_steps`: readied in steps
        before it is shown)."""
        made = _screen_factory(mode)()
        made.mode_name = mode
        made.built_in_steps = in_steps
        screen, mounted = self._get_screen(made)
        self._load_screen_css(screen)
        screen._screen_resized(self.size)
        # Styled as it mounts with the CSS of now: the first switch need not restyle the whole app
        # (Textual does that for a screen it has not styled since the CSS last changed; a theme
        # change after this still does).
        screen._css_update_count = self._css_update_count
        self._screen_stacks[mode] = [screen]
        return screen, mounted

    _showing_built = False  # switching to a screen built and mounted before

    def switch_mode(self, mode: str) -> AwaitMount:
        """A screen not built ahead is built as if it had been: styled once, as it mounts.

        Textual holds the screen's updates for 50 ms on every switch, to mask a screen building
        itself; a screen built before (ahead, or opened earlier) is drawn at once.
        """
        built = mode in self._screen_stacks and self._screen_stacks[mode][0].is_mounted
        mounted = self._build_screen(mode)[1] if mode in self.MODES and mode not in self._screen_stacks else None
        self._showing_built = built
        try:
            switched = super().switch_mode(mode)
        finally:
            self._showing_built = False
        self._ready_modes.add(mode)
        return mounted if mounted is not None else switched

    def delay_update(self, delay: float = 0.05) -> None:
        if not self._showing_built:
            super().delay_update(delay)

    def _poll_data_files(self) -> None:
        if self.dataset is not None and not any(w.group == "load" and w.is_running for w in self.workers):
            self._check_data_files()

    @work(thread=True, exclusive=True, exit_on_error=False, group="poll")
    def _check_data_files(self) -> None:
        """Live reload: when any data file changes on disk, load everything again."""
        from workbench.core.data.changes import data_fingerprint

        if data_fingerprint(self.data_dir, self._documents) != self._fingerprint:
            self.call_from_thread(self.load_data)

    def session_state(self) -> dict:
        """The screen, selections and panes to reopen next time."""
        screens = {}
        for mode in self.MODES:
            for screen in self._screen_stacks.get(mode, []):
                if hasattr(screen, "session_state") and getattr(screen, "mode_name", None) == mode:
                    screens[mode] = screen.session_state()
        return {
            "mode": self.current_mode,
            "screens": screens,
            "recent": self.recent_commands,
            "theme": self.theme,
            "config_theme": self.config_theme,
            "language": language(),
            "config_language": self.config.language,
            "amounts": amount_unit(),
            "config_amounts": self.config.amounts,
        }

    def exit(self, *args, **kwargs) -> None:
        """Save the session, then quit."""
        if self.dataset is not None:
            save_session(self.data_dir, self.session_state())
        super().exit(*args, **kwargs)

    def remember_command(self, key: str) -> None:
        """Record a palette choice so it is offered first next time."""
        self.recent_commands = [key] + [k for k in self.recent_commands if k != key][: self.RECENT_LIMIT - 1]

    # Cross-screen navigation: record where the user is, switch mode, then ask that screen to show
    # the item. Each screen remembers the request if its data has not arrived yet.

    def base_screen(self, mode: str | None = None):
        """The main screen of a mode (under any dialog or the palette), or None if never opened."""
        try:
            stack = self.get_screen_stack(mode or self.current_mode)
        except KeyError:
            return None
        return stack[0] if stack else None

    def here(self) -> Place:
        """The place the user is at now: screen, selection, tab, scroll and focused pane."""
        screen = self.base_screen()
        state = screen.place_state() if hasattr(screen, "place_state") else {}
        label = screen.place_label(state) if hasattr(screen, "place_label") else ""
        return Place(self.current_mode, state, label)

    def remember_place(self) -> None:
        """Record the place being left for another (call before any jump or drill-down)."""
        if self.dataset is not None:
            self.history.leave(self.here())

    def open_mode(self, mode: str) -> None:
        """Switch screens, recording the one left (for Back)."""
        if mode != self.current_mode:
            self.remember_place()
        self._open(mode)

    async def action_switch_mode(self, mode: str) -> None:
        """The screen keys (1–4) go on the history like every other jump."""
        self.open_mode(mode)

    def open_company(self, ticker: str) -> None:
        """Show a company on the Capex screen."""
        self.remember_place()
        self._open("capex", lambda screen: cast("CapexScreen", screen).show_company(ticker))

    def open_quote(self, quote_id: str) -> None:
        """Show a quote in its document on the Quotes screen."""
        self.remember_place()
        self._open("quotes", lambda screen: cast("QuotesScreen", screen).show_quote(quote_id))

    def open_scenario(self, scenario_id: str) -> None:
        """Open a scenario on the Scenarios screen."""
        self.remember_place()
        self._open("scenarios", lambda screen: cast("ScenariosScreen", screen).show_scenario(scenario_id))

    def open_party(self, name: str) -> None:
        """Show an investor or AI lab on the Deals screen."""
        self.remember_place()
        self._open("deals", lambda screen: cast("DealsScreen", screen).show_party(name))

    def open_payback(self, ticker: str) -> None:
        """Show a company's payback metrics on the Payback screen."""
        self.remember_place()
        self._open("payback", lambda screen: cast("PaybackScreen", screen).show_company(ticker))

    async def go_back(self) -> bool:
        """Return to the previous place; False (and nothing done) when there is none."""
        return await self._go(self.history.back)

    async def go_forward(self) -> bool:
        """Return to the place gone back from; False when there is none."""
        return await self._go(self.history.forward)

    async def _go(self, step) -> bool:
        if self.dataset is None:
            return False
        place = step(self.here())
        if place is None:
            return False
        if place.mode != self.current_mode:
            await self.switch_mode(place.mode)
        screen = self.base_screen(place.mode)
        if hasattr(screen, "return_to"):
            await screen.return_to(place.state)
        return True

    async def action_history_back(self) -> None:
        """Back to the previous place, or say why not."""
        if not await self.go_back():
            self.notify(tr("Nothing to go back to yet: Back returns to the places you left."), timeout=3)

    async def action_history_forward(self) -> None:
        """Forward to the place gone back from, or say why not."""
        if not await self.go_forward():
            self.notify(tr("Nothing to go forward to: Forward undoes Back."), timeout=3)

    async def action_quit(self) -> None:
        """Quit; a screen holding unsaved work (it has `confirm_quit() -> bool`) may ask first."""
        for mode in self.MODES:
            try:
                stack = self.get_screen_stack(mode)
            except KeyError:  # never opened
                continue
            for screen in stack:
                confirm = getattr(screen, "confirm_quit", None)
                if confirm is not None and not confirm():
                    return  # it is asking; it quits itself if the user says so
        self.exit()

    def action_show_problems(self) -> None:
        """Open the list of data (and config) problems."""
        from workbench.ui.dialogs.problems import ProblemsDialog

        if self.dataset is not None:
            self.push_screen(ProblemsDialog(self.dataset.problems + self.config_problems))

    def action_reload(self) -> None:
        """Read the data directory again now."""
        self.load_data()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """`$trend-up` / `$trend-down` in every theme, Textual's own included."""
        return {**super().get_theme_variable_defaults(), **trend_defaults(self.no_color)}

    # --- Textual's own palette and commands, in the interface language ---------------------------

    def action_command_palette(self) -> None:
        """The command palette, its prompt in the interface language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(_palette()(id="--command-palette", placeholder=tr("Search for commands…")))

    def search_themes(self) -> None:
        """Textual's theme picker, its prompt in the interface language."""
        from textual.theme import ThemeProvider

        self.push_screen(_palette()(providers=[ThemeProvider], placeholder=tr("Search for themes…")))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's system commands (theme, quit, keys, maximize, screenshot), named in the interface language.

        In Chinese, Keys opens the workbench's own keys panel (`?`), which is translated; Textual's
        help panel would list its keys in English.
        """
        yield SystemCommand(tr("Theme"), tr("Change the current theme"), self.action_change_theme)
        yield SystemCommand(tr("Quit"), tr("Quit the application as soon as possible"), self.action_quit)
        if is_chinese():
            yield SystemCommand(tr("Keys"), tr("Show every key of this screen"), self.action_toggle_keys)
        elif screen.query("HelpPanel"):
            yield SystemCommand("Keys", "Hide the keys and widget help panel", self.action_hide_help_panel)
        else:
            yield SystemCommand(
                "Keys", "Show help for the focused widget and a summary of available keys", self.action_show_help_panel
            )
        if screen.maximized is not None:
            yield SystemCommand(
                tr("Minimize"), tr("Minimize the widget and restore to normal size"), screen.action_minimize
            )
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(tr("Maximize"), tr("Maximize the focused widget"), screen.action_maximize)
        yield SystemCommand(
            tr("Screenshot"),
            tr("Save an SVG 'screenshot' of the current screen"),
            lambda: self.set_timer(0.1, self.deliver_screenshot),
        )

    def action_toggle_keys(self) -> None:
        """List every key of this screen (hidden ones too), with the ids a keymap uses."""
        from workbench.ui.dialogs.keys import KeysDialog

        if not isinstance(self.screen, KeysDialog):
            self.push_screen(KeysDialog(self.screen))


@cache
def _palette() -> type[CommandPalette]:
    """Textual's command palette, saying "No matches found" in the interface language."""
    from rich.align import Align
    from rich.text import Text
    from textual.command import CommandList, CommandPalette
    from textual.widgets.option_list import Option

    class WorkbenchPalette(CommandPalette):
        def _start_no_matches_countdown(self, search_value: str) -> None:
            self._stop_no_matches_countdown()

            def show_no_matches() -> None:  # as Textual's, in the interface language
                if search_value:
                    text = Text(tr("No matches found"), style="not bold")
                    option = Option(Align.center(text), id=self._NO_MATCHES, disabled=True)
                    self.query_one(CommandList).add_option(option)
                    self._list_visible = True
                else:
                    self._list_visible = False

            self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)

    return WorkbenchPalette


def _read_config() -> Config:
    from workbench.core.settings.config import load_config

    return load_config()


def _binding_ids() -> set[str]:
    """Ids of every binding the workbench declares (what a keymap may name)."""
    from textual.dom import DOMNode

    ids: set[str] = set()
    stack: list[type] = [DOMNode]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("workbench."):
            ids |= {b.id for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding) and b.id}
    return ids
