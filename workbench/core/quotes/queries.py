"""Quotes as the viewer needs them: filtering, pairing, citations and Q&A transcript turns.

Plain functions over a loaded `Dataset`; the Quotes screen is a thin layer over them.
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from bisect import bisect_right
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from workbench.core.data.model import Dataset, Quote
from workbench.core.i18n import tr
from workbench.core.quotes.amounts import annotate
from workbench.core.search.scan import fold, read_document

__all__ = [
    "FACETS",
    "DocumentStore",
    "LoadedDocument",
    "QuoteQuery",
    "Turn",
    "amount_labels",
    "answer_partners",
    "citation",
    "filter_quotes",
    "haystacks",
    "find_turns",
    "locate",
    "next_in_document",
    "parse_query",
    "quotes_in_source",
    "same_topic_partners",
    "short_name",
    "turn_at",
    "with_amounts",
]

# `facet:value` words of a filter. Short forms save keystrokes at 80 columns.
FACETS = {
    "company": "company",
    "c": "company",
    "topic": "topic",
    "t": "topic",
    "source": "source",
    "s": "source",
    "stance": "stance",
}


@dataclass(frozen=True)
class QuoteQuery:
    """A parsed filter: exact facets (each a set of allowed values) and free-text words."""

    company: frozenset[str] = frozenset()
    topic: frozenset[str] = frozenset()
    source: frozenset[str] = frozenset()
    stance: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.company or self.topic or self.source or self.stance or self.words)


def parse_query(text: str) -> QuoteQuery:
    """`company:MSFT topic:capex,roi stance:bear risk` → facets and words (case-insensitive).

    A facet may list several values separated by commas (any of them matches); repeated
    facets add values. Every free word must occur in the quote (text, gloss, speaker,
    company, topics, source id or title). An unknown `key:` is an ordinary word.
    """
    facets: dict[str, set[str]] = {name: set() for name in set(FACETS.values())}
    words: list[str] = []
    for token in text.split():
        key, sep, value = token.partition(":")
        name = FACETS.get(key.lower()) if sep else None
        if name is None:
            words.append(fold(token))
        elif value:
            facets[name].update(fold(v) for v in value.split(",") if v)
    return QuoteQuery(**{k: frozenset(v) for k, v in facets.items()}, words=tuple(words))


def _haystack(ds: Dataset, quote: Quote) -> str:
    source = ds.sources.get(quote.source)
    company = ds.companies.get(quote.company)
    parts = [
        quote.text,
        quote.translation,
        quote.speaker,
        quote.company,
        quote.id,
        quote.source,
        quote.stance,
        " ".join(quote.topics),
    ]
    if source is not None:
        parts += [source.title, str(source.extra.get("title_en", ""))]
    if company is not None:
        parts.append(company.name)
    return fold("\n".join(parts))


PACE_QUOTES = 250  # quotes folded between two calls of `pace` (a few ms of work)
_last_haystacks: tuple[object, object, object, dict[str, str]] | None = None
_haystacks_lock = threading.Lock()


def haystacks(ds: Dataset, pace: Callable[[], None] = lambda: None) -> dict[str, str]:
    """What free words are looked for in, per quote id (compute once per dataset, reuse per keystroke).

    The last answer is kept (with what it was made from, so no id is reused): the Quotes screen's
    two panes ask for it at once, and a reload that kept the quotes, sources and companies asks again.
    `pace` is called between pieces of the work (`background.give_way`, in a thread).
    """
    global _last_haystacks
    with _haystacks_lock:  # a second caller waits for the first's answer instead of folding again
        last = _last_haystacks
        if last is not None and last[0] is ds.quotes and last[1] is ds.sources and last[2] is ds.companies:
            return last[3]
        hay = {}
        for count, quote in enumerate(ds.quotes.values()):
            if count % PACE_QUOTES == 0:
                pace()
            hay[quote.id] = _haystack(ds, quote)
        _last_haystacks = (ds.quotes, ds.sources, ds.companies, hay)
        return hay


def filter_quotes(
    ds: Dataset, query: QuoteQuery | str, hay: dict[str, str] | None = None, quotes: Iterable[Quote] | None = None
) -> list[Quote]:
    """The quotes matching `query`, in the data's order (`hay`: from `haystacks`, to go faster).

    `quotes` filters others than the dataset's valid ones (its broken quotes, for instance)."""
    if isinstance(query, str):
        query = parse_query(query)
    pool = ds.quotes.values() if quotes is None else quotes
    if query.empty:
        return list(pool)
    found = []
    for quote in pool:
        if query.company and fold(quote.company) not in query.company:
            continue
        if query.stance and fold(quote.stance) not in query.stance:
            continue
        if query.source and fold(quote.source) not in query.source:
            continue
        if query.topic and not query.topic & {fold(t) for t in quote.topics}:
            continue
        if query.words:
            text = hay[quote.id] if hay is not None and quote.id in hay else _haystack(ds, quote)
            if not all(word in text for word in query.words):
                continue
        found.append(quote)
    return found


# --------------------------------------------------------------------------- pairing


def answer_partners(ds: Dataset, quote: Quote) -> list[Quote]:
    """The quotes this one answers, then those answering it (claim ↔ counter-claim)."""
    ids = list(quote.answers) + [q.id for q in ds.quotes.values() if quote.id in q.answers]
    return [ds.quotes[i] for i in dict.fromkeys(ids) if i in ds.quotes and i != quote.id]


def same_topic_partners(ds: Dataset, quote: Quote) -> list[Quote]:
    """Quotes from another company sharing a topic: most shared topics first, then nearest in date."""
    topics = set(quote.topics)
    if not topics:
        return []
    when = quote.date or _published(ds, quote)
    scored = []
    for order, other in enumerate(ds.quotes.values()):
        if not other.company or other.company == quote.company or other.id == quote.id:
            continue
        shared = len(topics & set(other.topics))
        if shared:
            other_when = other.date or _published(ds, other)
            gap = abs((other_when - when).days) if when and other_when else 10**6
            scored.append((-shared, gap, order, other))
    return [q for *_, q in sorted(scored, key=lambda s: s[:3])]


def _published(ds: Dataset, quote: Quote) -> date | None:
    source = ds.sources.get(quote.source)
    return source.published if source is not None else None


def quotes_in_source(ds: Dataset, source_id: str) -> list[Quote]:
    """A document's quotes in the order they occur in it."""
    found = [q for q in ds.quotes.values() if q.source == source_id]
    return sorted(found, key=lambda q: q.offset if q.offset is not None else -1)


def next_in_document(ds: Dataset, source_id: str, offset: int, step: int) -> Quote | None:
    """The quote after (step 1) or before (step −1) text offset `offset` in a document."""
    placed = [(q.offset, q) for q in quotes_in_source(ds, source_id) if q.offset is not None]
    if step > 0:
        return next((q for at, q in placed if at > offset), None)
    return next((q for at, q in reversed(placed) if at < offset), None)


def locate(text: str, quote: Quote) -> int | None:
    """Where `quote` is in `text` (its verified offset when it still holds, else a fresh find)."""
    if quote.offset is not None and text.startswith(quote.text, quote.offset):
        return quote.offset
    found = text.find(quote.text) if quote.text else -1
    return found if found >= 0 else None


# --------------------------------------------------------------------------- citations


def citation(ds: Dataset, quote: Quote) -> str:
    """The quote as a user pastes it: “text” — speaker, source title, date (+ our gloss)."""
    source = ds.sources.get(quote.source)
    title = source.title if source is not None else quote.source
    title_en = str(source.extra.get("title_en", "")) if source is not None else ""
    if title_en and title_en != title:
        title = f"{title} ({title_en})"
    when = quote.date or (source.published if source is not None else None)
    who = quote.speaker
    if not who and quote.company:
        company = ds.companies.get(quote.company)
        who = company.name if company is not None else quote.company
    parts = [p for p in (who, title, when.isoformat() if when else "") if p]
    lines = [f"“{quote.text}” — {', '.join(parts)}"]
    if quote.translation:
        lines.append(tr("Our English translation: “{gloss}”", gloss=quote.translation))
    return "\n".join(lines)


# --------------------------------------------------------------------------- amounts


def amount_labels(text: str) -> list[str]:
    """Each Chinese amount in `text` with its figure: ["1200亿美元 ≈ $120B", …]."""
    return [label for _amount, label in annotate(text)]


def with_amounts(text: str) -> str:
    """`text` with each Chinese amount followed by its figure: "1200亿美元 (≈ $120B)"."""
    found = annotate(text)
    if not found:
        return text
    out, pos = [], 0
    for amount, label in found:
        out += [text[pos : amount.end], f" ({label[len(amount.original) :].strip()})"]
        pos = amount.end
    out.append(text[pos:])
    return "".join(out)


# --------------------------------------------------------------------------- Q&A turns

# A turn starts on a line beginning "Q:" or "A:" (ASCII or full-width colon, letters too).
_TURN = re.compile(r"^[ \t\u3000]*([QAＱＡ])[:：]", re.MULTILINE)


@dataclass(frozen=True)
class Turn:
    """One question or answer of a transcript: text[start:end], who speaks, whom it answers."""

    start: int
    end: int
    role: str  # "Q" or "A"
    speaker: str = ""  # from the quotes inside the turn; "" when none says
    counterpart: str = ""  # for an answer: who asked; for a question: who answered
    quotes: tuple[str, ...] = field(default=())

    @property
    def asks(self) -> bool:
        return self.role == "Q"

    def label(self, width: int = 9) -> str:
        """`Q analyst`, `A Olsavsky`: the role and a short name, at most `width` + 2 cells."""
        name = short_name(self.speaker, width) if self.speaker else (tr("asks") if self.asks else tr("answers"))
        return f"{self.role} {name}"


def find_turns(text: str, quotes: Iterable[Quote] = ()) -> list[Turn]:
    """The Q/A turns of a transcript, with speakers taken from the quotes inside each turn.

    A document is a Q&A transcript only when it has at least one question and one answer
    marker; otherwise there are no turns.
    """
    marks = [(m.start(), "Q" if m.group(1) in "QＱ" else "A") for m in _TURN.finditer(text)]
    if not {"Q", "A"} <= {role for _, role in marks}:
        return []
    offsets = ((locate(text, q), q) for q in quotes)
    located = sorted(((o, q) for o, q in offsets if o is not None and o >= marks[0][0]), key=lambda p: p[0])
    turns: list[Turn] = []
    i = 0
    for n, (start, role) in enumerate(marks):
        end = marks[n + 1][0] if n + 1 < len(marks) else len(text)
        inside = []
        while i < len(located) and located[i][0] < end:
            inside.append(located[i][1])
            i += 1
        speakers = Counter(q.speaker for q in inside if q.speaker)
        speaker = speakers.most_common(1)[0][0] if speakers else ""
        turns.append(Turn(start, end, role, speaker, quotes=tuple(q.id for q in inside)))
    # Who asked each answer, and who answered each question: the neighbouring turns.
    out = []
    for n, turn in enumerate(turns):
        step = -1 if turn.role == "A" else 1
        other = (
            next((t for t in turns[n + step :: step] if t.role != turn.role), None)
            if 0 <= n + step < len(turns)
            else None
        )
        out.append(Turn(turn.start, turn.end, turn.role, turn.speaker, other.speaker if other else "", turn.quotes))
    return out


def turn_at(turns: list[Turn], offset: int) -> Turn | None:
    """The turn holding text offset `offset`, if any."""
    i = bisect_right([t.start for t in turns], offset) - 1
    return turns[i] if i >= 0 and offset < turns[i].end else None


def short_name(speaker: str, width: int = 9) -> str:
    """A name for a narrow gutter: "Brian Olsavsky (Amazon CFO)" → "Olsavsky"."""
    base = speaker.split("(")[0].strip() or speaker.strip()
    words = base.split()
    name = words[-1] if words else ""
    if _cells(name) <= width:
        return name
    while name and _cells(name) > width - 1:
        name = name[:-1]
    return name + "…"


def _cells(text: str) -> int:
    """Terminal cells of a short label (wide and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class LoadedDocument:
    """A document's searchable text (offsets match search hits) and its Q&A turns."""

    source: str
    text: str
    turns: tuple[Turn, ...]


class DocumentStore:
    """Recently opened documents, read again when their file changes (thread-safe, blocking)."""

    def __init__(self, keep: int = 6) -> None:
        self.keep = keep  # a 20 MB document is ~20-80 MB in memory: keep a few only
        self._docs: OrderedDict[str, tuple[tuple[object, ...], LoadedDocument]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, ds: Dataset, source_id: str) -> LoadedDocument | None:
        """The document of a local source, or None when it cannot be read."""
        source = ds.sources.get(source_id)
        if source is None or source.path is None:
            return None
        try:
            st = os.stat(source.path)
        except OSError:
            return None
        quotes = quotes_in_source(ds, source_id)
        stamp = (str(source.path), st.st_size, st.st_mtime_ns, tuple((q.id, q.offset, q.speaker) for q in quotes))
        with self._lock:
            cached = self._docs.get(source_id)
            if cached is not None and cached[0] == stamp:
                self._docs.move_to_end(source_id)
                return cached[1]
        try:
            text = read_document(source.path)
        except OSError:
            return None
        doc = LoadedDocument(source_id, text, tuple(find_turns(text, quotes)))
        with self._lock:
            self._docs[source_id] = (stamp, doc)
            while len(self._docs) > self.keep:
                self._docs.popitem(last=False)
        return doc
