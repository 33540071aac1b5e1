"""A new document's text from the file a user has: plain text, Markdown, HTML or PDF, in any common encoding.

What comes out is what `sources/` keeps: UTF-8 text with LF line ends. HTML loses its scripts, styles
and tags (block elements become line breaks); a PDF becomes its pages' text, each page opened by a
`[page N]` line so a quote can still be cited by page. Along with the text come guesses for the
`sources.toml` entry (title, date, language), which the user confirms or corrects.

A file that is not UTF-8 is decoded as GB 18030 (mainland) or Big5 (Taiwan, Hong Kong), whichever
reads as more plausible Chinese; the caller shows which and asks before converting (`encoding`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from workbench.core.i18n import tr

# Kinds of file we read, by extension (anything else is read as plain text).
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}

MAX_BYTES = 200 * 1024 * 1024  # a document larger than this is refused, not read into memory


class DocumentError(Exception):
    """The file cannot become a document (unreadable, empty, a PDF without text, …)."""


@dataclass
class Extracted:
    """A document's text and what the file says about it."""

    text: str
    kind: str  # "text", "markdown", "html" or "pdf"
    encoding: str  # how the bytes were decoded: "utf-8", "gb18030", "big5" (pdf: "pdf")
    title: str = ""
    published: date | None = None
    language: str = ""
    pages: int = 0
    notes: list[str] = field(default_factory=list)  # what the user should know before saving

    @property
    def converted(self) -> bool:
        """True when the text was decoded from a legacy Chinese encoding (ask before saving)."""
        return self.encoding not in ("utf-8", "pdf")


def extract(path: Path, encoding: str | None = None) -> Extracted:
    """Read `path` into a document; `encoding` overrides the guess for a text or HTML file."""
    path = Path(path)
    try:
        if not path.is_file():
            raise DocumentError(f"{path}: " + tr("not a regular file"))
        if path.stat().st_size > MAX_BYTES:
            raise DocumentError(f"{path}: " + tr("larger than {size} MB", size=MAX_BYTES // (1024 * 1024)))
        raw = path.read_bytes()
    except OSError as error:
        raise DocumentError(f"{path}: " + tr("cannot read: {error}", error=error.strerror or error)) from None
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES or raw.startswith(b"%PDF-"):
        result = _from_pdf(path, raw)
    else:
        text, used = decode(raw, encoding)
        if suffix in HTML_SUFFIXES or _looks_html(text):
            result = _from_html(text, used)
        else:
            kind = "markdown" if suffix in MARKDOWN_SUFFIXES else "text"
            result = Extracted(_clean(text), kind, used, title=_first_line_title(text, kind))
    if not result.text.strip():
        raise DocumentError(f"{path}: " + tr("no text in this file"))
    result.title = " ".join(_clean(result.title).split())[:200]
    if not result.language:
        result.language = guess_language(result.text)
    if result.converted:
        result.notes.append(tr("decoded as {encoding} and saved as UTF-8", encoding=result.encoding.upper()))
    return result


# --------------------------------------------------------------------------- encodings


def decode(raw: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Text and the encoding used: `encoding` if given, else UTF-8, else the likelier of GB 18030 and Big5."""
    if encoding:
        try:
            return raw.decode(encoding), encoding.lower()
        except (UnicodeDecodeError, LookupError) as error:
            raise DocumentError(tr("not valid {encoding}: {error}", encoding=encoding, error=error)) from None
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for name in ("gb18030", "big5"):
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text), name, text))
    if not candidates:
        raise DocumentError(tr("neither UTF-8, GB 18030 nor Big5: give the encoding (--encoding)"))
    _, name, text = max(candidates)
    return text, name


# Characters that make up most of any Chinese news text; a wrong decoding scatters rare ones instead.
_COMMON = set(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里"
    "用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实"
    "日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政"
    "美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员"
    "解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件"
    "計們個來說時會這為對國與發資們億萬為業經濟營"
    "，。、：；？！「」『』（）《》“”"
)


def _plausibility(text: str) -> float:
    """Share of CJK characters that are common ones: high for the right decoding of Chinese text."""
    cjk = [c for c in text if "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef"]
    if not cjk:
        return 0.0
    return sum(c in _COMMON for c in cjk) / len(cjk)


def _clean(text: str) -> str:
    """LF line ends, no NULs or other control characters but tab and newline, no trailing blanks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(c for c in text if c in "\t\n" or unicodedata.category(c) != "Cc")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def guess_language(text: str) -> str:
    """`zh-Hant`, `zh-Hans` or `en`, from which characters the text uses."""
    from workbench.core.search.scan import chinese_fold

    traditional = chinese_fold()
    han = [c for c in text[:20000] if "\u4e00" <= c <= "\u9fff"]
    if len(han) < 20:
        return "en"
    simplified_targets = set(traditional.values())
    trad = sum(ord(c) in traditional for c in han)
    simp = sum(c in simplified_targets for c in han)
    return "zh-Hant" if trad > simp else "zh-Hans"


def _first_line_title(text: str, kind: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if kind == "markdown":
            line = line.lstrip("#").strip()
        if line:
            return line[:200]
    return ""


# --------------------------------------------------------------------------- HTML


def _looks_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "dt",
    "dd",
    "figcaption",
    "main",
    "aside",
}
_DROPPED = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas"}
_DATE_META = ("article:published_time", "og:published_time", "pubdate", "publishdate", "date", "dc.date")


class _TextParser(HTMLParser):
    """Collects visible text, the title, the page's language and its publication date."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.og_title = ""
        self.language = ""
        self.dates: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and values.get("lang"):
            self.language = values["lang"]
        if tag == "title":
            self._in_title = True
        if tag == "meta":
            name = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if name == "og:title":
                self.og_title = values.get("content", "")
            elif name in _DATE_META or name == "datepublished":
                self.dates.append(values.get("content", ""))
        if tag == "time" and values.get("datetime"):
            self.dates.append(values["datetime"])
        if tag in _DROPPED:
            self._skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _DROPPED:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(data)


def _from_html(html: str, encoding: str) -> Extracted:
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    paragraphs = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    title = " ".join((parser.og_title or parser.title).split())
    published = next((d for d in (_parse_date(raw) for raw in parser.dates) if d is not None), None)
    language = _bcp47(parser.language)
    return Extracted(_clean(paragraphs), "html", encoding, title=title[:200], published=published, language=language)


def _parse_date(raw: str) -> date | None:
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", raw or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _bcp47(lang: str) -> str:
    """The page's `lang` as our sources.toml tags it (`zh-CN` → `zh-Hans`, `zh-TW` → `zh-Hant`)."""
    lang = lang.strip().replace("_", "-").lower()
    if not lang:
        return ""
    if lang.startswith("zh"):
        return "zh-Hant" if any(t in lang for t in ("hant", "tw", "hk", "mo")) else "zh-Hans"
    return lang.split("-")[0]


# --------------------------------------------------------------------------- PDF


def _from_pdf(path: Path, raw: bytes) -> Extracted:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise DocumentError(f"{path}: " + tr("not a readable PDF ({error})", error=error)) from None
    body = "\n".join(f"[page {number}]\n{text.strip()}\n" for number, text in enumerate(pages, start=1))
    title = str(info.title or "") if info is not None else ""
    published = None
    if info is not None and info.creation_date is not None:
        published = info.creation_date.date()
    result = Extracted(_clean(body), "pdf", "pdf", title=title[:200], published=published, pages=len(pages))
    if not any(text.strip() for text in pages):
        raise DocumentError(f"{path}: " + tr("this PDF has no text layer (a scan?); nothing to quote"))
    return result
