"""Chinese-interface test helpers: the sizes every screen and dialog is snapshotted at in zh-Hans,
and a check that what is on screen reads in Chinese — any English word left is either data
(it is in a data file) or one of the few terms analysts write in Latin letters.
"""

from __future__ import annotations

import re
from pathlib import Path

ZH_SIZES = [(80, 24), (160, 48)]
ZH_SIZE_IDS = ["80x24", "160x48"]

# Written in Latin letters in Chinese financial writing too, or key names drawn by the footer.
KEPT = {
    *"ai ttm fcf npv irr mirr rpo ocf ebitda ebit roi capex yoy qoq fy cy ceo cfo gpu gw tv api sec us usd".split(),
    *"csv json toml md html pdf svg utf gbk big".split(),
    *"esc tab enter space ctrl shift alt home end pgup pgdn del ins backspace up down left right".split(),
    *"dcf wacc ltm gaap ifrs twd eur".split(),
}
WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")


def screen_lines(app) -> list[str]:
    """The text of every cell on screen now, line by line (dialogs and notices included)."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


def data_words(data_dir: Path) -> set[str]:
    """Every word written in the data directory's files (names, titles, tickers, notes, documents)."""
    words: set[str] = set()
    for path in Path(data_dir).rglob("*"):
        if path.is_file():
            words |= {w.lower() for w in WORD.findall(path.read_bytes().decode("utf-8", "replace"))}
    return words


PATHLIKE = re.compile(r"[\w~-]*[/.][\w./~-]*\w")  # a path or a file name: data
CUT = "…█▊▎▏│"  # a word cut by an ellipsis, or by a dialog drawn over it


def english_left(app, data_dir: Path, *, also: set[str] = frozenset(), region=None) -> list[str]:
    """Lines that still show an English word that is neither data nor a kept term (nor in `also`).

    Data is any word of the data directory's files or file names, and of the problems found in
    them (the data checks word those, through the catalogue); a word cut short (`Microso…`, a
    snippet's `…tion`, a name under a dialog's edge) is data when a data word holds it. `region`
    reads only that part of the screen (a dialog's own box).
    """
    root = Path(data_dir)
    known = data_words(root) | {w.lower() for path in root.rglob("*") for w in WORD.findall(path.name)}
    known |= KEPT | {"super", "keymap", "hans", "hant"} | {w.lower() for w in also}
    for problem in app.dataset.problems if getattr(app, "dataset", None) else []:
        known |= {w.lower() for w in WORD.findall(str(problem))}
    lines = screen_lines(app)
    if region is not None:
        strips = app.screen._compositor.render_strips()[region.y : region.bottom]
        lines = ["".join(segment.text for segment in strip.crop(region.x, region.right)) for strip in strips]
    left = []
    for line in lines:
        text = PATHLIKE.sub(" ", line)
        words = []
        for match in WORD.finditer(text):
            word = match.group().strip("'’").lower()
            if word in known or word.rstrip("s") in known:
                continue
            cut_after = text[match.end() : match.end() + 1] in CUT
            cut_before = match.start() > 0 and text[match.start() - 1] in CUT
            if (cut_after or cut_before) and any(word in k for k in known):
                continue
            words.append(match.group())
        if words:
            left.append(f"{' '.join(words)!s:30} | {line.rstrip()}")
    return left
