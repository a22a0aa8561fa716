"""Documents at scale (issue 13, item 4): the role handbook against plain WeasyPrint on the same HTML, and a
`build` of an org of 1,000 roles.

    .venv/bin/python bench/documents.py                    # handbook of 120 roles, 3 repetitions
    .venv/bin/python bench/documents.py --roles 60 --reps 1
    .venv/bin/python bench/documents.py --build 1000       # also the 1,000-role build (minutes)

Every figure comes from a child process (bench/targets.py `measure`: CPU time from wait4, peak resident memory of
the largest process), the contenders of a row run in turn (interleaved repetitions); medians. The handbook:
`orgdocs` is Documents.role_files (the handbook only: chunks, contents, footers, join) with 1 and 2 workers;
`plain` is the same handbook as one HTML document given to WeasyPrint's write_pdf, no chunks, no join. Both load
the org and render the HTML the same way. Pages/s ratios: with 1 worker from CPU time (plain ÷ orgdocs); with 2
workers from wall time, which only means something when both cores are free (the load is printed).

`rows(args)` returns the rows for bench/targets.py.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# the baseline of the 1,000-role build, before chunks and streaming (issue 13, measured on this machine type)
BUILD_BASELINE_S, BUILD_BASELINE_MB = 513.0, 2200.0


def synth_org(n_roles: int) -> str:
    """n roles, each with a two-line summary, six responsibilities, requirements, a KPI and a pay band (by level)."""
    lines = ["org:", f"  name: Synthetic {n_roles} roles", "  as_of: 2026-01-01", "levels:"]
    for lv in range(1, 6):
        lines += [f"  l{lv}: {{name: Level {lv}, rank: {lv}}}"]
    lines += ["compensation:", "  bands:"]
    for lv in range(1, 6):
        lines += [f"    b{lv}: {{level: l{lv}, min: {50 + lv * 20}K, max: {75 + lv * 25}K}}"]
    lines += ["metrics:", "  nrr: {name: Net revenue retention, target: 110, unit: '%', comparator: '>='}", "roles:"]
    for i in range(n_roles):
        lines += [
            f"  r{i}:",
            f"    title: Role number {i}",
            f"    family: Family {i % 8}",
            f"    level: l{1 + i % 5}",
            f"    summary: Role {i} owns a part of the product end to end, works with the teams around it and"
            " answers for the outcomes it is measured on, reporting progress every quarter.",
            "    responsibilities:",
            *[f"      - Responsibility {j} of role {i}, described in a full sentence as HR would." for j in range(6)],
            "    requirements: [Three years of experience, Clear writing, Customer empathy]",
            "    kpis: [nrr]",
        ]
    lines += ["positions:", "  - {id: p0, role: r0}"]
    lines += [f"  - {{id: p{i}, role: r{i}, reports_to: p{(i - 1) // 7}, count: {1 + i % 4}}}"
              for i in range(1, n_roles)]
    return "\n".join(lines) + "\n"


def child(mode: str, org: str, out: str, workers: int) -> None:
    """One contender, run as its own process: the handbook by orgdocs (`ours`) or by plain WeasyPrint."""
    from orgdocs.commands import steps
    from orgdocs.outputs import build as building
    from orgdocs.outputs.documents import DocOptions

    [item] = steps.load([org])
    docs = building.documents(item, DocOptions(audience="hr"))
    if mode == "ours":
        [f] = docs.role_files(per_role=False, workers=workers)
        Path(out).write_bytes(f.data)
    else:
        import weasyprint

        html = docs.handbook_html(docs.roles())
        Path(out).write_bytes(weasyprint.HTML(string=html, base_url=str(Path(org).parent) + "/").write_pdf())


def _pages(path: Path) -> int:
    from pypdf import PdfReader
    return len(PdfReader(io.BytesIO(path.read_bytes())).pages)


def handbook_rows(roles: int, reps: int) -> list:
    from targets import Row, cpu, interleaved, peak, verdict, wall

    me = [sys.executable, str(Path(__file__).resolve())]
    with tempfile.TemporaryDirectory() as tmp:
        org = Path(tmp) / "synth.yaml"
        org.write_text(synth_org(roles))
        outs = {k: Path(tmp) / f"{k}.pdf" for k in ("one", "two", "plain")}
        runs = interleaved({
            "one": ([*me, "--child", "ours", str(org), str(outs["one"]), "1"], None),
            "two": ([*me, "--child", "ours", str(org), str(outs["two"]), "2"], None),
            "plain": ([*me, "--child", "plain", str(org), str(outs["plain"]), "1"], None),
        }, reps)
        pages = _pages(outs["one"])
        assert pages == _pages(outs["plain"]) and outs["one"].read_bytes() == outs["two"].read_bytes()
    one, plain = cpu(runs["one"]) / pages, cpu(runs["plain"]) / pages  # CPU seconds a page
    by_cpu = plain / one  # orgdocs' pages/s over plain WeasyPrint's, CPU time
    by_wall = wall(runs["plain"]) / wall(runs["two"])
    return [Row(f"role handbook, {roles} roles ({pages} pages)",
                "≥ 1.0× plain WeasyPrint pages/s; ≥ 1.8× with 2 workers",
                f"1 worker {by_cpu:.2f}× (CPU: {pages / cpu(runs['one']):.1f} against "
                f"{pages / cpu(runs['plain']):.1f} pages/s); 2 workers {by_wall:.2f}× (wall)",
                f"{peak(runs['one']):.0f} MB (plain {peak(runs['plain']):.0f})",
                verdict(by_cpu >= 1.0 and by_wall >= 1.8))]


def build_rows(roles: int) -> list:
    from targets import Row, cpu, measure, orgdocs, verdict

    with tempfile.TemporaryDirectory() as tmp:
        org = Path(tmp) / "synth.yaml"
        org.write_text(synth_org(roles))
        sample = measure(orgdocs("build", str(org), "--out-dir", str(Path(tmp) / "out"), "-j", "2", "-q"))
    ratio = sample.wall / BUILD_BASELINE_S if roles == 1000 else None
    return [Row(f"{roles:,} roles `build` (-j 2)", "peak < 800 MB; time ≤ 0.6× today's",
                f"{sample.wall:.0f} s wall, {cpu([sample]):.0f} s CPU"
                + (f"; {ratio:.2f}× the {BUILD_BASELINE_S:.0f} s baseline (issue 13, not re-measured)"
                   if ratio else ""),
                f"{sample.peak_mb:.0f} MB (baseline {BUILD_BASELINE_MB:.0f})",
                verdict(sample.peak_mb < 800 and (ratio is None or ratio <= 0.6)) if ratio else "")]


def rows(args: argparse.Namespace) -> list:
    """For bench/targets.py: the handbook row (small and one repetition with --quick), and the 1,000-role build
    unless --quick (it takes minutes)."""
    quick = getattr(args, "quick", False)
    out = []
    roles = getattr(args, "roles", 0)
    if roles:
        out += handbook_rows(30 if quick else roles, 1 if quick else args.reps)
    if not quick and getattr(args, "build_roles", 1000):
        out += build_rows(getattr(args, "build_roles", 1000))
    return out


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        mode, org, out, workers = argv[1:5]
        try:
            child(mode, org, out, int(workers))
        except BaseException:  # exit 1 is a run that found errors to targets.measure: this must stop the bench
            import traceback
            traceback.print_exc()
            sys.exit(3)
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", type=int, default=120)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--build", type=int, default=0, help="roles in the build row (0: skip it)")
    args = parser.parse_args(argv)
    from targets import table

    print(f"load {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores", flush=True)
    found = handbook_rows(args.roles, args.reps) + (build_rows(args.build) if args.build else [])
    print(table(found))


if __name__ == "__main__":
    main(sys.argv[1:])
