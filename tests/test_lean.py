"""Issue 13 item 2, a lean hot path: each command imports only what it uses, and the garbage collector is paused
while an org is read, validated, analysed and charted, with output identical to a run with the collector on."""

from __future__ import annotations

import contextlib
import gc
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from orgdocs import collector
from orgdocs.commands import chart as chart_command
from orgdocs.commands import steps
from orgdocs.problems import OrgInputError
from tests.conftest import ORGS, ROOT, invoke_cli

SEED = ORGS / "platform-engineering"
SVG = "{http://www.w3.org/2000/svg}"

# what `orgdocs --help` must not load: the model (pydantic), the reader (ruamel), templates, PDF, network code
HEAVY_FOR_HELP = ("pydantic", "ruamel.yaml", "jinja2", "weasyprint", "ssl", "urllib.request", "orgdocs.model",
                  "orgdocs.source.assemble", "orgdocs.commands.steps", "orgdocs.commands.compare",
                  "orgdocs.views.comparison", "orgdocs.outputs.documents", "orgdocs.render.html")
# what `check` needs none of: it reads and validates (pydantic, ruamel) but renders and compares nothing
HEAVY_FOR_CHECK = ("jinja2", "weasyprint", "ssl", "urllib.request", "orgdocs.commands.compare",
                   "orgdocs.views.comparison", "orgdocs.analyse.diff", "orgdocs.outputs.documents",
                   "orgdocs.render.html", "orgdocs.render.pdf", "orgdocs.render.graphviz")

_MODULES_AFTER = """
import sys
sys.argv = ['orgdocs', *sys.argv[1:]]
from orgdocs.cli import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write('--modules--\\n' + '\\n'.join(sorted(sys.modules)) + '\\n')
"""


def modules_loaded_by(*args: str) -> set[str]:
    """The modules a fresh interpreter holds after running `orgdocs ARGS` (a new process: this one has them all)."""
    done = subprocess.run([sys.executable, "-c", _MODULES_AFTER, *args], capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert "--modules--" in done.stderr, done.stderr
    return set(done.stderr.split("--modules--\n", 1)[1].split())


def test_help_loads_no_heavy_module():
    loaded = modules_loaded_by("--help")
    assert "orgdocs.cli" in loaded and "click" in loaded  # it did run the CLI
    assert sorted(m for m in HEAVY_FOR_HELP if m in loaded) == []


def test_check_loads_only_what_reading_and_checking_need():
    loaded = modules_loaded_by("check", str(SEED))
    assert {"orgdocs.commands.steps", "orgdocs.model", "pydantic"} <= loaded  # it did read and validate the org
    assert sorted(m for m in HEAVY_FOR_CHECK if m in loaded) == []


# --------------------------------------------------------------------------------------------------------------
# The collector
# --------------------------------------------------------------------------------------------------------------


def test_the_collector_is_paused_inside_and_restored_after():
    assert gc.isenabled()
    with collector.collector_paused():
        assert not gc.isenabled()
        with collector.collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # an inner block leaves the outer one paused
    assert gc.isenabled()


def test_a_collector_already_off_stays_off():
    gc.disable()
    try:
        with collector.collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_restored_when_the_org_is_bad(tmp_path):
    bad = tmp_path / "org.yaml"
    bad.write_text("org: {name: Bad}\npositions:\n  - {id: a, role: nobody}\n", encoding="utf-8")
    assert gc.isenabled()
    with pytest.raises(OrgInputError) as caught:
        steps.load([str(bad)])
    assert "nobody" in str(caught.value.problems[0])
    assert gc.isenabled()


def test_reading_runs_with_the_collector_paused(monkeypatch):
    seen = []
    real = steps.assemble

    def assemble(source):
        seen.append(gc.isenabled())
        return real(source)

    monkeypatch.setattr(steps, "assemble", assemble)
    [item] = steps.load([str(SEED)])
    assert seen == [False] and gc.isenabled()
    assert item.org.positions  # a real org was read


def _collector_on(monkeypatch):
    monkeypatch.setattr(collector, "collector_paused", contextlib.nullcontext)  # check, stats
    monkeypatch.setattr(steps, "collector_paused", contextlib.nullcontext)
    monkeypatch.setattr(chart_command, "collector_paused", contextlib.nullcontext)


def test_stats_and_checks_are_identical_with_the_collector_on(monkeypatch):
    seen = []
    real = steps.org_stats
    monkeypatch.setattr(steps, "org_stats", lambda item: seen.append(gc.isenabled()) or real(item))
    paused = [invoke_cli(cmd, SEED, "-f", "json", "--audience", "hr") for cmd in ("stats", "check")]
    assert seen == [False]  # stats counts with the collector paused, not only reads
    _collector_on(monkeypatch)
    running = [invoke_cli(cmd, SEED, "-f", "json", "--audience", "hr") for cmd in ("stats", "check")]
    assert seen == [False, True]
    assert [r.exit_code for r in paused] == [r.exit_code for r in running] == [0, 0]
    assert '"positions"' in paused[0].output and '"findings"' in paused[1].output
    assert [r.output for r in paused] == [r.output for r in running]
    assert gc.isenabled()


def _synthetic(n: int) -> str:
    """n positions, each manager with 7 reports: p0 leads; p1..p7 report to p0, p8..p14 to p1, ..."""
    lines = ["org: {name: Synthetic}", "roles:", "  mgr: {title: Manager}", "  ic: {title: Engineer}", "positions:",
             "  - {id: p0, role: mgr, holders: [Person 0]}"]
    lines += [f"  - {{id: p{i}, role: ic, holders: [Person {i}], reports_to: p{(i - 1) // 7}}}" for i in range(1, n)]
    return "\n".join(lines) + "\n"


def test_the_chart_is_identical_with_the_collector_on(monkeypatch, tmp_path):
    org = tmp_path / "org.yaml"
    org.write_text(_synthetic(400), encoding="utf-8")
    paused = invoke_cli("chart", org, "-o", "-", "-f", "svg")
    _collector_on(monkeypatch)
    running = invoke_cli("chart", org, "-o", "-", "-f", "svg")
    assert paused.exit_code == running.exit_code == 0
    assert paused.output == running.output
    root = ET.fromstring(paused.output.encode())
    texts = {t.text for t in root.iter(f"{SVG}text") if t.text}
    assert {f"Person {i}" for i in range(400)} <= texts  # every box drawn
    # 400 position boxes (57 managers: p0..p56 have reports, as (400 - 1 - 1) // 7 = 56), 399 reporting lines
    classes = [g.get("class") or "" for g in root.iter(f"{SVG}g")]
    assert sum("position" in c.split() for c in classes) == 400
    assert sum("manager" in c.split() for c in classes) == 57
    assert sum("reports-to" in c.split() for c in classes) == 399


def test_bench_measures_one_process_at_a_time():
    """bench/targets.py reads each child's own CPU time and peak with os.wait4: a process that allocates 200 MB
    reports at least that, and one that allocates nothing afterwards reports far less (RUSAGE_CHILDREN would keep
    the larger peak). Measured from a fresh interpreter: a child's peak starts at its parent's size."""
    code = ("import sys; sys.path.insert(0, 'bench'); import targets; "
            "big = targets.measure([sys.executable, '-c', 'b = bytearray(200 << 20); b[::4096] = bytes(51200)']); "
            "small = targets.measure([sys.executable, '-c', 'pass']); "
            "print(big.peak_mb, small.peak_mb, big.cpu, small.wall)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    big_mb, small_mb, big_cpu, small_wall = map(float, done.stdout.split())
    assert big_mb >= 200 and small_mb < 100
    assert big_cpu > 0 and small_wall > 0


# --------------------------------------------------------------------------------------------------------------
# Positions kept as packed ints
# --------------------------------------------------------------------------------------------------------------


def test_positions_give_back_the_locations_stored():
    from orgdocs.problems import Location
    from orgdocs.source.located import Positions

    class Cell(Location):  # a subclass (a table cell) is kept as the object it is
        pass

    table = Positions()
    table[("a",)] = Location("one.yaml", 3, 5)
    table[("b", 0)] = Location("two.yaml", 70_000, 1_000_000)  # long lines and files pack without overlap
    table[()] = Location("one.yaml")  # line 0: the file as a whole
    table[("c",)] = Cell("x.csv", 2, 3)
    assert table[("a",)] == Location("one.yaml", 3, 5) and str(table[("a",)]) == "one.yaml:3:5"
    assert table[("b", 0)] == Location("two.yaml", 70_000, 1_000_000)
    assert str(table[()]) == "one.yaml" and type(table[("c",)]) is Cell
    assert list(table) == [("a",), ("b", 0), (), ("c",)] and len(table) == 4
    copied = table.copy()
    del table[("a",)]
    assert ("a",) in copied and ("a",) not in table and copied.get(("z",)) is None


def test_the_reader_locates_keys_and_values_as_before(tmp_path):
    from orgdocs.problems import Location
    from orgdocs.source.reader import read_yaml

    text = "org:\n  name: X\npositions:\n  - id: a\n    role: r\n  - {id: b, role: r}\n"
    located, problems = read_yaml(text, "org.yaml")
    assert problems == []
    # positions: line 3; its item 1 is the flow mapping on line 6, whose `role` value sits at column 19
    assert located.values[("positions", 1, "role")] == Location("org.yaml", 6, 19)
    assert located.keys[("positions", 0, "role")] == Location("org.yaml", 5, 5)
    assert located.where(("positions", 0, "nothing"), key=True) == Location("org.yaml", 4, 5)
    _, dup = read_yaml("org:\n  name: X\n  name: Y\n", "org.yaml")
    assert [str(p) for p in dup] == [str(dup[0])] and "duplicate key 'name' (first at line 2)" in str(dup[0])
    assert dup[0].location == Location("org.yaml", 3, 3) and dup[0].related == (Location("org.yaml", 2, 3),)
