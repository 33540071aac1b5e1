"""Back and Forward across screens, as in a browser; keys that cannot act say why."""

from __future__ import annotations

import pytest

from tests.ui.helpers import QuietApp, settle
from tests.ui.test_capex_screen import CAPEX, COMPANIES, QUOTES, open_company, screen_of
from workbench.ui.widgets.capex_list import CompanyList
from workbench.ui.widgets.capex_tables import PeriodTable


@pytest.fixture
def data(make_data):
    return make_data(
        {"companies.toml": COMPANIES, "capex.csv": CAPEX, "quotes.toml": QUOTES, "scenarios/demo.toml": None}
    )


@pytest.mark.parametrize("size", [(80, 24), (140, 45)], ids=["80x24", "140x45"])
async def test_palette_jump_then_escape_returns_to_the_same_detail_and_tab(data, size):
    app = QuietApp(data, restore=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await open_company(pilot, "META")
        screen = screen_of(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        tab = screen.detail.active_tab
        assert tab != screen.detail.tab_ids()[0]
        app.open_company("MSFT")  # what the palette's "MSFT" does
        await pilot.pause()
        assert screen.detail.view.ticker == "MSFT"
        await pilot.press("escape")
        await pilot.pause()
        assert (screen.view, screen.detail.view.ticker, screen.detail.active_tab) == ("detail", "META", tab)
        await pilot.press("greater_than_sign")  # Forward
        await pilot.pause()
        assert screen.detail.view.ticker == "MSFT"


async def test_back_and_forward_across_screens_keep_the_place(data):
    app = QuietApp(data, restore=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_company(pilot, "GOOGL")
        screen = screen_of(app)
        await pilot.press("right_square_bracket")  # Periods
        await pilot.pause()
        table = screen.query_one(PeriodTable)
        table.move_cursor(row=2)
        await pilot.press("4")  # Deals
        await settle(pilot)
        assert app.current_mode == "deals"
        await pilot.press("backspace")
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "capex"
        assert screen.detail.view.ticker == "GOOGL" and app.focused is table and table.cursor_row == 2
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert app.current_mode == "deals"


async def test_escape_walks_back_from_a_drill_down_to_the_list(data):
    app = QuietApp(data, restore=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_company(pilot, "META")
        await pilot.press("escape")
        await pilot.pause()
        screen = screen_of(app)
        assert screen.view == "list" and isinstance(app.focused, CompanyList)
        assert screen.query_one(CompanyList).current.ticker == "META"


async def test_keys_that_cannot_act_say_why(data):
    app = QuietApp(data, restore=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")  # on the list: no figure under the cursor
        await pilot.pause()
        assert any("source" in n.message for n in app._notifications)
        await open_company(pilot, "GOOGL")  # one basis only
        await pilot.press("b")
        await pilot.pause()
        assert any("one basis only" in n.message for n in app._notifications)


async def test_a_figure_opened_as_its_quote_is_walked_back_to(data):
    app = QuietApp(data, restore=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_company(pilot, "META")
        await pilot.press("right_square_bracket", "right_square_bracket", "j", "j", "j", "j")
        await pilot.pause()
        screen = screen_of(app)
        ledger_cursor = app.focused.cursor_row
        await pilot.press("enter")  # the figure's quote, in its document
        await settle(pilot)
        assert app.current_mode == "quotes"
        for _ in range(3):  # the pane's own Esc first (to its list), then back to Capex
            await pilot.press("escape")
            await pilot.pause()
            if app.current_mode == "capex":
                break
        await pilot.pause()
        assert app.current_mode == "capex" and screen.detail.active_tab == "tab-ledger"
        assert app.focused.cursor_row == ledger_cursor


async def test_deals_views_are_walked_back(data):
    app = QuietApp(data, restore=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("w")  # the network
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "deals" and app.screen.query_one("#deal-views").active == "ledger"
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "capex"


async def test_session_keeps_basis_frequency_sort_filter_and_pane(data):
    app = QuietApp(data)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await open_company(pilot, "META")
        screen = screen_of(app)
        await pilot.press("b", "a", "z")  # the other basis, quarterly, the detail full width
        await pilot.pause()
        company_list = screen.query_one(CompanyList)
        company_list.sort_by("yoy", False)
        chosen = (screen.basis, screen.annual)
        await pilot.press("ctrl+q")
    again = QuietApp(data)
    async with again.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await settle(pilot)
        screen = screen_of(again)
        assert (screen.basis, screen.annual) == chosen and chosen[1] is False
        assert screen.zoomed and not screen.query_one("#capex-list-pane").display
        company_list = screen.query_one(CompanyList)
        assert (company_list.sort_key, company_list.descending) == ("yoy", False)
        assert screen.detail.view.ticker == "META" and screen.detail.view.basis == chosen[0]


async def test_a_paired_quote_is_walked_back_in_the_quotes_screen():
    from tests.datakit import BUNDLED

    app = QuietApp(BUNDLED, restore=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        app.open_quote("pichai-underinvest-risk")
        await settle(pilot)
        screen = app.screen
        before = [pane.snapshot().quote_id for pane in screen.panes]
        await pilot.press("a")  # its answer in the other pane
        await pilot.pause()
        after = [pane.snapshot().quote_id for pane in screen.panes]
        assert after != before
        await pilot.press("backspace")
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "quotes" and [pane.snapshot().quote_id for pane in screen.panes] == before
