"""Positions: the reporting tree."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, model_validator

from orgdocs.model.common import MAX_COUNT, AttributeValue, Id, Money, Name, RangeLike, Selector, Strict, Text

# keys of a person, not a seat: the holder's own fields (and what an import before them wrote as position
# attributes). They never group seats in stats.
PERSONAL_KEYS: tuple[str, ...] = ("email", "employee_id", "employee_number", "hire_date", "photo_url")

# loose on purpose: a directory's address as it is, checked for the shape of one (no lookup, no network); yet never
# markup: no space, double quote or angle bracket anywhere, one @, a dot inside the domain and no
# quote in it ('O'Brien@...' is a real local part; a quote in a domain is not)
_LOCAL, _LABEL = r'[^@\s"<>\\]+', r"""[^@\s"'<>\\.]+"""  # plain text: the schema's regex is ECMAScript's too
Email = Annotated[str, StringConstraints(pattern=rf"^{_LOCAL}@{_LABEL}(\.{_LABEL})+$", max_length=320)]
# HRIS ids are often numbers (Employee # 1042): YAML reads those as ints, the id is the text
# a holder's page elsewhere: https, or mailto; never javascript:, data:, plain http or a relative link (a
# link on a page must not run code, leave the reader's connection unencrypted or point into the site)
Url = Annotated[str, StringConstraints(pattern=r"^(https://[^\s/?#@]+[^\s]*|mailto:[^@\s]+@[^@\s]+\.[^@\s]+)$",
                                       max_length=2000)]


def _not_blank(name: str) -> str:
    if not name.strip():
        raise ValueError("a holder's name is only spaces: write the person's name, or leave the seat open")
    return name


# a holder counts as a person: a name of spaces alone would be one nobody can read
HolderName = Annotated[Name, AfterValidator(_not_blank)]
# a photo: a file in the org folder (validate/assets checks it is one, confined, a PNG, JPEG or WebP)
PhotoPath = Annotated[str, StringConstraints(min_length=1, max_length=1000)]
PersonId = Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v),
                     StringConstraints(min_length=1, max_length=300)]


class Holder(Strict):
    """A person in a position, with what sets them apart from its other seats (FTE, pay, zone)."""

    name: HolderName = Field(description="The person's name, e.g. Ana Ruiz (shown where the audience sees names).")
    fte: float | None = Field(default=None, gt=0, le=1, description="This holder's FTE, if not the position's.")
    salary: Money | None = Field(default=None, description="Actual base pay, for compa-ratios (HR only).")
    zone: Id | None = Field(default=None, description="Pay zone of this holder, if not the position's.")
    # personal details an HRIS import carries (issue 12): the person's, never the position's, so they leave with
    # the name wherever names are hidden and never group seats in stats
    email: Email | None = Field(default=None, description="Work email, e.g. ana.ruiz@example.com (personal data: "
                                                          "shown to hr alone, on position pages and in the roster "
                                                          "export).")
    url: Url | None = Field(default=None, description="A link to the person's own page, https:// or mailto: only, "
                                                      "e.g. https://wiki.example.com/people/ana (shown as a link "
                                                      "wherever the audience sees names).")
    photo: PhotoPath | None = Field(default=None, description="The person's photo: a PNG, JPEG or WebP file in the "
                                                              "org folder, e.g. photos/ana.jpg (at most 2 MB; "
                                                              "cropped round or square in chart boxes, shown wherever "
                                                              "the audience sees names).")
    employee_id: PersonId | None = Field(default=None, description="The person's id in the HRIS, e.g. E1042 "
                                                                   "(personal data: only in the hr roster export).")
    hire_date: dt.date | None = Field(default=None, description="Hire or start date, e.g. 2021-06-01 (personal "
                                                                "data: only in the hr roster export).")


class DottedLine(Strict):
    """A relation drawn as a dashed arrow, written at either end: `to: X` (this position → X) or `from: X`
    (X → this position)."""

    to: Id | None = Field(default=None, description="Position or external id this position has a dotted line to.")
    from_: Id | None = Field(default=None, alias="from",
                             description="Position or external id that has a dotted line to this position.")
    label: Text | None = Field(default=None, description="What the relation is about.")

    model_config = {"extra": "forbid", "frozen": True, "allow_inf_nan": False, "populate_by_name": True}

    @model_validator(mode="after")
    def _one_end(self) -> "DottedLine":
        if (self.to is None) == (self.from_ is None):
            raise ValueError("a dotted line names exactly one other end: `to` or `from`")
        return self

    @property
    def other(self) -> str:
        """The other end's id, whichever way the line is written."""
        return self.to if self.to is not None else self.from_  # type: ignore[return-value]

    @property
    def outgoing(self) -> bool:
        return self.to is not None


class PositionDeclared(Strict):
    """Figures the source states about one position, compared with the reports listed under it."""

    direct_reports: RangeLike | None = Field(default=None, description="Stated direct reports, e.g. 3 or 4-5.")
    counting: Selector | None = Field(
        default=None,
        description="Which reports the statement counts, e.g. {levels: [director]} for 'oversees 3 directors'.",
    )
    headcount: int | None = Field(default=None, ge=0, le=MAX_COUNT, description="Stated team size under this position.")


PositionKind = Literal["manager", "ic", "staff", "co-head"]
Workforce = Literal["employee", "contractor", "vendor", "intern"]
WORKFORCE_TYPES: tuple[str, ...] = ("employee", "contractor", "vendor", "intern")


class Position(Strict):
    """A box on the chart: one seat, or a headcount group of identical seats ("Support Engineers (8)")."""

    id: Id = Field(description="Identifier of the position, unique in the org, used by reports_to, unit leads and "
                               "changes, e.g. head-of-cs.")
    role: Id | None = Field(default=None, description="Role id from the catalog.")
    title: Name | None = Field(default=None, description="Title shown instead of the role's title.")
    holders: list[HolderName | Holder] = Field(default_factory=list, description="People in this position.")
    open: bool | int = Field(
        default=False,
        description="true if every seat is open, or the number of open seats (vacancies). On a co-head seat "
                    "with holders, true means the part of the seat's FTE the holders do not fill is open (a job "
                    "share with one half vacant).",
    )
    count: int | None = Field(default=None, ge=1, le=MAX_COUNT,
                               description="Seats in a headcount group (at most 1,000,000); default 1 or #holders.")
    reports_to: Id | None = Field(default=None, description="Position or external id this position reports to.")
    dotted_lines: list[DottedLine] = Field(default_factory=list,
                                           description="Secondary relations to positions or externals.")
    unit: Id | None = Field(default=None, description="Unit id; else the unit of the position it reports to.")
    kind: PositionKind | None = Field(
        default=None,
        description="manager, ic, staff (assistant beside a manager) or co-head: ONE seat shared by all its holders "
                    "(a job share, or co-leads), counted once as a seat and a manager, costed by the holders' FTE; "
                    "inferred if absent.",
    )
    workforce: Workforce = Field(
        default="employee",
        description="employee, contractor, vendor (a vendor or partner team: `count` is its size) or intern. "
                    "Each type is counted apart; headcount counts `org.headcount_includes` (employees by "
                    "default); payroll prices employees and interns; a vendor team is not anyone's report.",
    )
    levels: dict[Id, Annotated[int, Field(ge=1, le=MAX_COUNT)]] = Field(
        default_factory=dict,
        description="Seats per level when a group's seats sit at several levels, e.g. {ic2: 2, ic3: 3, ic4: 1} "
                    "for 6 Software Engineers (IC2–IC4): priced per level band; the counts add up to the seats.",
    )
    fte: float = Field(default=1, gt=0, le=1, description="FTE of each seat, in (0, 1].")
    zone: Id | None = Field(default=None, description="Pay zone (location) for band lookup.")
    attributes: dict[Name, AttributeValue] = Field(
        default_factory=dict, description="Region, segment, location, products owned as DRI, ..."
    )
    summary: Text | None = Field(default=None, description="What this position does (kept for readers of the "
                                                           "YAML; documents show the role's summary).")
    responsibilities: list[Text] = Field(default_factory=list,
                                         description="Added to the role's responsibilities in its role document.")
    focus_areas: list[Text] = Field(default_factory=list,
                                    description="Added to the role's focus areas in its role document.")
    provenance: Literal["stated", "implied", "illustrative"] = Field(
        default="stated",
        description="stated in the source, implied by it, or an illustrative assumption (shown as such).",
    )
    note: Text | None = Field(default=None, description="Why the position is modelled this way.")
    declared: PositionDeclared = Field(default_factory=PositionDeclared,
                                       description="Figures the source states about this position: direct "
                                                   "reports, team size.")

    @property
    def shared(self) -> bool:
        """One seat held by all the holders (job share, co-heads), not one seat per holder."""
        return self.kind == "co-head"

    @model_validator(mode="after")
    def _seats(self) -> "Position":
        held = len(self.holders)
        if not isinstance(self.open, bool) and self.open < 0:
            raise ValueError("open seats cannot be negative")
        if self.part_open:
            given = sum(self.fte if isinstance(h, str) or h.fte is None else h.fte for h in self.holders)
            if given >= self.fte - 1e-9:
                raise ValueError(f"open: true beside holders leaves part of the shared seat open, but the holders "
                                 f"already fill its {self.fte:g} FTE (give each holder's fte, e.g. 0.5)")
        elif self.open is True and held:
            raise ValueError("open: true means every seat is open, yet holders are listed")
        if self.shared:  # holders share the one seat, so they never exceed it
            if self.count is not None and self.count != 1:
                raise ValueError(f"a co-head position is one shared seat, so count must be 1, not {self.count}")
            if self.open_seats + (1 if held else 0) > 1:
                raise ValueError(f"a co-head position is one shared seat: it cannot have {self.open} open "
                                 f"seat{'s' if self.open != 1 else ''}" + (" and holders" if held else ""))
            return self._levels_add_up()
        if self.count is not None and held > self.count:
            raise ValueError(f"{held} holder{'s' if held != 1 else ''} listed but count is {self.count}")
        if not isinstance(self.open, bool) and self.open + held > self.seats:
            raise ValueError(f"{self.open} open seats and {held} holders exceed count {self.seats}")
        return self._levels_add_up()

    def _levels_add_up(self) -> "Position":
        if self.levels and sum(self.levels.values()) != self.seats:
            listed = " + ".join(str(n) for n in self.levels.values())
            raise ValueError(f"seats per level add up to {listed} = {sum(self.levels.values())}, "
                             f"not the position's {self.seats} seat{'s' if self.seats != 1 else ''}")
        return self

    @property
    def seats(self) -> int:
        if self.shared:
            return 1
        return self.count if self.count is not None else max(1, len(self.holders))

    @property
    def part_open(self) -> bool:
        """A shared seat with holders and `open: true`: the seat is filled, the FTE its holders leave is open."""
        return self.shared and self.open is True and bool(self.holders)

    @property
    def open_seats(self) -> int:
        if self.open is True:
            return 0 if self.part_open else self.seats
        if self.open is False:
            return 0
        return int(self.open)

    def holder_names(self) -> list[str]:
        return [h if isinstance(h, str) else h.name for h in self.holders]
