"""`answers` links: one-way and backwards links are found; the bundled pairs point both ways."""

from __future__ import annotations

from tests.datakit import BUNDLED, QUOTES
from workbench.core.data.loader import load_dataset
from workbench.core.quotes.links import answer_link_findings


def test_one_way_link_is_found_at_the_quote_that_makes_it(make_data):
    ds = load_dataset(make_data())  # 'cn' answers 'under'; 'under' does not answer back
    findings = answer_link_findings(ds.quotes, ds.sources)
    assert [(f.quote, f.line) for f in findings] == [("cn", 9)]
    assert "does not answer it back" in findings[0].message


def test_pairs_that_point_both_ways_are_fine(make_data):
    both = QUOTES.replace('topics = ["capex"]\n', 'topics = ["capex"]\nanswers = ["cn"]\n', 1)
    ds = load_dataset(make_data({"quotes.toml": both}))
    assert ds.problems == []
    assert answer_link_findings(ds.quotes, ds.sources) == []


def test_a_one_way_link_to_a_later_statement_runs_backwards(make_data):
    dated = QUOTES.replace('stance = "bull"\n', 'stance = "bull"\ndate = 2024-06-01\n', 1).replace(
        'translation = "Capex reached $14B"\n', 'translation = "Capex reached $14B"\ndate = 2024-01-15\n'
    )
    ds = load_dataset(make_data({"quotes.toml": dated}))
    assert ds.problems == []
    [finding] = answer_link_findings(ds.quotes, ds.sources)
    assert finding.quote == "cn"
    assert "(2024-01-15) answers 'under', which was said later (2024-06-01)" in finding.message
    assert "backwards in time" in finding.message


def test_bundled_pairs_point_both_ways():
    ds = load_dataset(BUNDLED)
    assert [f.message for f in answer_link_findings(ds.quotes, ds.sources)] == []
    links = sum(len(q.answers) for q in ds.quotes.values())
    assert links >= 60 and links % 2 == 0


def test_bundled_analyst_model_halves_are_not_paired_with_each_other():
    # Revenue and profit of the same conservative APEC model are one argument, not claim and counter-claim.
    ds = load_dataset(BUNDLED)
    assert "analysts-apec-revenue-8-10b" not in ds.quotes["analysts-apec-profit-2-4-3-2b"].answers
    assert "amzn-apec-45b-gdp-claim" in ds.quotes["analysts-apec-profit-2-4-3-2b"].answers
