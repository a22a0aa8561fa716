"""The reporting tree: who reports to whom, layers, managers, and each position's effective unit."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from orgdocs.analyse.seats import SeatCount, count, in_headcount, is_report, makes_layer
from orgdocs.model import Org, Position


@dataclass
class Node:
    position: Position
    index: int  # place in org.positions, which is also its place in the source file
    parent: str | None  # reporting manager's position id; None at a root
    external_parent: str | None  # the external a root reports to, if any
    children: list[str] = field(default_factory=list)
    depth: int = 1  # layer: roots are layer 1
    unit: str | None = None  # own unit, else the nearest manager's
    team: int = 0  # seats below counted in headcount, all the way down (not counting its own)

    @property
    def id(self) -> str:
        return self.position.id

    @property
    def seats(self) -> int:
        return self.position.seats

    @cached_property
    def count(self) -> SeatCount:
        """Seats, open seats, people and FTE (see analyse/seats.py)."""
        return count(self.position)

    reports: bool = False  # has reports other than vendor teams (staff make a manager too)

    @property
    def is_manager(self) -> bool:
        return self.reports or self.position.kind == "manager"


@dataclass
class Tree:
    nodes: dict[str, Node]  # in source order
    roots: list[str]
    headcount_includes: frozenset[str] = frozenset({"employee"})

    def counted(self, node: Node) -> bool:
        """In headcount, FTE and people (the org's `headcount_includes`; see analyse/seats.py)."""
        return in_headcount(node.position, self.headcount_includes)

    def in_headcount(self) -> list[Node]:
        return [n for n in self.nodes.values() if self.counted(n)]

    def walk(self, start: str | None = None):
        """Depth-first, children in source order."""
        stack = list(reversed([start] if start else self.roots))
        while stack:
            node = self.nodes[stack.pop()]
            yield node
            stack.extend(reversed(node.children))

    def managers(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.is_manager]

    def direct_reports(self, pid: str) -> list[Node]:
        """The reports that count in a span: not vendor teams, not staff (see analyse/seats.py)."""
        return [self.nodes[c] for c in self.nodes[pid].children if is_report(self.nodes[c].position)]

    def direct_report_seats(self, pid: str) -> int:
        return sum(n.seats for n in self.direct_reports(pid))

    def team_seats(self, pid: str) -> int:
        """Seats below a position, all the way down (not counting the position itself)."""
        return self.nodes[pid].team

    @cached_property
    def layers(self) -> int:
        return max((n.depth for n in self.nodes.values() if makes_layer(n.position)), default=0)

    @cached_property
    def by_role(self) -> dict[str | None, list[Node]]:
        """Positions holding each role, in walk order: one pass instead of a walk per role."""
        out: dict[str | None, list[Node]] = {}
        for node in self.walk():
            out.setdefault(node.position.role, []).append(node)
        return out


def build_tree(org: Org) -> Tree:
    nodes: dict[str, Node] = {}
    for i, pos in enumerate(org.positions):
        nodes[pos.id] = Node(position=pos, index=i, parent=None, external_parent=None)
    roots = []
    for node in nodes.values():
        target = node.position.reports_to
        if target in nodes:
            node.parent = target
            nodes[target].children.append(node.id)
            if node.position.workforce != "vendor":
                nodes[target].reports = True
        else:
            node.external_parent = target
            roots.append(node.id)
    tree = Tree(nodes=nodes, roots=roots, headcount_includes=frozenset(org.org.headcount_includes))
    order = []  # parents before their reports; every pass below is one loop, whatever the depth
    for root in roots:
        nodes[root].depth = 1
        nodes[root].unit = nodes[root].position.unit
        for node in tree.walk(root):
            order.append(node)
            for child in node.children:
                c = nodes[child]
                c.depth = node.depth + 1
                c.unit = c.position.unit or node.unit
    for node in reversed(order):
        if node.parent is not None:
            nodes[node.parent].team += (node.seats if tree.counted(node) else 0) + node.team
    return tree
