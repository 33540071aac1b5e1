"""Quote filtering, pairing, citations, amounts and Q&A turns (plain core, no Textual)."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date

import pytest

from tests.datakit import BUNDLED
from workbench.core.data.loader import load_dataset
from workbench.core.data.model import Dataset, Quote, Source
from workbench.core.quotes.queries import (
    DocumentStore,
    amount_labels,
    answer_partners,
    citation,
    filter_quotes,
    find_turns,
    haystacks,
    locate,
    next_in_document,
    parse_query,
    quotes_in_source,
    same_topic_partners,
    short_name,
    turn_at,
    with_amounts,
)


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    ds = load_dataset(BUNDLED)
    assert not ds.problems
    return ds


def q(qid: str, **kw) -> Quote:
    return Quote(id=qid, source=kw.pop("source", "doc"), text=kw.pop("text", qid), **kw)


def dataset(*quotes: Quote) -> Dataset:
    ds = Dataset(root=BUNDLED)
    ds.sources["doc"] = Source("doc", "A [bold]document[/bold]", date(2024, 5, 1), "en")
    ds.quotes = {x.id: x for x in quotes}
    return ds


# --------------------------------------------------------------------------- filtering


def test_parse_query_splits_facets_from_words():
    query = parse_query("company:MSFT,googl t:capex stance:BEAR Risk s:mag7 unknown:x c:")
    assert query.company == {"msft", "googl"}
    assert query.topic == {"capex"}
    assert query.stance == {"bear"}
    assert query.source == {"mag7"}
    assert query.words == ("risk", "unknown:x")  # an unknown key is a word; an empty facet is ignored
    assert parse_query("   ").empty


def test_filter_by_facets_and_words(bundled):
    everything = filter_quotes(bundled, "")
    assert [x.id for x in everything] == list(bundled.quotes)
    amzn_bull = filter_quotes(bundled, "company:amzn stance:bull")
    assert amzn_bull and all(x.company == "AMZN" and x.stance == "bull" for x in amzn_bull)
    assert [x.id for x in filter_quotes(bundled, "underinvestment")] == ["pichai-underinvest-risk"]
    # Words look in the speaker, the gloss and the source title too, any case.
    assert "pichai-underinvest-risk" in [x.id for x in filter_quotes(bundled, "SUNDAR capex")]
    glossed = filter_quotes(bundled, "lowest quarter")  # only the English gloss says so
    assert [x.id for x in glossed] == ["olsavsky-q1-capex-14b"]
    by_source = filter_quotes(bundled, "s:amzn-2024q1-call-qa t:capex")
    assert by_source and all(x.source == "amzn-2024q1-call-qa" and "capex" in x.topics for x in by_source)
    compute = {x.id for x in filter_quotes(bundled, "算力")}
    assert {x.id for x in bundled.quotes.values() if "算力" in x.text} <= compute
    # …and, through the title "MSFT砍算力真相…", every quote of that article.
    assert {x.id for x in quotes_in_source(bundled, "msft-compute-cuts-inference")} <= compute
    assert filter_quotes(bundled, "no-such-thing-anywhere") == []
    hay = haystacks(bundled)
    for query in ("", "sundar capex", "c:amzn stance:bull", "算力", "lowest quarter"):
        assert filter_quotes(bundled, query, hay) == filter_quotes(bundled, query)


def test_haystacks_are_folded_once_per_set_of_quotes(bundled):
    hay = haystacks(bundled)
    assert haystacks(bundled) is hay  # the Quotes screen's second pane asks for the same
    # Other quotes (a reload that read quotes.toml again): folded afresh, from them.
    first = next(iter(bundled.quotes.values()))
    edited = replace(bundled, quotes={first.id: replace(first, text="entirely new words")})
    assert list(haystacks(edited)) == [first.id] and "entirely new words" in haystacks(edited)[first.id]
    assert haystacks(bundled) == hay and haystacks(bundled) is not hay


# --------------------------------------------------------------------------- pairing


def test_answer_partners_go_both_ways_without_repeats():
    claim = q("claim", answers=("rebuttal",))
    rebuttal = q("rebuttal", answers=("claim",))
    third = q("third", answers=("claim", "claim"))
    ds = dataset(claim, rebuttal, third, q("self", answers=("self", "missing")))
    assert [x.id for x in answer_partners(ds, claim)] == ["rebuttal", "third"]
    assert [x.id for x in answer_partners(ds, third)] == ["claim"]
    assert answer_partners(ds, ds.quotes["self"]) == []


def test_pichai_is_answered_by_the_barclays_numbers(bundled):
    partners = [x.id for x in answer_partners(bundled, bundled.quotes["pichai-underinvest-risk"])]
    assert partners[:2] == ["barclays-ai-capex-167b", "barclays-cloud-revenue-20b"]


def test_same_topic_partners_rank_by_shared_topics_then_date():
    base = q("base", company="GOOGL", topics=("capex", "roi"), date=date(2024, 7, 23))
    two_far = q("two-far", company="MSFT", topics=("roi", "capex"), date=date(2020, 1, 1))
    one_near = q("one-near", company="META", topics=("capex",), date=date(2024, 7, 24))
    one_far = q("one-far", company="AMZN", topics=("capex",), date=date(2023, 1, 1))
    same_co = q("same-company", company="GOOGL", topics=("capex", "roi"))
    no_co = q("no-company", topics=("capex",))
    other_topic = q("other-topic", company="MSFT", topics=("power",))
    ds = dataset(base, two_far, one_near, one_far, same_co, no_co, other_topic)
    assert [x.id for x in same_topic_partners(ds, base)] == ["two-far", "one-near", "one-far"]
    assert same_topic_partners(ds, q("topicless", company="X")) == []


def test_quotes_in_source_and_stepping_follow_the_document():
    a, b, c = q("a", offset=50), q("b", offset=10), q("c", offset=30)
    ds = dataset(a, b, c, q("elsewhere", source="other", offset=20))
    assert [x.id for x in quotes_in_source(ds, "doc")] == ["b", "c", "a"]
    assert next_in_document(ds, "doc", 10, 1).id == "c"
    assert next_in_document(ds, "doc", 10, -1) is None
    assert next_in_document(ds, "doc", 40, -1).id == "c"
    assert next_in_document(ds, "doc", 50, 1) is None


def test_locate_trusts_the_offset_only_when_it_still_holds():
    text = "\ufeffabc quote here"
    assert locate(text, q("x", text="quote", offset=5)) == 5
    assert locate(text, q("x", text="quote", offset=4)) == 5  # e.g. a BOM counted differently
    assert locate(text, q("x", text="absent", offset=0)) is None


# --------------------------------------------------------------------------- citations


def test_citation_has_text_speaker_title_and_date(bundled):
    text = citation(bundled, bundled.quotes["pichai-underinvest-risk"])
    assert text == (
        "“For us, the risk of underinvestment is far greater than the risk of overinvestment”"
        " — Sundar Pichai (Alphabet CEO), 美科技股巨震背后,七巨头一年烧光1000亿美金"
        " (Behind the huge earthquake in the US technology stocks, the seven giants burned through"
        " 100 billion US dollars in one year), 2024-07-23"
    )


def test_citation_of_a_chinese_quote_adds_our_gloss(bundled):
    lines = citation(bundled, bundled.quotes["olsavsky-q1-capex-14b"]).split("\n")
    assert lines[0].startswith("“在第一季度资本支出为 140 亿美元。")
    assert "Brian Olsavsky (Amazon CFO)" in lines[0] and lines[0].endswith(", 2024-04-30")
    assert lines[1] == (
        "Our English translation: “Capital expenditures were $14 billion in the first quarter."
        " We expect this to be the lowest quarter of the year.”"
    )


def test_citation_falls_back_to_company_and_publication_date():
    ds = dataset(q("x", text="[bold]hi[/bold]", company="MSFT"))
    assert citation(ds, ds.quotes["x"]) == "“[bold]hi[/bold]” — MSFT, A [bold]document[/bold], 2024-05-01"


# --------------------------------------------------------------------------- amounts


def test_chinese_amounts_get_their_figure_beside_them():
    assert with_amounts("投入1200亿美元,另有50亿美元。") == "投入1200亿美元 (≈ $120B),另有50亿美元 (≈ $5B)。"
    assert amount_labels("投入1200亿美元") == ["1200亿美元 ≈ $120B"]
    assert with_amounts("no amounts, 2028年") == "no amounts, 2028年"


# --------------------------------------------------------------------------- Q&A turns

QA = "intro line\nQ:第一个问题?\n\nA:回答一。\n更多回答。\n  Q：全角冒号的问题\nA: answer two\nnot a turn A: here\n"


def test_turns_start_at_q_and_a_lines_ascii_or_full_width():
    turns = find_turns(QA)
    assert [(t.role, QA[t.start : t.start + 4]) for t in turns] == [
        ("Q", "Q:第一"),
        ("A", "A:回答"),
        ("Q", "  Q："),
        ("A", "A: a"),
    ]
    assert [t.end for t in turns] == [t.start for t in turns[1:]] + [len(QA)]
    assert turn_at(turns, QA.index("更多")).role == "A"
    assert turn_at(turns, 0) is None  # the intro is before any turn


def test_turn_speakers_come_from_the_quotes_inside():
    asked = q("asked", text="第一个问题", speaker="Sell-side analyst (not named)")
    answered = q("answered", text="更多回答", speaker="Brian Olsavsky (Amazon CFO)")
    turns = find_turns(QA, [asked, answered])
    assert turns[0].speaker == "Sell-side analyst (not named)"
    assert turns[0].counterpart == "Brian Olsavsky (Amazon CFO)"
    assert turns[1].speaker == "Brian Olsavsky (Amazon CFO)"
    assert turns[1].counterpart == "Sell-side analyst (not named)"
    assert turns[1].quotes == ("answered",)
    assert turns[0].label() == "Q analyst" and turns[1].label() == "A Olsavsky"
    assert turns[2].label() == "Q asks" and turns[3].label() == "A answers"


def test_a_document_without_both_questions_and_answers_has_no_turns():
    assert find_turns("A: a list item\nA: another\n") == []
    assert find_turns("plain text") == []


def test_bundled_transcript_says_who_asks_and_who_answers(bundled):
    source = "amzn-2024q1-call-qa"
    text = bundled.document_text(source)
    turns = find_turns(text, quotes_in_source(bundled, source))
    assert [t.label() for t in turns] == ["Q analyst", "A Olsavsky", "Q analyst", "A Jassy", "Q analyst", "A Olsavsky"]


@pytest.mark.parametrize(
    ("speaker", "short"),
    [
        ("Brian Olsavsky (Amazon CFO)", "Olsavsky"),
        ("Sell-side analyst (not named in the transcript)", "analyst"),
        ("宋分", "宋分"),
        ("Bartholomew-Fitzgerald", "Bartholo…"),
        ("全世界最长的中文名字", "全世界最…"),  # 4 wide characters and "…": 9 cells
        ("", ""),
    ],
)
def test_short_names_fit_a_gutter(speaker, short):
    assert short_name(speaker, 9) == short


# --------------------------------------------------------------------------- documents


def test_document_store_reads_once_and_again_after_a_change(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("Q:问\nA:答\n", encoding="utf-8")
    ds = dataset(q("asked", text="问", speaker="Analyst Person"))
    ds.sources["doc"] = replace(ds.sources["doc"], path=path)
    store = DocumentStore(keep=1)
    first = store.get(ds, "doc")
    assert first is not None and first.text == "Q:问\nA:答\n" and first.turns[0].speaker == "Analyst Person"
    assert store.get(ds, "doc") is first
    path.write_text("changed, longer text", encoding="utf-8")
    os.utime(path, ns=(1, 1))
    assert store.get(ds, "doc").text == "changed, longer text"
    assert store.get(ds, "missing") is None
    path.unlink()
    assert store.get(ds, "doc") is None
