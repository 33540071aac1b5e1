"""Number formatting shared by every screen: money in billions, ranges, changes, missing values."""

from __future__ import annotations

import math

import pytest

from workbench.core.output import numbers


@pytest.mark.parametrize(
    "value, text",
    [
        (13.87, "$13.87B"),
        (0.5, "$0.50B"),
        (131.82, "$131.82B"),
        (1234.5, "$1,234.50B"),
        (0, "$0.00B"),
        (-1.2, "-$1.20B"),
        (-0.001, "$0.00B"),
        (13.875, "$13.88B"),
        (None, "—"),
        (math.nan, "—"),
        (math.inf, "—"),
    ],
)
def test_bn(value, text):
    assert numbers.bn(value) == text


@pytest.mark.parametrize(
    "low, high, text",
    [
        (64, 72, "$64–72B"),
        (3, 3.5, "$3–3.5B"),
        (175, 185, "$175–185B"),
        (30, None, "≥$30B"),
        (None, 40, "≤$40B"),
        (12, 12, "$12B"),
        (None, None, "—"),
        (-5, 3, "-$5.00B–$3.00B"),
        (-2, None, "≥-$2.00B"),
        (0.25, 0.5, "$0.25–0.5B"),
        (1000, 1200, "$1,000–1,200B"),
    ],
)
def test_bn_range(low, high, text):
    assert numbers.bn_range(low, high) == text


def test_figure_prefers_the_point_value():
    assert numbers.figure(80, None, None) == "$80.00B"
    assert numbers.figure(None, 60, 65) == "$60–65B"
    assert numbers.figure(None, None, None) == "—"


@pytest.mark.parametrize(
    "change, text, sign",
    [
        (0.123, "▲12.3%", 1),
        (-0.04, "▼4.0%", -1),
        (0, "0.0%", 0),
        (0.00049, "0.0%", 0),
        (-0.0004, "0.0%", 0),
        (1.5, "▲150.0%", 1),
        (12.345, "▲1,234.5%", 1),
        (None, "—", 0),
        (math.nan, "—", 0),
    ],
)
def test_pct_and_direction_agree(change, text, sign):
    assert numbers.pct(change) == text
    assert numbers.direction(change) == sign


@pytest.mark.parametrize("value, text", [(64, "64"), (3.5, "3.5"), (13.875, "13.88"), (-0.001, "0"), (0, "0")])
def test_compact(value, text):
    assert numbers.compact(value) == text
