"""`orgdocs compare -o x.pdf` of two large variants (issue 13's comparison row): the synthetic tree of synth.py
and a reorg of it, measured in their own processes (CPU time with children, peak memory).

    .venv/bin/python bench/compare_pdf.py 10000          # writes the pair, prints their paths

The reorg: every 25th position moves under an earlier one (no cycle: a manager always comes before its reports
in synth.py's order), every 50th gets a title of its own, the last 1 % are removed and as many added.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import synth_yaml  # noqa: E402


def positions(text: str) -> tuple[list[str], list[list[str]]]:
    """synth.py's YAML as its header lines and one block of lines per position."""
    lines = text.splitlines()
    start = lines.index("positions:") + 1
    blocks: list[list[str]] = []
    for line in lines[start:]:
        if line.startswith("  - "):
            blocks.append([])
        blocks[-1].append(line)
    return lines[:start], blocks


def reorg_yaml(n: int) -> str:
    head, blocks = positions(synth_yaml(n))
    gone = max(1, n // 100)
    kept = blocks[:n - gone]
    out = [line.replace(f"Synthetic {n}", f"Synthetic {n} reorg") for line in head]
    for i, block in enumerate(kept):
        if i and i % 25 == 0 and i > 8:
            block = [f"    reports_to: p{(i * 7) % (i - 1)}" if b.startswith("    reports_to:") else b for b in block]
        if i and i % 50 == 0:
            block = [*block, f"    title: Engineer {i}"]
        out += block
    for k in range(gone):
        out += [f"  - id: new{k}", "    role: ic", f"    holders: [Newcomer {k}]", f"    reports_to: p{k % 50}"]
    return "\n".join(out) + "\n"


def write_pair(folder: Path, n: int) -> tuple[Path, Path]:
    a, b = folder / f"before{n}.yaml", folder / f"after{n}.yaml"
    a.write_text(synth_yaml(n), encoding="utf-8")
    b.write_text(reorg_yaml(n), encoding="utf-8")
    return a, b


def rows(args) -> list:
    """The comparison row of `make bench` (bench/targets.py): `compare -o x.pdf` of the 10,000-position pair,
    CPU time (neato's included) and wall time, medians of the repetitions asked for."""
    import tempfile

    from targets import COMPARE, Row, cpu, interleaved, orgdocs, peak, wall

    with tempfile.TemporaryDirectory() as tmp:
        a, b = write_pair(Path(tmp), 10_000)
        runs = interleaved({"compare": (orgdocs("compare", str(a), str(b), "-o", str(Path(tmp) / "x.pdf")), None)},
                           max(1, min(getattr(args, "reps", 3), 3)), warm=False)["compare"]
    [(what, target)] = COMPARE
    seconds, mb = cpu(runs), peak(runs)
    return [Row(what, target, f"{seconds:.1f} s CPU, {wall(runs):.1f} s wall", f"{mb:.0f} MB",
                "yes" if seconds <= 10 and mb < 1024 else "no")]


if __name__ == "__main__":
    import tempfile

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    out = Path(tempfile.mkdtemp())
    print(*write_pair(out, size))
