"""Every legal value of every pack can be shown in a trace: a finding that read it must not
fail to serialise (a structured value once made reports answer 500)."""

from __future__ import annotations

import json

from app.compliance.packs import PACKS
from app.compliance.trace import plain


def test_every_value_of_every_parameter_is_json() -> None:
    checked = 0
    for pack in PACKS.values():
        for rule in pack.rules:
            for parameter in rule.parameters:
                for dated in parameter.values:
                    shown = plain(dated.value)
                    assert json.loads(json.dumps(shown)) == shown, parameter.key
                    checked += 1
    assert checked > 100  # every pack's values, not an empty loop
