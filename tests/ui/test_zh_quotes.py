"""The Quotes screen, its documents and the capture dialogs in Chinese: snapshots in zh-Hans at 80×24 and
160×48, no English left on screen but data, and quotes shown as written (the original first, then our gloss)."""

from __future__ import annotations

import pytest
from textual.containers import Vertical
from textual.widgets import Input

from tests.ui.helpers import QuietApp, settle
from tests.ui.test_quotes_screen import quotes_data  # noqa: F401 - fixture
from tests.ui.zh import ZH_SIZE_IDS, ZH_SIZES, english_left, screen_lines
from workbench.core.quotes.queries import citation
from workbench.ui.dialogs.add_document import AddDocumentDialog
from workbench.ui.dialogs.document_picker import DocumentPickerDialog, source_prompt
from workbench.ui.dialogs.link_figure import LinkFigureDialog
from workbench.ui.dialogs.quote_form import QuoteFormDialog
from workbench.ui.dialogs.search import SearchDialog
from workbench.ui.dialogs.source import SourceDialog
from workbench.ui.screens.quotes import QuotesScreen
from workbench.ui.widgets.quote_gloss import GlossEntry
from workbench.ui.widgets.quote_list import quote_prompt

# A Taiwanese article to add (its name is made of words the data has, so the path is not English left).
ARTICLE = """<html lang="zh-TW"><head><title>雲端資本支出創新高</title>
<meta property="article:published_time" content="2026-05-02"></head>
<body><p>微軟本季資本支出為309億美元。雲端營收成長39%。</p><p>分析師認為回收期仍長。</p></body></html>"""
ARTICLE_NAME = "msft-capex.html"


@pytest.fixture
def zh_data(quotes_data, monkeypatch):  # noqa: F811 - the fixture imported above
    """The Quotes screen's data (a Chinese Q&A call, an English article, a hostile document) in zh-Hans."""
    monkeypatch.setenv("WORKBENCH_LANG", "zh-Hans")
    (quotes_data.parent / ARTICLE_NAME).write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(quotes_data.parent)  # the add-document flow types a path relative to here
    return quotes_data


async def open_quotes(pilot) -> QuotesScreen:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QuotesScreen)
    return screen


async def show(pilot, quote_id: str) -> QuotesScreen:
    screen = await open_quotes(pilot)
    pilot.app.open_quote(quote_id)
    await settle(pilot)
    return screen


def english_here(app, data_dir) -> list[str]:
    """`english_left` of the screen, or of a dialog's own box (not the screen it covers)."""
    if isinstance(app.screen, QuotesScreen):
        return english_left(app, data_dir)
    return english_left(app, data_dir, region=app.screen.query_one(Vertical).region)


# --------------------------------------------------------------------------- views


async def call_with_its_question(pilot) -> None:
    """The list over the Chinese call at Olsavsky's answer, the question it answers in the other pane."""
    await show(pilot, "q-capex-14b")
    await pilot.press("a")
    await settle(pilot)


async def gloss_beside_the_call(pilot) -> None:
    """Our English translation beside the original (E)."""
    await show(pilot, "q-capex-14b")
    await pilot.press("E")
    await settle(pilot)
    await pilot.pause(0.1)


async def quote_form(pilot) -> None:
    """The quote form for a sentence of the Chinese call (v, Enter)."""
    await show(pilot, "q-capex-14b")
    await pilot.press("v")
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)


async def add_document(pilot) -> None:
    """The add-document form once the article is read: its own title, date and language."""
    await open_quotes(pilot)
    await pilot.press("A")
    await settle(pilot)
    pilot.app.screen.query_one("#doc-path", Input).value = ARTICLE_NAME
    await pilot.press("enter")
    await settle(pilot)


async def link_figure(pilot) -> None:
    await show(pilot, "q-capex-14b")
    await pilot.press("L")
    await settle(pilot)


async def document_picker(pilot) -> None:
    await show(pilot, "q-capex-14b")
    await pilot.press("o")
    await settle(pilot)


async def search_dialog(pilot) -> None:
    """Hits in documents and in our glosses (marked as translations)."""
    await open_quotes(pilot)
    await pilot.press("slash", *"capex", "enter")
    await settle(pilot)


async def source_dialog(pilot) -> None:
    """Where a figure comes from: the quote in its document, with our gloss."""
    await open_quotes(pilot)
    pilot.app.push_screen(SourceDialog(pilot.app.dataset, "call", "q-capex-14b"))
    await settle(pilot)


VIEWS = {
    "screen": (call_with_its_question, QuotesScreen),
    "gloss": (gloss_beside_the_call, QuotesScreen),
    "quote_form": (quote_form, QuoteFormDialog),
    "add_document": (add_document, AddDocumentDialog),
    "link_figure": (link_figure, LinkFigureDialog),
    "document_picker": (document_picker, DocumentPickerDialog),
    "search": (search_dialog, SearchDialog),
    "source": (source_dialog, SourceDialog),
}


@pytest.mark.parametrize("size", ZH_SIZES, ids=ZH_SIZE_IDS)
@pytest.mark.parametrize("view", list(VIEWS))
def test_zh_hans_snapshot(snap_compare, zh_data, size, view):
    assert snap_compare(QuietApp(zh_data), terminal_size=size, run_before=VIEWS[view][0])


@pytest.mark.parametrize("view", list(VIEWS))
async def test_no_english_left_at_80x24(zh_data, view):
    """Every label, key and message reads in Chinese; the English left on screen is data."""
    run, shown = VIEWS[view]
    app = QuietApp(zh_data)
    async with app.run_test(size=(80, 24)) as pilot:
        await run(pilot)
        assert isinstance(app.screen, shown)
        assert english_here(app, zh_data) == []


async def test_the_empty_pane_the_pin_title_and_a_search_read_in_chinese(zh_data):
    """The hint of an empty pane, a passage being selected, and a search being stepped through."""
    app = QuietApp(zh_data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show(pilot, "q-capex-14b")
        assert "本窗格还没有打开任何内容" in "\n".join(screen_lines(app))
        await pilot.press("v")
        await pilot.pause()
        title = str(screen.pane.query_one("#pane-title").render())
        assert title.startswith("摘录：") and "Esc 取消" in title  # the whole hint fits 80 columns
        assert english_here(app, zh_data) == []
        await pilot.press("escape", "slash", *"算力", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        title = str(screen.pane.query_one("#pane-title").render())
        assert "/算力 1/" in title and " 行 · n/N" in title
        assert english_here(app, zh_data) == []


# --------------------------------------------------------------------------- data as written


@pytest.mark.parametrize("tag", ["en", "zh-Hans", "zh-Hant"])
async def test_the_original_comes_first_and_the_gloss_after_it(quotes_data, monkeypatch, tag):  # noqa: F811
    """Quotes are shown as written whatever the language: a Chinese quote's list line is its original
    (English too, as before: our gloss is never put in its place), the gloss pane gives the original then
    our translation, and a document's own title comes before its English one. E works in every language."""
    monkeypatch.setenv("WORKBENCH_LANG", tag)
    app = QuietApp(quotes_data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show(pilot, "q-capex-14b")
        quote = app.dataset.quotes["q-capex-14b"]
        line = quote_prompt(quote).plain
        assert line.startswith("◆ AMZN  Olsavsky: 在第一季度资本支出为 140 亿美元")
        assert quote.translation[:20] not in line
        assert screen.pane.quote_list.prompt_of("q-capex-14b").plain == line
        picker = source_prompt(app.dataset.sources["call"], 3).plain
        assert picker.index("亚马逊 财报电话会问答") < picker.index("Amazon call Q&A")
        quoted, glossed = citation(app.dataset, quote).split("\n")  # as copied (c): the original, then our gloss
        assert quoted.startswith("“在第一季度资本支出为 140 亿美元。")
        gloss_label = {
            "en": "Our English translation: “",
            "zh-Hans": "我们的英文译文：“",
            "zh-Hant": "我們的英文譯文：「",
        }
        assert glossed.startswith(gloss_label[tag] + "Capex was $14 billion")

        await pilot.press("E")
        await settle(pilot)
        left, right = screen.panes
        assert right.state.mode == "gloss" and left.state.quote_id == "q-capex-14b"
        entry = next(e for e in right.query(GlossEntry) if e.quote_id == "q-capex-14b")
        shown = str(entry.render())
        assert shown.index("在第一季度资本支出为 140 亿美元") < shown.index("Capex was $14 billion")
        label = {"en": "EN ", "zh-Hans": "译文 ", "zh-Hant": "譯文 "}[tag]
        assert f"{label}Capex was $14 billion" in shown
        await pilot.press("E")  # again: the other pane shows what it showed before
        await settle(pilot)
        assert right.state.mode == "empty"
        await show(pilot, "pichai")  # an English quote has no gloss: nothing opens
        await pilot.press("E")
        await settle(pilot)
        assert right.state.mode == "empty"


async def test_pairs_and_turns_are_named_in_chinese(zh_data):
    """The badge of a partner and the transcript's turns: 回应 1/1, Q · 提问 / A · 回答."""
    app = QuietApp(zh_data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show(pilot, "q-capex-14b")
        await pilot.press("a")
        await settle(pilot)
        assert screen.other.state.badge == "回应 1/1"
        await pilot.press("E")  # the gloss replaces the partner
        await settle(pilot)
        entries = [str(e.render()) for e in screen.other.query(GlossEntry)]
        assert entries[0].startswith("Q · 提问：Sell-side analyst (not named)")
        assert entries[1].startswith("A · 回答：Brian Olsavsky (Amazon CFO)")


async def test_switching_language_keeps_what_each_pane_shows(quotes_data):  # noqa: F811
    """From the palette's language choice: the same quotes, now labelled in Chinese, then in English again."""
    app = QuietApp(quotes_data)
    async with app.run_test(size=(80, 24)) as pilot:
        await call_with_its_question(pilot)
        await app.use_language("zh-Hans")
        for _ in range(5):  # the screen is composed again and each pane reloads its document
            await pilot.pause(0.1)
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        assert (screen.pane.state.quote_id, screen.other.state.quote_id) == ("q-capex-14b", "q-question")
        assert "Q 提问" in "\n".join(screen_lines(app))
        assert english_here(app, quotes_data) == []
        await app.use_language("en")
        for _ in range(5):
            await pilot.pause(0.1)
        assert "Q asks" in "\n".join(screen_lines(app))
        assert " tab Pane  / Search" in screen_lines(app)[-1]


def test_capture_errors_read_in_chinese(tmp_path):
    """What stops a document from being added is said in the interface language (the path as written)."""
    from workbench.core.capture.documents import DocumentError, extract
    from workbench.core.i18n import set_language

    set_language("zh-Hant")
    with pytest.raises(DocumentError) as raised:
        extract(tmp_path)
    assert str(raised.value).startswith(str(tmp_path)) and str(raised.value).endswith("不是一般檔案")


async def test_figures_to_link_read_in_chinese_and_filter_by_either_word(zh_data):
    """The files' codes are named as the Capex screen names them; typing filters by the Chinese or the code."""
    from workbench.ui.dialogs.link_figure import FigureList

    app = QuietApp(zh_data)
    async with app.run_test(size=(80, 24)) as pilot:
        await link_figure(pilot)
        figures = app.screen.query_one(FigureList)
        assert figures.rows[0].label == "FY2025 · 2025-12-31 · 资本开支 指引 · 现金 · ≥$100B · web"
        assert figures.rows[0].codes == "FY2025 · 2025-12-31 · capex guidance · cash · ≥$100B · web"
        await pilot.press(*"净现金")
        await pilot.pause()
        assert [r.label.split(" · ")[3] for r in figures.rows] == ["净现金"]
        await pilot.press("ctrl+u", *"net_cash")
        await pilot.pause()
        assert [r.label.split(" · ")[3] for r in figures.rows] == ["净现金"]


async def test_a_broken_quote_says_how_to_re_anchor_it_within_80_columns(bundled_copy, monkeypatch):
    """✗ 与文档原文不符 · id · 已标出最近段落 · R 重定位: the key to press is not cut off at 80 columns."""
    from workbench.core.data.loader import load_dataset

    monkeypatch.setenv("WORKBENCH_LANG", "zh-Hans")
    ds = load_dataset(bundled_copy)
    quote = ds.quotes["olsavsky-aws-margin-800bp"]
    path = ds.sources[quote.source].path
    path.write_text(path.read_text("utf-8").replace(quote.text, quote.text.replace(" 800 ", "800")), "utf-8")
    app = QuietApp(bundled_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, quote.id)
        title = "✗ 与文档原文不符 · olsavsky-aws-margin-800bp · 已标出最近段落 · R 重定位 ·"  # then the date, cut off
        assert title in screen_lines(app)[1]
        await pilot.press("R")
        await settle(pilot)
        assert isinstance(app.screen, QuoteFormDialog)
        assert "把引述 olsavsky-aws-margin-800bp 重新定位到标出的段落" in "\n".join(screen_lines(app))
