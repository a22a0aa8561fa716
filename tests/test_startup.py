"""Issue 13, start-up: the models are built when first used (one validator for `Org`, not one per model as the
modules load), and `orgdocs chart` loads nothing that documents, the site or comparisons need."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ORGS, ROOT

SEED = ORGS / "platform-engineering"

# what drawing a chart as SVG needs none of: templates, PDF, the build of a whole tree, comparisons
HEAVY_FOR_CHART = ("jinja2", "weasyprint", "pypdf", "orgdocs.outputs.build", "orgdocs.outputs.documents",
                   "orgdocs.outputs.site", "orgdocs.render.comparison", "orgdocs.render.html",
                   "orgdocs.views.comparison")

_AFTER = """
import sys
sys.argv = ['orgdocs', *sys.argv[1:]]
from orgdocs.cli import main
try:
    main()
except SystemExit:
    pass
from orgdocs.model.common import Strict
def every(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from every(sub)
models = {c.__name__: c.__pydantic_complete__ for c in every(Strict)}
built = sorted(name for name, done in models.items() if done)
sys.stderr.write(f'--after--\\n{len(models)} ' + ' '.join(built) + '\\n' + '\\n'.join(sorted(sys.modules)) + '\\n')
"""


def after(*args: str) -> tuple[int, list[str], set[str]]:
    """How many models there are, those built, and the modules loaded by a fresh interpreter that ran
    `orgdocs ARGS`."""
    done = subprocess.run([sys.executable, "-c", _AFTER, *args], capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert "--after--" in done.stderr, done.stderr
    built, *modules = done.stderr.split("--after--\n", 1)[1].splitlines()
    count, *names = built.split()
    return int(count), names, set(modules)


def test_check_builds_one_validator_for_the_whole_org():
    count, built, modules = after("check", str(SEED))
    assert "orgdocs.model.positions" in modules and count > 40  # every model class was defined...
    # ...but only Org was built, its validator taking in every model below it, and the two that validators
    # construct themselves (built one by one as the modules loaded, the models took most of a `check`'s start-up)
    assert built == ["Hris", "Org", "PositionDeclared"]


def test_chart_loads_no_document_site_or_comparison_module(tmp_path):
    out = tmp_path / "chart.svg"
    _, built, modules = after("chart", str(SEED), "-o", str(out))
    assert out.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))  # it did draw the chart
    assert "orgdocs.outputs.chart_files" in modules and "Org" in built
    assert sorted(m for m in HEAVY_FOR_CHART if m in modules) == []
