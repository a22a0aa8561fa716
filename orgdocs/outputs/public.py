"""The leak scan guarding outputs meant for an audience that may not see everything, before anything is written:
a confidential value for that audience in one of them stops the command with exit 5."""

from __future__ import annotations

import dataclasses

from orgdocs.analyse.loaded import LoadedOrg
from orgdocs.chart.options import ChartOptions
from orgdocs.outputs.plan import is_public
from orgdocs.scan import Confidential, Leak, LeakFound, confidential, find_leaks
from orgdocs.views.audience import AudienceRules, audience_rules
from orgdocs.write import OutputFile

AUDIENCE = "all-hands"


def secrets_for(item: LoadedOrg, rules: AudienceRules, *, hide_names: bool = False) -> Confidential:
    """The values of an org that `rules`' audience may not see: pay (bands, salaries) unless it sees pay, holders'
    names unless it sees names (or the output hides them), their emails, employee ids and hire dates unless it is
    hr, hr-only text unless it is hr."""
    found = confidential(item, hide_names=hide_names or not rules.names,
                         hide_personal=hide_names or not rules.personal)
    return Confidential(amounts={} if rules.pay else found.amounts,
                        texts=[s for s in found.texts if s.words or not rules.hr_text],
                        public=found.public)


def leaks(item: LoadedOrg, files: list[OutputFile], prefix: str = "", secrets: Confidential | None = None) \
        -> list[Leak]:
    """Leaks in the files meant for everyone (all but hr/, for the single commands); names start with prefix."""
    secrets = secrets_for(item, audience_rules(item.org, AUDIENCE)) if secrets is None else secrets
    return find_leaks([(prefix + f.name, f.data) for f in files if is_public(f.name)], secrets)


def check_public(item: LoadedOrg, files: list[OutputFile], audience: str = AUDIENCE) -> None:
    """Raise LeakFound (exit 5) when a file meant for `audience` (hr/ files aside) shows what it may not see."""
    rules = audience_rules(item.org, audience)
    if found := leaks(item, files, secrets=secrets_for(item, rules)):
        raise LeakFound(found, audience)


def chart_options(item: LoadedOrg, options: ChartOptions, audience: str) -> ChartOptions:
    """The chart as `audience` may see it: names hidden unless it sees names, pay in tooltips only if it sees
    pay."""
    rules = audience_rules(item.org, audience)
    return dataclasses.replace(options, hide_names=options.hide_names or not rules.names,
                               audience="hr" if rules.pay else "all-hands")


def check_chart(item: LoadedOrg, options: ChartOptions, files: list[OutputFile], audience: str | None = None) \
        -> None:
    """A chart shows nothing its audience may not see; a chart with hidden names, whatever its audience, shows
    no names."""
    audience = audience or options.audience
    secrets = secrets_for(item, audience_rules(item.org, audience), hide_names=options.hide_names)
    if found := find_leaks([(f.name, f.data) for f in files], secrets):
        who = "a chart without names" if audience == "hr" else audience
        raise LeakFound(found, who)


def check_export(item: LoadedOrg, name: str, text: str, audience: str) -> None:
    """An exported roster or graph (its text: an XLSX is scanned as the CSV of the same rows) shows nothing its
    audience may not see: exit 5 before it is written."""
    if found := find_leaks([(name, text.encode())], secrets_for(item, audience_rules(item.org, audience))):
        raise LeakFound(found, audience)
