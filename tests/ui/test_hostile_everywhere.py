"""Every screen over a data set whose every string is hostile: nothing acts, nothing crashes."""

from __future__ import annotations

import csv
import io

from tests.datakit import CAPEX, COMPANIES, DEALS, HOSTILE, QUOTES, SCENARIO, SOURCES
from tests.ui.helpers import QuietApp, settle

MARKUP = "[@click=app.quit]x[/]"


def _csv_rows(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def hostile_data(make_data):
    document = "\n".join(HOSTILE) + "\nThe risk of underinvesting is far greater.\n资本支出达到140亿美元\n"
    quotes = QUOTES + "".join(
        f'\n[[quote]]\nid = "h{i}"\nsource = "doc"\ntext = {text!r}\nspeaker = "{MARKUP}"\n'.replace("'", '"')
        for i, text in enumerate(["[/oops]", "[@click=app.quit]x[/]", "算力 资本支出 1200亿美元 — 中文"])
    )
    deals = DEALS + _csv_rows(
        [[MARKUP, "[/oops]", "equity", "1", "2024-01-01", "web", "\x1b[31m", "", "closed", "", ""]]
    )
    capex = CAPEX + _csv_rows(
        [["AMZN", "FY2024", "2024-12-31", "actual", "83", "", "", "[bold]b", "web", "", "", MARKUP]]
    )
    return make_data(
        {
            "companies.toml": COMPANIES.replace('name = "Amazon"', f'name = "{MARKUP} \\u001b[31mAmazon"'),
            "sources.toml": SOURCES.replace('title = "A document"', 'title = "[/oops] \\u001b]8;;x\\u0007 title"'),
            "sources/doc.txt": document,
            "quotes.toml": quotes,
            "capex.csv": capex,
            "deals.csv": deals,
            "scenarios/demo.toml": SCENARIO.replace('name = "Demo"', f'name = "{MARKUP}"'),
        }
    )


async def test_every_screen_survives_hostile_strings(make_data):
    app = QuietApp(hostile_data(make_data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        ds = app.dataset
        assert ds.problems == []  # the hostile strings are all valid data
        assert MARKUP in ds.companies["AMZN"].name and any(d.investor == MARKUP for d in ds.deals)
        assert {"h0", "h1", "h2"} <= set(ds.quotes) and ds.scenarios["demo"].name == MARKUP
        for keys in (
            ["1", "j", "enter", "right_square_bracket", "right_square_bracket", "escape"],
            ["2", "j", "j", "enter", "tab", "e", "a"],
            ["3", "enter", "escape"],
            ["4", "p", "w", "l"],
        ):
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            await settle(pilot)
            assert app.is_running, keys
        await pilot.press("ctrl+p", *"amzn")
        await pilot.pause(0.3)
        await pilot.press("escape")
        assert app.is_running
