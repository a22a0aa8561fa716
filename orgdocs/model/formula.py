"""Capacity formulas: + - * / and parentheses over named inputs, evaluated without ever running user code.

Python's own parser reads the expression; only numbers, names and the four operations are accepted, so
nothing in an org file can call a function or reach an attribute.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass

from orgdocs.limits import DEFAULT_LIMITS

_OPS = (ast.Add, ast.Sub, ast.Mult, ast.Div)


class FormulaError(ValueError):
    pass


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    def __add__(self, o: "Interval") -> "Interval":
        return Interval(self.lo + o.lo, self.hi + o.hi)

    def __sub__(self, o: "Interval") -> "Interval":
        return Interval(self.lo - o.hi, self.hi - o.lo)

    def __mul__(self, o: "Interval") -> "Interval":
        c = [self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi]
        return Interval(min(c), max(c))

    def __truediv__(self, o: "Interval") -> "Interval":
        if o.lo <= 0 <= o.hi:
            raise FormulaError("division by zero (a divisor can be 0)")
        return self * Interval(1 / o.hi, 1 / o.lo)

    def __neg__(self) -> "Interval":
        return Interval(-self.hi, -self.lo)


def parse_expression(text: str) -> tuple[ast.expr, list[str]]:
    """The expression tree and the input names it uses, in order of first use."""
    limit = DEFAULT_LIMITS.max_formula_depth
    try:
        tree = ast.parse(text.replace("×", "*").replace("÷", "/"), mode="eval").body
    except SyntaxError as exc:
        raise FormulaError(f"not a formula: {exc.msg}") from None
    except (RecursionError, MemoryError):  # Python's parser gives up on very long chains of operations
        raise FormulaError(f"nested deeper than {limit} operations, the limit") from None
    names: dict[str, None] = {}
    depth = {id(tree): 1}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            depth[id(child)] = depth[id(node)] + 1
        if depth[id(node)] > limit:  # evaluation recurses once per level
            raise FormulaError(f"nested deeper than {limit} operations, the limit")
        if isinstance(node, ast.Name):
            names.setdefault(node.id)
        elif isinstance(node, ast.BinOp):
            if not isinstance(node.op, _OPS):
                raise FormulaError("only + - * / and parentheses are allowed")
        elif isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, (ast.USub, ast.UAdd)):
                raise FormulaError("only + - * / and parentheses are allowed")
        elif isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                raise FormulaError("only numbers and input names are allowed")
            if not _finite(node.value):
                raise FormulaError(f"the number {_short(ast.unparse(node))} is too large")
        elif not isinstance(node, (ast.operator, ast.unaryop, ast.Load)):
            raise FormulaError(f"{type(node).__name__.lower()} is not allowed; use + - * / and input names")
    return tree, list(names)


def _finite(value: float) -> bool:
    try:
        return math.isfinite(float(value))
    except OverflowError:  # an integer literal beyond any float
        return False


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."



def evaluate(text: str, inputs: dict[str, Interval]) -> Interval:
    tree, names = parse_expression(text)
    missing = [n for n in names if n not in inputs]
    if missing:
        raise FormulaError(f"no value for {', '.join(missing)}")

    def ev(node: ast.expr) -> Interval:
        value = step(node)
        if not (math.isfinite(value.lo) and math.isfinite(value.hi)):
            # an overflow would become inf or nan and reach stats.json as Infinity or NaN
            raise FormulaError(f"the result of {_short(ast.unparse(node))} is too large to compute")
        return value

    def step(node: ast.expr) -> Interval:
        if isinstance(node, ast.Constant):
            return Interval(float(node.value), float(node.value))
        if isinstance(node, ast.Name):
            return inputs[node.id]
        if isinstance(node, ast.UnaryOp):
            value = ev(node.operand)
            return -value if isinstance(node.op, ast.USub) else value
        left, right = ev(node.left), ev(node.right)
        op = node.op
        if isinstance(op, ast.Add):
            return left + right
        if isinstance(op, ast.Sub):
            return left - right
        if isinstance(op, ast.Mult):
            return left * right
        return left / right

    return ev(tree)
