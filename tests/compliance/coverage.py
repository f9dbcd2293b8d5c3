"""Which rule a test judges and what it shows of it, so that a test can list the rules not
yet shown in every one of the five ways the catalogue asks for (issue 18):

- `pass`, `fail`, `not_applicable`: the rule reaching each status;
- `boundary`: the day (or count) on which the status turns, shown on both sides;
- `after_as_of`: a fact dated after the as-of date that must not change the finding.

Mark a test with `@covers("HJ2014-17.1", "pass", "boundary")`; a test may carry several marks.
"""

from __future__ import annotations

import pytest

ASPECTS = ("pass", "fail", "not_applicable", "boundary", "after_as_of")


def covers(rule_id: str, *aspects: str) -> pytest.MarkDecorator:
    unknown = set(aspects) - set(ASPECTS)
    if unknown or not aspects:
        raise ValueError(f"aspects must be some of {ASPECTS}, not {sorted(unknown)}")
    return pytest.mark.covers(rule_id, *aspects)
