"""The virtual table every big list is built on: fitted columns, header, cursor keys, clicks, empty text."""

from __future__ import annotations

from textual.app import App, ComposeResult

from workbench.ui.widgets.virtual_table import Column, VirtualTable, cursor_bindings


class FruitTable(VirtualTable):
    """A table of (name, note, price) tuples for the tests."""

    COLUMNS = (
        Column("name", "Name", 8),
        Column("note", "Note", 0),
        Column("price", "Price $", 8, right=True),
        Column("origin", "Origin", 10, min_table_width=50),
    )
    FLEX_MIN = 6
    DROP_WHEN_NARROW = ("price",)
    BINDINGS = [*cursor_bindings("test.fruit")]

    def __init__(self) -> None:
        super().__init__(id="fruit")
        self.clicked: list[str] = []

    def row_cells(self, row: tuple[str, str, float]) -> dict[str, str]:
        name, note, price = row
        return {"name": name, "note": note, "price": f"${price:.2f}", "origin": "here"}

    def column_clicked(self, key: str) -> None:
        self.clicked.append(key)


class TableApp(App):
    """One fruit table filling the screen; remembers the messages it got."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, int | None]] = []

    def compose(self) -> ComposeResult:
        yield FruitTable()

    def on_virtual_list_highlighted(self, event: VirtualTable.Highlighted) -> None:
        self.messages.append(("highlighted", event.position))

    def on_virtual_list_selected(self, event: VirtualTable.Selected) -> None:
        self.messages.append(("selected", event.position))


FRUIT = [(f"fruit{i:02}", "[bold]not markup[/bold] and a long note that will not fit", i * 1.5) for i in range(40)]


async def filled(pilot, rows: list = FRUIT) -> FruitTable:
    """The app's table showing `rows`, the cursor on the first."""
    table = pilot.app.query_one(FruitTable)
    table.rows = rows
    table.rows_changed()
    table.cursor = 0
    await pilot.pause()
    return table


def lines(table: FruitTable, count: int) -> list[str]:
    return [table.render_line(y).text for y in range(count)]


async def test_columns_fit_the_width_and_the_cursor_shows_without_colour():
    app = TableApp()
    async with app.run_test(size=(40, 10)) as pilot:
        assert "Loading…" in app.query_one(FruitTable).render_line(1).text
        table = await filled(pilot)
        table.sort_key, table.descending = "price", False
        header, first, second = lines(table, 3)
        # 39 cells beside the scrollbar: the note takes what the others leave
        assert header == " Name     Note                Price $▲ "
        assert first == "▸fruit00  [bold]not markup[/…    $0.00 "  # literal, cut with …
        assert second.startswith(" fruit01 ")
        await pilot.resize_terminal(24, 10)
        await pilot.pause()
        header = table.render_line(0).text
        assert header == " Name     Note         "  # too narrow: price dropped for the note
        await pilot.resize_terminal(60, 10)
        await pilot.pause()
        assert "Origin" in table.render_line(0).text  # wide enough for the optional column


async def test_keys_move_the_cursor_and_keep_it_in_view():
    app = TableApp()
    async with app.run_test(size=(40, 10)) as pilot:
        table = await filled(pilot)
        table.focus()
        await pilot.press("j", "j", "k")
        assert table.cursor == 1
        await pilot.press("G")
        await pilot.pause()
        assert table.cursor == 39 and table.render_line(9).text.startswith("▸fruit39")
        await pilot.press("g")
        await pilot.pause()
        assert table.cursor == 0 and table.scroll_offset.y == 0
        await pilot.press("pagedown")
        assert table.cursor == 8  # a page is the visible rows less one, so a row stays in sight
        await pilot.press("end", "down", "home", "up")
        assert table.cursor == 0
        await pilot.pause()
        assert app.messages[-1] == ("highlighted", 0)
        assert {b.id for b in FruitTable.BINDINGS} == {
            "test.fruit.down",
            "test.fruit.up",
            "test.fruit.first",
            "test.fruit.last",
            "test.fruit.page_down",
            "test.fruit.page_up",
        }


async def test_a_cursor_step_redraws_the_rows_it_leaves_and_reaches_only():
    """What the screen shows (the widget's drawn lines, as the compositor takes them): the mark
    moves with the cursor; the other rows are not drawn again."""
    from textual.geometry import Region

    app = TableApp()
    async with app.run_test(size=(40, 10)) as pilot:
        table = await filled(pilot)
        table.focus()
        await pilot.pause()
        drawn: list[int] = []
        render_line = table.render_line

        def counted(y: int):
            drawn.append(y)
            return render_line(y)

        table.render_line = counted  # type: ignore[method-assign]
        await pilot.press("j", "j")
        await pilot.pause()
        shown = [strip.text for strip in table.render_lines(Region(0, 0, 40, 10))]
        assert [line[:8] for line in shown[1:5]] == [" fruit00", " fruit01", "▸fruit02", " fruit03"]
        assert set(drawn) == {1, 2, 3}  # rows 0, 1 and 2 below the header


async def test_a_click_moves_a_second_opens_and_the_header_says_which_column():
    app = TableApp()
    async with app.run_test(size=(40, 10)) as pilot:
        table = await filled(pilot)
        await pilot.click(FruitTable, offset=(3, 3))
        await pilot.pause()
        assert table.cursor == 2 and ("selected", 2) not in app.messages
        await pilot.click(FruitTable, offset=(3, 3))
        await pilot.pause()
        assert ("selected", 2) in app.messages
        await pilot.click(FruitTable, offset=(12, 0))
        await pilot.click(FruitTable, offset=(34, 0))
        assert table.clicked == ["note", "price"]


async def test_no_rows_shows_why_and_announces_no_row():
    app = TableApp()
    async with app.run_test(size=(40, 10)) as pilot:
        app.query_one(FruitTable).empty_text = "Nothing grows here."
        table = await filled(pilot, [])
        await pilot.press("j", "G")
        await pilot.pause()
        assert table.cursor is None and app.messages == [("highlighted", None)]
        assert table.render_line(1).text.startswith(" Nothing grows here.")
        assert table.render_line(2).text.strip() == ""


# --- the detail's item table: rich cells, literal strings, sideways scrolling -----------------


class ItemsApp(App):
    """One item table 30 columns wide; remembers what Enter opened."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[object] = []

    def compose(self) -> ComposeResult:
        from workbench.ui.widgets.item_table import ItemTable

        table: ItemTable[str] = ItemTable(id="items")
        table.styles.width = 30
        yield table

    def on_item_table_selected(self, event) -> None:
        self.opened.append(event.virtual_list.current)


async def test_the_item_table_shows_strings_literally_and_scrolls_sideways():
    from rich.text import Text

    app = ItemsApp()
    async with app.run_test(size=(40, 8)) as pilot:
        from workbench.ui.widgets.item_table import ItemTable

        table = app.query_one(ItemTable)
        rows = [
            ("a", ["[bold]x[/bold]", Text("12.5", justify="right"), "far-right-column-a"]),
            ("b", ["\x1b[31mred", Text("3", justify="right"), "far-right-column-b"]),
            ("c", [Text("esc\x1b[2J", style="bold"), Text("1", justify="right"), "far-right-column-c"]),
        ]
        table.fill(["Name", "Value $B", "Source"], rows)
        table.focus()
        await pilot.pause()
        lines = [table.render_line(y).text for y in range(3)]
        assert lines[0].startswith(" Name") and "Value $B" in lines[0]
        assert "[bold]x[/bold]" in lines[1] and "\x1b" not in lines[2] and "␛[31mred" in lines[2]
        assert "\x1b" not in table.render_line(3).text and "esc␛[2J" in table.render_line(3).text
        assert lines[1].index("12.5  far") + 4 == lines[2].index("3  far") + 1  # numbers right-aligned
        assert "far-right-column-a" not in lines[1]  # 30 columns: cut at the pane's edge
        await pilot.resize_terminal(40, 9)  # a resize keeps the sideways scroll range
        await pilot.pause()
        await pilot.press("right", "right")
        assert table.scroll_offset.x > 0 and "far-right-column-a" in table.render_line(1).text
        await pilot.press("j", "enter")
        assert app.opened == ["b"]
        table.fill(["Name"], [])
        await pilot.pause()
        assert table.current is None and "Nothing to show." in table.render_line(1).text
