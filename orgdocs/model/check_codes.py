"""Every check orgdocs runs, by the code an org uses to tune it (`policies.checks`); what checks them is
orgdocs.checks."""

from __future__ import annotations

# code -> (default severity, what it checks)
CHECKS: dict[str, tuple[str, str]] = {
    "declared-headcount": ("warning", "declared headcount differs from the seats listed (on the declared basis)"),
    "declared-fte": ("warning", "declared FTE differs from the FTE listed (on the declared basis)"),
    "declared-open-roles": ("warning", "declared open roles differ from the open seats listed"),
    "declared-breakdown": ("warning", "a declared headcount group differs from the seats listed for it"),
    "declared-direct-reports": ("warning", "a position's declared direct reports differ from those listed"),
    "declared-team-size": ("warning", "a position's declared team size differs from the seats below it"),
    "declared-span": ("warning", "a manager's span is outside the declared span of control"),
    "declared-layers": ("warning", "declared layers differ from the layers listed"),
    "budget-payroll": ("warning", "the payroll estimate exceeds the declared budget"),
    "budget-per-head": ("warning", "a budget's per-head amount times headcount differs from its amount"),
    "span-policy": ("warning", "a manager's span is outside policies.span"),
    "layers-policy": ("warning", "the tree is deeper than policies.max_layers"),
    "ratio": ("warning", "a ratio rule is not met"),
    "coverage": ("warning", "accounts per position are outside a coverage rule"),
    "capacity": ("warning", "fewer seats than a capacity formula requires"),
    "capacity-formula": ("error", "a capacity formula cannot be worked out (division by zero, a result too large)"),
    "band-overlap": ("warning", "a band reaches past the midpoint of the next band on a promotion path"),
    "band-gap": ("warning", "a gap between the bands of two steps of a promotion path"),
    "band-inversion": ("warning", "a promotion leads to a band whose midpoint is not above the lower one's"),
    "band-spread": ("warning", "a band's range spread is unusually narrow or wide"),
    "role-no-band": ("warning", "a role with employee or intern positions has no pay band"),
    "role-no-ladder": ("warning", "a role with employee or intern positions is on no career ladder"),
    "position-no-role": ("warning", "a position has no role"),
    "kind-mismatch": ("warning", "a position's kind does not fit its reports"),
    "unit-lead": ("warning", "a unit's lead does not belong to the unit"),
    "accept-unused": ("warning", "an entry of policies.accept matches no finding"),
    "dangling-relation": ("warning", "a variant's change removed a position that a dotted line or a unit's lead "
                                     "named; the relation was dropped"),
}

# checks whose findings quote pay (band amounts, the payroll estimate): kept to hr/ outputs
PAY_CHECKS = frozenset({"band-overlap", "band-gap", "band-inversion", "band-spread", "budget-payroll"})
