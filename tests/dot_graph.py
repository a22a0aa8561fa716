"""DOT read back as a graph, so charts are compared as nodes and edges (never as bytes).

Reads the statements orgdocs writes: `graph [...]`, `node [...]`, `edge [...]`, `a [...]` and `a -> b [...]`,
with IDs, quoted strings and HTML-like labels (`<...>`, nested). What a chart shows is kept; how Graphviz is
told to draw it (fonts, sizes of HTML cells) is not:
  node: its `id` attribute (or name), class, style, colours, link, tooltip, the texts of its label in order,
        its position and size (numbers, compared with a tolerance);
  edge: the ids of its ends, class, style, colour, tooltip.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_TOKEN = re.compile(r'\s*(?:(->|--)|([\[\]{};,=])|("(?:[^"\\]|\\.)*")|([A-Za-z0-9_.\-]+)|(<))', re.S)
NODE_KEYS = ("class", "style", "fillcolor", "color", "penwidth", "href", "tooltip", "shape")
EDGE_KEYS = ("class", "style", "color", "tooltip")


@dataclass
class Statement:
    kind: str  # "graph", "node", "edge" (defaults), "n" (a node), "e" (an edge)
    names: tuple[str, ...]
    attrs: dict[str, str]


def _html(text: str, start: int) -> tuple[str, int]:
    depth, i = 0, start
    while i < len(text):
        if text[i] == "<":
            depth += 1
        elif text[i] == ">":
            depth -= 1
            if depth == 0:
                return text[start:i + 1], i + 1
        i += 1
    raise ValueError(f"unterminated HTML label at {start}")


def tokens(text: str) -> list[tuple[str, str]]:
    out, i = [], 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        m = _TOKEN.match(text, i)
        if m is None:
            raise ValueError(f"cannot read DOT at {i}: {text[i:i + 40]!r}")
        if m.group(5):
            value, i = _html(text, m.start(5))
            out.append(("html", value))
            continue
        i = m.end()
        if m.group(1) or m.group(2):
            out.append(("op", m.group(1) or m.group(2)))
        elif m.group(3):
            out.append(("str", re.sub(r"\\(.)", r"\1", m.group(3)[1:-1], flags=re.S)))
        else:
            out.append(("id", m.group(4)))
    return out


def statements(text: str) -> list[Statement]:
    toks = tokens(text)
    if [t[1] for t in toks[:3]] != ["digraph", toks[1][1], "{"] or toks[-1] != ("op", "}"):
        raise ValueError("not a digraph")
    toks, out, i = toks[3:-1], [], 0
    while i < len(toks):
        names = []
        while i < len(toks) and (toks[i][0] != "op" or toks[i][1] == "->"):
            if toks[i][1] != "->":
                names.append(toks[i][1])
            i += 1
        attrs: dict[str, str] = {}
        if i < len(toks) and toks[i][1] == "[":
            i += 1
            while toks[i][1] != "]":
                key, eq, value = toks[i], toks[i + 1], toks[i + 2]
                assert eq[1] == "=", (key, eq)
                attrs[key[1]] = value[1]
                i += 3
                if toks[i][1] in (",", ";"):
                    i += 1
            i += 1
        if i < len(toks) and toks[i][1] == ";":
            i += 1
        if names and names[0] in ("graph", "node", "edge") and len(names) == 1:
            out.append(Statement(names[0], (), attrs))
        elif len(names) == 1:
            out.append(Statement("n", tuple(names), attrs))
        elif len(names) == 2:
            out.append(Statement("e", tuple(names), attrs))
        elif names:
            raise ValueError(f"unexpected statement {names}")
    return out


def label_texts(label: str) -> list[str]:
    """The texts of a label, in order: HTML-like labels without their tags, entities decoded."""
    if not label.startswith("<"):
        return [label] if label else []
    parts = re.split(r"<[^<>]*>", label[1:-1])
    return [html.unescape(p) for p in parts if p.strip()]


def _numbers(text: str) -> list[float]:
    return [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", text)]


def graph(text: str, *, positions: bool = True) -> dict:
    """The chart as JSON-ready data: {"graph": attrs, "nodes": {id: {...}}, "edges": [[from, to, {...}], ...]}."""
    found = statements(text)
    names: dict[str, str] = {}
    nodes: dict[str, dict] = {}
    graph_attrs: dict[str, str] = {}
    for s in found:
        if s.kind == "graph":
            graph_attrs.update({k: v for k, v in s.attrs.items() if k in ("id", "bgcolor", "size")})
        if s.kind != "n":
            continue
        key = s.attrs.get("id", s.names[0])
        names[s.names[0]] = key
        node = {k: s.attrs[k] for k in NODE_KEYS if k in s.attrs}
        node["texts"] = label_texts(s.attrs.get("label", ""))
        if positions:
            node["pos"] = _numbers(s.attrs.get("pos", ""))
            node["size"] = [float(s.attrs[k]) for k in ("width", "height") if k in s.attrs]
        nodes[key] = node
    edges = []
    for s in found:
        if s.kind == "e":
            a, b = (names.get(n, n) for n in s.names)
            edges.append([a, b, {k: s.attrs[k] for k in EDGE_KEYS if k in s.attrs}])
    edges.sort(key=lambda e: (e[0], e[1], sorted(e[2].items())))
    return {"graph": graph_attrs, "nodes": nodes, "edges": edges}
