"""What the app puts on the clipboard is inert when pasted into a terminal."""

from __future__ import annotations

from tests.datakit import DOC, QUOTES
from tests.ui.helpers import QuietApp, settle

HOSTILE = "The risk \x1b]52;c;cm0gLXJm\x07\u202e of underinvesting is far greater."


async def test_a_copied_quote_carries_no_raw_escape(make_data):
    quotes = QUOTES.replace(
        'text = "The risk of underinvesting is far greater."',
        'text = "The risk \\u001b]52;c;cm0gLXJm\\u0007\\u202e of underinvesting is far greater."',
    )
    root = make_data(
        {"quotes.toml": quotes, "sources/doc.txt": DOC.replace("The risk of underinvesting is far greater.", HOSTILE)}
    )
    app = QuietApp(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.dataset.quotes["under"].text == HOSTILE
        app.open_quote("under")
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert "\x1b" not in app.clipboard and "\x07" not in app.clipboard and "\u202e" not in app.clipboard
        assert "␛]52;c;cm0gLXJm␇<U+202E> of underinvesting" in app.clipboard
