"""App-wide features: command palette, keymap from the config file, themes, live reload."""

from __future__ import annotations

import asyncio
import os
import threading
import time

import pytest
from textual import events
from textual.command import CommandPalette

from tests.datakit import COMPANIES
from tests.ui.helpers import QuietApp, settle
from workbench.ui.widgets.capex_detail import CompanyDetail
from workbench.ui.widgets.capex_list import CompanyList
from workbench.ui.widgets.footer import FittingFooter


async def test_palette_takes_a_ticker_to_its_capex(make_data, monkeypatch):
    opened = []
    monkeypatch.setattr(QuietApp, "open_company", lambda self, ticker: opened.append(ticker))
    app = QuietApp(make_data())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"AMZN")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert opened == ["AMZN"]
        assert app.recent_commands == ["company:AMZN"]


async def test_palette_shows_hostile_names_literally(make_data):
    companies = COMPANIES.replace('name = "Amazon"', 'name = "[@click=app.quit]Amazon[/]"')
    app = QuietApp(make_data({"companies.toml": companies}))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"amzn")
        await pilot.pause(0.3)
        from textual.command import CommandList

        options = app.screen.query_one(CommandList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("[@click=app.quit]Amazon[/]" in line for line in shown), shown
        await pilot.press("escape")
        assert app.is_running


async def test_keymap_from_the_config_file_remaps_a_binding(make_data, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"app.quotes" = "f2"\n')
    monkeypatch.setenv("WORKBENCH_CONFIG", str(config))
    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert app.current_mode == "quotes"


async def test_a_bad_config_warns_and_keeps_defaults(make_data, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('theme = "neon"\n[keymap]\n"nope" = "x"\n')
    monkeypatch.setenv("WORKBENCH_CONFIG", str(config))
    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "workbench"
        assert len(app.config_problems) == 2
        await pilot.press("2")
        assert app.current_mode == "quotes"


async def test_themes_can_be_chosen_in_the_config(make_data, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('theme = "red-up"\n')
    monkeypatch.setenv("WORKBENCH_CONFIG", str(config))
    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "workbench-red-up"
        assert app.theme_variables["trend-up"].upper() == "#E05252"


async def test_live_reload_picks_up_a_changed_file(make_data):
    root = make_data()
    app = QuietApp(root, watch_files=True)
    app.RELOAD_POLL_SECONDS = 0.1
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.dataset.problems == []
        capex = root / "capex.csv"
        capex.write_text(capex.read_text() + "MSFT,FY2023,2023-06-30,actual,oops,,,cash,web,,,\n")
        later = time.time() + 5
        os.utime(capex, (later, later))
        for _ in range(50):
            await pilot.pause(0.1)
            await app.workers.wait_for_complete()
            if app.dataset.problems:
                break
        assert [p.line for p in app.dataset.problems] == [6]


async def test_session_reopens_on_the_screen_the_user_left(make_data):
    root = make_data()
    app = QuietApp(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("ctrl+q")
    again = QuietApp(root)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.current_mode == "scenarios"
    fresh = QuietApp(root, restore=False)
    async with fresh.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert fresh.current_mode == "capex"


async def reload_lets_go_of_the_dataset(pilot) -> None:
    """Reload: the replaced dataset is freed (nothing keeps it alive)."""
    import gc
    import weakref

    app = pilot.app
    old = weakref.ref(app.dataset)
    app.action_reload()
    await settle(pilot)
    assert app.dataset is not old()
    gc.collect()
    assert old() is None


async def test_a_reload_lets_go_of_the_replaced_dataset(make_data):
    """Nothing keeps a replaced dataset alive (it cost a whole dataset per reload on large data)."""
    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in "2341":  # every screen has been given the dataset
            await pilot.press(key)
            await settle(pilot)
        await reload_lets_go_of_the_dataset(pilot)


async def test_the_app_is_kept_out_of_the_collectors_walks_and_still_lets_go_of_a_reload(make_data, monkeypatch):
    """Building ahead, what lives as long as the app is frozen (out of the full collections that
    stalled opening a screen 30–60 ms on the bundled data) from the moment its first screen is
    whole, before the data is read; a reload still frees the replaced dataset."""
    import gc

    from workbench.ui.app import WorkbenchApp

    frozen_at_load: list[int] = []
    load_data = WorkbenchApp.load_data

    def counted(self):
        frozen_at_load.append(gc.get_freeze_count())
        return load_data(self)

    monkeypatch.setattr(WorkbenchApp, "load_data", counted)
    gc.unfreeze()  # what earlier tests froze
    app = QuietApp(make_data(), prepare_screens=True)
    app.PREPARE_AFTER_S = 0.0
    app.PREPARE_IDLE_S = 0.05
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert frozen_at_load[0] > 0
        await reload_lets_go_of_the_dataset(pilot)


async def test_the_collector_waits_from_a_key_until_the_users_pause(make_data, monkeypatch):
    """A collection (7–35 ms with the screens built) landing in the work of a key added to what
    the user waited for: it is held off from the key until the user pauses, two seconds at most
    while keys keep coming, and the app gives it back as it closes."""
    import gc

    from workbench.core import collector

    releases = []
    release = collector.release
    monkeypatch.setattr(collector, "release", lambda: (releases.append(1), release()))
    app = QuietApp(make_data())
    app.COLLECT_IDLE_S = 0.3
    app.COLLECT_HOLD_MAX_S = 1.5
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert gc.isenabled()
        releases.clear()  # the loading's own
        await pilot.press("j")
        assert not gc.isenabled()
        for _ in range(3):  # keys within the pause keep it held
            await asyncio.sleep(0.1)
            await pilot.press("k")
            assert not gc.isenabled()
        await asyncio.sleep(0.6)  # the user's pause
        assert gc.isenabled() and len(releases) == 1

        for _ in range(20):  # keys without a pause for longer than the most it is held
            await pilot.press("j")
            await asyncio.sleep(0.1)
        assert len(releases) >= 2 and not gc.isenabled()  # let run, held again by the next key

        await pilot.press("j")
    assert gc.isenabled()


async def test_the_work_done_at_the_users_pause_takes_one_step_at_a_time(make_data):
    """The screens built ahead and those composed again woke together at the user's pause, and
    their steps held one turn of the event loop for 60–100 ms on the large set: a key pressed then
    waited for all of them."""
    app = QuietApp(make_data())
    app.PREPARE_IDLE_S = 0.1
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        steps: list[tuple[float, float]] = []

        async def work() -> None:
            for _ in range(3):
                await app._users_pause()
                start = time.monotonic()
                time.sleep(0.02)  # a step of 20 ms, longer than the time between steps
                steps.append((start, time.monotonic()))
            await app._users_pause()  # as callers do after a step

        await pilot.press("j")
        await asyncio.gather(work(), work(), work())
        steps.sort()
        assert steps[0][0] - app._last_input >= app.PREPARE_IDLE_S
        assert all(later[0] - earlier[1] >= app.PREPARE_STEP_S * 0.9 for earlier, later in zip(steps, steps[1:]))


async def test_background_work_gives_way_after_a_key_but_not_to_a_screen_being_opened(make_data, monkeypatch):
    """A thread at work made each step of a key's work about twice as long; but the screen being
    opened may wait for a thread's work (Payback's figures), which must not wait for it."""
    from workbench.core import background

    waits = []
    monkeypatch.setattr(background, "user_waits_for_background", lambda: waits.append(time.monotonic()))
    app = _nothing_built_ahead(monkeypatch)(make_data(), prepare_screens=True)
    app.USER_BUSY_S = 30.0  # longer than any wait in this test, however slow the machine
    monkeypatch.setattr(background, "_busy_until", 0.0)  # and back to what it was after the test
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        background._busy_until = 0.0
        await pilot.press("j")
        assert background._busy_until > time.monotonic()  # the user is busy: threads give way
        assert not waits
        await pilot.press("2")  # Quotes, not built ahead: readied as the user waits
        assert waits and app.current_mode == "quotes"


async def test_a_finished_thread_worker_lets_go_of_its_arguments(make_data):
    """Textual's pool threads keep the last worker they ran: its arguments must not stay with it."""
    import functools
    import gc
    import weakref

    class Payload:
        pass

    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        payload = Payload()
        held = weakref.ref(payload)
        app.run_worker(functools.partial(lambda _payload: None, payload), thread=True)
        del payload
        await app.workers.wait_for_complete()
        await pilot.pause()
        gc.collect()
        assert held() is None


async def test_screens_are_built_ahead_while_the_user_reads(make_data):
    """Quotes, Scenarios and Deals are composed and given the data before they are first shown."""
    app = QuietApp(make_data(), prepare_screens=True)
    app.PREPARE_AFTER_S = 0.0
    app.PREPARE_IDLE_S = 0.05
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(100):
            if (
                set(app._screen_stacks) >= {"capex", "quotes", "scenarios", "deals", "payback"}
                and not app.building_ahead
            ):
                break
            await pilot.pause(0.05)
        await settle(pilot)
        assert app.current_mode == "capex"  # built, not shown
        for mode in ("quotes", "scenarios", "deals", "payback"):
            screen = app._screen_stacks[mode][0]
            assert screen.mode_name == mode
            assert screen.is_mounted
            # …with focus where the user starts, its footer fitted and its widgets laid out, the
            # layout settled (showing it need not lay it out again).
            assert screen.focused is not None
            assert screen.query_one(FittingFooter).shown
            assert screen.query_one(".body").size.width == 80
            assert not screen._layout_required
        app.switch_mode("scenarios")
        assert app._batch_count == 0  # built before: drawn at once, not held back 50 ms
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert app.current_mode == "deals" and app.screen is app._screen_stacks["deals"][0]
        assert "deals" in app.session_state()["screens"] or app.session_state()["mode"] == "deals"


def _nothing_built_ahead(monkeypatch) -> QuietApp:
    """An app that readies the screens it opens, with none built ahead."""
    monkeypatch.setattr(QuietApp, "_import_screens", lambda self: None)
    return QuietApp


async def test_a_screen_opened_before_it_was_built_is_readied_then_shown(make_data, monkeypatch):
    """Built, laid out and drawn in the switch itself, a screen held the event loop for 90–130 ms:
    it is readied in steps first, the keys typed meanwhile held for it."""
    app = _nothing_built_ahead(monkeypatch)(make_data(), prepare_screens=True)
    laid_out_when_shown = {}
    switch_mode = app.switch_mode

    def switch(mode):
        stack = app._screen_stacks.get(mode)
        laid_out_when_shown[mode] = bool(stack) and stack[0].query_one(".body").size.width == 80
        return switch_mode(mode)

    app.switch_mode = switch
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        capex = app.screen
        capex_focus = capex.focused
        app.open_mode("quotes")
        assert app._opening and app.current_mode == "capex"
        app.post_message(events.Key("tab", "\t"))  # typed as Quotes is readied: it waits for Quotes
        await settle(pilot)
        quotes = app.screen
        assert app.current_mode == "quotes" and laid_out_when_shown == {"quotes": True}
        assert capex.focused is capex_focus
        assert quotes.focused is not None and quotes.focused is not quotes.panes[0].quote_list
        app.open_mode("scenarios")
        app.open_mode("deals")  # asked for as Scenarios is readied: it waits for Scenarios to be shown
        assert app.current_mode == "quotes"
        await settle(pilot)
        assert app.current_mode == "deals" and laid_out_when_shown["scenarios"] and laid_out_when_shown["deals"]
        assert [place.mode for place in app.history.back_stack] == ["capex", "quotes"]  # asked for on Quotes
        await pilot.press("3")  # shown before: at once
        assert app.current_mode == "scenarios"
        app.open_payback("MSFT")  # readied, then shown and acted on
        assert app.current_mode == "scenarios"
        await settle(pilot)
        assert app.current_mode == "payback" and laid_out_when_shown["payback"]
        assert app.screen.current == "MSFT"


async def test_the_scenario_form_of_a_screen_readied_unseen_mounts_a_group_at_a_time(make_data, monkeypatch):
    """Mounted together, the form's 18 rows held the event loop for 40–60 ms: readied unseen, it
    mounts a group at a time, each row showing the draft as it mounts, and the screen is shown
    once every row is in."""
    from textual.containers import VerticalScroll

    from workbench.ui.widgets.scenario_form import FieldRow, ScenarioForm

    app = _nothing_built_ahead(monkeypatch)(make_data(), prepare_screens=True)
    groups: list[int] = []
    mount = VerticalScroll.mount

    def mount_group(self, *widgets, **options):
        rows = sum(isinstance(widget, FieldRow) for widget in widgets)
        if rows:
            groups.append(rows)
        return mount(self, *widgets, **options)

    monkeypatch.setattr(VerticalScroll, "mount", mount_group)
    complete_when_shown = []
    switch_mode = app.switch_mode

    def switch(mode):
        complete_when_shown.append(app._screen_stacks[mode][0].query_one(ScenarioForm).complete)
        return switch_mode(mode)

    app.switch_mode = switch
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_mode("scenarios")
        await settle(pilot)
        screen = app.screen
        form = screen.query_one(ScenarioForm)
        assert groups == [3, 5, 5, 5] and complete_when_shown == [True]
        assert screen.draft is not None and form.draft is screen.draft and not screen.filling()
        values = {name: row.field.value for name, row in form.rows.items()}
        assert values == {name: screen.draft.text(form.case, name) for name in form.rows}
        assert values["capex_bn"]  # the fixture's scenario sets it
        assert not screen.draft.dirty and not screen.draft.can_undo  # shown, not typed
        form.focus_field("tax_rate")
        await pilot.pause()
        assert screen.focused is form.rows["tax_rate"].field


async def test_switching_the_language_as_a_screen_is_built_ahead_leaves_it_whole(make_data):
    """Laid out in a step of its building ahead as the language switch composed it again, a screen
    was resized with half its widgets gone, and the app stopped with an error."""
    from workbench.ui.widgets.scenario_form import FieldRow, ScenarioForm

    app = QuietApp(make_data(), prepare_screens=True)
    app.PREPARE_AFTER_S = 0.0
    app.PREPARE_IDLE_S = 0.05
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5000):
            if "scenarios" in app._screen_stacks and "scenarios" not in app._ready_modes:
                break  # built in part
            await asyncio.sleep(0.001)
        else:
            pytest.fail("Scenarios was not caught being built ahead")
        await app.use_language("zh-Hans")
        for _ in range(100):  # and built ahead again, in the new language
            if "scenarios" in app._ready_modes:
                break
            await pilot.pause(0.05)
        assert "scenarios" in app._ready_modes
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        form = screen.query_one(ScenarioForm)
        assert form.complete and len(screen.query(FieldRow)) == 18
        assert screen.draft is not None
        assert {name: row.field.value for name, row in form.rows.items()} == {
            name: screen.draft.text(form.case, name) for name in form.rows
        }
        assert "资本开支" in str(form.rows["capex_bn"].head(" "))


async def test_a_screen_built_ahead_is_laid_out_once_its_data_is_worked_in(make_data, monkeypatch):
    """Payback groups the figures in a worker: laid out and drawn before they arrive, it would be
    drawn again as the user opens it."""
    from workbench.core.payback import metrics

    release = threading.Event()
    books = metrics.books

    def held(dataset, **kwargs):
        release.wait(10)
        return books(dataset, **kwargs)

    monkeypatch.setattr(metrics, "books", held)
    app = QuietApp(make_data(), prepare_screens=True)
    app.PREPARE_AFTER_S = 0.0
    app.PREPARE_IDLE_S = 0.05
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            if "payback" in app._screen_stacks and app._screen_stacks["payback"][0].focused is not None:
                break
            await pilot.pause(0.05)
        payback = app._screen_stacks["payback"][0]
        await pilot.pause(0.3)
        assert payback.filling() and app.building_ahead  # waiting, not laid out
        assert payback.query_one(".body").size.width == 0
        release.set()
        for _ in range(100):
            if not app.building_ahead:
                break
            await pilot.pause(0.05)
        assert not payback.filling()
        assert payback.query_one(".body").size.width == 80
        assert payback.books and payback.query_one("#payback-metrics").row_count


def _whole_load_held(monkeypatch) -> threading.Event:
    """Make reading the whole dataset wait until the returned event is set."""
    from workbench.core.data import loader

    release = threading.Event()
    whole = loader.load_dataset

    def held(*args, **kwargs):
        release.wait(10)
        return whole(*args, **kwargs)

    monkeypatch.setattr(loader, "load_dataset", held)
    return release


def _reading_held(monkeypatch) -> threading.Event:
    """Make every read of the data directory wait until the returned event is set."""
    from workbench.core.data import loader

    release = threading.Event()
    phases = loader.load_in_phases

    def held(*args, **kwargs):
        release.wait(10)
        yield from phases(*args, **kwargs)

    monkeypatch.setattr(loader, "load_in_phases", held)
    return release


def _list_kept_reading_held(monkeypatch, root) -> threading.Event:
    """`root` read as a large directory whose Capex list was kept, its reading held back."""
    from workbench.core.capex import list_cache
    from workbench.core.capex.summaries import CapexIndex
    from workbench.core.data import loader

    monkeypatch.setattr(loader, "PREVIEW_CAPEX_BYTES", 0)
    rows = CapexIndex(loader.load_preview(root, cache=False)).summaries()
    list_cache.store_rows(root, list_cache.content_digest(root), rows)
    return _reading_held(monkeypatch)


async def _listed(app):
    """(Capex screen, company list) once the list shows companies."""
    import asyncio

    from workbench.ui.widgets.capex_list import CompanyList

    capex = app._screen_stacks["capex"][0]
    companies = capex.query_one(CompanyList)
    for _ in range(200):
        if companies.row_count:
            break
        await asyncio.sleep(0.02)
    return capex, companies


async def test_a_large_directory_shows_its_capex_list_before_the_rest_has_loaded(make_data, monkeypatch):
    """The preview (companies and capex) is browsable while quotes are verified, with a notice."""
    import asyncio

    from workbench.core.data import loader
    from workbench.ui.widgets.capex_list import CompanyList

    monkeypatch.setattr(loader, "PREVIEW_CAPEX_BYTES", 0)
    release = _whole_load_held(monkeypatch)
    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            if getattr(app.screen, "index", None) is not None:
                break
            await asyncio.sleep(0.02)
        await pilot.pause()
        assert app.dataset is None  # not whole yet
        assert app.screen.query_one(CompanyList).row_count == 2
        assert app._loading_notice is not None and app._loading_notice in app._notifications
        await pilot.press("2")  # other screens wait for the whole dataset
        await pilot.pause()
        await pilot.press("1")
        release.set()
        await settle(pilot)
        assert app.dataset is not None and len(app.dataset.quotes) == 2
        assert app._loading_notice is None
        capex = app._screen_stacks["capex"][0]
        assert capex.dataset is app.dataset and capex.query_one(CompanyList).row_count == 2


async def test_a_large_directory_lists_its_companies_as_last_read_before_reading_them(make_data, monkeypatch):
    """With a kept list for exactly these files, companies are listed before capex.csv is read;
    a company opened meanwhile opens once its figures are in."""

    root = make_data()
    release = _list_kept_reading_held(monkeypatch, root)
    app = QuietApp(root)
    async with app.run_test(size=(80, 24)) as pilot:
        capex, companies = await _listed(app)
        assert companies.row_count == 2 and capex.index is None and app.dataset is None
        assert "as last read" in str(app._loading_notice.message)
        await pilot.press("s")  # browsable: sorted by the next column
        await pilot.press("enter")
        await pilot.pause()
        assert capex.view == "list" and capex.pending == companies.current.ticker
        opened = capex.pending
        release.set()
        await settle(pilot)
        assert app.dataset is not None and capex.view == "detail" and capex.current == opened
        assert app._loading_notice is None


async def test_a_small_directory_keeps_its_list_and_shows_it_at_the_next_start(make_data, monkeypatch):
    """A small directory's list is kept after its first read and shown at the next start before
    the data is read, without a notice (the data follows in a moment); changed files, no list."""
    from workbench.core.capex import list_cache

    root = make_data()
    app = QuietApp(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = [row.ticker for row in app._screen_stacks["capex"][0].query_one(CompanyList).all_rows]
    kept = list_cache.cached_rows(root, list_cache.content_digest(root))
    assert kept is not None and [row.ticker for row in kept] == shown == ["AMZN", "MSFT"]

    release = _reading_held(monkeypatch)
    app = QuietApp(root)
    async with app.run_test(size=(80, 24)) as pilot:
        capex, companies = await _listed(app)
        assert companies.row_count == 2 and capex.index is None and app.dataset is None
        assert app._loading_notice is None and not app._notifications
        release.set()
        await settle(pilot)
        assert app.dataset is not None and capex.index is not None

    (root / "capex.csv").write_text((root / "capex.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert list_cache.cached_rows(root, list_cache.content_digest(root)) is None


async def test_screen_keys_pressed_while_loading_switch_screens(make_data, monkeypatch):
    """Before the data is in, nothing takes focus: 2 then 3 open Quotes then Scenarios instead of
    typing into a filter box; once the data is shown, the screen's own widgets take focus."""

    release = _whole_load_held(monkeypatch)
    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.focused is None
        await pilot.press("2")
        await pilot.pause()
        assert app.current_mode == "quotes" and app.focused is None
        await pilot.press("3")
        await pilot.pause()
        assert app.current_mode == "scenarios"
        release.set()
        await settle(pilot)
        assert app.dataset is not None and app.focused is not None
        await pilot.press("1")
        await settle(pilot)
        assert app.current_mode == "capex" and app.focused is not None and app.focused.id == "company-list"


async def test_keys_pressed_in_the_list_as_last_read_win_over_the_last_session(make_data, monkeypatch):
    """The last session's place is restored once the figures are read, unless the user has been
    at work in the list meanwhile: then the company they opened is the one shown."""
    import asyncio

    root = make_data()
    app = QuietApp(root)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("j")  # the last session ends on the second company
        await settle(pilot)
        left_on = app._screen_stacks["capex"][0].current
        app.exit()
    release = _list_kept_reading_held(monkeypatch, root)
    app = QuietApp(root)
    async with app.run_test(size=(160, 48)) as pilot:
        capex, companies = await _listed(app)
        assert companies.current.ticker != left_on
        await pilot.press("enter")  # the first company, before its figures are read
        chosen = companies.current.ticker
        release.set()
        await settle(pilot)
        await asyncio.sleep(0.3)
        await settle(pilot)
        assert capex.current == chosen and capex.view == "detail"


async def test_the_first_frame_has_the_header_and_keys_and_the_body_follows(make_data, monkeypatch):
    """The first screen's body (list, filter box, their styles) is made after the app's first
    frame, which already has the footer's keys; the data is read once the body is made."""
    from textual.app import App

    frames = []
    display = App._display

    def record(self, screen, renderable):
        if renderable is not None and not frames:
            keys = [key[2] for key in screen.query_one(FittingFooter).shown]
            frames.append((len(screen.query(".body")), keys, self.dataset))
        display(self, screen, renderable)

    monkeypatch.setattr(App, "_display", record)
    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bodies, keys, dataset = frames[0]
        assert bodies == 0 and dataset is None
        assert "palette" in keys and "Filter" in keys, keys
        assert app.screen.query_one(CompanyList).row_count == len(app.dataset.companies)


async def test_keys_typed_before_the_first_body_is_made_act_in_order_once_it_is(make_data, monkeypatch):
    """Keys typed ahead (in the terminal before the app started) wait for the first screen to be
    whole, then act in the order typed; the data is not read before the body is made."""
    from workbench.ui.base import WorkbenchScreen

    held = []
    body_mounted = WorkbenchScreen.body_mounted
    monkeypatch.setattr(WorkbenchScreen, "body_mounted", lambda screen: held.append(screen))
    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("3", "2")
        await pilot.pause()
        assert app.current_mode == "capex" and app.dataset is None and len(held) == 1
        body_mounted(held[0])
        await settle(pilot)
        assert app.current_mode == "quotes"  # 3 then 2: Scenarios, then Quotes
        assert app.dataset is not None
        await pilot.press("1")
        await settle(pilot)
        assert app.screen.query_one(CompanyList).row_count == len(app.dataset.companies)


async def test_a_screen_shown_again_is_composed_unseen_with_what_changed_while_hidden(make_data, monkeypatch):
    """Shown again, a screen was laid out and composed whole in the one step that showed it: 26–66
    ms for Capex on the large set, once its detail pane had followed the cursor while hidden. A
    screen hidden is composed again unseen at the user's pause, and one changed since is readied
    when opened, a band of lines at a time; either is shown as composed."""
    from textual._compositor import LayoutUpdate
    from textual.strip import Strip

    from workbench.ui.screens.capex import FOLLOW_DELAY

    app = _nothing_built_ahead(monkeypatch)(make_data(), prepare_screens=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        capex = app.screen
        company_list = capex.query_one(CompanyList)
        app.open_mode("quotes")
        await settle(pilot)
        assert capex.drawn_ahead  # at the user's pause
        other = next(row for row in company_list.rows if row.ticker != capex.current)
        company_list.cursor = company_list.rows.index(other)  # wide: the detail follows, unseen
        await pilot.pause(FOLLOW_DELAY)
        await settle(pilot)
        assert capex.current == other.ticker and not capex.drawn_ahead  # changed since
        full_renders = []
        render_full_update = capex._compositor.render_full_update
        monkeypatch.setattr(capex._compositor, "render_full_update", lambda: full_renders.append(1))
        shown: list[LayoutUpdate] = []
        monkeypatch.setattr(app, "_display", lambda screen, update: shown.append(update))

        app.open_mode("capex")
        assert app._opening and app.current_mode == "quotes"  # readied first
        await settle(pilot)
        assert app.current_mode == "capex" and not full_renders  # not composed again as shown
        assert isinstance(shown[0], LayoutUpdate) and not capex.drawn_ahead  # used once
        lines = [Strip.join(line).text for line in shown[0].strips]
        assert lines == [Strip.join(line).text for line in render_full_update().strips]  # as Textual composes it
        assert any(f"{other.ticker} " in line for line in lines) and len(lines) == 40

        app.open_mode("quotes")
        await settle(pilot)
        shown.clear()
        app.open_mode("capex")  # nothing changed since it was composed: shown at once
        assert app.current_mode == "capex" and not app._opening
        await settle(pilot)
        assert isinstance(shown[0], LayoutUpdate) and not full_renders


async def test_quitting_as_the_screens_are_built_ahead_closes_the_app_cleanly(make_data, monkeypatch):
    """A screen built ahead as the app closed was added to the screens Textual was closing, and
    quitting ended in an error."""
    app = _nothing_built_ahead(monkeypatch)(make_data(), prepare_screens=True)
    app.PREPARE_IDLE_S = 0.0
    prune = app._prune

    async def slow_prune(*args, **kwargs):
        await asyncio.sleep(0.05)  # time for a step of the building ahead
        return await prune(*args, **kwargs)

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)  # Capex whole, its panes mounted
        app._build_ahead()
        for _ in range(5000):
            if app.building_ahead and "quotes" not in app._screen_stacks:
                break
            await asyncio.sleep(0.001)
        else:
            pytest.fail("the building ahead was not caught before Quotes")
        app._prune = slow_prune  # type: ignore[method-assign]
    assert set(app._screen_stacks) <= {"capex"}


async def test_the_capex_detail_follows_the_cursor_once_the_screen_being_opened_is_shown(make_data, monkeypatch):
    """Drawn as another screen was being opened (the user leaving Capex), the detail held that
    opening up for 40 ms and more on the large set."""
    from workbench.ui.screens.capex import FOLLOW_DELAY

    app = _nothing_built_ahead(monkeypatch)(make_data(), prepare_screens=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        capex = app.screen
        company_list = capex.query_one(CompanyList)
        followed = []
        refresh_right = capex._refresh_right

        async def follow():
            followed.append(capex.current)
            await refresh_right()

        monkeypatch.setattr(capex, "_refresh_right", follow)
        ready_screen, readied = app._ready_screen, asyncio.Event()

        async def held_ready_screen(*args):
            await readied.wait()
            await ready_screen(*args)

        monkeypatch.setattr(app, "_ready_screen", held_ready_screen)
        other = next(row for row in company_list.rows if row.ticker != capex.current)
        company_list.cursor = company_list.rows.index(other)
        app.open_mode("quotes")
        await pilot.pause(FOLLOW_DELAY * 3)
        assert app.opening and followed == []  # not while Quotes is being opened
        readied.set()
        await pilot.pause(FOLLOW_DELAY * 2)
        await settle(pilot)
        # Followed once shown. A CI run once saw it drawn twice for the same company (not seen
        # in 20 runs here, under load too): what matters is that none comes during the opening.
        assert app.current_mode == "quotes" and followed and set(followed) == {other.ticker}
        assert capex.query_one(CompanyDetail).view.ticker == other.ticker


async def test_a_screen_readied_unseen_draws_its_widgets_a_band_of_lines_at_a_time(make_data, monkeypatch):
    """Drawn whole in one step, Payback's table of figures held the event loop for 30 ms and more
    on the large set."""
    from textual.widget import Widget

    from workbench.ui.base import WorkbenchScreen

    app = _nothing_built_ahead(monkeypatch)(make_data(), prepare_screens=True)
    heights = []
    render_lines = Widget.render_lines

    def noted(widget, crop):
        if app.opening:
            heights.append(crop.height)
        return render_lines(widget, crop)

    monkeypatch.setattr(Widget, "render_lines", noted)
    monkeypatch.setattr(WorkbenchScreen, "draw_ahead", lambda screen: iter(()))  # composing reads the lines drawn
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_mode("payback")
        await settle(pilot)
        assert app.current_mode == "payback"
        assert len(heights) > 40 and max(heights) <= WorkbenchScreen.DRAW_BAND


async def test_drawing_a_screens_lines_stops_when_it_is_laid_out_again(make_data):
    """Laid out again between two steps, a screen's widgets have new regions: drawing the old
    ones went on over lines that may no longer be there."""
    app = QuietApp(make_data())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        for widget in screen._compositor.visible_widgets:
            widget._styles_cache.clear()  # every line to draw again
        steps = screen.draw_lines()
        next(steps)
        screen._refresh_layout(app.size)
        assert list(steps) == []
        steps = screen.draw_lines()
        assert len(list(steps)) > 10  # not drawn yet: drawn now, band by band
        assert list(screen.draw_lines()) == []  # all drawn
