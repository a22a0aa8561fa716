"""One pass over the YAML event stream builds plain data with positions and enforces every guard.

Working from events (libyaml's parser when ruamel.yaml.clib is installed) avoids ruamel's recursive
composer, which crashes on deep nesting and expands alias bombs, and is ~20× faster than a round-trip load.
Guards: depth, alias count, how much aliases expand the file, explicit tags, scalar size, duplicate keys,
one document. Alias expansion is counted, never materialised: an alias shares the anchored value.
"""

from __future__ import annotations

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.nodes import ScalarNode

from orgdocs.problems import Location, Problem
from orgdocs.source.guards import DEFAULT_LIMITS, Limits, yaml_error_problem
from orgdocs.source.located import PACK_LINE, Located

_SCALARS = YAML(typ="safe", pure=True)
_MAYBE_TYPED = set("0123456789-+.~nNtTfF")  # plain scalars starting otherwise are always text


def _scalar(event: ScalarEvent) -> object:
    value = event.value
    if event.style not in (None, "") or not value or value[0] not in _MAYBE_TYPED:
        return value
    tag = _SCALARS.resolver.resolve(ScalarNode, value, event.implicit)
    if tag == "tag:yaml.org,2002:str":
        return value
    return _SCALARS.constructor.construct_object(ScalarNode(tag, value, event.start_mark, event.end_mark))


class _Frame:
    __slots__ = ("container", "path", "is_map", "key", "expect_key", "keys", "anchor", "start_nodes",
                 "start_chars", "merges", "skip")

    def __init__(self, container, path, anchor, start_nodes, start_chars=0, skip=False):
        self.container = container
        self.path = path
        self.is_map = isinstance(container, dict)
        self.key = None
        self.expect_key = True
        self.keys: dict[str, int] = {}  # key -> its line * PACK_LINE + column, for "duplicate key" messages
        self.anchor = anchor
        self.start_nodes = start_nodes
        self.start_chars = start_chars
        self.merges: list[tuple[object, Location]] = []
        self.skip = skip


_NO_KEY = object()


def read_yaml(text: str, file: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Located | None, list[Problem]]:
    problems: list[Problem] = []
    out = Located(data=None)
    values, offset = out.values.packed(file)  # positions as packed ints: no Location per event
    keys, key_offset = out.keys.packed(file)

    def at(event) -> Location:
        m = event.start_mark
        return Location(file, m.line + 1, m.column + 1)

    stack: list[_Frame] = []
    anchors: dict[str, object] = {}
    anchor_sizes: dict[str, tuple[int, int]] = {}  # values and characters an anchored value stands for
    nodes = chars = aliases = documents = 0  # counting what aliases repeat
    own_nodes = own_chars = 0  # written in the file itself
    expansions: list[tuple[int, int, Location]] = []  # after each alias: values and characters repeated so far
    root: object = None
    try:
        for event in YAML(typ="safe").parse(text):
            kind = type(event)
            if kind is DocumentStartEvent:
                documents += 1
                if documents == 2:
                    problems.append(Problem("only one YAML document per file (remove the second '---')", at(event),
                                            code="yaml"))
                continue
            if kind is SequenceEndEvent or kind is MappingEndEvent:
                frame = stack.pop()
                if frame.anchor is not None:
                    anchor_sizes[frame.anchor] = (nodes - frame.start_nodes + 1, chars - frame.start_chars)
                if frame.merges:
                    _apply_merges(frame, problems)
                continue
            if kind not in (ScalarEvent, AliasEvent, SequenceStartEvent, MappingStartEvent):
                continue

            if kind is not AliasEvent and event.tag is not None:
                problems.append(Problem(f"explicit YAML tag {event.tag!r} is not allowed; write plain values",
                                        at(event), code="yaml-tag"))
            if kind is AliasEvent:
                aliases += 1
                if aliases == limits.max_aliases + 1:
                    problems.append(Problem(f"more than {limits.max_aliases} aliases (*name)", at(event),
                                            code="yaml-aliases"))
                size, size_chars = anchor_sizes.get(event.anchor, (1, 0))
                nodes += size
                chars += size_chars
                expansions.append((nodes - own_nodes, chars - own_chars, at(event)))
            else:
                nodes += 1
                own_nodes += 1
                if kind is ScalarEvent:
                    chars += len(event.value)
                    own_chars += len(event.value)
            if kind is ScalarEvent and len(event.value) > limits.max_scalar_chars:
                problems.append(Problem(f"a value of {len(event.value):,} characters is over the limit of "
                                        f"{limits.max_scalar_chars:,}", at(event), code="value-too-long"))

            parent = stack[-1] if stack else None
            mark = event.start_mark
            line, column = mark.line + 1, mark.column + 1

            if parent is not None and parent.is_map and parent.expect_key:
                parent.expect_key = False
                if kind is ScalarEvent:
                    name = event.value
                    seen = parent.keys.get(name)
                    if seen is not None:
                        first = Location(file, seen // PACK_LINE, seen % PACK_LINE)
                        problems.append(Problem(f"duplicate key {name!r} (first at line {first.line})", at(event),
                                                code="duplicate-key", related=(first,)))
                        parent.key = _NO_KEY
                    else:
                        parent.keys[name] = line * PACK_LINE + column
                        merge = name == "<<" and event.style in (None, "")
                        parent.key = "<<merge" if merge else name
                        if not merge and not parent.skip:
                            keys[parent.path + (name,)] = key_offset + line * PACK_LINE + column
                    continue
                problems.append(Problem("keys must be plain text, not lists, mappings or aliases", at(event),
                                        code="yaml"))
                parent.key = _NO_KEY
                if kind is AliasEvent:
                    continue
                stack.append(_Frame({} if kind is MappingStartEvent else [], (), None, nodes, chars, skip=True))
                continue

            skip = parent is not None and (parent.skip or parent.key is _NO_KEY)
            if parent is None:
                path: tuple = ()
            elif parent.is_map:
                path = parent.path + ((parent.key,) if isinstance(parent.key, str) else ())
            else:
                path = parent.path + (len(parent.container),)

            if kind is ScalarEvent:
                try:
                    value = _scalar(event)
                except (ValueError, OverflowError) as exc:
                    field = f"{parent.key}: " if parent is not None and isinstance(parent.key, str) else ""
                    problems.append(Problem(f"{field}{event.value!r} is not a valid value: {exc}", at(event),
                                            code="invalid-value"))
                    value = event.value
            elif kind is AliasEvent:
                if event.anchor not in anchors:
                    problems.append(Problem(f"alias *{event.anchor} names no anchor", at(event), code="yaml"))
                elif any(f.anchor == event.anchor for f in stack):
                    problems.append(Problem(f"alias *{event.anchor} refers to the collection that contains it",
                                            at(event), code="yaml"))
                    break
                value = anchors.get(event.anchor)
            else:
                value = {} if kind is MappingStartEvent else []
            if kind is not AliasEvent and event.anchor is not None:
                anchors[event.anchor] = value
                if kind is ScalarEvent:
                    anchor_sizes[event.anchor] = (1, len(event.value))

            if parent is None:
                root = value
            elif parent.is_map:
                if parent.key == "<<merge":
                    parent.merges.append((value, at(event)))
                    skip = True
                elif parent.key is not _NO_KEY:
                    parent.container[parent.key] = value
                parent.expect_key = True
            else:
                parent.container.append(value)
            if not skip:
                values[path] = offset + line * PACK_LINE + column

            if kind is SequenceStartEvent or kind is MappingStartEvent:
                stack.append(_Frame(value, path, event.anchor, nodes, chars, skip=skip))
                if len(stack) > limits.max_depth:
                    problems.append(Problem(f"nesting deeper than {limits.max_depth} levels", at(event),
                                            code="yaml-depth"))
                    break
    except YAMLError as exc:
        problems.append(yaml_error_problem(exc, file, text))
    except RecursionError:
        problems.append(Problem("the YAML is nested too deeply to read", Location(file), code="yaml-depth"))
    problems += _expansion_problems(expansions, own_nodes, own_chars, limits)
    if problems:
        return None, problems
    if root is None:
        root = {}
        out.values[()] = Location(file, 1, 1)
    if not isinstance(root, dict):
        return None, [Problem("the file must be a mapping of sections (org:, roles:, positions: ...)",
                              out.values.get((), Location(file, 1, 1)), code="wrong-type")]
    out.data = root
    return out, []


def _apply_merges(frame: _Frame, problems: list[Problem]) -> None:
    """YAML merge keys: `<<: *base` or `<<: [*a, *b]`; keys written in the mapping itself win."""
    for value, where in frame.merges:
        sources = value if isinstance(value, list) else [value]
        for source in sources:
            if not isinstance(source, dict):
                problems.append(Problem("'<<' merges mappings only", where, code="yaml"))
                continue
            for key, item in source.items():
                frame.container.setdefault(key, item)


def _expansion_problems(expansions: list[tuple[int, int, Location]], own_nodes: int, own_chars: int,
                        limits: Limits) -> list[Problem]:
    """At the first alias that takes the repeated values (or characters) past what this file may add."""
    max_values, max_chars = limits.alias_allowance(own_nodes, own_chars)
    rule = f"the larger of {{floor:,}} and {limits.alias_ratio:g}× the {{own:,}} {{what}} the file writes itself"
    for values, chars, where in expansions:
        if values > max_values:
            why = rule.format(floor=limits.alias_floor_values, own=own_nodes, what="values")
            return [Problem(f"aliases (*name) repeat more than {max_values:,} values, the limit for this file "
                            f"({why})", where, code="yaml-too-big")]
        if chars > max_chars:
            why = rule.format(floor=limits.alias_floor_chars, own=own_chars, what="characters")
            return [Problem(f"aliases (*name) repeat more than {max_chars:,} characters of text, the limit for "
                            f"this file ({why})", where, code="yaml-too-big")]
    return []
