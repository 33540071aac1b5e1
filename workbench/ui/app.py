"""The Textual application: loads the data in a worker and hosts one screen per mode."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from workbench.core.settings.session import load_session, save_session
from workbench.ui.history import History, Place
from workbench.ui.themes import register_themes, startup_theme, trend_defaults

# The first frame imports only what it draws: the loader, the config reader, the palette's
# commands and the dialogs are imported where they are first used, after it.
if TYPE_CHECKING:
    from textual.command import Provider

    from workbench.core.data.model import Dataset
    from workbench.core.data.problems import Problem
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


class WorkbenchApp(App[None]):
    """AI Capex Workbench: capex browser, quote viewer, ROI scenarios and deal ledger."""

    TITLE = "AI Capex Workbench"
    CSS_PATH = str(Path(__file__).with_name("app.tcss"))
    MODES = {mode: _screen_factory(mode) for mode in SCREENS}
    DEFAULT_MODE = "capex"
    BINDINGS = [
        Binding("1", "switch_mode('capex')", "Capex", id="app.capex", tooltip="Company capex browser"),
        Binding("2", "switch_mode('quotes')", "Quotes", id="app.quotes", tooltip="Side-by-side quote viewer"),
        Binding("3", "switch_mode('scenarios')", "Scenarios", id="app.scenarios", tooltip="ROI scenarios"),
        Binding("4", "switch_mode('deals')", "Deals", id="app.deals", tooltip="Circular-deal ledger"),
        Binding("5", "switch_mode('payback')", "Payback", id="app.payback", tooltip="Revenue side beside capex"),
        Binding("!", "show_problems", "Problems", id="app.problems", tooltip="List every data problem"),
        Binding("?", "toggle_keys", "Keys", id="app.keys", tooltip="Show every key of this screen"),
        Binding(
            "backspace,less_than_sign",
            "history_back",
            "Back",
            id="app.history_back",
            show=False,
            tooltip="Back to where you were (Esc too, once a screen has nothing of its own to close)",
        ),
        Binding(
            "greater_than_sign",
            "history_forward",
            "Forward",
            id="app.history_forward",
            show=False,
            tooltip="Forward again, after going back",
        ),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False),
        Binding("ctrl+r", "reload", "Reload", id="app.reload", show=False, tooltip="Read the data again"),
    ]

    COMMANDS = App.COMMANDS | {_workbench_commands}
    RELOAD_POLL_SECONDS = 2.0
    RECENT_LIMIT = 12

    dataset: reactive[Dataset | None] = reactive(None, always_update=True)

    def __init__(self, data_dir: Path | str, *, watch_files: bool = True, restore: bool = True) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self.watch_files = watch_files
        self.saved_session: dict = load_session(self.data_dir) if restore else {}
        self.recent_commands: list[str] = [k for k in self.saved_session.get("recent", []) if isinstance(k, str)]
        self.config_problems: list[Problem] = []
        self.config_theme = "default"
        self._fingerprint: object = None
        self.history = History()

    def on_mount(self) -> None:
        """Apply the user's config, then load the data off the event loop."""
        self.sub_title = str(self.data_dir)
        register_themes(self)
        self._apply_config()
        self.call_after_refresh(self.load_data)  # the first frame first: loading competes for the CPU
        if self.saved_session.get("mode") in self.MODES:
            self.switch_mode(self.saved_session["mode"])
        if self.watch_files:
            self.set_interval(self.RELOAD_POLL_SECONDS, self._poll_data_files)

    def _apply_config(self) -> None:
        from workbench.core.settings.config import load_config

        config = load_config()
        self.config_theme = config.theme
        self.theme = startup_theme(config.theme, self.saved_session, self.available_themes)
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
        unknown = [p for p in known.problems if "unknown binding id" in p.message]
        self.call_from_thread(self._report_config_problems, unknown)

    def _report_config_problems(self, problems: list[Problem], whole_file: bool = False) -> None:
        from workbench.core.settings.config import consequence

        self.config_problems = [*self.config_problems, *problems]
        title = "Config file ignored" if whole_file else "Config entry ignored"
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
        from workbench.core.data.loader import data_fingerprint, load_dataset

        fingerprint = data_fingerprint(self.data_dir)
        dataset = load_dataset(self.data_dir)
        self._fingerprint = fingerprint
        self.call_from_thread(setattr, self, "dataset", dataset)

    def _poll_data_files(self) -> None:
        if self.dataset is not None and not any(w.group == "load" and w.is_running for w in self.workers):
            self._check_data_files()

    @work(thread=True, exclusive=True, exit_on_error=False, group="poll")
    def _check_data_files(self) -> None:
        """Live reload: when any data file changes on disk, load everything again."""
        from workbench.core.data.loader import data_fingerprint

        if data_fingerprint(self.data_dir) != self._fingerprint:
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
        self.switch_mode(mode)

    async def action_switch_mode(self, mode: str) -> None:
        """The screen keys (1–4) go on the history like every other jump."""
        self.open_mode(mode)

    def open_company(self, ticker: str) -> None:
        """Show a company on the Capex screen."""
        self.remember_place()
        self.switch_mode("capex")
        cast("CapexScreen", self.screen).show_company(ticker)

    def open_quote(self, quote_id: str) -> None:
        """Show a quote in its document on the Quotes screen."""
        self.remember_place()
        self.switch_mode("quotes")
        cast("QuotesScreen", self.screen).show_quote(quote_id)

    def open_scenario(self, scenario_id: str) -> None:
        """Open a scenario on the Scenarios screen."""
        self.remember_place()
        self.switch_mode("scenarios")
        cast("ScenariosScreen", self.screen).show_scenario(scenario_id)

    def open_party(self, name: str) -> None:
        """Show an investor or AI lab on the Deals screen."""
        self.remember_place()
        self.switch_mode("deals")
        cast("DealsScreen", self.screen).show_party(name)

    def open_payback(self, ticker: str) -> None:
        """Show a company's payback metrics on the Payback screen."""
        self.remember_place()
        self.switch_mode("payback")
        cast("PaybackScreen", self.screen).show_company(ticker)

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
            self.notify("Nothing to go back to yet: Back returns to the places you left.", timeout=3)

    async def action_history_forward(self) -> None:
        """Forward to the place gone back from, or say why not."""
        if not await self.go_forward():
            self.notify("Nothing to go forward to: Forward undoes Back.", timeout=3)

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

    def action_toggle_keys(self) -> None:
        """List every key of this screen (hidden ones too), with the ids a keymap uses."""
        from workbench.ui.dialogs.keys import KeysDialog

        if not isinstance(self.screen, KeysDialog):
            self.push_screen(KeysDialog(self.screen))


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
