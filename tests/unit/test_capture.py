"""Capture: documents read from HTML, PDF and legacy encodings; quotes pinned, edited and deleted; figures linked.

Every write is checked the way a user would check it: the data directory still loads without a
problem, and the file differs only where a person editing it by hand would have changed it.
"""

from __future__ import annotations

import difflib
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.capture.documents import DocumentError, decode, extract, guess_language
from workbench.core.capture.library import (
    CaptureError,
    NewSource,
    QuoteDraft,
    add_source,
    delete_quote,
    link_figure,
    passage,
    save_quote,
    slug,
    unique_id,
)
from workbench.core.data.loader import load_dataset
from workbench.core.search.scan import normalise_text

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "data"


def make_pdf(pages: list[str], title: str = "") -> bytes:
    """A small, valid PDF with one line of Helvetica text per page (ASCII), made here rather than shipped."""
    objects: list[bytes] = []
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, text in enumerate(pages):
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {5 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    info_ref = b""
    if title:
        objects.append(f"<< /Title ({title}) /CreationDate (D:20260301120000Z) >>".encode())
        info_ref = f" /Info {len(objects)} 0 R".encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R".encode() + info_ref + b" >>\n"
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


@pytest.fixture
def data(tmp_path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(BUNDLED, root)
    return root


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


# --------------------------------------------------------------------------- reading documents


def test_html_loses_scripts_styles_and_tags_and_offers_its_title_date_and_language(tmp_path):
    page = tmp_path / "article.html"
    page.write_text(
        """<!doctype html><html lang="zh-CN"><head><title>谷歌资本支出翻倍</title>
        <meta property="article:published_time" content="2026-02-05T08:00:00+08:00">
        <style>p { color: red }</style><script>alert("x")</script></head>
        <body><h1>谷歌资本支出翻倍</h1><p>Alphabet 预计 2026 年资本支出为 1750 亿至 1850 亿美元。</p>
        <p>第二段 &amp; more</p><noscript>enable JS</noscript></body></html>""",
        encoding="utf-8",
    )
    doc = extract(page)
    assert doc.kind == "html" and doc.encoding == "utf-8" and not doc.converted
    assert "alert" not in doc.text and "color" not in doc.text and "enable JS" not in doc.text
    assert "Alphabet 预计 2026 年资本支出为 1750 亿至 1850 亿美元。\n" in doc.text
    assert "第二段 & more" in doc.text
    assert (doc.title, doc.published, doc.language) == ("谷歌资本支出翻倍", date(2026, 2, 5), "zh-Hans")


def test_gbk_and_big5_files_are_recognised_and_converted_only_when_said(tmp_path):
    simplified = "微软表示资本支出将继续增长,人工智能的需求超过了供应。" * 3
    traditional = "微軟表示資本支出將繼續增長,人工智慧的需求超過了供應。" * 3
    gbk, big5 = tmp_path / "a.txt", tmp_path / "b.txt"
    gbk.write_bytes(simplified.encode("gbk"))
    big5.write_bytes(traditional.encode("big5"))
    assert extract(gbk).encoding == "gb18030" and extract(gbk).text.strip() == simplified
    doc = extract(big5)
    assert doc.encoding == "big5" and doc.text.strip() == traditional and doc.converted
    assert doc.language == "zh-Hant" and extract(gbk).language == "zh-Hans"
    assert any("BIG5" in note for note in doc.notes)
    with pytest.raises(DocumentError):
        decode("資本".encode("big5") + b"\xff\xff\xff", "utf-8")


def test_a_pdf_becomes_its_pages_text_with_page_markers(tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(make_pdf(["Capex rose to 35.67 billion", "Cloud revenue 20.0 billion"], title="Q1 report"))
    doc = extract(pdf)
    assert doc.kind == "pdf" and doc.pages == 2 and doc.title == "Q1 report"
    assert doc.text.index("[page 1]") < doc.text.index("Capex rose to 35.67 billion") < doc.text.index("[page 2]")
    assert "Cloud revenue 20.0 billion" in doc.text and doc.published == date(2026, 3, 1)


def test_files_that_cannot_be_documents_say_why(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really")
    for name in ("empty.txt", "broken.pdf", "missing.txt"):
        with pytest.raises(DocumentError, match=name):
            extract(tmp_path / name)
    with pytest.raises(DocumentError, match="not a regular file"):
        extract(tmp_path)


def test_language_and_ids_are_guessed_sensibly():
    assert guess_language("Capex is up " * 10) == "en"
    assert guess_language("資本支出與雲端營收的差距越來越大" * 3) == "zh-Hant"
    assert guess_language("资本支出与云端营收的差距越来越大" * 3) == "zh-Hans"
    assert slug("Alphabet Q1 2026: Capex $35.67B!") == "alphabet-q1-2026-capex-35-67b"
    assert slug("谷歌资本支出") == "doc"
    assert unique_id("doc", ["doc", "doc-2"]) == "doc-3"


# --------------------------------------------------------------------------- adding to the library


def test_adding_a_document_writes_its_text_and_one_entry_and_the_data_still_checks(data, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html lang='zh-TW'><title>台積電</title><body><p>台積電資本支出創新高。</p></body></html>")
    before = (data / "sources.toml").read_text()
    doc = extract(page)
    entry = NewSource("tsmc-capex-record", doc.title, date(2026, 4, 17), doc.language, publisher="Example News")
    target = add_source(data, doc, entry)
    assert target.read_text() == "台積電\n台積電資本支出創新高。\n" or "台積電資本支出創新高。" in target.read_text()
    diff = changed_lines(before, (data / "sources.toml").read_text())
    assert diff == [
        "+",
        "+[[source]]",
        '+id = "tsmc-capex-record"',
        '+title = "台積電"',
        "+published = 2026-04-17",
        '+language = "zh-Hant"',
        '+file = "tsmc-capex-record.txt"',
        '+publisher = "Example News"',
    ]
    ds = load_dataset(data)
    assert ds.problems == [] and ds.sources["tsmc-capex-record"].path == target
    with pytest.raises(CaptureError, match="already exists"):
        add_source(data, doc, entry)


@pytest.mark.parametrize(
    "document, chosen",
    [
        ("资本支出增加了。🚀 火箭般的增长!\n第二行", "🚀 火箭般的增长!"),  # emoji: two UTF-16 units, one code point
        ("Line one.\r\nCapex was $14 billion.\r\nLine three.\r\n", "Capex was $14 billion."),  # CRLF file
        ("第一段\n\n  資本支出為140億美元。  \n", "資本支出為140億美元。"),
    ],
)
def test_a_selection_becomes_a_verbatim_quote_that_checks(data, document, chosen):
    (data / "sources" / "new-doc.txt").write_bytes(document.encode("utf-8"))
    with open(data / "sources.toml", "a", encoding="utf-8") as handle:
        handle.write(
            '\n[[source]]\nid = "new-doc"\ntitle = "New"\npublished = 2026-01-01\nlanguage = "en"\nfile = "new-doc.txt"\n'
        )
    text = normalise_text((data / "sources" / "new-doc.txt").read_bytes())
    start = text.index(chosen)
    quoted = passage(text, start - 1 if start else 0, start + len(chosen) + 1)  # blanks around are trimmed
    assert chosen in quoted
    quoted = passage(text, start, start + len(chosen))
    draft = QuoteDraft(
        "new-quote", "new-doc", quoted, company="AMZN", topics=["capex"], stance="bull", translation="Gloss"
    )
    before = (data / "quotes.toml").read_text()
    save_quote(data, draft, data / "sources" / "new-doc.txt")
    ds = load_dataset(data)
    assert ds.problems == []
    quote = ds.quotes["new-quote"]
    assert quote.text == chosen and quote.offset == start and quote.translation == "Gloss"
    added = changed_lines(before, (data / "quotes.toml").read_text())
    assert added[:3] == ["+", "+[[quote]]", '+id = "new-quote"']
    # Edit it (a speaker added) and delete it: the file comes back byte for byte.
    draft.speaker = "CFO"
    save_quote(data, draft, data / "sources" / "new-doc.txt", replacing="new-quote")
    assert load_dataset(data).quotes["new-quote"].speaker == "CFO"
    delete_quote(data, "new-quote")
    assert (data / "quotes.toml").read_text() == before


def test_a_quote_not_in_the_document_or_with_a_taken_id_is_refused(data):
    doc = data / "sources" / "amzn-apec-40b-bet.txt"
    with pytest.raises(CaptureError, match="not in the document"):
        save_quote(data, QuoteDraft("x-1", "amzn-apec-40b-bet", "words that are not there"), doc)
    ds = load_dataset(data)
    existing = next(q for q in ds.quotes.values() if q.source == "amzn-apec-40b-bet")
    with pytest.raises(CaptureError, match="already"):
        save_quote(data, QuoteDraft(existing.id, existing.source, existing.text), doc)


def test_editing_a_quote_keeps_its_comments_and_its_neighbours(data):
    before = (data / "quotes.toml").read_text()
    ds = load_dataset(data)
    quote = ds.quotes["olsavsky-aws-margin-800bp"]
    draft = QuoteDraft.of(quote)
    draft.translation += " (checked)"
    save_quote(data, draft, ds.sources[quote.source].path, replacing=quote.id)
    diff = changed_lines(before, (data / "quotes.toml").read_text())
    assert len(diff) == 2 and diff[0].startswith("-translation") and diff[1].endswith('(checked)"')


def test_linking_a_figure_changes_its_quote_cell_and_nothing_else(data):
    path = data / "capex.csv"
    before = path.read_text()
    lines = before.splitlines()
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith("AMZN,") and i > 1)
    link_figure(path, number, "olsavsky-aws-margin-800bp", "amzn-2024q1-call-qa")
    diff = changed_lines(before, path.read_text())
    assert len(diff) == 2 and "olsavsky-aws-margin-800bp" in diff[1]
    ds = load_dataset(data)
    assert ds.problems == []
    assert [(f.quote, f.source) for f in ds.capex if f.line == number] == [
        ("olsavsky-aws-margin-800bp", "amzn-2024q1-call-qa")
    ]
    with pytest.raises(CaptureError, match="no such row"):
        link_figure(path, len(lines) + 5, "x")


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("资本支出資本 ab\n\r🚀。,")), min_size=3, max_size=40), st.data())
def test_any_selection_round_trips_through_quotes_toml(tmp_path_factory, document, pick):
    """Whatever passage is selected, the saved quote is found verbatim where it was selected."""
    root = tmp_path_factory.mktemp("lib")
    (root / "sources").mkdir()
    (root / "sources" / "d.txt").write_bytes(document.encode("utf-8"))
    (root / "sources.toml").write_text(
        '[[source]]\nid = "d"\ntitle = "D"\npublished = 2026-01-01\nlanguage = "en"\nfile = "d.txt"\n'
    )
    (root / "companies.toml").write_text("")
    text = normalise_text(document.encode("utf-8"))
    start = pick.draw(st.integers(0, max(0, len(text) - 1)))
    end = pick.draw(st.integers(start, len(text)))
    quoted = passage(text, start, end)
    if not quoted:
        return
    save_quote(root, QuoteDraft("q", "d", quoted), root / "sources" / "d.txt")
    quote = load_dataset(root).quotes["q"]
    assert quote.text == quoted and text[quote.offset : quote.offset + len(quoted)] == quoted


def test_the_command_line_adds_a_document_with_guesses_and_asks_before_converting(data, tmp_path):
    from workbench.cli import main as workbench

    page = tmp_path / "news.html"
    page.write_text(
        "<html lang='zh-CN'><title>资本支出\x1b]0;pwned\x07新高</title><body><p>资本支出创新高。</p></body></html>"
    )
    assert workbench(["add-source", str(page), "--data", str(data), "--yes", "--published", "2026-05-01"]) == 0
    ds = load_dataset(data)
    added = ds.sources["news"]
    assert added.title == "资本支出]0;pwned新高" and added.language == "zh-Hans" and ds.problems == []
    big5 = tmp_path / "tw.txt"
    big5.write_bytes("資本支出創新高。".encode("big5"))
    assert workbench(["add-source", str(big5), "--data", str(data)]) == 1  # not without consent
    assert "tw" not in load_dataset(data).sources
    assert workbench(["add-source", str(big5), "--data", str(data), "--yes"]) == 0
    assert (data / "sources" / "tw.txt").read_text("utf-8") == "資本支出創新高。\n"


def test_a_quote_whose_document_changed_is_kept_aside_with_its_nearest_passage(data):
    from workbench.core.capture.anchor import nearest_passage

    ds = load_dataset(data)
    quote = ds.quotes["olsavsky-aws-margin-800bp"]
    path = ds.sources[quote.source].path
    edited = path.read_text("utf-8").replace(quote.text, quote.text.replace(" 800 ", "800"))
    path.write_text(edited, "utf-8")
    ds = load_dataset(data)
    assert "olsavsky-aws-margin-800bp" not in ds.quotes  # an error: nothing cites or pairs it
    broken = ds.broken_quotes["olsavsky-aws-margin-800bp"]
    assert [p.message for p in ds.problems if "olsavsky-aws-margin-800bp" in p.message] == [
        f"quote 'olsavsky-aws-margin-800bp': text is not verbatim in {ds.sources[broken.source].file}"
        " (it differs only in whitespace)"
    ]
    start, end = nearest_passage(normalise_text(edited.encode()), broken.text)
    near = normalise_text(edited.encode())[start:end]
    assert near == quote.text.replace(" 800 ", "800")
    # Re-anchored: the quote takes the passage as it now is, and the data checks again.
    save_quote(data, QuoteDraft.of(broken, near), path, replacing=broken.id)
    ds = load_dataset(data)
    assert ds.quotes["olsavsky-aws-margin-800bp"].text == near and not ds.broken_quotes and ds.problems == []


def test_nearest_passage_finds_a_reworded_or_rewrapped_quote_and_nothing_for_a_stranger():
    from workbench.core.capture.anchor import nearest_passage

    doc = "第一段。资本支出为 140 亿美元。我们预计这将是今年的最低季度。\n下一行"
    start, end = nearest_passage(doc, "资本支出为140亿美元。我们预计这将是今年的最低季度。")
    assert doc[start:end] == "资本支出为 140 亿美元。我们预计这将是今年的最低季度。"
    assert nearest_passage(doc, "完全不同的文字xyz") is None
    assert nearest_passage(doc, "下一行") == (doc.index("下一行"), len(doc))
