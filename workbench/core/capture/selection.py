"""A passage being selected in a document with the keyboard: by character, word or sentence.

Offsets are code points of the document's normalised text (what the document view shows and what a
quote's offset means), so the selected passage is verbatim by construction. A "word" is a run of
letters or digits, or a single Chinese character (Chinese has no spaces to find words by); a
sentence ends after 。！？!?. or ; (and their full-width forms), or at a line end.
"""

from __future__ import annotations

from dataclasses import dataclass

_SENTENCE_ENDS = set("。！？!?.;；…\n")


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or "\U00020000" <= char <= "\U0003134f"


def _is_word(char: str) -> bool:
    return char.isalnum() and not _is_han(char)


def next_word_end(text: str, pos: int) -> int:
    """The end of the word at or after `pos` (skipping blanks and punctuation first)."""
    n = len(text)
    while pos < n and not (_is_word(text[pos]) or _is_han(text[pos])):
        pos += 1
    if pos < n and _is_han(text[pos]):
        return pos + 1
    while pos < n and _is_word(text[pos]):
        pos += 1
    return pos


def previous_word_start(text: str, pos: int) -> int:
    """The start of the word that ends at or before `pos`."""
    while pos > 0 and not (_is_word(text[pos - 1]) or _is_han(text[pos - 1])):
        pos -= 1
    if pos > 0 and _is_han(text[pos - 1]):
        return pos - 1
    while pos > 0 and _is_word(text[pos - 1]):
        pos -= 1
    return pos


def sentence_end(text: str, pos: int) -> int:
    """Just after the end of the sentence that `pos` is in (a line end is not included)."""
    n = len(text)
    while pos < n and text[pos] not in _SENTENCE_ENDS:
        pos += 1
    if pos < n and text[pos] != "\n":
        pos += 1
        while pos < n and text[pos] in "”」』)）\"'":  # a closing quote belongs to the sentence
            pos += 1
    return pos


def sentence_start(text: str, pos: int) -> int:
    """The first non-blank character of the sentence that `pos` is in."""
    while pos > 0 and text[pos - 1] not in _SENTENCE_ENDS:
        pos -= 1
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


@dataclass
class Selection:
    """[start, end) in `text`; `end` is where the keys that extend and shrink act, `start` moves too."""

    text: str
    start: int
    end: int

    @classmethod
    def sentence_at(cls, text: str, offset: int) -> Selection:
        """The sentence at `offset`: the natural first guess of what a reader wants to pin."""
        offset = max(0, min(offset, len(text)))
        while offset < len(text) and text[offset].isspace():
            offset += 1
        start = sentence_start(text, offset) if offset < len(text) else offset
        start = min(start, offset) if start > offset else start
        return cls(text, start, max(start, sentence_end(text, offset)))

    @property
    def passage(self) -> str:
        return self.text[self.start : self.end]

    def extend(self, unit: str, step: int) -> None:
        """Move the end by `step` units ("char", "word", "sentence"); never before the start."""
        self.end = self._moved(self.end, unit, step)
        self.end = max(self.end, self.start)

    def move_start(self, unit: str, step: int) -> None:
        """Move the start by `step` units; never past the end."""
        self.start = min(self._moved(self.start, unit, step), self.end)

    def _moved(self, pos: int, unit: str, step: int) -> int:
        text, n = self.text, len(self.text)
        for _ in range(abs(step)):
            if unit == "char":
                pos = min(n, pos + 1) if step > 0 else max(0, pos - 1)
            elif unit == "word":
                pos = next_word_end(text, pos) if step > 0 else previous_word_start(text, pos)
            elif step > 0:  # sentence, forward: to the end of the next one
                while pos < n and text[pos].isspace():
                    pos += 1
                pos = sentence_end(text, pos)
            else:  # sentence, back: to the start of this one (or the previous one from there)
                back = sentence_start(text, max(0, pos - 1))
                pos = back if back < pos else sentence_start(text, max(0, back - 1))
        return pos
