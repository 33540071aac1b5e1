"""The Capex screen: sort, filter, basis, calendar view, compare, drill to source, export, odd companies, layout."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rich.text import Text
from textual.widgets import Input

from tests.datakit import HOSTILE, SOURCES
from tests.ui.helpers import QuietApp, settle
from workbench.ui.dialogs.export import ExportDialog
from workbench.ui.dialogs.source import SourceDialog
from workbench.ui.screens.capex import CapexScreen
from workbench.ui.themes import TREND_COLOURS
from workbench.ui.widgets.capex_chart import CapexChart, CompareChart
from workbench.ui.widgets.capex_compare import ComparePane
from workbench.ui.widgets.capex_detail import CompanyDetail
from workbench.ui.widgets.capex_list import CompanyList
from workbench.ui.widgets.capex_tables import CompanyQuotes, CompareTable, GuidanceLedger, PeriodTable

# Real figures (from the bundled data) for three companies, plus companies that are odd on purpose.
COMPANIES = """\
[[company]]
ticker = "MSFT"
name = "Microsoft"
fiscal_year_end = 6

[[company]]
ticker = "GOOGL"
name = "Alphabet"
fiscal_year_end = 12

[[company]]
ticker = "META"
name = "Meta Platforms"
fiscal_year_end = 12
aliases = ["Meta"]

[[company]]
ticker = "AAPL"
name = "Apple"
fiscal_year_end = 9

[[company]]
ticker = "CRWV"
name = "CoreWeave"
fiscal_year_end = 12

[[company]]
ticker = "NEG"
name = "Negative Zero Co"
fiscal_year_end = 12

[[company]]
ticker = "EMPTY"
name = "No Figures Inc"
fiscal_year_end = 3
"""

CAPEX = """\
ticker,fiscal_period,period_end,kind,value_bn,low_bn,high_bn,basis,source,said_on,quote,note
MSFT,FY2024,2024-06-30,actual,44.477,,,cash,web,,,
MSFT,FY2025,2025-06-30,actual,64.551,,,cash,web,,,
MSFT,FY2025,2025-06-30,guidance,80,,,incl_finance_leases,web,2025-01-01,,
MSFT,FY2024Q3,2024-03-31,actual,10.95,,,cash,web,,,
MSFT,FY2024Q4,2024-06-30,actual,13.87,,,cash,doc,2024-07-30,under,The risk quote stands in for the article.
MSFT,FY2025Q1,2024-09-30,actual,14.92,,,cash,web,,,
MSFT,FY2025Q2,2024-12-31,actual,15.8,,,cash,web,,,
MSFT,FY2025Q3,2025-03-31,actual,16.75,,,cash,web,,,
MSFT,FY2025Q4,2025-06-30,actual,17.08,,,cash,web,,,
MSFT,FY2025Q4,2025-06-30,actual,24.2,,,incl_finance_leases,web,,,
MSFT,FY2026Q1,2025-09-30,actual,19.39,,,cash,web,,,
MSFT,FY2026Q1,2025-09-30,actual,34.9,,,incl_finance_leases,web,,,
MSFT,FY2026Q1,2025-09-30,guidance,,30,,incl_finance_leases,web,2025-07-30,,
GOOGL,FY2024,2024-12-31,actual,52.535,,,cash,web,,,
GOOGL,FY2025,2025-12-31,actual,91.45,,,cash,web,,,
GOOGL,FY2025,2025-12-31,guidance,75,,,cash,web,2025-02-01,,
GOOGL,FY2025,2025-12-31,guidance,85,,,cash,web,2025-07-01,,
GOOGL,FY2025,2025-12-31,guidance,,91,93,cash,web,2025-10-29,,
GOOGL,FY2024Q1,2024-03-31,actual,12.01,,,cash,web,,,
GOOGL,FY2024Q2,2024-06-30,actual,13.19,,,cash,web,,,
GOOGL,FY2024Q3,2024-09-30,actual,13.06,,,cash,web,,,
GOOGL,FY2024Q4,2024-12-31,actual,14.28,,,cash,web,,,
GOOGL,FY2025Q1,2025-03-31,actual,17.2,,,cash,web,,,
GOOGL,FY2025Q2,2025-06-30,actual,22.45,,,cash,web,,,
GOOGL,FY2025Q3,2025-09-30,actual,23.95,,,cash,web,,,
GOOGL,FY2025Q4,2025-12-31,actual,27.85,,,cash,web,,,
META,FY2023,2023-12-31,actual,27.045,,,cash,web,,,
META,FY2024,2024-12-31,actual,37.256,,,cash,web,,,
META,FY2025,2025-12-31,actual,69.7,,,cash,web,,,
META,FY2024,2024-12-31,actual,39.23,,,incl_finance_leases,web,,,
META,FY2025,2025-12-31,actual,72.22,,,incl_finance_leases,web,,,
META,FY2025,2025-12-31,guidance,,60,65,incl_finance_leases,web,2025-01-29,,First 2025 range.
META,FY2025,2025-12-31,guidance,,64,72,incl_finance_leases,web,2025-04-30,,Raised.
META,FY2025,2025-12-31,guidance,,66,72,incl_finance_leases,web,2025-07-30,,Low end raised.
META,FY2025,2025-12-31,guidance,,70,72,incl_finance_leases,doc,2025-10-29,under,Raised again.
META,FY2026,2026-12-31,guidance,,115,135,incl_finance_leases,web,2026-01-28,,
AAPL,FY2024,2024-09-28,actual,9.447,,,cash,web,,,
AAPL,FY2025,2025-09-27,actual,12.715,,,cash,web,,,
CRWV,FY2025,2025-12-31,guidance,,20,23,cash,web,2025-05-14,,
CRWV,FY2025Q2,2025-06-30,guidance,,3,3.5,cash,web,2025-05-14,,
NEG,FY2023,2023-12-31,actual,0,,,cash,web,,,
NEG,FY2024,2024-12-31,actual,2.5,,,cash,web,,,
NEG,FY2025,2025-12-31,actual,-1.25,,,cash,web,,,
NEG,FY2025Q1,2025-03-31,actual,0,,,cash,web,,,
NEG,FY2025Q2,2025-06-30,actual,-0.5,,,cash,web,,,
NEG,FY2025Q3,2025-09-30,actual,1.0,,,cash,web,,,
NEG,FY2025Q4,2025-12-31,actual,-1.75,,,cash,web,,,
NEG,FY2026,2026-12-31,guidance,,-2,1,cash,web,2026-01-15,,
"""

QUOTES = """\
[[quote]]
id = "under"
source = "doc"
text = "The risk of underinvesting is far greater."
company = "META"
stance = "bull"
topics = ["capex"]
"""


@pytest.fixture
def data(make_data):
    return make_data(
        {"companies.toml": COMPANIES, "capex.csv": CAPEX, "quotes.toml": QUOTES, "scenarios/demo.toml": None}
    )


def screen_of(app) -> CapexScreen:
    assert isinstance(app.screen, CapexScreen)
    return app.screen


def tickers(app) -> list[str]:
    return [r.ticker for r in app.screen.query_one(CompanyList).rows]


async def open_company(pilot, ticker: str) -> None:
    """Put the cursor on a company and press Enter."""
    company_list = pilot.app.screen.query_one(CompanyList)
    company_list.focus()
    company_list.cursor = [r.ticker for r in company_list.rows].index(ticker)
    await pilot.press("enter")
    await pilot.pause()


async def test_list_shows_every_company_largest_spender_first(data):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert tickers(app) == ["GOOGL", "META", "MSFT", "AAPL", "NEG", "CRWV", "EMPTY"]
        company_list = app.screen.query_one(CompanyList)
        assert app.focused is company_list
        lines = [company_list.render_line(y).text for y in range(9)]
        assert "Capex $B▼" in lines[0]
        assert "GOOGL" in lines[1] and "$91.45B" in lines[1] and "▲74.1%" in lines[1] and "FY25 Dec" in lines[1]
        assert "$91–93B" not in lines[1]  # guidance for a year already reported is history, not current
        meta = next(line for line in lines if "META" in line)
        assert "$115–135B" in meta and "FY26 +FL" in meta  # the next year's, on another basis: said so
        assert "FY25 Jun" in next(line for line in lines if "MSFT" in line)
        crwv = next(line for line in lines if "CRWV" in line)
        assert "$20–23B" in crwv and crwv.count("—") == 3  # only guidance: no actual, YoY or TTM
        neg = next(line for line in lines if "NEG" in line)
        assert "-$1.25B" in neg and "▼150.0%" in neg and "-$1.25B" in neg
        empty = next(line for line in lines if "EMPTY" in line)
        assert empty.count("—") == 4


async def test_sort_cycles_columns_and_reverses(data):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")  # capex → YoY, largest first
        assert tickers(app) == ["META", "GOOGL", "MSFT", "AAPL", "NEG", "CRWV", "EMPTY"]
        company_list = app.screen.query_one(CompanyList)
        assert company_list.sort_key == "yoy" and company_list.descending
        yoy = [r.yoy for r in company_list.rows if r.yoy is not None]
        assert yoy == sorted(yoy, reverse=True)
        assert "YoY▼" in company_list.render_line(0).text
        await pilot.press("S")
        assert not company_list.descending and tickers(app)[0] == "NEG"
        assert tickers(app)[-2:] == ["CRWV", "EMPTY"]  # missing values stay last either way
        await pilot.press(*"sssss")  # TTM, guidance, said on, ticker, name ("For" is hidden at 80 columns)
        assert company_list.sort_key == "name" and not company_list.descending
        assert tickers(app)[:3] == ["GOOGL", "AAPL", "CRWV"]  # Alphabet, Apple, CoreWeave


async def test_yoy_colours_follow_the_theme_and_marks_read_without_colour(data):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        company_list = app.screen.query_one(CompanyList)

        def yoy_colour(ticker: str, arrow: str) -> str:
            line = company_list.render_line(tickers(app).index(ticker) + 1)
            return next(s.style.color.triplet.hex.upper() for s in line if arrow in s.text)

        for theme in ("default", "red-up", "colour-blind"):
            name, up, down, *_ = TREND_COLOURS[theme]
            app.theme = name
            await pilot.pause()
            assert (yoy_colour("GOOGL", "▲"), yoy_colour("NEG", "▼")) == (up, down)

        def marks() -> list[str]:
            """The lead cell of the first three rows: ▸ cursor, ● marked, ◉ both."""
            return [company_list.render_line(y).text[0] for y in (1, 2, 3)]

        assert tickers(app)[0] == "GOOGL" and marks() == ["▸", " ", " "]
        company_list.focus()
        await pilot.press("space")  # marks GOOGL, steps down
        assert marks() == ["●", "▸", " "]
        await pilot.press("k")
        assert marks() == ["◉", " ", " "]


async def test_filter_as_you_type_and_escape_clears(data):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"micro")
        assert tickers(app) == ["MSFT"]
        await pilot.press("enter")
        assert isinstance(app.focused, CompanyList)
        await pilot.press("slash", *"zzz")
        assert tickers(app) == []
        assert "No company matches" in app.screen.query_one(CompanyList).render_line(1).text
        await pilot.press("escape")
        assert len(tickers(app)) == 7 and isinstance(app.focused, CompanyList)


async def test_basis_switch_never_mixes_bases(data):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_company(pilot, "META")
        screen = screen_of(app)
        assert screen.view == "detail"
        detail = app.screen.query_one(CompanyDetail)
        assert detail.view.basis == "cash" and detail.view.annual
        chart = app.screen.query_one("#capex-chart", CapexChart)
        assert [p.actual_bn for p in chart.points] == [27.045, 37.256, 69.7]
        assert not any(p.guidance for p in chart.points)
        await pilot.press("b")
        assert detail.view.basis == "incl_finance_leases"
        assert {p.actual.basis for p in chart.points if p.actual} == {"incl_finance_leases"}
        assert [p.period for p in chart.points] == ["FY2024", "FY2025", "FY2026"]
        fy25 = chart.points[1]
        assert (fy25.actual_bn, fy25.guidance.low_bn, fy25.guidance.high_bn) == (72.22, 70, 72)
        text = "\n".join(line.plain for line in chart.chart_lines(76, 18))
        assert "░ guidance" in text and "█ actual" in text and "72.22" in text
        await pilot.press("right_square_bracket")
        table = app.screen.query_one(PeriodTable)
        assert app.focused is table
        assert {f.basis for f in table.items} == {"incl_finance_leases"}
        await pilot.press("b")
        assert detail.view.basis == "cash"
        assert {f.basis for f in table.items} == {"cash"}


async def test_calendar_view_aligns_fiscal_quarters(data):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_company(pilot, "MSFT")
        await pilot.press("a", "f")
        detail = app.screen.query_one(CompanyDetail)
        assert not detail.view.annual and detail.view.calendar
        chart_text = "\n".join(t.plain for t in app.screen.query_one("#capex-chart", CapexChart).chart_lines(76, 18))
        assert "25Q2" in chart_text and "FY25Q4" not in chart_text
        await pilot.press("right_square_bracket")
        table = app.screen.query_one(PeriodTable)
        first = [str(c) for c in table.get_row_at(0)]
        assert first[0] == "2024Q1" and first[1] == "FY2024Q3 · 2024-03-31"
        row = [str(c) for c in table.get_row_at([f.fiscal_period for f in table.items].index("FY2025Q4"))]
        assert row[0] == "2025Q2"  # Microsoft's fiscal Q4 is April–June
        await pilot.press("f")
        assert str(table.get_row_at(0)[0]) == "FY2024Q3 · 2024-03-31"


async def test_compare_marked_companies_by_calendar_quarter(data):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        company_list = app.screen.query_one(CompanyList)
        company_list.cursor = tickers(app).index("MSFT")
        await pilot.press("space")
        company_list.cursor = tickers(app).index("GOOGL")
        await pilot.press("space")
        assert company_list.marked == ["MSFT", "GOOGL"]
        assert "2 marked" in str(app.screen.query_one("#capex-list-status").render())
        await pilot.press("c")
        assert screen_of(app).view == "compare"
        pane = app.screen.query_one(ComparePane)
        assert pane.view.tickers == ("MSFT", "GOOGL") and pane.view.basis == "cash" and not pane.view.annual
        rows = {r["period"]: r for r in pane.data.rows()}
        assert rows["2025Q2"] == {"period": "2025Q2", "MSFT": 17.08, "GOOGL": 22.45}
        chart = app.screen.query_one("#compare-chart", CompareChart)
        legend = chart.chart_lines(76, 18)[0].plain
        assert "█ MSFT" in legend and "▓ GOOGL" in legend
        await pilot.press("i")
        indexed = {r["period"]: r for r in pane.table_data().rows()}
        assert indexed["2024Q1"] == {"period": "2024Q1", "MSFT": 100.0, "GOOGL": 100.0}
        assert indexed["2025Q2"]["GOOGL"] == pytest.approx(22.45 / 12.01 * 100)
        assert "index: 2024Q1 = 100" in chart.chart_lines(76, 18)[0].plain
        await pilot.press("right_square_bracket")
        table = app.screen.query_one(CompareTable)
        assert app.focused is table and str(table.get_row_at(0)[0]) == "2025Q4"
        await pilot.press("a")
        # Fiscal years are keyed by the month they end: Microsoft's (June) and Alphabet's (December) apart.
        assert pane.view.annual and [r["period"] for r in pane.data.rows()][-2:] == ["Jun 2025", "Dec 2025"]
        await pilot.press("escape")
        assert screen_of(app).view == "list" and app.focused is company_list


async def test_compare_without_marks_uses_the_current_company(data):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        assert app.screen.query_one(ComparePane).view.tickers == ("GOOGL",)


async def test_the_compare_pane_is_made_on_the_first_compare(data):
    """Side by side, the detail is drawn with the data; the compare pane (as costly to mount) is
    made when first wanted, shown, and kept for the next compare."""
    app = QuietApp(data)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.query_one(CompanyDetail).view is not None and not screen.query(ComparePane)
        await pilot.press("c")
        await settle(pilot)
        pane = screen.query_one(ComparePane)
        assert pane.display and pane.view.tickers == (screen.query_one(CompanyList).current.ticker,)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert screen.query_one(ComparePane) is pane and pane.display


async def test_ledger_shows_revisions_beside_the_actual(data):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_company(pilot, "META")
        await pilot.press("right_square_bracket", "right_square_bracket")
        ledger = app.screen.query_one(GuidanceLedger)
        assert app.focused is ledger
        assert [str(c) for c in ledger.get_row_at(1)][:5] == ["FY2025", "2025-01-29", "$60–65B", "$72.22B", "▲15.6%"]
        await pilot.press("j")
        path = str(app.screen.query_one("#ledger-path").render())
        assert "$60–65B → $64–72B → $66–72B → $70–72B · actual $72.22B" in path.replace("\n", " ")


async def test_enter_on_an_external_figure_shows_its_source_and_copies_the_url(data):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_company(pilot, "META")
        await pilot.press("right_square_bracket", "right_square_bracket", "j", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SourceDialog)
        body = str(dialog.query_one("#source-body").render())
        assert "A web page" in body and "https://example.com/page" in body and "2024-05-02" in body
        assert "First 2025 range." in body
        await pilot.press("y")
        assert app.clipboard == "https://example.com/page"
        await pilot.press("escape")
        assert isinstance(app.screen, CapexScreen)


async def test_enter_on_a_quoted_figure_opens_the_quotes_screen(data, monkeypatch):
    opened = []
    app = QuietApp(data)
    monkeypatch.setattr(app, "open_quote", opened.append)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_company(pilot, "META")
        await pilot.press("right_square_bracket", "right_square_bracket", "j", "j", "j", "j", "enter")
        assert opened == ["under"]
        # `o` shows the verified quote in its document instead.
        await pilot.press("o")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SourceDialog)
        body = str(dialog.query_one("#source-body").render())
        assert "Line one." in body and "The risk of underinvesting is far greater." in body
        assert "line 2, column 1" in body
        await pilot.press("enter")
        await pilot.pause()
        assert opened == ["under", "under"] and isinstance(app.screen, CapexScreen)


async def test_quotes_that_mention_the_company(data, monkeypatch):
    opened = []
    app = QuietApp(data)
    monkeypatch.setattr(app, "open_quote", opened.append)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_company(pilot, "META")
        await pilot.press(*["right_square_bracket"] * 3)
        quotes = app.screen.query_one(CompanyQuotes)
        assert app.focused is quotes and [q.id for q in quotes.items] == ["under"]
        await pilot.press("enter")
        assert opened == ["under"]
        await pilot.press("escape")
        await open_company(pilot, "AAPL")
        await pilot.press(*["right_square_bracket"] * 3)
        assert "No quotes mention" in str(app.screen.query_one(CompanyQuotes).get_row_at(0)[0])


async def test_export_the_visible_table_as_raw_numbers(data, tmp_path):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        field = app.screen.query_one(Input)
        field.value = str(tmp_path / "nowhere" / "x.csv")
        await pilot.press("enter")
        await settle(pilot)
        assert "does not exist" in str(app.screen.query_one("#export-error").render())
        field.value = str(tmp_path / "companies.csv")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CapexScreen)
        with (tmp_path / "companies.csv").open(newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert [r["ticker"] for r in rows] == tickers(app)
        assert rows[0]["capex_bn"] == "91.45" and rows[0]["period_end"] == "2025-12-31"
        meta = next(r for r in rows if r["ticker"] == "META")
        assert (meta["guidance_low_bn"], meta["guidance_period"], meta["guidance_basis"]) == (
            "115.0",
            "FY2026",
            "incl_finance_leases",
        )
        # The ledger tab exports the ledger, as JSON when asked.
        await open_company(pilot, "META")
        await pilot.press("right_square_bracket", "right_square_bracket", "e")
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path / "ledger.json")
        await pilot.press("enter")
        await settle(pilot)
        ledger = json.loads((tmp_path / "ledger.json").read_text())
        assert [(r["low_bn"], r["high_bn"]) for r in ledger if r["fiscal_period"] == "FY2025"] == [
            (60, 65),
            (64, 72),
            (66, 72),
            (70, 72),
        ]
        assert ledger[1]["actual_bn"] == 72.22


@pytest.mark.parametrize(
    "ticker, expect",
    [
        ("EMPTY", "No capex figures for this company."),
        ("CRWV", "░ guidance"),  # only guidance: drawn as ranges, no bars
        ("NEG", "0┤"),  # the zero line is inside the chart: FY2025 is below it
        ("AAPL", "12.71"),
    ],
)
async def test_odd_companies_display_sensibly(data, ticker, expect):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_company(pilot, ticker)
        chart = app.screen.query_one("#capex-chart", CapexChart)
        lines = chart.chart_lines(76, 18)
        text = chart.empty_text if lines is None else "\n".join(t.plain for t in lines)
        assert expect in text or expect in str(chart.render())
        await pilot.press("a")  # quarterly: AAPL has none, NEG has negative and zero quarters
        lines = chart.chart_lines(76, 18)
        if ticker == "AAPL":
            assert lines is None and "No quarterly figures on the cash basis" in chart.empty_text
        if ticker == "NEG":
            plain = [t.plain for t in lines]
            zero = next(i for i, line in enumerate(plain) if "0┤" in line)
            below = "".join(line.split("│", 1)[-1] for line in plain[zero + 1 : -2])  # the plot, not its labels
            assert "█" in plain[zero] and ("▀" in below or "█" in below)  # bars hang below zero
            assert "····" in "".join(plain[:zero])  # a real zero is marked, not left blank
        await pilot.press(*["right_square_bracket"] * 2)
        assert app.screen.query_one(GuidanceLedger).row_count >= 1
        await pilot.press("escape")
        assert screen_of(app).view == "list"


async def test_hostile_names_and_sources_show_literally(make_data):
    companies = "".join(
        f'[[company]]\nticker = "H{i}"\nname = {json.dumps(text, ensure_ascii=False)}\nfiscal_year_end = 12\n\n'
        for i, text in enumerate(HOSTILE)
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "ticker",
            "fiscal_period",
            "period_end",
            "kind",
            "value_bn",
            "low_bn",
            "high_bn",
            "basis",
            "source",
            "said_on",
            "quote",
            "note",
        ]
    )
    for i, text in enumerate(HOSTILE):
        writer.writerow([f"H{i}", "FY2025", "2025-12-31", "actual", i + 1, "", "", text, "web", "", "", text])
    sources = SOURCES.replace('title = "A web page"', f"title = {json.dumps(HOSTILE[2] + HOSTILE[3])}")
    app = QuietApp(
        make_data(
            {
                "companies.toml": companies,
                "capex.csv": out.getvalue(),
                "sources.toml": sources,
                "scenarios/demo.toml": None,
            }
        )
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        company_list = app.screen.query_one(CompanyList)
        shown = "\n".join(company_list.render_line(y).text for y in range(len(HOSTILE) + 1))
        for text in ("[bold]not bold[/bold]", "[/oops]", "[@click=app.quit]x[/]", "算力"):
            assert text[:12] in shown, text
        assert "\x1b" not in shown and "␛[31m" in shown
        for ticker in ("H0", "H1", "H2", "H3", "H6"):
            await open_company(pilot, ticker)
            app.screen.query_one(CompanyDetail).tabs.active = "tab-periods"  # basis and note columns
            app.screen.query_one(PeriodTable).focus()
            await pilot.pause()
            await pilot.press("o")
            await settle(pilot)
            assert isinstance(app.screen, SourceDialog), (ticker, app.focused, app.screen)
            body = str(app.screen.query_one("#source-body").render())
            assert "[@click=app.quit]x[/]" in body and "␛[31m" in body and "\x1b" not in body
            await pilot.press("escape", "escape")
            await pilot.pause()
        assert app.is_running


async def test_show_company_before_and_after_loading(data):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.show_company("META")  # the data is still loading
        await settle(pilot)
        assert screen_of(app).view == "detail" and app.screen.query_one(CompanyDetail).view.ticker == "META"
        app.open_company("GOOGL")
        await pilot.pause()
        assert app.screen.query_one(CompanyDetail).view.ticker == "GOOGL"
        app.open_company("NOPE")
        await pilot.pause()
        assert app.screen.query_one(CompanyDetail).view.ticker == "GOOGL"


async def test_wide_layout_follows_the_cursor(data):
    app = QuietApp(data)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        assert screen.wide and screen.view == "list"
        detail = app.screen.query_one(CompanyDetail)
        assert detail.display and detail.tall and detail.view.ticker == "GOOGL"
        await pilot.press("j")
        await pilot.pause(0.3)
        assert detail.view.ticker == "META"
        await pilot.press("enter")
        assert isinstance(app.focused, PeriodTable)  # the chart is above, so the first tab is Periods
        await pilot.press("escape")
        assert isinstance(app.focused, CompanyList)


async def test_many_companies_stay_quick(make_data):
    companies = "".join(
        f'[[company]]\nticker = "C{i:04d}"\nname = "Company {i}"\nfiscal_year_end = {i % 12 + 1}\n\n'
        for i in range(2000)
    )
    capex_csv = (
        "ticker,fiscal_period,period_end,kind,value_bn,low_bn,high_bn,basis,source,said_on,quote,note\n"
        + "".join(f"C{i:04d},FY2025,2025-{i % 12 + 1:02d}-28,actual,{i / 10},,,cash,web,,,\n" for i in range(2000))
    )
    app = QuietApp(make_data({"companies.toml": companies, "capex.csv": capex_csv}))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert len(tickers(app)) == 2000 and tickers(app)[0] == "C1999"
        await pilot.press("G")
        assert app.screen.query_one(CompanyList).current.ticker == "C0000"
        await pilot.press("slash", *"c150")
        assert len(tickers(app)) == 10


# --- snapshots ------------------------------------------------------------------------------------


async def _detail(pilot) -> None:
    await settle(pilot)
    await open_company(pilot, "META")
    await pilot.press("b")
    await pilot.pause()


async def _compare(pilot) -> None:
    await settle(pilot)
    company_list = pilot.app.screen.query_one(CompanyList)
    for ticker in ("MSFT", "GOOGL"):
        company_list.cursor = tickers(pilot.app).index(ticker)
        await pilot.press("space")
    await pilot.press("c")
    await pilot.pause()


async def _ledger(pilot) -> None:
    await _detail(pilot)
    await pilot.press(*(["right_square_bracket"] * (1 if pilot.app.screen.wide else 2)), "j")
    await pilot.pause()


@pytest.mark.parametrize(
    "size", [(80, 24), (120, 40), (140, 45), (200, 50)], ids=["80x24", "120x40", "140x45", "200x50"]
)
@pytest.mark.parametrize(
    "view, run_before", [("list", settle), ("detail", _detail), ("compare", _compare), ("ledger", _ledger)]
)
def test_capex_snapshots(snap_compare, data, size, view, run_before):
    assert snap_compare(QuietApp(data), terminal_size=size, run_before=run_before)


async def test_session_reopens_the_company_tab_and_marks(data):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        company_list = app.screen.query_one(CompanyList)
        company_list.mark("AAPL")
        await open_company(pilot, "META")
        await pilot.press("right_square_bracket", "right_square_bracket")  # Chart → Periods → Ledger
        await pilot.pause()
        assert screen_of(app).detail.active_tab == "tab-ledger"
        await pilot.press("ctrl+q")
    again = QuietApp(data)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await settle(pilot)
        screen = screen_of(again)
        assert (screen.current, screen.view) == ("META", "detail")
        assert screen.detail.active_tab == "tab-ledger"
        assert screen.query_one(CompanyList).marked == ["AAPL"]
        await pilot.press("escape")
        assert screen.query_one(CompanyList).current.ticker == "META"


async def test_the_detail_is_drawn_once_for_one_company_and_data(data, monkeypatch):
    """Side by side, the data's arrival shows the first company; the list's cursor settling on it
    afterwards must not fill and draw its tables again (a stall of 20–50 ms each on large data)."""
    filled: list[str] = []
    show = PeriodTable.show
    monkeypatch.setattr(PeriodTable, "show", lambda self, *a: (filled.append("periods"), show(self, *a)))
    app = QuietApp(data)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)  # the follow timer (0.12 s) has fired
        assert filled == ["periods"]
        await pilot.press("j")
        await pilot.pause(0.3)
        assert filled == ["periods", "periods"]  # another company: drawn


async def test_the_same_rows_again_leave_the_table_and_its_cursor(data):
    app = QuietApp(data)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PeriodTable)
        figures = list(table.items)
        assert len(figures) > 1
        columns = table.headers
        rows = [(f, [Text(str(cell)) for cell in table.get_row_at(i)]) for i, f in enumerate(figures)]
        table.fill(columns, rows)
        table.move_cursor(row=1)
        table.fill(columns, rows)
        assert table.cursor_row == 1  # not drawn afresh (that puts the cursor back on the first row)
        again = [(f, cells) for f, cells in rows]
        again[0] = (figures[0], [Text(str(c), style="yellow") for c in rows[0][1]])
        table.fill(columns, again)  # only a colour differs: drawn afresh
        assert table.cursor_row == 0 and table.get_row_at(0)[0].style == "yellow"
