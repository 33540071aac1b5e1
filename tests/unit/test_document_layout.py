"""Wrapping documents into rows by terminal cells: exact coverage, width kept, CJK and emoji aligned."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, split_graphemes

from tests.datakit import HOSTILE
from workbench.ui.widgets.document_layout import NO_START, DocumentLayout, display_row, wrap_line


def rows_of(text: str, width: int, **kw) -> list[str]:
    layout = DocumentLayout(text, width)
    assert layout.extend(**kw)
    return [layout.text[layout.starts[r] : layout.ends[r]] for r in range(layout.rows)]


def test_display_row_keeps_length_and_never_lets_controls_act():
    raw = "a\x1b[31mb\x07\x00\t\x7f\x9b\u202eRTL\u2066\u2028z"
    shown = display_row(raw)
    assert len(shown) == len(raw)
    assert shown == "a␛[31mb␇␀ ␡\ufffd⇄RTL⇄␤z"
    assert display_row("[bold]算力[/bold]") == "[bold]算力[/bold]"


def test_english_wraps_at_spaces_and_splits_only_overlong_words():
    assert rows_of("The risk of underinvesting is far greater", 16) == [
        "The risk of ",
        "underinvesting ",
        "is far greater",
    ]
    assert rows_of("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_cjk_takes_two_cells_and_punctuation_never_starts_a_row():
    rows = rows_of("资本支出达到一千二百亿美元。我们预计", 10)
    assert rows == ["资本支出达", "到一千二百", "亿美元。我", "们预计"]
    assert all(cell_len(r) <= 10 for r in rows)
    assert rows_of("一二三四五。六", 10) == ["一二三四", "五。六"]  # 。 stays with 五
    assert rows_of("一二三四五,六", 10) == ["一二三四", "五,六"]
    assert not any(r[0] in NO_START for r in rows)


def test_mixed_scripts_break_between_cjk_and_latin():
    rows = rows_of("我们看到 AWS 利润率 growth", 12)
    assert "".join(rows) == "我们看到 AWS 利润率 growth"
    assert all(cell_len(r.rstrip()) <= 12 for r in rows)


def test_emoji_sequences_are_never_split():
    line = "ok 👩‍💻👩‍💻👩‍💻 🇨🇳 done"
    rows = rows_of(line, 4)
    assert "".join(rows) == line
    assert all("\u200d" not in (r[:1] + r[-1:]) for r in rows)  # no row starts or ends inside a ZWJ join
    assert all(cell_len(r.rstrip()) <= 4 for r in rows)


def test_lines_and_a_final_newline():
    assert rows_of("", 10) == [""]
    assert rows_of("\n", 10) == [""]
    assert rows_of("a\n\nb\n", 10) == ["a", "", "b"]
    assert rows_of("a\nb", 10) == ["a", "b"]


def test_laid_out_a_batch_at_a_time_as_far_as_asked():
    text = "\n".join(f"line {i} " + "word " * 30 for i in range(2000))
    layout = DocumentLayout(text, 40)
    assert not layout.extend(until_offset=100)
    assert 0 < layout.rows < 20 and layout.starts[-1] < 200
    rows_so_far = layout.rows
    assert layout.extend()
    assert layout.rows > rows_so_far and layout.row_of(len(text) - 1) == layout.rows - 1
    assert rows_of(text, 40) == [text[a:b] for a, b in zip(layout.starts, layout.ends)]


def test_hostile_lines_stay_within_the_width():
    text = "\n".join(HOSTILE + ["x" * 12_000])
    for width in (1, 2, 7, 80):
        for row in rows_of(text, width):
            shown = display_row(row).rstrip(" ")
            spans, cells = split_graphemes(shown)
            assert cells <= width or len(spans) == 1, (width, row)


cjk = st.sampled_from(list("资本支出算力亿美元。,，、「」") + ["👩‍💻", "🚀", "é", "e\u0301"])
text_chars = st.one_of(st.sampled_from(list("ab c ") + [" ", "\n", "\t", "\x1b"]), cjk)


@settings(max_examples=300, deadline=None)
@given(st.lists(text_chars, max_size=120).map("".join), st.integers(1, 30))
def test_rows_cover_the_text_exactly_and_fit(text, width):
    layout = DocumentLayout(text, width)
    layout.extend()
    rebuilt, previous_end = "", None
    for r in range(layout.rows):
        start, end = layout.starts[r], layout.ends[r]
        assert start <= end
        if previous_end is not None:
            assert start in (previous_end, previous_end + 1)  # the same line, or after its newline
            if start == previous_end + 1:
                assert text[previous_end] == "\n"
                rebuilt += "\n"
            else:
                assert start > layout.starts[r - 1]  # a wrapped row is never empty
        previous_end = end
        row = text[start:end]
        rebuilt += row
        assert "\n" not in row
        spans, cells = split_graphemes(display_row(row).rstrip(" "))
        assert cells <= width or len(spans) == 1, (row, width)
    assert rebuilt == (text[:-1] if text.endswith("\n") else text)


@pytest.mark.parametrize("width", [1, 5, 40])
def test_wrap_line_starts_at_zero_and_increases(width):
    starts = wrap_line("资本 支出 " * 30 + "tail", width)
    assert starts[0] == 0 and starts == sorted(set(starts))
