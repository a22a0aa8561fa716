"""`orgdocs chart`: one org's chart in one or more formats, into a file (-o), standard output (-o -, SVG) or
OUT_DIR/<org>/chart.<format>."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from orgdocs.chart.options import DEFAULT_DPI, ChartOptions
from orgdocs.collector import collector_paused
from orgdocs.commands.result import Result
from orgdocs.commands.vocabulary import CHART_FORMATS, DEFAULT_AUDIENCE, one_place, target
from orgdocs.errors import UsageError


@dataclass(frozen=True)
class Options:
    org: str
    output: Path | None = None
    out_dir: Path | None = None
    format: tuple[str, ...] = ()
    quiet: bool = False
    # what the chart shows: the fields of ChartOptions, under the same names
    root: str | None = None
    depth: int | None = None
    expand_groups: bool = False
    direction: str = "TB"
    stack: bool = True
    color_by: str = "unit"
    hide_names: bool = False
    audience: str = DEFAULT_AUDIENCE
    page: str | None = None
    orientation: str = "auto"
    split: bool = False
    engine: str = "tidy"
    dpi: float = DEFAULT_DPI
    scale: float = 1.0
    transparent: bool = False
    embed_fonts: bool = True  # a standalone SVG file carries its font (ChartOptions' default is off: inlined)
    unit_frames: bool = False
    photos: str = "round"
    initials: bool | None = None
    counts: bool = False

    def chart(self) -> ChartOptions:
        names = {f.name for f in dataclasses.fields(ChartOptions)}
        return ChartOptions(**{k: v for k, v in dataclasses.asdict(self).items() if k in names})


def run(options: Options) -> Result:
    with collector_paused():  # the org, its scene and layout are long-lived objects: see orgdocs/collector.py
        return _run(options)


def _run(options: Options) -> Result:
    one_place(options.output, options.out_dir)
    where = target(options.output, options.format, CHART_FORMATS)
    if where is not None and where.path is None and options.split:
        raise UsageError("--split draws several pages, and -o - takes one: give -o FILE or --out-dir")
    formats = [where.format] if where else list(options.format or CHART_FORMATS)
    chart = options.chart()
    from orgdocs.commands import deliver, steps
    from orgdocs.outputs.chart_files import chart_files
    from orgdocs.outputs.plan import chart_place
    from orgdocs.outputs.public import chart_options, check_chart
    from orgdocs.write import write_all

    item = steps.load_one(options.org)
    chart = chart_options(item, chart, options.audience)
    folder, stem = chart_place(item.id, options.out_dir, where.path if where else None)
    notes: list[str] = []  # pages drawn as tiles, too large for viewers
    files = chart_files(item, chart, formats, stem, notes)
    check_chart(item, chart, files, options.audience)  # exit 5: what its audience may not see
    if where is not None and where.path is None:
        [one] = files  # one SVG page: tiles are for PDF and PNG only
        result = deliver.deliver(where, one.data)
    else:
        result = Result().wrote(write_all(folder, files))
    result.notes += [f"note: {n}" for n in notes]
    return result
