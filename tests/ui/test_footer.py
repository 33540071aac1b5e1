"""The footer: the keys that fit, drawn on one line; hover, tooltip and click as on Textual's footer."""

from __future__ import annotations

from rich.cells import cell_len

from tests.datakit import BUNDLED
from tests.ui.helpers import QuietApp, settle
from workbench.ui.widgets.footer import FittingFooter


def key_at(footer: FittingFooter, description: str) -> int:
    """The first cell of the key described so."""
    return next(x for x, _width, key in footer._places() if key[2] == description)


async def test_the_keys_that_fit_are_drawn_whole_with_the_palette_on_the_right():
    app = QuietApp(BUNDLED, restore=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(FittingFooter)
        line = footer.render_line(0).text
        assert cell_len(line) == 80
        *keys, palette = footer.shown
        for _key, display, description, *_ in keys:
            assert f" {display} {description} " in line  # never cut
        assert keys[-1][1:3] == ("?", "more")  # some keys wait in the keys panel
        assert line.endswith(f"▏{palette[1]} {palette[2]} ")
        await pilot.resize_terminal(200, 24)
        await pilot.pause()
        assert len(footer.shown) > len(keys) + 1 and footer.shown[-2][2] == "Keys"  # all fit: `?` says Keys


async def test_hover_shows_a_keys_tooltip_and_a_click_presses_it(monkeypatch):
    app = QuietApp(BUNDLED, restore=False)
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(FittingFooter)
        x = key_at(footer, "Quotes")
        plain = footer.render_line(0)
        await pilot.hover(FittingFooter, offset=(x + 1, 0))
        assert footer.tooltip == "Side-by-side quote viewer"
        hovered = footer.render_line(0)
        assert hovered.text == plain.text
        styles = [segment.style for segment in hovered.crop(x, x + 3)]
        assert styles != [segment.style for segment in plain.crop(x, x + 3)]  # the key under the pointer stands out
        await pilot.click(FittingFooter, offset=(x + 1, 0))
        await settle(pilot)
        assert app.current_mode == "quotes"
        bells: list[bool] = []
        monkeypatch.setattr(type(app), "bell", lambda self: bells.append(True))
        footer = app.screen.query_one(FittingFooter)
        keys, palette = footer._keys()
        footer._drawn = ((*keys[0][:4], False, keys[0][5]), *keys[1:]), palette  # a key that cannot act here
        assert all(segment.style.dim for segment in footer.render_line(0).crop(0, 3))
        await pilot.click(FittingFooter, offset=(1, 0))
        assert bells and app.current_mode == "quotes"
