"""How to tune each check beyond turning it off (`policies.checks`): the keys that set what it compares with.
The format reference prints it beside orgdocs/model/check_codes.py; a test wants an entry for every code."""

from __future__ import annotations

TUNING: dict[str, str] = {
    "declared-headcount": "Fix `org.declared.headcount`, or say what it counts with `org.declared.basis` "
                          "(`filled` or `including-open`).",
    "declared-fte": "Fix `org.declared.fte` or its `basis`; part-time seats count their `fte`.",
    "declared-open-roles": "Fix `org.declared.open_roles`, or the positions' `open`.",
    "declared-breakdown": "Fix `org.declared.breakdown.counts`, or give positions the `attribute` it groups by.",
    "declared-direct-reports": "Fix the position's `declared.direct_reports`, or say which reports it counts "
                               "with `declared.counting` (a selector).",
    "declared-team-size": "Fix the position's `declared.headcount` (all seats below it).",
    "declared-span": "Widen `org.declared.span`; a position with its own `declared.direct_reports` is not held "
                     "to it.",
    "declared-layers": "Fix `org.declared.layers`.",
    "budget-payroll": "Fix `org.declared.budget` or its `budget_period`; the estimate follows the bands, zones "
                      "and FTE.",
    "budget-per-head": "Fix the budget's `amount` or `per_head` (differences within 5% pass).",
    "span-policy": "Widen `policies.span`.",
    "layers-policy": "Raise `policies.max_layers`.",
    "ratio": "Change the rule's `per` or selectors in `policies.ratios`, or its `severity`.",
    "coverage": "Change the rule's `accounts_per_position`, `accounts` or `segment` in `policies.coverage`, or "
                "its `severity`.",
    "capacity": "Change the item's `inputs` or `compare_to` in `policies.capacity`, the formula's input "
                "`default`s, or its `severity`.",
    "capacity-formula": "Fix the formula's `expression` or inputs so no divisor can be 0.",
    "band-overlap": "Lower the lower level's band `max` or raise the next level's `min`/`mid`; an overlap that is "
                    "intended (staff out-earning new managers) is accepted for its pair with `policies.accept`.",
    "band-gap": "Raise the lower level's band `max` or lower the next level's `min`; a gap that is intended (a "
                "promotion that comes with a pay step) is accepted for its pair with `policies.accept`.",
    "band-inversion": "Order the bands' midpoints as the levels' `rank`s are ordered.",
    "band-spread": "Spread (max − min) / min between 15% and 100% passes.",
    "role-no-band": "Give the role a `band`, or a band naming its `role` or its `level`.",
    "role-no-ladder": "Put the role, or its level, on a step of a `ladders` entry.",
    "position-no-role": "Give the position a `role`.",
    "kind-mismatch": "Fix the position's `kind` (an ic or staff position has no reports; staff supports a "
                     "manager).",
    "unit-lead": "Put the lead's position in the unit (`unit:`), or name another `lead`.",
    "accept-unused": "Remove the `policies.accept` entry, or correct its `check` and `subject` to the ones "
                     "`check -f json` gives for the finding.",
    "dangling-relation": "Remove or move the dotted line or unit lead in the same variant's `changes`, or keep "
                         "the position it names.",
}
