"""An org in the W3C Organization Ontology (https://www.w3.org/TR/vocab-org/), as a JSON-LD document (plain data).

  org:Organization          the org                      org:hasUnit / org:hasSubOrganization its top units,
                                                          org:hasPost every post
  org:OrganizationalUnit    each unit                    org:unitOf the org; org:subOrganizationOf its parent
                                                          unit (else the org), org:hasSubOrganization its children
  org:Post                  each position (a group of     org:postIn its unit (else the org), org:reportsTo its
                            seats is one post)            manager's post or the external it reports to,
                                                          org:role its role, org:heldBy its holders;
                                                          orgdocs:dottedLineTo the posts it has a dotted line to;
                                                          orgdocs:seats / openSeats / open (open posts marked)
  org:Role                  each role of the catalog
  foaf:Person               each named holder            foaf:name, org:holds its post (not for an audience that
                                                          sees no names)
  foaf:Agent                each external (a CTO)
  org:ChangeEvent           a variant's changes           org:originalOrganization (the org it extends),
                                                          org:resultingOrganization (this org), one
                                                          orgdocs:change per change with its description

IRIs are stable: `<base>organization`, `<base>unit/<id>`, `<base>post/<id>`, `<base>role/<id>`,
`<base>person/<position id>/<n>` (n: the holder's place, from 1), `<base>external/<id>`; the default base is
`urn:orgdocs:<org id>:`. The org a variant extends is named by its own default base. No pay is written.
"""

from __future__ import annotations

from urllib.parse import quote

from orgdocs.analyse.diff import change_lines, diff
from orgdocs.analyse.loaded import LoadedOrg
from orgdocs.views.audience import audience_rules
from orgdocs.views.comparison import redacted
from orgdocs.views.roster import number

ORGDOCS_VOCAB = "urn:orgdocs:vocab:"
CONTEXT = {
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "orgdocs": ORGDOCS_VOCAB,
}


def default_base(org_id: str) -> str:
    return f"urn:orgdocs:{_segment(org_id)}:"


def _segment(text: str) -> str:
    return quote(text, safe="-._~")


class _Iris:
    def __init__(self, base: str):
        self.base = base

    def organization(self) -> str:
        return f"{self.base}organization"

    def __call__(self, kind: str, *ids: object) -> str:
        return self.base + kind + "/" + "/".join(_segment(str(i)) for i in ids)


def _ref(iri: str) -> dict:
    return {"@id": iri}


def _refs(iris: list[str]) -> list[dict]:
    return [_ref(i) for i in iris]


def linked(item: LoadedOrg, audience: str, base: str | None = None, original: LoadedOrg | None = None) -> dict:
    """The JSON-LD document of an org for `audience`; `original`: the org it extends, whose changes to it become
    an org:ChangeEvent."""
    rules = audience_rules(item.org, audience)
    iri = _Iris(base or default_base(item.id))
    org, tree = item.org, item.analysis.tree
    catalog = item.analysis.catalog
    graph: list[dict] = []

    top_units = [u for u, unit in org.units.items() if unit.parent not in org.units]
    organization = {"@id": iri.organization(), "@type": "org:Organization", "skos:prefLabel": org.org.name,
                    "dcterms:identifier": item.id,
                    "org:hasUnit": _refs([iri("unit", u) for u in org.units]),
                    "org:hasSubOrganization": _refs([iri("unit", u) for u in top_units]),
                    "org:hasPost": _refs([iri("post", p) for p in tree.nodes])}
    if org.org.summary:
        organization["dcterms:description"] = org.org.summary
    graph.append(organization)

    for uid, unit in org.units.items():
        node = {"@id": iri("unit", uid), "@type": "org:OrganizationalUnit", "skos:prefLabel": unit.name,
                "dcterms:identifier": uid, "org:unitOf": _ref(iri.organization()),
                "org:subOrganizationOf": _ref(iri("unit", unit.parent) if unit.parent in org.units
                                              else iri.organization()),
                "org:hasSubOrganization": _refs([iri("unit", c) for c, u in org.units.items() if u.parent == uid])}
        if unit.lead in tree.nodes:
            node["orgdocs:leadPost"] = _ref(iri("post", unit.lead))
        graph.append(node)

    for rid, role in org.roles.items():
        graph.append({"@id": iri("role", rid), "@type": "org:Role", "skos:prefLabel": role.title,
                      "dcterms:identifier": rid})

    for eid, ext in org.externals.items():
        graph.append({"@id": iri("external", eid), "@type": "foaf:Agent", "foaf:name": ext.name,
                      "dcterms:identifier": eid})

    dotted: dict[str, list[str]] = {pid: [] for pid in tree.nodes}
    for pid, node in tree.nodes.items():
        for line in node.position.dotted_lines:
            src, dst = (pid, line.other) if line.outgoing else (line.other, pid)
            if src in tree.nodes and dst in tree.nodes and dst not in dotted[src]:
                dotted[src].append(dst)

    for node in tree.walk():
        pos, seats = node.position, node.count
        post = {"@id": iri("post", pos.id), "@type": "org:Post", "skos:prefLabel": catalog.title(pos),
                "dcterms:identifier": pos.id,
                "org:postIn": _ref(iri("unit", node.unit) if node.unit in org.units else iri.organization()),
                "orgdocs:seats": seats.seats, "orgdocs:openSeats": seats.open, "orgdocs:open": seats.filled == 0,
                "orgdocs:ftePerSeat": number(pos.fte), "orgdocs:workforce": pos.workforce}
        if node.parent is not None:
            post["org:reportsTo"] = _ref(iri("post", node.parent))
        elif node.external_parent in org.externals:
            post["org:reportsTo"] = _ref(iri("external", node.external_parent))
        if pos.role in org.roles:
            post["org:role"] = _ref(iri("role", pos.role))
        if dotted[pos.id]:
            post["orgdocs:dottedLineTo"] = _refs([iri("post", d) for d in dotted[pos.id]])
        if rules.names and pos.holders:
            post["org:heldBy"] = _refs([iri("person", pos.id, k + 1) for k in range(len(pos.holders))])
        graph.append(post)
        if rules.names:
            for k, name in enumerate(pos.holder_names()):
                graph.append({"@id": iri("person", pos.id, k + 1), "@type": "foaf:Person", "foaf:name": name,
                              "org:holds": _ref(iri("post", pos.id))})

    if original is not None:
        graph.append(_change_event(original, item, rules, iri))
    return {"@context": CONTEXT, "@graph": graph}


def _change_event(original: LoadedOrg, item: LoadedOrg, rules, iri: _Iris) -> dict:
    a, b = original.analysis, item.analysis
    d = redacted(diff(a, b), rules)
    before = _Iris(default_base(original.id))
    posts = ([iri("post", p) for p in d.added] + [before("post", p) for p in d.removed]
             + [iri("post", pb) for _, pb, _, _ in d.moved] + [iri("post", pb) for _, pb, _ in d.changed])
    kinds = (["added"] * len(d.added) + ["removed"] * len(d.removed) + ["moved"] * len(d.moved)
             + ["changed"] * len(d.changed) + ["unit"] * len(d.units))
    changes = []
    for k, (kind, text) in enumerate(zip(kinds, change_lines(a, b, d))):
        change = {"@type": "orgdocs:Change", "orgdocs:changeKind": kind, "dcterms:description": text}
        if k < len(posts):
            change["orgdocs:post"] = _ref(posts[k])
        changes.append(change)
    return {"@id": iri("change", original.id), "@type": "org:ChangeEvent",
            "org:originalOrganization": _ref(before.organization()),
            "org:resultingOrganization": _ref(iri.organization()),
            "dcterms:description": f"{item.org.org.name}: {len(changes)} change{'s' if len(changes) != 1 else ''} "
                                   f"from {original.org.org.name}",
            "orgdocs:change": changes}
