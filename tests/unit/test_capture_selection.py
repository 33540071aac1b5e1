"""Selecting a passage with the keyboard: words and sentences in Chinese and English, never out of bounds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.core.capture.selection import Selection, next_word_end, previous_word_start, sentence_end

TEXT = "Capex rose. 资本支出增加了40%。Next one!\n第二行"


def test_the_first_guess_is_the_sentence_under_the_cursor():
    assert Selection.sentence_at(TEXT, 2).passage == "Capex rose."
    assert Selection.sentence_at(TEXT, TEXT.index("支")).passage == "资本支出增加了40%。"
    assert Selection.sentence_at(TEXT, TEXT.index("第")).passage == "第二行"


def test_words_are_letter_runs_or_single_chinese_characters():
    assert next_word_end(TEXT, 0) == 5  # "Capex"
    assert TEXT[: next_word_end(TEXT, 5)] == "Capex rose"
    at = TEXT.index("资")
    assert next_word_end(TEXT, at) == at + 1
    assert previous_word_start(TEXT, 5) == 0
    assert sentence_end(TEXT, 0) == TEXT.index(" 资")


def test_extending_and_shrinking_by_char_word_and_sentence():
    sel = Selection.sentence_at(TEXT, 0)
    sel.extend("sentence", 1)
    assert sel.passage == "Capex rose. 资本支出增加了40%。"
    sel.extend("char", -1)
    assert sel.passage.endswith("%")
    sel.extend("word", -1)
    assert sel.passage.endswith("了")
    sel.move_start("word", 1)
    assert sel.passage == " rose. 资本支出增加了"
    sel.extend("sentence", -5)
    assert sel.start <= sel.end


@given(
    st.text(alphabet=st.sampled_from(list("ab 资本。.!\n,")), max_size=30),
    st.integers(0, 40),
    st.lists(
        st.tuples(
            st.sampled_from(["extend", "move_start"]), st.sampled_from(["char", "word", "sentence"]), st.integers(-3, 3)
        ),
        max_size=12,
    ),
)
def test_a_selection_always_stays_inside_the_text_and_in_order(text, offset, moves):
    sel = Selection.sentence_at(text, offset)
    for how, unit, step in moves:
        getattr(sel, how)(unit, step)
        assert 0 <= sel.start <= sel.end <= len(text)
        assert sel.passage == text[sel.start : sel.end]
