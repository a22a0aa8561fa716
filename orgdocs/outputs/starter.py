"""The files `orgdocs init` writes: a starter org for a company stage (org.yaml), what to edit next (README.md) and
the JSON Schema the org.yaml's modeline names (org.schema.json, beside it: an editor finds it offline, wherever
the folder is, and it matches the orgdocs that wrote it; `orgdocs schema > org.schema.json` refreshes it).

The structure of each stage follows the stage orgs in orgs/cs-by-stage: Seed, a founder and maybe one hire; Series
A, a lead with 2-3 people; Series B, a director over specialised teams and one operations seat (1 per 5-8
specialists); Series C, a head over managed teams and an operations team. Each starter checks clean: its
policies (span, layers, the operations ratio) are met, every role is on a ladder or accepted off one, and
`role-no-band` is off until the bands, left as a commented example, are filled in.
"""

from __future__ import annotations

import unicodedata

from orgdocs.outputs.plan import ORG_FILE, SCHEMA_FILE, STARTER_README
from orgdocs.write import OutputFile

STAGES = ("seed", "series-a", "series-b", "series-c")
STAGE_NAMES = {"seed": "Seed", "series-a": "Series A", "series-b": "Series B", "series-c": "Series C"}
MAX_NAME = 200  # "Head of <name>" stays within a title's 300 characters


def _q(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly this text: \\ and \" escaped, and any character a
    reader could take for a line break or not show as \\uXXXX."""
    out = []
    for ch in text:
        if ch in '\\"':
            out.append("\\" + ch)
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


_CATALOG = """\
tracks:
  ic: {{name: Individual contributor, kind: ic}}
  management: {{name: Management, kind: management}}
  executive: {{name: Executive, kind: executive}}

levels:
  ic1: {{name: Associate, code: IC1, rank: 1, track: ic}}
  ic2: {{name: Professional, code: IC2, rank: 2, track: ic}}
  ic3: {{name: Senior, code: IC3, rank: 3, track: ic}}
  m1: {{name: Manager, code: M1, rank: 3, track: management}}
  m2: {{name: Director, code: M2, rank: 4, track: management}}
  e1: {{name: Executive, code: E1, rank: 5, track: executive}}

# Roles: rename the titles, add responsibilities; positions name roles by id.
roles:
  head:
    title: {head_title}
    family: Leadership
    level: e1
    responsibilities:
      - Sets the team's goals and plan
      - Hires and grows the team
  director:
    title: Director
    family: {family}
    level: m2
  manager:
    title: Team Manager
    family: {family}
    level: m1
  senior-specialist:
    title: Senior Specialist
    family: {family}
    level: ic3
  specialist:
    title: Specialist
    family: {family}
    level: ic2
  associate:
    title: Associate
    family: {family}
    level: ic1
  operations:
    title: Operations Specialist
    family: {family}
    level: ic2
    summary: Process, tools and data for the team.

ladders:
  ic:
    name: Individual contributor
    track: ic
    steps:
      - {{level: ic1, months_to_next: 12-18}}
      - {{level: ic2, months_to_next: 18-36}}
      - {{level: ic3}}
    transitions:
      - {{from: ic3, to: m1, note: A senior specialist who wants to lead a team}}
  management:
    name: Management
    track: management
    steps:
      - {{level: m1, months_to_next: 24-36}}
      - {{level: m2}}

# Pay bands (seen by --audience hr only). Fill in your own figures, uncomment, and remove `role-no-band: off`
# from policies.checks below so that `check` names the roles still without one.
# compensation:
#   bands:
#     ic1: {{level: ic1, min: 60K, max: 80K}}
#     ic2: {{level: ic2, min: 75K, max: 100K}}
#     ic3: {{level: ic3, min: 95K, max: 130K}}
#     m1: {{level: m1, min: 110K, max: 150K}}
#     m2: {{level: m2, min: 140K, max: 190K}}
#     e1: {{level: e1, min: 170K, max: 240K}}
"""

# (positions, units, policies) of each stage; {unit} is the main unit's id
_STAGE = {
    "seed": ("""\
# Seed (orgs/cs-by-stage/seed.yaml): founder-led, maybe one hire.
units:
  team: {{name: {name}}}

positions:
  - id: founder
    role: head
    title: Founder
    unit: team
    holders: [Your Name]
  - id: first-hire
    role: specialist
    open: true               # the first hire, not made yet
    reports_to: founder
""", """\
  span: 1-6                  # a founder leads a handful of people directly
  max_layers: 2
"""),
    "series-a": ("""\
# Series A (orgs/cs-by-stage/series-a.yaml): a lead with 2-3 people.
units:
  team: {{name: {name}, lead: head}}

positions:
  - id: head
    role: head
    unit: team
    holders: [Your Name]
  - id: specialists
    role: specialist
    count: 3
    open: 1                  # one of the three seats is open
    reports_to: head
""", """\
  span: 2-6
  max_layers: 3
"""),
    "series-b": ("""\
# Series B (orgs/cs-by-stage/series-b.yaml): a director over specialised teams and one operations seat.
units:
  team: {{name: {name}, lead: director}}

positions:
  - id: director
    role: director
    unit: team
  - id: team-a
    role: specialist
    title: Specialist, Team A
    count: 3
    reports_to: director
  - id: team-b
    role: specialist
    title: Specialist, Team B
    count: 3
    open: 1
    reports_to: director
  - id: team-c
    role: associate
    title: Associate, Team C
    count: 2
    reports_to: director
  - id: operations
    role: operations
    reports_to: director     # one operations seat for 8 specialists
""", """\
  span: 3-9                  # the Series B director leads 9 seats directly
  max_layers: 3
  ratios:
    - name: Operations per specialists
      numerator: {{roles: [operations]}}
      denominator: {{roles: [specialist, senior-specialist, associate]}}
      per: 5-8
      note: "orgs/cs-by-stage: 1 operations seat per 5-8 specialists."
"""),
    "series-c": ("""\
# Series C (orgs/cs-by-stage/series-c.yaml): a head over managed teams and an operations team.
units:
  team: {{name: {name}, lead: head}}
  team-a: {{name: Team A, parent: team, lead: manager-a}}
  team-b: {{name: Team B, parent: team, lead: manager-b}}
  team-c: {{name: Team C, parent: team, lead: manager-c}}
  operations: {{name: Operations, parent: team}}

positions:
  - id: head
    role: head
    unit: team
  - id: manager-a
    role: manager
    title: Manager, Team A
    reports_to: head
    unit: team-a
  - id: team-a
    role: specialist
    count: 7
    reports_to: manager-a
  - id: manager-b
    role: manager
    title: Manager, Team B
    reports_to: head
    unit: team-b
  - id: team-b
    role: senior-specialist
    count: 6
    open: 1
    reports_to: manager-b
  - id: manager-c
    role: manager
    title: Manager, Team C
    reports_to: head
    unit: team-c
  - id: team-c
    role: associate
    count: 5
    reports_to: manager-c
  - id: operations
    role: operations
    count: 3                 # 18 specialists / 3 = 6 per operations seat
    reports_to: head
    unit: operations
""", """\
  span: 3-8
  max_layers: 4
  ratios:
    - name: Operations per specialists
      numerator: {{roles: [operations]}}
      denominator: {{roles: [specialist, senior-specialist, associate]}}
      per: 5-8
      note: "orgs/cs-by-stage: 1 operations seat per 5-8 specialists."
"""),
}

_CHECKS = """\
  checks:
    role-no-band: off        # until the bands above are filled in
"""
_ACCEPT = """\
  accept:
    - check: role-no-ladder
      subject: head
      reason: The head of the team is on no ladder of this team.
"""


def org_yaml(name: str, stage: str) -> str:
    positions, policies = _STAGE[stage]
    head = f"Head of {name}"
    return (f"# yaml-language-server: $schema={SCHEMA_FILE}\n"
            f"# A starter org for {STAGE_NAMES[stage]}, written by `orgdocs init`: see README.md for what to edit "
            f"next.\norg:\n  name: {_q(name)}\n  stage: {STAGE_NAMES[stage]}\n"
            f"  # as_of: 2026-01-01        # the date the structure describes\n"
            f"  # currency: USD\n\n"
            + _CATALOG.format(head_title=_q(head), family=_q(name)) + "\n"
            + positions.format(name=_q(name)) + "\npolicies:\n" + policies.format() + _CHECKS
            + (_ACCEPT if "role: head" in positions else ""))


def readme(name: str, stage: str, folder: str) -> str:
    return f"""# {name}

A starter org ({STAGE_NAMES[stage]}) written by `orgdocs init`. Edit next, in `{ORG_FILE}`:

1. `positions`: your people: one entry per position (`holders: [Name]`, `count:` for a group of identical
   seats, `open:` for vacancies, `reports_to:` the manager's id). Or bring them from your HRIS export with
   `orgdocs import FILE --into {folder}`.
2. `roles`: the titles and responsibilities of your roles (the ids are what positions name).
3. `compensation.bands`: uncomment the example and put in your figures, then remove `role-no-band: off`.
4. `policies`: the span of control and layers you hold the org to.

Then `orgdocs check {folder}` and `orgdocs build {folder}`. `{SCHEMA_FILE}` gives your editor completion and
checking (the first line of `{ORG_FILE}` names it); `orgdocs schema > {SCHEMA_FILE}` brings it up to date.
"""


def starter_files(name: str, stage: str, folder: str, schema: str) -> list[OutputFile]:
    return [OutputFile(ORG_FILE, org_yaml(name, stage).encode()),
            OutputFile(STARTER_README, readme(name, stage, folder).encode()),
            OutputFile(SCHEMA_FILE, schema.encode())]
