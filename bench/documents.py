"""Role handbook speed: a synthetic org with 200 roles (or as given).

    .venv/bin/python bench/documents.py        # 200 roles
    .venv/bin/python bench/documents.py 50

Prints, for the role handbook: orgdocs end to end, plain WeasyPrint on the same HTML (the floor), and
per-role PDFs made one by one and with 2 worker processes. One run each: compare ratios, not times.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def synth_org(n_roles: int) -> str:
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
            "    summary: A synthetic role with a realistic amount of text to lay out on its page.",
            "    responsibilities:",
            *[f"      - Responsibility {j} of role {i}, described in a full sentence as HR would." for j in range(6)],
            "    requirements: [Three years of experience, Clear writing, Customer empathy]",
            "    kpis: [nrr]",
        ]
    lines += ["positions:", "  - {id: p0, role: r0}"]
    lines += [f"  - {{id: p{i}, role: r{i}, reports_to: p{(i - 1) // 7}, count: {1 + i % 4}}}"
              for i in range(1, n_roles)]
    return "\n".join(lines) + "\n"


def main(n: int) -> None:
    import io

    from pypdf import PdfReader

    from orgdocs.commands import steps
    from orgdocs.outputs import build as building
    from orgdocs.outputs.documents import DocOptions

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synth.yaml"
        path.write_text(synth_org(n))
        [item] = steps.load([str(path)])
        docs = building.documents(item, DocOptions(audience="hr"))
        docs.pdf("<p>warm up</p>")  # WeasyPrint's first run loads fonts

        start = time.perf_counter()
        roles = docs.roles()
        html = docs.handbook_html(roles)
        pdf = docs.pdf(html)
        ours = time.perf_counter() - start
        pages = len(PdfReader(io.BytesIO(pdf)).pages)

        import weasyprint

        start = time.perf_counter()
        weasyprint.HTML(string=html).write_pdf()
        plain = time.perf_counter() - start

        htmls = [docs.role_html(r) for r in roles]
        start = time.perf_counter()
        docs.pdfs(htmls, workers=1)
        one = time.perf_counter() - start
        start = time.perf_counter()
        docs.pdfs(htmls, workers=2)
        two = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"roles: {n}   handbook pages: {pages}")
    print(f"handbook, orgdocs end to end : {ours:6.1f} s  {pages / ours:5.1f} pages/s")
    print(f"handbook, plain WeasyPrint   : {plain:6.1f} s  {pages / plain:5.1f} pages/s   (ratio {ours / plain:.2f}×)")
    print(f"per-role PDFs, 1 process     : {one:6.1f} s  {n / one:5.1f} PDFs/s")
    print(f"per-role PDFs, 2 processes   : {two:6.1f} s  {n / two:5.1f} PDFs/s   (speed-up {one / two:.2f}×)")
    print(f"peak memory (this process)   : {peak:6.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
