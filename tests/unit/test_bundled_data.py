"""The bundled data set: clean, complete, and carrying the figures users come for."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.datakit import BUNDLED
from workbench.core.data.loader import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset(BUNDLED)


def test_bundled_data_checks_clean(ds):
    assert [str(p) for p in ds.problems] == []


def test_companies_have_their_real_fiscal_year_ends(ds):
    ends = {t: c.fiscal_year_end for t, c in ds.companies.items()}
    assert ends == {
        "MSFT": 6,
        "GOOGL": 12,
        "AMZN": 12,
        "META": 12,
        "AAPL": 9,
        "ORCL": 5,
        "TSLA": 12,
        "NVDA": 1,
        "CRWV": 12,
    }


def test_every_document_is_quoted_at_least_eight_times(ds):
    documents = [s for s in ds.sources.values() if s.is_local]
    assert len(documents) == 5
    assert {s.language for s in documents} == {"zh-Hans", "zh-Hant", "en"}
    per_document = Counter(q.source for q in ds.quotes.values())
    assert len(ds.quotes) >= 60
    assert all(per_document[s.id] >= 8 for s in documents), per_document


def test_chinese_quotes_carry_a_gloss(ds):
    chinese = [q for q in ds.quotes.values() if ds.sources[q.source].language.startswith("zh")]
    assert chinese and all(q.translation for q in chinese)


@pytest.mark.parametrize(
    ("claim", "answer"),
    [
        ("pichai-underinvest-risk", "barclays-ai-capex-167b"),
        ("amzn-apec-45b-gdp-claim", "analysts-apec-revenue-8-10b"),
        ("google-investments-own-merits", "gurley-round-tripping-warning"),
    ],
)
def test_claims_are_paired_with_their_counter_claims(ds, claim, answer):
    pairs = set(ds.quotes[claim].answers) | {q.id for q in ds.quotes.values() if claim in q.answers}
    assert answer in pairs


def test_meta_2025_guidance_revisions_are_dated_in_order(ds):
    rows = sorted(
        (f for f in ds.capex if f.ticker == "META" and f.fiscal_period == "FY2025" and f.kind == "guidance"),
        key=lambda f: f.said_on,
    )
    assert [(f.low_bn, f.high_bn) for f in rows] == [(60, 65), (64, 72), (66, 72), (70, 72)]


@pytest.mark.parametrize(
    ("ticker", "value", "quote"),
    [
        ("AMZN", 14, "olsavsky-q1-capex-14b"),
        ("MSFT", 13.87, "msft-q2-capex-13-87b"),
        ("META", 8.47, "meta-q2-capex-8-47b"),
    ],
)
def test_figures_stated_in_documents_link_to_their_quote(ds, ticker, value, quote):
    rows = [f for f in ds.capex if f.ticker == ticker and f.quote == quote]
    assert rows and any(f.point == value for f in rows)
    assert ds.sources[rows[0].source].is_local


def test_reference_figures_keep_their_url(ds):
    external = [f for f in ds.capex if not ds.sources[f.source].is_local]
    assert len(external) > 100
    assert all(ds.sources[f.source].url.startswith("http") for f in external)


def test_scenarios_back_their_assumptions_with_quotes(ds):
    assert {"aws-apec", "msft-inference-shift"} <= set(ds.scenarios)
    for scenario in ds.scenarios.values():
        assert scenario.quotes and all(q in ds.quotes for q in scenario.quotes)
        assert {"bear", "bull"} <= set(scenario.case_names())
