"""What a chart shows: boxes, reporting and dotted lines, externals, legend and footer, as plain data."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from orgdocs.analyse.money import pay_range
from orgdocs.analyse.summary import Analysis
from orgdocs.analyse.tree import Node
from orgdocs.analyse.units import ManagerReports, manager_reports
from orgdocs.chart.options import ChartOptions
from orgdocs.chart.palette import NO_COLOUR, Assigner
from orgdocs.errors import InputError


@dataclass
class CompareMarks:
    """How a variant differs from the one before it, to be drawn on its chart."""

    state: dict[str, str] = field(default_factory=dict)  # position id -> added | moved | changed
    notes: dict[str, str] = field(default_factory=dict)  # position id -> "was under X", "count 3 → 5"
    ghosts: list[tuple[str, str, str | None, int, float]] = field(default_factory=list)
    # (key, title, manager position id in this variant or None, seats, place) for positions removed here
    order: dict[str, float] = field(default_factory=dict)  # position id -> place among its siblings


class ChartError(InputError):
    """An option names something the org does not have (a --root that is not a position, ...)."""


@dataclass
class Box:
    key: str  # unique in the chart; becomes the SVG id
    title: str
    names: list[str] = field(default_factory=list)
    status: str = ""  # "Open role", "2 open", "+12 below" ...
    badge: str = ""  # "×8"
    colour: str = NO_COLOUR
    colour_label: str = ""
    classes: list[str] = field(default_factory=list)
    tooltip: str = ""
    vacancy: bool = False
    collapsed: bool = False  # has reports that this chart does not show
    external: bool = False
    staff: bool = False
    coheads: list[str] = field(default_factory=list)  # names drawn side by side in one box
    cohead_ftes: list[str] = field(default_factory=list)  # the FTE each co-head's text ends in ("0.25"), if shown
    workforce: str = "employee"  # contractor, vendor or intern boxes are drawn apart (see WORKFORCE_BADGES)
    position_id: str | None = None
    link: str = ""  # a relative link to the role's description, when the chart sits beside them
    # the person in a one-person box: their photo (a path in the org folder) or initials, drawn in a circle or
    # square at the left of the names (render/photos makes the picture; `avatar` holds its PNG bytes once made)
    photo: str = ""
    initials: str = ""
    avatar: bytes = b""
    counts: str = ""  # "6 direct · 42 total" on a manager's box, with --counts
    # the same for each co-head, side by side: (photo, initials) per co-head, and their pictures once made
    cohead_people: list[tuple[str, str]] = field(default_factory=list)
    cohead_avatars: list[bytes] = field(default_factory=list)


@dataclass
class UnitFrame:
    """A frame drawn around a unit's boxes: the lead's subtree, holding the unit's boxes and its sub-units' only."""

    unit: str
    name: str
    colour: str
    lead: str  # the box at the top of the subtree
    members: set[str]  # every box inside the frame (sub-units' too)
    parent: str | None  # the unit whose frame holds this one


@dataclass
class Scene:
    title: str
    subtitle: str
    footer: str
    boxes: dict[str, Box]
    children: dict[str, list[str]]  # reporting tree among boxes, in source order
    roots: list[str]
    staff: dict[str, list[str]]  # manager box -> staff boxes drawn beside it
    externals: list[str]  # external boxes, drawn outside the org's frame
    external_links: list[tuple[str, str]]  # (root box, external box): solid reports-to to outside
    dotted: list[tuple[str, str, str]]  # (from box, to box, label)
    legend: list[tuple[str, str]]  # (colour, label)
    legend_title: str
    flags: set[str]  # which line and box styles appear, for the legend
    frames: list[UnitFrame] = field(default_factory=list)  # outer frames before the frames inside them
    avatars: str = ""  # round or square when some box shows a photo or initials, else ""
    unframed: list[tuple[str, str]] = field(default_factory=list)  # (unit name, why) for --unit-frames' note


def _names(node: Node, hide: bool) -> list[str]:
    return [] if hide else node.position.holder_names()


def _shared_names(node: Node) -> list[str]:
    """A co-head seat's holders, each with their FTE: "Ana Ruiz 0.6" (a job share reads as its parts)."""
    pos = node.position
    names = [h if isinstance(h, str) else h.name for h in pos.holders]
    return [f"{n} {f}" if f else n for n, f in zip(names, _shared_ftes(node), strict=False)] if \
        _shared_ftes(node) else names


def _shared_ftes(node: Node) -> list[str]:
    """The FTE shown after each co-head's name, or none at all (every holder full time on a full seat)."""
    pos = node.position
    if all(isinstance(h, str) or h.fte is None for h in pos.holders) and pos.fte == 1:
        return []
    return [f"{_holder_fte(pos, h):g}" for h in pos.holders]


def _holder_fte(pos, holder) -> float:
    return pos.fte if isinstance(holder, str) or holder.fte is None else holder.fte


def initials(name: str) -> str:
    """The first letters of a name's first and last words ("Ana María Ruiz" -> "AR"); one letter for one word.
    Only in Latin, Greek and Cyrillic letters: initials are no convention in Chinese or Arabic names (and a right-
    to-left pair would read reversed in a picture), so those boxes get no initials."""
    words = [w for w in name.split() if any(c.isalpha() for c in w)]
    if not words:
        return ""
    first = [next(c for c in w if c.isalpha()) for w in (words[0], words[-1])]
    if not all(unicodedata.name(c, "").startswith(("LATIN", "GREEK", "CYRILLIC")) for c in first):
        return ""
    return (first[0] + (first[1] if len(words) > 1 else "")).upper()


def _person(node: Node, box: Box, options: ChartOptions, expanded: bool = False) -> bool:
    """A one-person box's photo (one seat, or one holder's box of an expanded group); none where names are
    hidden (they go together). True when the box is one person's, so it may show their initials."""
    if options.hide_names or len(box.names) != 1 or box.vacancy or (node.position.seats != 1 and not expanded):
        return False
    holder = node.position.holders[0] if len(node.position.holders) == 1 else None
    if holder is None:  # an expanded group's box: its one name among the position's holders
        holder = next((h for h in node.position.holders if not isinstance(h, str) and h.name == box.names[0]),
                      None)
    if options.photos != "none" and holder is not None and not isinstance(holder, str) and holder.photo:
        box.photo = holder.photo
    return True


def _cohead_people(node: Node, box: Box, options: ChartOptions) -> None:
    """Each co-head's photo or initials, beside their name in the shared box."""
    if options.hide_names or not box.coheads:
        return
    box.cohead_people = [
        ("" if isinstance(h, str) or options.photos == "none" else (h.photo or ""),
         "" if options.initials is False else initials(h if isinstance(h, str) else h.name))
        for h in node.position.holders]


def _counts(report: ManagerReports | None) -> str:
    """Direct and total reports exactly as `stats` reports them (analyse/units.py): total counts every seat below
    but vendor teams, contractors and interns too, so it is never below direct."""
    if report is None or not (report.direct_reports or report.total_reports):
        return ""
    return f"{report.direct_reports} direct · {report.total_reports} total"


def _colour_key(a: Analysis, node: Node, by: str) -> tuple[str | None, str]:
    org, cat = a.org, a.catalog
    if by == "unit":
        return (node.unit, org.units[node.unit].name) if node.unit else (None, "No unit")
    if by == "level":
        lid = cat.level_id(node.position)
        return (lid, org.levels[lid].name) if lid else (None, "No level")
    if by == "track":
        tid = cat.track_id(node.position)
        return (tid, org.tracks[tid].name if tid in org.tracks else tid) if tid else (None, "No track")
    if by == "role":
        rid = node.position.role
        return (rid, org.roles[rid].title) if rid else (None, "No role")
    value = node.position.attributes.get(by)
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return (str(value), str(value)) if value not in (None, "") else (None, f"No {by}")


def colour_by_label(by: str) -> str:
    titles = {"unit": "Units", "level": "Levels", "track": "Tracks", "role": "Roles"}
    return titles.get(by, by.replace("_", " ").capitalize())


WORKFORCE_BADGES = {"contractor": "Contractor", "vendor": "Vendor", "intern": "Intern"}


def _badge(workforce: str, seats: int) -> str:
    """×N on a group; a contractor, intern or vendor box names its type, and a vendor team always its size."""
    if workforce == "vendor":
        return f"Vendor · {seats}"
    group = f"×{seats}" if seats > 1 else ""
    if workforce in WORKFORCE_BADGES:
        return f"{WORKFORCE_BADGES[workforce]} {group}".strip()
    return group


def _status(node: Node) -> str:
    pos = node.position
    if pos.part_open:  # a job share with one half vacant: the seat is filled, part of its FTE is open
        return f"{node.count.open_fte:g} FTE open"
    if pos.open_seats == 0:
        return ""
    if pos.open_seats == pos.seats:
        return "Open role" if pos.seats == 1 else f"{pos.seats} open roles"
    return f"{pos.open_seats} open"


def _other_workforce(tree, visible: set[str]) -> list[str]:
    """'2 contractors', '1 vendor team of 4', '1 intern': the types outside headcount, in a fixed order."""
    people: dict[str, int] = {}
    teams: dict[str, int] = {}
    for pid in visible:
        node = tree.nodes[pid]
        if not tree.counted(node):
            kind = node.position.workforce
            people[kind] = people.get(kind, 0) + node.count.people
            teams[kind] = teams.get(kind, 0) + 1
    out = []
    for kind in ("employee", "contractor", "intern", "vendor"):
        if kind not in people:
            continue
        n = people[kind]
        if kind == "vendor":
            out.append(f"1 vendor team of {n}" if teams[kind] == 1 else f"{teams[kind]} vendor teams ({n} people)")
        else:
            out.append(f"{n} {kind}{'s' if n != 1 else ''}")
    return out


def build_scene(a: Analysis, options: ChartOptions, *, marks: CompareMarks | None = None) -> Scene:
    org, tree, cat = a.org, a.tree, a.catalog
    if options.root is not None and options.root not in tree.nodes:
        raise ChartError(f"--root {options.root!r} is not a position id in this org")
    if options.depth is not None and options.depth < 1:
        raise ChartError("--depth must be 1 or more")
    if options.color_by not in ("unit", "level", "track", "role"):
        known = {k for n in tree.nodes.values() for k in n.position.attributes}
        if options.color_by not in known:
            choices = ", ".join(["unit", "level", "track", "role", *sorted(known)])
            raise ChartError(f"--color-by {options.color_by!r}: no position has that attribute (choose from {choices})")

    fixed = {uid: u.colour for uid, u in org.units.items() if u.colour} if options.color_by == "unit" else {}
    colours = Assigner(fixed)
    legend: dict[str, str] = {}
    boxes: dict[str, Box] = {}
    children: dict[str, list[str]] = {}
    staff: dict[str, list[str]] = {}
    flags: set[str] = set()
    visible: set[str] = set()
    one_person: list[Box] = []  # boxes of one person, who may be shown by their initials
    reports = {r.id: r for r in manager_reports(tree, cat.title)}  # the figures `stats` prints per manager

    roots = [options.root] if options.root else list(tree.roots)
    stack = [(r, 1) for r in reversed(roots)]
    order: list[tuple[str, int]] = []
    while stack:
        pid, d = stack.pop()
        order.append((pid, d))
        visible.add(pid)
        stopped = pid in options.stop_at and pid != options.root
        if (options.depth is None or d < options.depth) and not stopped:
            stack.extend((c, d + 1) for c in reversed(tree.nodes[pid].children))

    for pid, d in order:
        node = tree.nodes[pid]
        pos = node.position
        role = cat.role(pos)
        key_value, key_label = _colour_key(a, node, options.color_by)
        colour = colours.colour(key_value) if key_value is not None else NO_COLOUR
        legend.setdefault(colour + "\0" + key_label, key_label)
        kind = "manager" if node.is_manager else (pos.kind or "ic")
        classes = ["position", kind]
        if node.unit:
            classes.append(f"unit-{node.unit}")
        if cat.level_id(pos):
            classes.append(f"level-{cat.level_id(pos)}")
        if pos.provenance != "stated":
            classes.append(pos.provenance)
        tooltip = (role.summary if role and role.summary else cat.title(pos))
        if options.audience == "hr":
            band = cat.band(pos) if not pos.levels else None  # a group at several levels has no one band
            if band is not None:
                tooltip += f" — band {pay_range(band.min, band.max, band.currency or org.currency())}"
        # a group at several levels says which: "Software Engineer (IC2–IC4)"
        title = f"{cat.title(pos)} ({cat.level_range(pos)})" if pos.levels else cat.title(pos)
        box = Box(key=pid, title=title, names=_names(node, options.hide_names), status=_status(node),
                  colour=colour, colour_label=key_label, classes=classes, tooltip=tooltip, position_id=pid,
                  link=options.position_links(pid) if options.position_links
                  else options.role_links(pos.role) if options.role_links and pos.role else "")
        if pos.open_seats == pos.seats:
            box.vacancy = True
            box.classes.append("vacancy")
            flags.add("vacancy")
        elif pos.open_seats:
            box.classes.append("partly-open")
            flags.add("vacancy")
        box.badge = _badge(pos.workforce, pos.seats)
        if pos.seats > 1 and pos.workforce != "vendor":
            box.classes.append("group")
            flags.add("group")
        if pos.workforce != "employee":
            box.workforce = pos.workforce
            box.classes.append(f"workforce-{pos.workforce}")
            flags.add(pos.workforce)
        stopped = pid in options.stop_at and pid != options.root
        hidden = node.children and ((options.depth is not None and d >= options.depth) or stopped)
        if hidden:
            below = reports[pid].total_reports if pid in reports else tree.team_seats(pid)
            box.status = (box.status + " · " if box.status else "") + f"+{below} below"
            box.classes.append("collapsed")
            box.collapsed = True
        if pos.kind == "co-head" and len(box.names) >= 2:
            box.coheads, box.cohead_ftes, box.names = _shared_names(node), _shared_ftes(node), []
            fte = [_holder_fte(pos, h) for h in pos.holders]
            if sum(fte) <= pos.fte + 1e-9:  # the holders split one seat's time: say so, it is no group
                box.status = "job share" + (" · " + box.status if box.status else "")
            flags.add("co-head")
            _cohead_people(node, box, options)
        if options.counts and node.is_manager:  # collapsed boxes too: their "+N below" is this total
            box.counts = _counts(reports.get(pid))
        if _person(node, box, options):
            one_person.append(box)
        boxes[pid] = box
        children[pid] = []
        parent = node.parent if pid not in roots else None
        is_staff = pos.kind == "staff" and parent is not None and not node.children
        if is_staff:
            box.staff = True
            staff.setdefault(parent, []).append(pid)
            flags.add("staff")
        elif parent is not None:
            children[parent].append(pid)

        if options.expand_groups and pos.seats > 1 and pos.holders and not node.children and not is_staff \
                and parent is not None:
            one_person += _expand(box, node, boxes, children, parent, options)

    _settle_avatars(boxes, one_person, options)
    scene_roots = [r for r in roots]
    if marks is not None:
        _apply_marks(marks, boxes, children, scene_roots, flags)
    externals: list[str] = []
    external_links: list[tuple[str, str]] = []

    def external_box(eid: str) -> str:
        key = f"ext-{eid}"
        if key not in boxes:
            ext = org.externals[eid]
            boxes[key] = Box(key=key, title=ext.name, status="Outside this org", external=True,
                             classes=["external", ext.kind], tooltip=ext.description or ext.name)
            externals.append(key)
            flags.add("external")
        return key

    if options.root is None:
        for r in roots:
            target = tree.nodes[r].external_parent
            if target and target in org.externals:
                external_links.append((r, external_box(target)))

    first_box = {}
    for key, b in boxes.items():
        if b.position_id is not None:
            first_box.setdefault(b.position_id, key)
    dotted: list[tuple[str, str, str]] = []  # drawn in the direction written: `from: X` is X → this position
    for pid, _ in order:
        for line in tree.nodes[pid].position.dotted_lines:
            if line.other in visible:
                other = first_box[line.other]
            elif line.other in org.externals:
                other = external_box(line.other)
            else:
                continue
            ends = (first_box[pid], other) if line.outgoing else (other, first_box[pid])
            dotted.append((*ends, line.label or ""))
            flags.add("dotted")
    for eid, ext in org.externals.items():
        for ext_line in ext.dotted_lines:
            if ext_line.to in visible:
                dotted.append((external_box(eid), first_box[ext_line.to], ext_line.label or ""))
                flags.add("dotted")

    # in filled seats of the types in headcount: open roles, and the other workforce types, are counted apart
    people = sum(tree.nodes[p].count.people for p in visible if tree.counted(tree.nodes[p]))
    others = _other_workforce(tree, visible)
    open_seats = sum(tree.nodes[p].position.open_seats for p in visible)
    managers = sum(tree.nodes[p].seats for p in visible if tree.nodes[p].is_manager)
    layers = max((d for _, d in order), default=0)
    def n(count: int, word: str, words: str | None = None) -> str:
        return f"{count} {word if count == 1 else (words or word + 's')}"

    shown = f"{n(people, 'person', 'people')} in {n(len(visible), 'position')}"
    if len(visible) < len(tree.nodes):  # a page of a split chart, a --depth or --root: say what part it is
        everyone = sum(node.count.people for node in tree.nodes.values() if tree.counted(node))
        shown += f" shown (the whole org: {n(everyone, 'person', 'people')} in {n(len(tree.nodes), 'position')})"
    parts = [f"As of {org.org.as_of.isoformat()}" if org.org.as_of else None,
             shown,
             *others, n(managers, "manager"), n(layers, "layer"),
             f"{n(open_seats, 'open role')}" if open_seats else None]
    subtitle = "Reporting structure"
    if options.root:
        subtitle += f" under {cat.title(tree.nodes[options.root].position)}"
    if options.depth:
        subtitle += f", {options.depth} {'layer' if options.depth == 1 else 'layers'}"
    unframed: list[tuple[str, str]] = []
    frames = unit_frames(a, boxes, children, staff, scene_roots, options.color_by == "unit", unframed) \
        if options.unit_frames else []
    if frames:
        flags.add("unit-frame")
    return Scene(
        frames=frames,
        unframed=unframed,
        avatars=_avatars(boxes, options),
        title=org.org.name,
        subtitle=subtitle,
        footer=" · ".join(p for p in parts if p),
        boxes=boxes,
        children=children,
        roots=scene_roots,
        staff=staff,
        externals=externals,
        external_links=external_links,
        dotted=dotted,
        legend=[(k.split("\0")[0], label) for k, label in legend.items()],
        legend_title=colour_by_label(options.color_by),
        flags=flags,
    )


def unit_frames(a: Analysis, boxes: dict[str, Box], children: dict[str, list[str]], staff: dict[str, list[str]],
                roots: list[str], by_unit: bool = True,
                unframed: list[tuple[str, str]] | None = None) -> list[UnitFrame]:
    """The units that can be framed: all their boxes in one subtree (under the unit's lead, or its top box), which
    holds no box of a unit outside it. Outer units first. Each unit on the chart that cannot be framed is added to
    `unframed` with the reason, for the note that says so."""
    org, tree = a.org, a.tree
    unit_of = {k: tree.nodes[b.position_id].unit for k, b in boxes.items()
               if b.position_id is not None and b.position_id in tree.nodes}
    within: dict[str, set[str]] = {}  # unit -> itself and every unit nested in it
    for uid in org.units:
        seen, up = set(), uid
        while up is not None and up in org.units and up not in seen:
            seen.add(up)
            within.setdefault(up, set()).add(uid)
            up = org.units[up].parent
    order: list[str] = []  # boxes top-down, depth first, as drawn
    todo = list(reversed(roots))
    while todo:
        key = todo.pop()
        order.append(key)
        todo.extend(reversed(staff.get(key, []) + children.get(key, [])))
    place = {k: i for i, k in enumerate(order)}
    below: dict[str, set[str]] = {}  # box -> its subtree's boxes, staff included
    for key in reversed(order):
        below[key] = {key}.union(*(below[k] for k in staff.get(key, []) + children.get(key, [])))
    frames: dict[str, UnitFrame] = {}
    for uid in sorted(org.units, key=lambda u: min((place[k] for k, v in unit_of.items() if v == u and k in place),
                                                    default=len(place))):
        own = [k for k, v in unit_of.items() if v == uid and k in place]
        if not own:
            continue
        lead = org.units[uid].lead
        top = lead if lead in boxes and unit_of.get(lead) == uid else min(own, key=place.__getitem__)
        inside = below[top]
        why = ("its boxes are in several subtrees" if not set(own) <= inside else
               "its subtree holds boxes of other units" if any(unit_of.get(k) not in within[uid] for k in inside)
               else "")
        if why:
            if unframed is not None:
                unframed.append((org.units[uid].name, why))
            continue
        parent = next((f.unit for f in reversed(list(frames.values())) if top in f.members and f.lead != top), None)
        colour = boxes[top].colour if by_unit else (org.units[uid].colour or "#8f96a0")
        frames[uid] = UnitFrame(uid, org.units[uid].name, colour, top, inside, parent)
    return list(frames.values())


def _expand(box: Box, node: Node, boxes: dict, children: dict, parent: str | None, options: ChartOptions) -> None:
    """One box per named holder; unnamed seats stay together in one box."""


def _avatars(boxes: dict[str, Box], options: ChartOptions) -> str:
    """The pictures' shape when the chart has any (initials alone are round with --photos none), else ""."""
    if not any(b.photo or b.initials or b.cohead_people for b in boxes.values()):
        return ""
    return options.photos if options.photos != "none" else "round"


def _settle_avatars(boxes: dict[str, Box], people: list[Box], options: ChartOptions) -> None:
    """Initials by default only beside photos: a chart without any photo keeps its boxes as they were (and
    spends nothing on initials)."""
    if options.initials is None and not any(b.photo or any(p for p, _ in b.cohead_people) for b in boxes.values()):
        for b in boxes.values():
            b.cohead_people = []
        return
    if options.initials is not False:
        for b in people:
            b.initials = initials(b.names[0])


def _expand(box: Box, node: Node, boxes: dict, children: dict, parent: str | None,
            options: ChartOptions) -> list[Box]:
    """One box per named holder; unnamed seats stay together in one box. Returns the one-person boxes."""
    pos = node.position
    names = pos.holder_names()
    rest = pos.seats - len(names)
    siblings = children[parent] if parent is not None else None
    # the box was just added as its manager's last report; searching the list would cost its length each time
    index = len(siblings) - 1 if siblings and siblings[-1] == box.key else (
        siblings.index(box.key) if siblings is not None else None)
    made = []
    for i, name in enumerate(names):
        made.append(Box(key=f"{box.key}--{i + 1}", title=box.title, names=[] if options.hide_names else [name],
                        colour=box.colour, colour_label=box.colour_label,
                        classes=[c for c in box.classes if c not in ("group", "partly-open", "vacancy")]
                        + ["expanded"], tooltip=box.tooltip, badge=_badge(pos.workforce, 1),
                        workforce=box.workforce, position_id=pos.id, link=box.link))
    people = [b for b in made if _person(node, b, options, expanded=True)]
    if rest:
        made.append(Box(key=f"{box.key}--rest", title=box.title, badge=_badge(pos.workforce, rest),
                        workforce=box.workforce,
                        status=box.status, colour=box.colour, colour_label=box.colour_label,
                        vacancy=pos.open_seats >= rest, classes=box.classes + ["expanded"], tooltip=box.tooltip,
                        position_id=pos.id, link=box.link))
    del boxes[box.key]
    del children[box.key]
    for b in made:
        boxes[b.key] = b
        children[b.key] = []
    if siblings is not None:
        siblings[index:index + 1] = [b.key for b in made]
    return people


def _apply_marks(marks: CompareMarks, boxes: dict[str, Box], children: dict[str, list[str]], roots: list[str],
                 flags: set[str]) -> None:
    for pid, state in marks.state.items():
        if pid in boxes:
            box = boxes[pid]
            box.classes.append(state)
            note = marks.notes.get(pid, "")
            if note:
                box.status = f"{note} · {box.status}" if box.status else note
            flags.add(state)
    place = dict(marks.order)
    for key, title, parent, seats, where in marks.ghosts:
        ghost = f"ghost-{key}"
        boxes[ghost] = Box(key=ghost, title=title, status="removed", badge=f"×{seats}" if seats > 1 else "",
                           classes=["position", "ghost", "removed"], tooltip=f"{title} (removed)",
                           colour="#d1495b", collapsed=True)  # keeps its old slot instead of joining a stack
        children[ghost] = []
        place[ghost] = where
        if parent is not None and parent in children:
            children[parent].append(ghost)
        else:
            roots.append(ghost)
        flags.add("removed")
    if place:
        for kids in children.values():
            kids.sort(key=lambda k: place.get(k, place.get(k.split("--")[0], 1e9)))
        roots.sort(key=lambda k: place.get(k, 1e9))
