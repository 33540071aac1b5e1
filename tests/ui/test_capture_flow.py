"""Capture in the app: add a document, pin a passage of it as a quote, edit, link and delete it, by keyboard."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from tests.ui.helpers import QuietApp, settle
from tests.ui.test_quotes_screen import quotes_data  # noqa: F401 - fixture
from workbench.ui.dialogs.add_document import AddDocumentDialog
from workbench.ui.dialogs.link_figure import LinkFigureDialog
from workbench.ui.dialogs.quote_form import QuoteFormDialog
from workbench.ui.screens.quotes import QuotesScreen

ARTICLE = """<html lang="zh-TW"><head><title>雲端資本支出創新高</title>
<meta property="article:published_time" content="2026-05-02"><script>track()</script></head>
<body><p>微軟本季資本支出為309億美元。雲端營收成長39%。</p><p>分析師認為回收期仍長。</p></body></html>"""


async def _open_quotes(pilot) -> QuotesScreen:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QuotesScreen)
    return screen


async def test_add_an_html_article_pin_a_passage_with_a_translation_and_link_it(bundled_copy, tmp_path):
    article = tmp_path / "msft-article.html"
    article.write_text(ARTICLE, encoding="utf-8")
    app = QuietApp(bundled_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_quotes(pilot)
        quotes_before = len(app.dataset.quotes)
        # A: the file's path, Enter reads it and fills the form with its guesses.
        await pilot.press("A")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AddDocumentDialog)
        dialog.query_one("#doc-path", Input).value = str(article)
        await pilot.press("enter")
        await settle(pilot)
        assert dialog.query_one("#doc-title", Input).value == "雲端資本支出創新高"
        assert dialog.query_one("#doc-published", Input).value == "2026-05-02"
        dialog.query_one("#doc-id", Input).value = "msft-cloud-capex-tw"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert "msft-cloud-capex-tw" in app.dataset.sources and app.dataset.problems == []
        assert screen.pane.state.source_id == "msft-cloud-capex-tw"
        view = screen.pane.view
        assert "track()" not in view.text and "微軟本季資本支出為309億美元。" in view.text
        # v selects the first sentence; s takes the next one too; Enter opens the form.
        await pilot.press("v")
        await pilot.pause()
        assert view.selection is not None and view.selection.passage == "微軟本季資本支出為309億美元。"
        await pilot.press("s")
        await pilot.pause()
        assert view.selection.passage == "微軟本季資本支出為309億美元。雲端營收成長39%。"
        await pilot.press("S", "left")  # back to the first sentence, less its full stop
        await pilot.pause()
        assert view.selection.passage == "微軟本季資本支出為309億美元"
        await pilot.press("right")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, QuoteFormDialog)
        form.query_one("#quote-company", Input).value = "MSFT"
        form.query_one("#quote-id", Input).value = "msft-capex-30-9b-tw"
        form.query_one("#quote-translation", TextArea).text = "Microsoft's capex this quarter was $30.9 billion."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        quote = app.dataset.quotes["msft-capex-30-9b-tw"]
        assert quote.text == "微軟本季資本支出為309億美元。" and quote.company == "MSFT"
        assert len(app.dataset.quotes) == quotes_before + 1 and app.dataset.problems == []
        assert screen.pane.state.quote_id == "msft-capex-30-9b-tw"
        # L: link it to Microsoft's figure; the figure then names the quote and its document.
        await pilot.press("L")
        await settle(pilot)
        link = app.screen
        assert isinstance(link, LinkFigureDialog)
        link.query_one("#figure-filter", Input).value = "MSFT FY2025Q4 capex actual cash"  # not its cash flow
        await pilot.pause()
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert app.screen is screen
        linked = [f for f in app.dataset.capex if f.quote == "msft-capex-30-9b-tw"]
        assert [(f.ticker, f.fiscal_period, f.source) for f in linked] == [("MSFT", "FY2025Q4", "msft-cloud-capex-tw")]
        assert app.dataset.problems == []
        # Delete: asked first, then gone (the figure that cited it is then reported by the check).
        await pilot.press("delete")
        await settle(pilot)
        assert app.screen is not screen  # a linked quote: the dialog asks first
        await pilot.press("d")
        await settle(pilot)
        assert "msft-capex-30-9b-tw" not in app.dataset.quotes


async def test_the_form_refuses_a_taken_id_and_a_bad_date(bundled_copy):
    app = QuietApp(bundled_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_quotes(pilot)
        quote = next(iter(app.dataset.quotes.values()))
        app.open_quote(quote.id)
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, QuoteFormDialog)
        other = [q for q in app.dataset.quotes if q != quote.id][0]
        form.query_one("#quote-id", Input).value = other
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "taken" in str(form.query_one("#quote-reason").render())
        form.query_one("#quote-id", Input).value = quote.id
        form.query_one("#quote-date", Input).value = "2026-13-45"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "YYYY-MM-DD" in str(form.query_one("#quote-reason").render())
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen


# --------------------------------------------------------------------------- snapshots


async def _pin_form(pilot) -> None:
    """The quote form for the first sentence of the first quote's document (hostile names included)."""
    await _open_quotes(pilot)
    await pilot.press("v")
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)


async def _add_document_read(pilot) -> None:
    """The form filled from an article's own title, date and language (the path relative to the cwd)."""
    await _open_quotes(pilot)
    await pilot.press("A")
    await settle(pilot)
    pilot.app.screen.query_one("#doc-path", Input).value = "msft-article.html"
    await pilot.press("enter")
    await settle(pilot)


async def _link_dialog(pilot) -> None:
    await _open_quotes(pilot)
    await pilot.press("L")
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
@pytest.mark.parametrize("flow", [_pin_form, _add_document_read, _link_dialog], ids=["pin", "add", "link"])
def test_capture_dialog_snapshots(snap_compare, quotes_data, monkeypatch, size, flow):  # noqa: F811
    (quotes_data.parent / "msft-article.html").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(quotes_data.parent)
    assert snap_compare(QuietApp(quotes_data), terminal_size=size, run_before=flow)


async def test_a_broken_quote_is_listed_marked_and_re_anchored_with_one_key(bundled_copy):
    """109 quotes stay 109 on screen when one breaks: marked ✗, its nearest passage shown, R re-anchors it."""
    from workbench.core.data.loader import load_dataset

    ds = load_dataset(bundled_copy)
    quote = ds.quotes["olsavsky-aws-margin-800bp"]
    path = ds.sources[quote.source].path
    path.write_text(path.read_text("utf-8").replace(quote.text, quote.text.replace(" 800 ", "800")), "utf-8")
    app = QuietApp(bundled_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_quotes(pilot)
        listed = screen.pane.quote_list
        assert len(listed.quote_ids) == len(ds.quotes) and quote.id in listed.broken
        assert listed.prompt_of(quote.id).plain.startswith("✗")
        app.open_quote(quote.id)
        await settle(pilot)
        assert screen.pane.broken and "not verbatim" in str(screen.pane.query_one("#pane-title").render())
        await pilot.press("R")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, QuoteFormDialog) and form.draft.text == quote.text.replace(" 800 ", "800")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert quote.id in app.dataset.quotes and not app.dataset.broken_quotes and app.dataset.problems == []
