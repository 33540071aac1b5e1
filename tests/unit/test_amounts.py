"""Chinese amounts: 亿 = 10⁸ and 万 = 10⁴, converted explicitly, never guessed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.quotes.amounts import Amount, annotate, find_amounts, format_bn, format_usd_bn


def one(text: str) -> Amount:
    (amount,) = find_amounts(text)
    return amount


@pytest.mark.parametrize(
    ("text", "usd_bn"),
    [
        ("1200亿美元", 120.0),
        ("50亿美元", 5.0),
        ("400亿美元", 40.0),
        ("20亿美元", 2.0),
        ("1.3万亿美元", 1300.0),
        ("4.5万美元", 0.000045),
        ("1000亿美金", 100.0),
        ("140 亿美元", 14.0),
        ("1,200亿美元", 120.0),
        ("１２００亿美元", 120.0),
        ("十亿美元", 1.0),
        ("三百亿美元", 30.0),
        ("一千二百亿美元", 120.0),
        ("两万亿美元", 2000.0),
    ],
)
def test_usd_amounts(text, usd_bn):
    amount = one(text)
    assert amount.currency == "USD"
    assert amount.usd_bn == pytest.approx(usd_bn)
    assert amount.value == pytest.approx(usd_bn * 1e9)
    assert amount.original == text


def test_amount_without_currency_keeps_its_value_only():
    amount = one("MSFT手上2980億的RPO")
    assert (amount.original, amount.value, amount.currency, amount.usd_bn) == ("2980億", 2.98e11, None, None)
    assert one("2980亿").value == pytest.approx(2.98e11)


def test_positions_point_at_the_original():
    text = "亚马逊豪掷400亿美元押注亚洲,仅今年就高达1200亿美元的开支"
    amounts = find_amounts(text)
    assert [a.original for a in amounts] == ["400亿美元", "1200亿美元"]
    assert all(text[a.start : a.end] == a.original for a in amounts)


def test_yuan_is_not_converted_without_a_rate():
    amount = one("投资2980亿元")
    assert (amount.currency, amount.usd_bn) == ("CNY", None)
    assert amount.bn == pytest.approx(298.0)
    assert annotate("投资2980亿元")[0][1] == "2980亿元 ≈ ¥298B"
    assert one("1000亿人民币").currency == "CNY"
    converted = find_amounts("投资1000亿元", usd_per={"CNY": 0.14})[0]
    assert converted.usd_bn == pytest.approx(14.0)


def test_other_currencies_are_not_yuan():
    assert one("100亿日元").currency == "JPY"
    assert one("50亿港元").currency == "HKD"
    assert one("10亿欧元").usd_bn is None


def test_ranges_share_their_currency():
    first, second = find_amounts("每年80亿至100亿美元的AWS增量收入")
    assert (first.original, first.currency, first.usd_bn) == ("80亿", "USD", 8.0)
    assert (second.original, second.usd_bn) == ("100亿美元", 10.0)


def test_odd_amounts_give_their_lower_bound():
    amount = one("支付30多亿美元购买其服务")
    assert (amount.original, amount.usd_bn, amount.approx) == ("30多亿美元", 3.0, True)
    assert annotate("30多亿美元")[0][1] == "30多亿美元 ≈ $3B+"


@pytest.mark.parametrize(
    "text",
    [
        "数十亿美元",
        "几百亿",
        "万神殿宏观经济公司",
        "数以万计的公司",
        "100万个Trainium芯片",
        "到2028年",
        "14个国家",
        "一季度",
        "三元组",
        "亿万富翁",
        "",
    ],
)
def test_words_and_counts_are_not_amounts(text):
    assert find_amounts(text) == []


def test_annotate_labels():
    labels = [label for _, label in annotate("投入400亿美元,RPO 2980億,4.5万美元")]
    assert labels == ["400亿美元 ≈ $40B", "2980億 ≈ 298B", "4.5万美元 ≈ $45K"]


@pytest.mark.parametrize(
    ("x", "shown"),
    [
        (120, "$120B"),
        (5, "$5B"),
        (13.87, "$13.87B"),
        (0.5, "$0.5B"),
        (13.8749, "$13.87B"),
        (40.0, "$40B"),
        (0, "$0B"),
        (-2.5, "-$2.5B"),
        (0.005, "$5M"),
        (0.000045, "$45K"),
    ],
)
def test_format_usd_bn(x, shown):
    assert format_usd_bn(x) == shown


def test_format_bn_other_symbols():
    assert format_bn(298.0, "¥") == "¥298B"
    assert format_bn(1.25, "") == "1.25B"


@given(st.integers(1, 99_999), st.sampled_from(["亿", "万", "万亿"]))
def test_digit_amounts_scale_exactly(n, unit):
    scale = {"亿": 1e8, "万": 1e4, "万亿": 1e12}[unit]
    amount = one(f"共{n}{unit}美元。")
    assert amount.value == pytest.approx(n * scale)
    assert amount.usd_bn == pytest.approx(n * scale / 1e9)


@given(st.text())
def test_never_crashes_and_positions_hold(text):
    for amount in find_amounts(text):
        assert text[amount.start : amount.end] == amount.original
        assert amount.value >= 0
