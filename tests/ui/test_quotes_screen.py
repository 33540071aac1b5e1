"""The Quotes screen: panes, filter, pairing, gloss, search with n/N, copy, hostile documents, snapshots."""

from __future__ import annotations

import pytest

from tests.datakit import BUNDLED, COMPANIES, QUOTES, SOURCES
from tests.ui.helpers import QuietApp, settle
from workbench.core.quotes.queries import citation
from workbench.core.search.scan import scan_documents
from workbench.ui.dialogs.search import SearchDialog
from workbench.ui.screens.quotes import QuotesScreen
from workbench.ui.widgets.document_view import SourceDocumentView

CALL = """发布于: 雪球

Q:从历史上看,亚马逊已经在大量投资。当您考虑 生成式AI 和资本密集度时,有什么影响吗?

A:我们将有意义地增加我们的资本支出。在第一季度资本支出为 140 亿美元。我们预计这将是今年的最低季度。

Q：算力够吗?

A:我们看到了强烈需求信号,算力仍然紧张。明年投入1200亿美元。
"""

BILL = """The AI capex bill.

"For us, the risk of underinvestment is far greater than the risk of overinvestment," said Sundar Pichai.

Analysts at Barclays expect AI capex of $167 billion from 2023 to 2026. However, the incremental revenue from cloud \
services is only $20 billion by 2026.

Microsoft said demand exceeds its capacity (算力 is short). Amazon agrees: 算力 again.
"""

HOSTILE_DOC = (
    "\x1b[31mred?\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07 \x1b[2J\n"
    "[bold]not bold[/bold] [/oops] [@click=app.quit]x[/]\n"
    "nul\x00 bell\x07 tab\there cr\rhere del\x7f c1\x9b\n"
    "\u202eRTL override\u202c and עברית العربية\n"
    "emoji 🚀📈 and ZWJ 👩‍💻 算力\n"
    "The hostile quote is here.\n" + "y" * 12_000 + "\n"
    "The end.\n"
)

EXTRA_COMPANIES = """
[[company]]
ticker = "GOOGL"
name = "Alphabet"
fiscal_year_end = 12
"""

EXTRA_SOURCES = """
[[source]]
id = "call"
title = "亚马逊 财报电话会问答"
title_en = "Amazon call Q&A"
published = 2024-05-01
language = "zh-Hans"
file = "call.txt"

[[source]]
id = "bill"
title = "The AI capex bill"
published = 2024-08-03
language = "en"
file = "bill.txt"

[[source]]
id = "hostile"
title = "[bold]Hostile[/bold] \\u001b[31mtitle\\u001b[0m [@click=app.quit]x[/] \\u202eevil"
published = 2024-01-01
language = "en"
file = "hostile.txt"
"""

EXTRA_QUOTES = """
[[quote]]
id = "q-question"
source = "call"
text = "当您考虑 生成式AI 和资本密集度时,有什么影响吗?"
company = "AMZN"
speaker = "Sell-side analyst (not named)"
topics = ["capex"]
stance = "neutral"
translation = "When you think about generative AI and capital intensity, what is the impact?"

[[quote]]
id = "q-capex-14b"
source = "call"
text = "在第一季度资本支出为 140 亿美元。我们预计这将是今年的最低季度。"
company = "AMZN"
speaker = "Brian Olsavsky (Amazon CFO)"
date = 2024-04-30
topics = ["capex", "guidance"]
stance = "neutral"
translation = "Capex was $14 billion in the first quarter. We expect this to be the lowest quarter of the year."
answers = ["q-question"]

[[quote]]
id = "q-1200"
source = "call"
text = "明年投入1200亿美元"
company = "AMZN"
speaker = "Andy Jassy (Amazon CEO)"
topics = ["capex"]
stance = "bull"
translation = "Next year we put in $120 billion."

[[quote]]
id = "pichai"
source = "bill"
text = "For us, the risk of underinvestment is far greater than the risk of overinvestment"
company = "GOOGL"
speaker = "Sundar Pichai (Alphabet CEO)"
date = 2024-07-23
topics = ["capex", "roi"]
stance = "bull"
answers = ["barclays-167b", "barclays-20b"]

[[quote]]
id = "barclays-167b"
source = "bill"
text = "Analysts at Barclays expect AI capex of $167 billion from 2023 to 2026."
speaker = "Barclays analysts"
topics = ["capex"]
stance = "neutral"
answers = ["pichai"]

[[quote]]
id = "barclays-20b"
source = "bill"
text = "However, the incremental revenue from cloud services is only $20 billion by 2026."
speaker = "Barclays analysts"
topics = ["revenue", "roi"]
stance = "bear"
answers = ["pichai"]

[[quote]]
id = "msft-demand"
source = "bill"
text = "Microsoft said demand exceeds its capacity"
company = "MSFT"
speaker = "Microsoft"
topics = ["capex", "demand"]
stance = "bull"

[[quote]]
id = "hostile-quote"
source = "hostile"
text = "The hostile quote is here."
company = "MSFT"
speaker = "[bold]Evil[/bold] \\u001b[31mspeaker[/] \\u202eRTL"
topics = ["capex"]
"""


@pytest.fixture
def quotes_data(make_data):
    """The small dataset plus a Chinese Q&A call, an English article with a claim and its rebuttals,
    and a hostile document."""
    return make_data(
        {
            "companies.toml": COMPANIES + EXTRA_COMPANIES,
            "sources.toml": SOURCES + EXTRA_SOURCES,
            "quotes.toml": QUOTES + EXTRA_QUOTES,
            "sources/call.txt": CALL,
            "sources/bill.txt": BILL,
            "sources/hostile.txt": HOSTILE_DOC,
        }
    )


async def open_quotes(pilot) -> QuotesScreen:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QuotesScreen)
    return screen


def rows(view: SourceDocumentView) -> list[str]:
    """The text the document view draws, row by row."""
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]


async def show(pilot, quote_id: str) -> QuotesScreen:
    pilot.app.open_quote(quote_id)
    await settle(pilot)
    return pilot.app.screen


async def test_data_loads_clean(quotes_data):
    app = QuietApp(quotes_data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quotes(pilot)
        assert app.dataset.problems == []
        left, right = screen.panes
        assert left.state.mode == "quote" and left.has_class("-active")
        assert right.state.mode == "empty" and "Nothing open" in "".join(rows(right.view))
        assert screen.has_class("-narrow")


async def test_filter_narrows_the_list_and_enter_shows_the_first_match(quotes_data):
    app = QuietApp(quotes_data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quotes(pilot)
        left = screen.pane
        await pilot.press("f", *"barclays")
        await pilot.pause()
        assert left.quote_list.quote_ids == ["barclays-167b", "barclays-20b"]
        await pilot.press("enter")
        await settle(pilot)
        assert left.state.quote_id == "barclays-167b"
        assert app.screen.focused is left.quote_list
        await pilot.press("j")
        await settle(pilot)
        assert left.state.quote_id == "barclays-20b"
        view = left.view
        assert any("incremental revenue" in row for row in rows(view))
        # Facets: company and stance, any case.
        await pilot.press("f", "ctrl+u", *"c:amzn stance:bull", "enter")
        await settle(pilot)
        assert left.quote_list.quote_ids == ["q-1200"]
        assert left.state.quote_id == "q-1200"


async def test_answers_pair_cycles_through_every_partner(quotes_data):
    app = QuietApp(quotes_data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show(pilot, "pichai")
        left, right = screen.panes
        assert left.state.quote_id == "pichai"
        await pilot.press("a")
        await settle(pilot)
        assert right.state.quote_id == "barclays-167b" and right.state.badge == "answers 1/2"
        assert any("Barclays" in row for row in rows(right.view))
        await pilot.press("a")
        await settle(pilot)
        assert right.state.quote_id == "barclays-20b" and right.state.badge == "answers 2/2"
        await pilot.press("a")
        await settle(pilot)
        assert right.state.quote_id == "barclays-167b"
        assert screen.active == 0  # the keys keep acting on the claim's pane


async def test_same_topic_from_another_company_and_swap(quotes_data):
    app = QuietApp(quotes_data)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await show(pilot, "pichai")
        left, right = screen.panes
        assert not screen.has_class("-narrow")
        await pilot.press("t")
        await settle(pilot)
        partner = app.dataset.quotes[right.state.quote_id]
        assert partner.company not in ("", "GOOGL") and "capex" in partner.topics
        await pilot.press("x")
        await settle(pilot)
        assert left.state.quote_id == partner.id and right.state.quote_id == "pichai"
        await pilot.press("tab")
        await pilot.pause()
        assert screen.active == 1 and screen.pane is right and right.has_class("-active")


async def test_english_gloss_follows_the_original(quotes_data):
    app = QuietApp(quotes_data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show(pilot, "q-question")
        left, right = screen.panes
        await pilot.press("E")
        await settle(pilot)
        assert right.state.mode == "gloss"
        gloss = right.query_one("GlossView")
        assert gloss.current == "q-question"
        entries = {e.quote_id: str(e.render()) for e in gloss.query("GlossEntry")}
        assert list(entries) == ["q-question", "q-capex-14b", "q-1200"]
        assert "Q · asks: Sell-side analyst (not named)" in entries["q-question"]
        assert "A · answers: Brian Olsavsky (Amazon CFO)" in entries["q-capex-14b"]
        assert "EN Capex was $14 billion" in entries["q-capex-14b"]
        assert "1200亿美元 (≈ $120B)" in entries["q-1200"]
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert left.state.quote_id == "q-capex-14b" and gloss.current == "q-capex-14b"
        # The transcript shows who asks and who answers in the gutter.
        shown = "\n".join(rows(left.view))
        assert "A Olsavsky" in shown
        await pilot.press("E")
        await settle(pilot)
        assert right.state.mode == "empty"  # back to what it showed before
        await pilot.press("E")
        await show(pilot, "pichai")
        await pilot.press("E")
        await settle(pilot)
        assert right.state.mode == "empty"  # English: no gloss to show


async def test_transcript_gutter_names_each_turn(quotes_data):
    app = QuietApp(quotes_data)
    async with app.run_test(size=(80, 30)) as pilot:
        screen = await show(pilot, "q-question")
        view = screen.pane.view
        await pilot.press("z")  # this pane alone: room for the whole call
        await settle(pilot)
        view.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
        shown = rows(view)
        assert shown[2].startswith("Q analyst  │ Q:从历史上看")
        answer = next(r for r in shown if r.startswith("A Olsavsky"))
        assert answer.startswith("A Olsavsky │ A:我们将有意义地")
        assert any(r.startswith("Q asks") for r in shown) and any(r.startswith("A Jassy") for r in shown)


async def test_search_opens_hits_and_steps_with_n(quotes_data):
    app = QuietApp(quotes_data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quotes(pilot)
        await pilot.press("slash")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SearchDialog)
        await pilot.press(*"算力")
        await pilot.press("enter")
        await settle(pilot)
        expected = scan_documents(app.dataset.documents(), "算力")
        assert len(expected) == 5 and {h.source for h in expected} == {"call", "bill", "hostile"}
        assert dialog._hits == expected
        await pilot.press("enter")
        await settle(pilot)
        pane = screen.pane
        assert app.screen is screen and pane.state.search.index == 0
        assert pane.state.search.hits == expected
        assert app.screen.focused is pane.view
        assert pane.view._current == (expected[0].offset, 2)
        assert list(pane.view._match_starts) == [h.offset for h in expected if h.source == expected[0].source]
        for index in (1, 2, 3):
            await pilot.press("n")
            await settle(pilot)
            assert pane.state.search.index == index
            assert pane.state.source_id == expected[index].source
            assert pane.view._current == (expected[index].offset, 2)
        await pilot.press("N", "N", "N", "N")
        await settle(pilot)
        assert pane.state.search.index == len(expected) - 1  # wrapped around
        title = str(pane.query_one("#pane-title").render())
        assert f"/算力 {len(expected)}/{len(expected)}" in title


async def test_a_large_index_build_runs_in_its_own_process(quotes_data, monkeypatch):
    """More than a few documents to index: a low-priority process builds it, not the app's own
    interpreter; the app searches by scanning until it is done, then through the index."""
    from workbench.core.search import index as search_index
    from workbench.ui.screens import quotes as quotes_screen

    started = []

    def spy(cache_dir, documents):
        builder = search_index.index_in_background(cache_dir, documents)
        started.append(builder)
        return builder

    monkeypatch.setattr(quotes_screen, "INLINE_SYNC_BYTES", 0)
    monkeypatch.setattr(quotes_screen, "index_in_background", spy)
    synced_here = []
    original_sync = search_index.SearchIndex._sync
    monkeypatch.setattr(
        search_index.SearchIndex,
        "_sync",
        lambda self, docs, wanted=None: synced_here.append(len(docs)) or original_sync(self, docs, wanted),
    )
    app = QuietApp(quotes_data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quotes(pilot)
        await settle(pilot)
        assert len(started) == 1 and started[0] is not None and started[0].returncode == 0
        index = screen._index
        assert index is not None and index.usable
        # The builder read every document; the app synced once after it, to catch up.
        assert synced_here == [len(app.dataset.documents())]
        assert index.outdated_bytes(app.dataset.documents()) == 0
        assert index.search("算力") == scan_documents(app.dataset.documents(), "算力")


async def test_search_is_case_insensitive_and_esc_cancels(quotes_data):
    app = QuietApp(quotes_data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quotes(pilot)
        before = screen.pane.state
        await pilot.press("slash", *"BARCLAYS")
        await pilot.pause(0.3)
        await settle(pilot)
        assert [h.source for h in app.screen._hits] == ["bill"]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and screen.pane.state == before


async def test_copy_puts_the_quote_and_its_citation_on_the_clipboard(quotes_data):
    app = QuietApp(quotes_data)
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, "q-capex-14b")
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == citation(app.dataset, app.dataset.quotes["q-capex-14b"])
        assert app.clipboard.startswith("“在第一季度资本支出为 140 亿美元。")
        assert "Brian Olsavsky (Amazon CFO), 亚马逊 财报电话会问答 (Amazon call Q&A), 2024-04-30" in app.clipboard


async def test_chinese_amounts_show_their_figure(quotes_data):
    app = QuietApp(quotes_data)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await show(pilot, "q-1200")
        title = str(screen.pane.query_one("#pane-title").render())
        assert "1200亿美元 ≈ $120B" in title
        prompt = screen.pane.quote_list.prompt_of("q-1200")
        assert "1200亿美元 (≈ $120B)" in str(prompt)


async def test_browse_a_document_and_pick_the_quote_being_read(quotes_data):
    app = QuietApp(quotes_data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quotes(pilot)
        await pilot.press("o")
        await pilot.pause()
        options = app.screen.query_one("#picker-list")
        ids = [s.id for s, _ in app.screen.sources]
        options.highlighted = ids.index("bill")
        await pilot.press("enter")
        await settle(pilot)
        pane = screen.pane
        assert pane.state.mode == "document" and pane.state.source_id == "bill"
        assert pane.filter_input.value == "s:bill"
        assert pane.quote_list.quote_ids == ["pichai", "barclays-167b", "barclays-20b", "msft-demand"]
        await pilot.press("a")  # acts on the first quote from the top of the view
        await settle(pilot)
        assert pane.state.quote_id == "pichai" and screen.other.state.quote_id == "barclays-167b"


async def test_hostile_document_and_names_show_literally(quotes_data):
    app = QuietApp(quotes_data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show(pilot, "hostile-quote")
        pane = screen.pane
        assert app.is_running
        title = str(pane.query_one("#pane-title").render())
        assert "[bold]Evil[/bold] ␛[31mspeaker[/]" in title and "\x1b" not in title
        assert "<U+202E>" in title
        view = pane.view
        assert view.laid_out
        view.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
        shown = rows(view)
        assert shown[0].startswith("␛[31mred?␛[0m ␛]8;;http://x␇link")
        assert shown[1].startswith("[bold]not bold[/bold] [/oops] [@click=app.quit]x[/]")
        assert shown[2].startswith("nul␀ bell␇ tab here cr␍here del␡ c1\ufffd")
        assert shown[3].startswith("⇄RTL override⇄ and עברית")
        assert all(len(row) <= 80 for row in shown)
        assert not any(ch in "".join(shown) for ch in "\x1b\x07\x00\r\u202e")
        # The 12k-character line wraps into rows that all fit.
        assert view.row_count > 12_000 // 79
        quote_row = view._layout.row_of(view.text.index("The hostile quote"))
        assert view._layout.row_text(quote_row) == "The hostile quote is here."


async def test_show_quote_before_the_data_arrives(quotes_data):
    app = QuietApp(quotes_data)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_quote("barclays-20b")  # the screen remembers it until its data is there
        await settle(pilot)
        screen = app.screen
        assert screen.pane.state.quote_id == "barclays-20b"
        assert screen.pane.view._focus[1] == len(app.dataset.quotes["barclays-20b"].text)


async def test_reload_keeps_what_each_pane_shows(quotes_data):
    app = QuietApp(quotes_data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show(pilot, "pichai")
        await pilot.press("a", "f", *"bar")
        await settle(pilot)
        app.load_data()
        await settle(pilot)
        left, right = screen.panes
        assert left.state.quote_id == "pichai" and left.filter_input.value == "bar"
        assert right.state.quote_id == "barclays-167b"


async def test_bundled_done_when_flow_at_80x24():
    """Pichai beside Barclays, the Chinese Q&A beside its gloss, every 算力: keys only."""
    app = QuietApp(BUNDLED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quotes(pilot)
        left, right = screen.panes
        await pilot.press("f", *"underinvest", "enter")
        await settle(pilot)
        assert left.state.quote_id == "pichai-underinvest-risk"
        await pilot.press("a")
        await settle(pilot)
        assert right.state.quote_id == "barclays-ai-capex-167b"
        await pilot.press("a")
        await settle(pilot)
        assert right.state.quote_id == "barclays-cloud-revenue-20b"
        await pilot.press("f", "ctrl+u", *"s:amzn-2024q1-call-qa", "enter")
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        assert left.quote.source == "amzn-2024q1-call-qa" and right.state.mode == "gloss"
        await pilot.press("j")
        await settle(pilot)
        assert right.query_one("GlossView").current == left.state.quote_id
        await pilot.press("slash", *"算力", "enter")
        await settle(pilot)
        hits = app.screen._hits
        assert hits == scan_documents(app.dataset.documents(), "算力") and len(hits) > 10
        await pilot.press("enter")
        await settle(pilot)
        assert left.state.search.hits == hits


async def test_large_document_opens_and_reaches_its_end(make_data):
    big = "\n".join(("资本支出算力 " * 40 if i % 2 else "capex " * 60) for i in range(6000)) + "\nTHE END\n"
    data = make_data(
        {
            "sources/doc.txt": "Line one.\nThe risk of underinvesting is far greater.\n中文：资本支出达到140亿美元。\n"
            + big
        }
    )
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quotes(pilot)
        pane = screen.pane
        pane.view.focus()
        await pilot.press("G")
        await settle(pilot)
        assert pane.view.laid_out
        assert rows(pane.view)[-1].startswith("THE END") or "THE END" in "".join(rows(pane.view))


# --------------------------------------------------------------------------- snapshots


async def pichai_and_barclays(pilot):
    await open_quotes(pilot)
    pilot.app.open_quote("pichai")
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)


async def gloss_beside_the_call(pilot):
    await open_quotes(pilot)
    pilot.app.open_quote("q-capex-14b")
    await settle(pilot)
    await pilot.press("E")
    await settle(pilot)
    await pilot.pause(0.1)


async def hostile_beside_search(pilot):
    await open_quotes(pilot)
    pilot.app.open_quote("hostile-quote")
    await settle(pilot)
    pilot.app.screen.pane.view.focus()
    await pilot.press("g", "tab", "slash", *"算力", "enter")  # the top of the hostile document, then search
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("n", "n")
    await settle(pilot)


async def search_dialog(pilot):
    await open_quotes(pilot)
    await pilot.press("slash", *"算力", "enter")
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 48), (200, 50)])
def test_pair_snapshot(snap_compare, quotes_data, size):
    assert snap_compare(QuietApp(quotes_data), terminal_size=size, run_before=pichai_and_barclays)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_gloss_snapshot(snap_compare, quotes_data, size):
    assert snap_compare(QuietApp(quotes_data), terminal_size=size, run_before=gloss_beside_the_call)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_hostile_document_snapshot(snap_compare, quotes_data, size):
    assert snap_compare(QuietApp(quotes_data), terminal_size=size, run_before=hostile_beside_search)


def test_search_dialog_snapshot_80x24(snap_compare, quotes_data):
    assert snap_compare(QuietApp(quotes_data), terminal_size=(80, 24), run_before=search_dialog)


@pytest.mark.parametrize("which", ["empty", "broken"])
async def test_every_key_is_safe_without_usable_data(which, make_data, tmp_path):
    data = tmp_path / "empty"
    data.mkdir()
    if which == "broken":
        data = make_data({"quotes.toml": "[[", "sources/doc.txt": None})
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quotes(pilot)
        app.history.clear()  # Esc from the list would otherwise go back to the Capex screen
        for key in (
            "a",
            "t",
            "E",
            "c",
            "x",
            "n",
            "N",
            "right_square_bracket",
            "z",
            "z",
            "tab",
            "o",
            "escape",
            "slash",
            "x",
            "enter",
            "escape",
            "f",
            "q",
            "escape",
        ):
            await pilot.press(key)
            await pilot.pause()
        await settle(pilot)
        assert app.is_running and app.screen is screen
        assert screen.pane.state.mode == "empty"


async def test_search_finds_translations_and_opens_the_quote_beside_its_gloss(quotes_data):
    """A word only our English gloss holds is found, marked as a translation, and opens its quote."""
    app = QuietApp(quotes_data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quotes(pilot)
        await pilot.press("slash", *"lowest quarter", "enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SearchDialog)
        assert dialog._hits == [] and [h.source for h in dialog._gloss_hits] == ["q-capex-14b"]
        assert "1 in quote translations" in str(dialog.query_one("#search-status").render())
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.pane.state.mode == "quote" and screen.pane.state.quote_id == "q-capex-14b"
        assert screen.other.state.mode == "gloss" and screen.other.state.quote_id == "q-capex-14b"


async def test_the_screen_opens_in_the_first_panes_list_without_restyling_a_pane(monkeypatch):
    """Focus goes straight to the first pane's quote list: landing first on the filter box showed
    the box and hid it again, each change of the pane's classes restyling all of it."""
    from textual.dom import DOMNode

    from workbench.ui.widgets.quote_list import QuoteList
    from workbench.ui.widgets.quote_pane import QuotePane

    changed: list[tuple[str | None, str]] = []
    set_class = DOMNode.set_class

    def counted(self, add, *names, update=True):
        before = set(self.classes)
        result = set_class(self, add, *names, update=update)
        if isinstance(self, QuotePane) and set(self.classes) != before:
            changed.append((self.id, " ".join(names)))
        return result

    monkeypatch.setattr(DOMNode, "set_class", counted)
    app = QuietApp(BUNDLED, restore=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        assert isinstance(app.focused, QuoteList) and app.focused.parent is screen.panes[0]
        assert screen.panes[0].has_class("-active") and screen.panes[1].has_class("-inactive")
        assert changed == []
