"""Synthetic org trees for benchmarks: every manager has 6–8 reports, two-line boxes."""

from __future__ import annotations

import random
import sys


def synth_yaml(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    lines = [
        "org:",
        f"  name: Synthetic {n}",
        "roles:",
        "  mgr: {title: Manager}",
        "  ic: {title: Engineer}",
        "positions:",
        "  - id: p0",
        "    role: mgr",
        "    holders: [Person 0]",
    ]
    frontier = [0]
    made = 1
    while made < n:
        parent = frontier.pop(0)
        for _ in range(rng.randint(6, 8)):
            if made >= n:
                break
            lines += [f"  - id: p{made}", "    role: ic", f"    holders: [Person {made}]", f"    reports_to: p{parent}"]
            frontier.append(made)
            made += 1
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(synth_yaml(int(sys.argv[1])))
