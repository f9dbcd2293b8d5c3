"""Containment read from division codes alone: China, provinces, prefectures, counties,
towns, and the two kinds of county-level unit that have no prefecture above them."""

from __future__ import annotations

import pytest

from app.regions.containment import NATIONAL_ROOT, ancestors, contains, level, subtree_prefix


@pytest.mark.parametrize(
    ("code", "chain"),
    [
        ("100000", ["100000"]),
        ("410000", ["100000", "410000"]),
        ("410100", ["100000", "410000", "410100"]),
        ("410108", ["100000", "410000", "410100", "410108"]),
        ("410108003", ["100000", "410000", "410100", "410108", "410108003"]),
        (
            "410108003001",
            ["100000", "410000", "410100", "410108", "410108003", "410108003001"],
        ),
        ("440106", ["100000", "440000", "440100", "440106"]),
        # A municipality's districts and counties sit directly under it.
        ("110101", ["100000", "110000", "110101"]),
        ("500230", ["100000", "500000", "500230"]),
        # A province's own county-level units (prefecture digits 90): no 419000 exists.
        ("419001", ["100000", "410000", "419001"]),
        ("659001", ["100000", "650000", "659001"]),
        # A prefecture-level city without counties: its towns hang from it directly.
        ("441900003", ["100000", "440000", "441900", "441900003"]),
        ("810000", ["100000", "810000"]),
    ],
)
def test_ancestors_run_from_china_down_to_the_code(code: str, chain: list[str]) -> None:
    assert ancestors(code) == chain
    assert all(contains(ancestor, code) for ancestor in chain)


@pytest.mark.parametrize(
    ("ancestor", "code", "inside"),
    [
        ("100000", "440106", True),
        ("100000", "410108003", True),
        ("410000", "410108", True),
        ("410000", "419001", True),
        ("410100", "410108101", True),
        ("410100", "419001", False),  # 济源 is Henan's own, not Zhengzhou's
        ("410100", "410200", False),
        ("410100", "410000", False),  # a province is not inside its prefecture
        ("410000", "100000", False),
        ("410000", "440106", False),
        ("410000", "411000", True),  # 许昌市 is in Henan though its code ends in 000
        ("110000", "110101", True),
        ("120000", "110101", False),
        ("410108", "410108003", True),
        ("410108", "410109", False),
        ("410108100", "410108100203", True),
        ("410108100", "410108101", False),
        ("410108003", "410108", False),
    ],
)
def test_contains(ancestor: str, code: str, inside: bool) -> None:
    assert contains(ancestor, code) is inside


def test_every_region_contains_itself() -> None:
    for code in ("100000", "410000", "410100", "410108", "419001", "410108003", "110101"):
        assert contains(code, code)


def test_levels_follow_the_code_shape() -> None:
    assert [level(c) for c in ("100000", "410000", "410100", "410108")] == [0, 1, 2, 3]
    assert [level(c) for c in ("410108003", "410108003001")] == [4, 5]
    # County-level though nothing sits between them and the province.
    assert level("419001") == level("110101") == 3


def test_subtree_prefixes() -> None:
    assert subtree_prefix(NATIONAL_ROOT) == ""
    assert subtree_prefix("410000") == "41"
    assert subtree_prefix("410100") == "4101"
    assert subtree_prefix("410108") == "410108"
    assert subtree_prefix("410108003") == "410108003"
