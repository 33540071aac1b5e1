"""Deal ledger: counted-once amounts, round-trip ratios, party views, the network, export, scenarios."""

from __future__ import annotations

import json
import tomllib
from datetime import date

import pytest

from tests.datakit import BUNDLED, COMPANIES, HOSTILE
from workbench.core.data.loader import load_dataset
from workbench.core.data.model import Company, Deal
from workbench.core.deals.ledger import (
    EXPORT_FIELDS,
    Amount,
    Total,
    build_ledger,
    export_records,
    filter_rows,
    ledger_for,
    money,
    ratio_text,
    sort_rows,
)
from workbench.core.deals.scenario import NotEligible, scenario_for_deal, scenario_id
from workbench.core.deals.views import network, party_report
from workbench.core.output.export import export_rows
from workbench.core.scenarios.files import create_scenario, evaluate_case

AMAZON = Company("AMZN", "Amazon", 12, extra={"aliases": ["AWS", "Amazon Web Services"], "cloud": "AWS"})


def deal(investor, counterparty, kind, amount, day="2024-01-01", source="web", line=2, **extra) -> Deal:
    fields = {k: extra.pop(k) for k in ("provider", "years", "status", "quote", "note") if k in extra}
    return Deal(
        investor,
        counterparty,
        kind,
        amount,
        date.fromisoformat(day),
        source,
        line=line,
        extra={k: str(v) for k, v in extra.items()},
        **fields,
    )


@pytest.fixture(scope="module")
def bundled():
    dataset = load_dataset(BUNDLED)
    return dataset, ledger_for(dataset)


# --- amounts -------------------------------------------------------------------------------


def test_money_and_undisclosed_is_never_zero():
    assert money(13.874) == "$13.87B"
    assert money(0.0) == "$0.00B"
    assert money(None) == "undisclosed"
    assert Amount(None).text == "undisclosed" and Amount(None).usd_bn is None


def test_other_currencies_convert_only_with_an_explicit_rate():
    ledger = build_ledger(
        [
            deal("A", "B", "equity", 100, currency="cny", fx_usd="0.14", line=2),
            deal("A", "B", "equity", 50, currency="EUR", line=3, day="2020-01-01"),
            deal("A", "B", "equity", 5, fx_usd="banana", line=4, day="2018-01-01"),
        ],
        path="deals.csv",
    )
    cny, eur, usd = (row.amount for row in ledger.rows)
    assert cny.usd_bn == pytest.approx(14.0)
    assert cny.basis == "CNY 100.00B × 0.14 USD/CNY = $14.00B"
    assert eur.usd_bn is None and eur.text == "EUR 50.00B?" and "not converted" in eur.basis
    assert usd.usd_bn == 5 and usd.basis == "USD billions, as announced"
    assert [str(p) for p in ledger.problems] == [
        "deals.csv:3: deal A → B: amount in EUR has no 'fx_usd' rate: not converted, left out of USD totals",
        "deals.csv:4: deal A → B: 'fx_usd' is not a number: 'banana'",
    ]
    # The unconverted EUR row counts as undisclosed, never as zero.
    report = party_report(ledger, ledger.resolve("A"))
    assert report.invested.text == "$19.00B + 1 undisclosed"


def test_totals_and_ratios_say_when_part_is_undisclosed():
    def t(usd, disclosed, undisclosed):
        return Total(usd, disclosed, undisclosed)

    assert t(0, 0, 0).text == "—" and t(0, 0, 2).text == "undisclosed"
    assert t(104, 2, 1).text == "$104.00B + 1 undisclosed"
    assert ratio_text(t(142, 3, 1), t(83, 3, 0)) == "≥1.71×"
    assert ratio_text(t(38, 1, 0), t(50, 1, 1)) == "≤0.76×"
    assert ratio_text(t(38, 1, 1), t(50, 1, 1)) == "~0.76×"
    assert ratio_text(t(38, 1, 0), t(50, 1, 0)) == "0.76×"
    assert ratio_text(t(0, 0, 1), t(50, 1, 0)) == "n/a"
    assert ratio_text(t(10, 1, 0), t(0, 0, 1)) == "n/a"


# --- counted once --------------------------------------------------------------------------


def test_counted_in_names_the_row_that_includes_this_one():
    ledger = build_ledger(
        [
            deal("Amazon", "Anthropic", "equity", 8, "2024-11-01", source="ref", line=2),
            deal("Amazon", "Anthropic", "equity", 4, "2023-09-01", source="doc", counted_in="ref", line=3),
            deal("Amazon", "Anthropic", "equity", 4, "2024-11-01", source="other", line=4),
        ]
    )
    big, tranche, second = ledger.rows
    assert big.counted and second.counted
    assert tranche.counted_in == 0 and "line 2" in tranche.why_not_counted
    assert party_report(ledger, ledger.resolve("Amazon")).invested.usd_bn == 12  # 8 + 4, the tranche once


def test_counted_in_problems_are_reported_and_the_row_still_counts():
    ledger = build_ledger(
        [
            deal("A", "B", "equity", 1, source="s1", counted_in="nowhere", line=2),
            deal("A", "B", "equity", 2, source="s2", counted_in="s3", line=3, day="2019-01-01"),
            deal("A", "B", "equity", 3, source="s3", counted_in="s2", line=4, day="2021-01-01"),
            deal("A", "C", "equity", 4, source="s2", counted_in="s1", line=5),  # other counterparty: no match
        ],
        path="d.csv",
    )
    assert all(row.counted for row in ledger.rows)
    messages = [str(p) for p in ledger.problems]
    assert messages[0] == (
        "d.csv:2: deal A → B: counted_in 'nowhere' matches no other equity row of the same "
        "parties from that source; counted here"
    )
    assert "d.csv:3:" in messages[1] and "circle" in messages[1]
    assert "d.csv:4:" in messages[2] and "circle" in messages[2]
    assert messages[3].startswith("d.csv:5:")


def test_same_deal_from_two_sources_within_a_year_is_counted_once():
    ledger = build_ledger(
        [
            deal("Microsoft", "OpenAI", "equity", 13, "2023-12-31", source="ref", line=2),
            deal("Microsoft", "OpenAI", "equity", 13, "2023-11-23", source="doc", line=3),
            deal("Amazon", "Anthropic", "equity", 4, "2023-09-01", line=4),
            deal("Amazon", "Anthropic", "equity", 4, "2024-11-01", line=5),  # 14 months later: a second tranche
            deal("Microsoft", "OpenAI", "loan", 13, "2023-11-23", line=6),  # another kind
            deal("X", "Y", "equity", None, line=7),
            deal("X", "Y", "equity", None, line=8),  # undisclosed amounts are never "the same amount"
        ]
    )
    counted = [row.counted for row in ledger.rows]
    assert counted == [True, False, True, True, True, True, True]
    assert "line 2" in ledger.rows[1].why_not_counted


def test_aliases_make_one_party():
    ledger = build_ledger(
        [
            deal("Amazon", "Anthropic", "equity", 4),
            deal("Anthropic", "Amazon", "compute_commitment", None, provider="AWS", years=5),
        ],
        [AMAZON],
    )
    assert ledger.resolve("aws") == ledger.resolve("AMZN") == ledger.resolve("  amazon ") == "AMZN"
    assert ledger.resolve("anthr") == ledger.resolve("Anthropic")  # a unique prefix
    assert ledger.resolve("nobody") is None
    report = party_report(ledger, "AMZN")
    assert [p.name for p in report.pairings] == ["Anthropic"]
    assert report.pairings[0].back_total.text == "undisclosed"


def test_unknown_kind_is_reported_and_not_added():
    ledger = build_ledger([deal("A", "B", "gift", 5, line=9)], path="deals.csv")
    assert ledger.rows[0].flow == "other"
    assert "deals.csv:9: deal A → B: unknown kind 'gift'" in str(ledger.problems[0])
    assert party_report(ledger, ledger.resolve("A")).invested.text == "—"


# --- the bundled data: the questions the screen answers -------------------------------------


def test_bundled_data_has_no_deal_problems(bundled):
    dataset, ledger = bundled
    assert ledger.problems == []
    not_counted = sorted(row.deal.line for row in ledger.rows if not row.counted)
    # tranches and the repeated $13B, each counted_in a reference row; Tesla's $0.5B inside its $3–4B of 2024
    assert not_counted == [27, 28, 29, 31, 36]


def test_amazon_invests_in_anthropic_beside_what_anthropic_committed_to_aws(bundled):
    _, ledger = bundled
    report = party_report(ledger, ledger.resolve("Amazon"))
    anthropic = next(p for p in report.pairings if p.name == "Anthropic")
    # $8B cumulative (2023 + 2024) + up to $25B (2026); the 2023 $4B is inside the $8B.
    assert [(r.amount.usd_bn, r.counted) for r in anthropic.invested] == [(4, False), (8, True), (25, True)]
    assert anthropic.invested_total.usd_bn == 33
    # $4B of AWS usage (2023), ~1M Trainium2 chips (undisclosed, 2025), >$100B over ten years (2026).
    assert [r.amount.usd_bn for r in anthropic.back] == [4, None, 100]
    assert anthropic.back_total.text == "$104.00B + 1 undisclosed"
    assert anthropic.ratio == "≥3.15×"  # 104 / 33 = 3.1515…
    assert all(r.deal.source for r in anthropic.invested + anthropic.back)
    openai = next(p for p in report.pairings if p.name == "OpenAI")
    assert (openai.invested_total.usd_bn, openai.back_total.usd_bn, openai.ratio) == (50, 38, "0.76×")
    assert (report.invested.usd_bn, report.back.usd_bn, report.ratio) == (83, 142, "≥1.71×")  # 142/83 = 1.7108


def test_everyone_openai_owes_compute_to(bundled):
    _, ledger = bundled
    report = party_report(ledger, ledger.resolve("OpenAI"))
    owed = {g.name: g.total.usd_bn for g in report.owes if g.rows}
    assert owed == {"Oracle": 300, "Microsoft": 250, "Amazon": 38, "CoreWeave": 22.4}
    assert report.owed.usd_bn == pytest.approx(610.4)
    # Funding to be spent on the funder's own systems is listed with the creditor, not added.
    tied = {g.name: [r.amount.usd_bn for r in g.tied] for g in report.owes if g.tied}
    assert tied == {"NVIDIA": [100], "Microsoft": [1, 13]}  # the rows that name Microsoft as provider
    funders = {g.name: g.total.usd_bn for g in report.funded_by}
    assert funders == {"NVIDIA": 100, "Amazon": 50, "Microsoft": 13}  # OpenAI holds CoreWeave stock, not the reverse
    assert [g.name for g in report.other] == ["Microsoft"]  # the $135B stake value: shown, never added


def test_network_is_grouped_by_payer_and_marks_circles(bundled):
    _, ledger = bundled
    nodes = network(ledger)
    # 610.4 of compute owed plus the $0.35B CoreWeave stake OpenAI received with its contract
    assert nodes[0].name == "OpenAI" and nodes[0].out.usd_bn == pytest.approx(610.75)
    amazon = next(n for n in nodes if n.name == "Amazon")
    assert [(ledger.name(e.recipient), e.flow, e.total.usd_bn, e.circular) for e in amazon.edges] == [
        ("OpenAI", "capital", 50, True),
        ("Anthropic", "capital", 33, True),
    ]
    assert amazon.into.text == "$142.00B + 1 undisclosed"
    meta = next(n for n in nodes if n.name == "Meta")
    assert not any(e.circular for e in meta.edges)


# --- filter, sort, export -------------------------------------------------------------------


def test_filter_words_and_fields(bundled):
    _, ledger = bundled
    rows = ledger.rows
    amazon_anthropic = filter_rows(ledger, rows, "investor:amazon counterparty:anthropic")
    assert sorted(r.deal.amount_bn for r in amazon_anthropic) == [4, 8, 25]
    assert {r.deal.investor for r in filter_rows(ledger, rows, "kind:compute party:openai")} == {"OpenAI"}
    assert len(filter_rows(ledger, rows, "year:2026")) == 5
    assert filter_rows(ledger, rows, "TRAINIUM2") and filter_rows(ledger, rows, "") == rows
    assert filter_rows(ledger, rows, 'unbalanced "quote') == []  # no crash
    assert len(filter_rows(ledger, rows, "status:LOI")) == 1


def test_sort_keeps_undisclosed_last_both_ways(bundled):
    _, ledger = bundled
    up = sort_rows(ledger, ledger.rows, "amount")
    down = sort_rows(ledger, ledger.rows, "amount", descending=True)
    assert up[0].amount.usd_bn == 0.2 and down[0].amount.usd_bn == 500
    for ordered in (up, down):
        assert [r.amount.usd_bn is None for r in ordered][-4:] == [True] * 4
    dates = [r.deal.announced for r in sort_rows(ledger, ledger.rows, "announced", descending=True)]
    assert dates == sorted(dates, reverse=True)
    assert sort_rows(ledger, ledger.rows, "confidence", True)[0].confidence == "high"
    with pytest.raises(ValueError):
        sort_rows(ledger, ledger.rows, "colour")


def test_export_keeps_raw_values_and_hostile_text(tmp_path):
    ledger = build_ledger([deal(HOSTILE[0], HOSTILE[3], "equity", None, note=HOSTILE[4], confidence="high")])
    records = export_records(ledger, ledger.rows)
    assert list(records[0])[: len(EXPORT_FIELDS)] == list(EXPORT_FIELDS)
    assert records[0]["amount_bn"] is None and records[0]["usd_bn"] is None and records[0]["counted"] is True
    path = export_rows(tmp_path / "deals.json", records)
    loaded = json.loads(path.read_text(encoding="utf-8"))
    assert loaded[0]["investor"] == HOSTILE[0] and loaded[0]["counterparty"] == HOSTILE[3]
    assert loaded[0]["amount_bn"] is None and loaded[0]["confidence"] == "high"


# --- loader and scenarios -------------------------------------------------------------------


def test_loader_reports_deal_links_as_path_line(make_data):
    deals = (
        "investor,counterparty,kind,amount_bn,announced,source,counted_in\n"
        "Amazon,Anthropic,equity,4,2023-09-25,web,doc\n"
    )
    dataset = load_dataset(make_data({"deals.csv": deals}))
    assert [f"{p.path.rsplit('/', 1)[-1]}:{p.line}" for p in dataset.problems] == ["deals.csv:2"]
    assert "counted_in 'doc'" in dataset.problems[0].message


def test_scenario_counts_the_commitment_as_revenue(bundled, tmp_path):
    dataset, ledger = bundled
    row = next(r for r in ledger.rows if r.deal.investor == "Anthropic" and r.amount.usd_bn == 100)
    made = scenario_for_deal(ledger, row, dataset)
    assert made.id == scenario_id(ledger, row) == "deal-anthropic-amazon-compute-2026-04"
    data = tomllib.loads(made.text)["scenario"]
    assert (data["company"], data["revenue_bn"], data["utilization"]) == ("AMZN", 10.0, 1.0)  # $100B / 10 years
    assert data["horizon_years"] == 11 and data["cases"]["without_deal"]["revenue_bn"] == 0.0
    # Capex per dollar of yearly revenue borrowed from aws-apec: 40 / (12 × 0.75) = 4.444…
    assert data["capex_bn"] == pytest.approx(44.4444)
    assert "deals.csv line 7" in made.text and "aws-apec" in made.text
    scenario = create_scenario(tmp_path / f"{made.id}.toml", made.text, problems := [])
    assert problems == []
    assert evaluate_case(scenario).npv > evaluate_case(scenario, "without_deal").npv


def test_scenario_refuses_what_is_nobodys_revenue(bundled):
    dataset, ledger = bundled

    def find(investor, amount):
        return next(r for r in ledger.rows if r.deal.investor == investor and r.amount.usd_bn == amount)

    with pytest.raises(NotEligible, match="only a commitment"):
        scenario_for_deal(ledger, find("Amazon", 25), dataset)
    undisclosed = next(r for r in ledger.rows if r.deal.investor == "Anthropic" and r.amount.usd_bn is None)
    with pytest.raises(NotEligible, match="undisclosed"):
        scenario_for_deal(ledger, undisclosed, dataset)
    tied = scenario_for_deal(ledger, find("NVIDIA", 100), dataset)  # funding spent on NVIDIA systems
    assert tied.id == "deal-openai-nvidia-equity-2025-09" and "term not stated: 5 years assumed" in tied.text


def test_scenario_without_a_template_uses_stated_defaults(make_data):
    deals = (
        "investor,counterparty,kind,amount_bn,announced,source,provider,years\n"
        f'"{HOSTILE[1]}",Amazon,compute_commitment,12,2024-05-01,web,Amazon,3\n'
    )
    dataset = load_dataset(make_data({"deals.csv": deals, "scenarios/demo.toml": None, "companies.toml": COMPANIES}))
    ledger = ledger_for(dataset)
    made = scenario_for_deal(ledger, ledger.rows[0], dataset)
    data = tomllib.loads(made.text)["scenario"]
    assert (data["revenue_bn"], data["capex_bn"], data["horizon_years"]) == (4.0, 12.0, 4)
    assert made.id == "deal-oops-amazon-compute-2024-05"
    assert "placeholder" in made.text
    crusoe = build_ledger([deal("Lab", "Crusoe", "compute_commitment", 3)], dataset.companies.values())
    with pytest.raises(NotEligible, match="Crusoe is not a covered company"):
        scenario_for_deal(crusoe, crusoe.rows[0], dataset)
