"""Sources that disagree with what cites them, and the corrections of the bundled data's review."""

from __future__ import annotations

from datetime import date

import pytest

from tests.datakit import BUNDLED, DEALS, SOURCES
from workbench.core.data.loader import load_dataset
from workbench.core.data.source_checks import source_findings
from workbench.core.deals.ledger import ledger_for

# The web page dated after everything that cites it, so the small dataset starts clean.
LATE_WEB = SOURCES.replace("2024-05-02", "2025-03-01")


def test_small_dataset_has_no_findings(make_data):
    assert source_findings(load_dataset(make_data({"sources.toml": LATE_WEB}))) == []


def test_a_page_dated_before_the_statement_it_reports(make_data):
    sources = SOURCES.replace("2024-05-02", "2025-01-01")  # after FY2024 (June 2024), before 2025-02-06
    [finding] = source_findings(load_dataset(make_data({"sources.toml": sources})))
    assert (finding.file, finding.line) == ("capex.csv", 5)
    assert finding.message == (
        "AMZN FY2025: source 'web' is dated 2025-01-01, before the statement it reports (2025-02-06)"
    )


def test_a_page_dated_before_the_period_it_reports_ends(make_data):
    # web (2024-05-02) reports MSFT FY2024, which ends 2024-06-30; and a statement of 2025-02-06
    findings = source_findings(load_dataset(make_data()))
    assert [(f.file, f.line) for f in findings] == [("capex.csv", 2), ("capex.csv", 5)]
    assert findings[0].message == (
        "MSFT FY2024: source 'web' is dated 2024-05-02, before the period it reports ends (2024-06-30)"
    )


def test_a_page_dated_before_the_deal_it_reports(make_data):
    deals = DEALS.replace("2023-09-25", "2025-06-01")
    [finding] = source_findings(load_dataset(make_data({"sources.toml": LATE_WEB, "deals.csv": deals})))
    assert (finding.file, finding.line) == ("deals.csv", 2)
    assert "before the deal it reports (2025-06-01)" in finding.message


def test_a_title_naming_another_site_than_its_url(make_data):
    sources = LATE_WEB.replace('title = "A web page"', 'title = "example.org: A web page"')
    [finding] = source_findings(load_dataset(make_data({"sources.toml": sources})))
    assert (finding.file, finding.line) == ("sources.toml", 8)
    assert finding.message == "source 'web': the title names example.org, but the url is on example.com"
    same = LATE_WEB.replace('title = "A web page"', 'title = "Example.com: A web page"')
    assert source_findings(load_dataset(make_data({"sources.toml": same}))) == []


# --- the bundled data after the line-by-line review -------------------------------------------


@pytest.fixture(scope="module")
def ds():
    return load_dataset(BUNDLED)


def test_bundled_sources_agree_with_what_cites_them(ds):
    assert [f.message for f in source_findings(ds)] == []


def test_the_wallstreetcn_piece_is_dated_by_its_original_not_its_repost(ds):
    source = ds.sources["circular-ai-investments"]
    assert source.published == date(2023, 11, 5) and source.extra["reposted"] == date(2023, 11, 23)
    dates = [q.date for q in ds.quotes.values() if q.source == source.id]
    assert dates.count(date(2023, 11, 5)) == 16 and date(2023, 11, 23) not in dates


def test_the_xueqiu_post_is_marked_untitled(ds):
    source = ds.sources["amzn-2024q1-call-qa"]
    assert "untitled" in source.extra["title_en"] and "无标题" in source.title


def test_google_cloud_executive_is_named_correctly(ds):
    for qid in ("ichpurani-separate-agreements", "google-investments-own-merits"):
        assert ds.quotes[qid].speaker.startswith("Kevin Ichhpurani ")


def test_glosses_keep_every_word(ds):
    assert "much more time on inference" in ds.quotes["jassy-inference-outspends-training"].translation
    gloss = [q for q in ds.quotes.values() if "換成加強自家應用訓練" in q.text][0].translation
    assert "training for its own applications" in gloss


def test_deal_corrections(ds):
    deals = {(d.investor, d.counterparty, d.kind, d.amount_bn): d for d in ds.deals}
    assert ("OpenAI", "CoreWeave", "equity", 0.35) in deals  # OpenAI received CoreWeave stock
    assert ("CoreWeave", "OpenAI", "equity", 0.35) not in deals
    assert "half" not in deals[("NVIDIA", "Anthropic", "equity", 10)].note
    google_2b = deals[("Alphabet", "Anthropic", "equity", 2)]
    cloud_3b = deals[("Anthropic", "Alphabet", "compute_commitment", 3)]
    assert cloud_3b.announced < google_2b.announced  # agreed in the months before Google's $2B
    ledger = ledger_for(ds)
    tesla = [r for r in ledger.rows if r.deal.investor == "Tesla"]
    assert [(r.deal.amount_bn, r.counted) for r in tesla] == [(0.5, False), (3.5, True)]
