"""Where a quote that is no longer verbatim most likely sits in its document, so it can be re-anchored.

A quote breaks when its document or its text was edited after it was pinned (a word changed, a line
re-wrapped). Its nearest passage is the stretch of the document, as long as the quote, that shares
the longest exact run of characters with it; the user looks at it and re-anchors the quote to it
with one key.
"""

from __future__ import annotations

from difflib import SequenceMatcher

# Above this many characters only the quote's own start and end are looked for (a full comparison
# of a 20 MB document would take seconds).
FULL_COMPARE_LIMIT = 2_000_000


def nearest_passage(document: str, text: str) -> tuple[int, int] | None:
    """(start, end) of the passage of `document` nearest to `text`, or None when nothing is alike."""
    if not text or not document:
        return None
    exact = document.find(text)
    if exact >= 0:
        return exact, exact + len(text)
    found = _by_ends(document, text)
    if found is None and len(document) <= FULL_COMPARE_LIMIT:
        match = SequenceMatcher(None, document, text, autojunk=False).find_longest_match(0, len(document), 0, len(text))
        if match.size >= min(4, len(text)):
            found = (match.a - match.b, match.a - match.b + len(text))
    if found is None:
        return None
    start, end = max(0, found[0]), min(len(document), found[1])
    # The passage keeps to text: no leading or trailing blanks.
    while start < end and document[start].isspace():
        start += 1
    while end > start and document[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _by_ends(document: str, text: str) -> tuple[int, int] | None:
    """The passage from the quote's first few characters to its last few (the common edit is inside)."""
    sizes = [size for size in (12, 8, 5, 3) if len(text) > 2 * size]
    head = next((found for size in sizes if (found := document.find(text[:size])) >= 0), -1)
    tail_end = -1
    for size in sizes:
        found = document.find(text[-size:], max(head, 0))
        if found >= 0:
            tail_end = found + size
            break
    if head >= 0 and tail_end > head and tail_end - head < 2 * len(text):
        return head, tail_end
    if head >= 0:
        return head, head + len(text)
    if tail_end >= 0:
        return tail_end - len(text), tail_end
    return None
