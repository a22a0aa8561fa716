"""The leak scan guarding the outputs meant for everyone (`plan.is_public`: all but hr/) before anything is
written: a confidential value in one of them stops the command with exit 5."""

from __future__ import annotations

from orgdocs.analyse.loaded import LoadedOrg
from orgdocs.chart.options import ChartOptions
from orgdocs.outputs.plan import is_public
from orgdocs.scan import Confidential, Leak, LeakFound, confidential, find_leaks
from orgdocs.write import OutputFile

AUDIENCE = "all-hands"


def leaks(item: LoadedOrg, files: list[OutputFile], prefix: str = "", secrets: Confidential | None = None) \
        -> list[Leak]:
    """Leaks in the files meant for everyone; names in the report start with prefix."""
    secrets = confidential(item) if secrets is None else secrets
    return find_leaks([(prefix + f.name, f.data) for f in files if is_public(f.name)], secrets)


def check_public(item: LoadedOrg, files: list[OutputFile]) -> None:
    """Raise LeakFound (exit 5) when a file meant for everyone shows a confidential value."""
    if found := leaks(item, files):
        raise LeakFound(found, AUDIENCE)


def check_chart(item: LoadedOrg, options: ChartOptions, files: list[OutputFile]) -> None:
    """An all-hands chart may show no pay; a chart with hidden names, whatever its audience, shows no names."""
    secrets = confidential(item, hide_names=options.hide_names)
    if options.audience == "hr":
        secrets = Confidential(texts=[s for s in secrets.texts if s.words])  # only the names stay secret
    if found := find_leaks([(f.name, f.data) for f in files], secrets):
        raise LeakFound(found, "a chart without names" if options.audience == "hr" else AUDIENCE)
