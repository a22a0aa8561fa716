"""The code flows one way: no module imports a later stage (ARCHITECTURE.md lists the stages)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "orgdocs"

# stage of each top-level part of the package; a module may import its own stage and earlier ones only
STAGES = {
    "errors": 0, "problems": 0, "limits": 0, "paths": 0, "collector": 0, "__init__": 0,
    "source": 1,
    "model": 2,
    "validate": 3,
    "analyse": 4,
    "checks": 5,
    "views": 6, "chart": 6,
    "render": 7, "schema": 7, "scan": 7,
    "write": 8,
    "outputs": 9,
    "commands": 10,
    "cli": 11, "__main__": 12,
}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("orgdocs"):
            if node.module == "orgdocs":
                found += [(node.lineno, f"orgdocs.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("orgdocs.")]
    return found


def test_every_part_of_the_package_has_a_stage():
    parts = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
             if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists()))}
    assert parts <= set(STAGES), f"give these a stage: {sorted(parts - set(STAGES))}"


def test_no_module_imports_a_later_stage():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        own = STAGES[_part(".".join(rel.parts))]
        for line, module in _imports(path):
            if module == "orgdocs.__version__" or _part(module) == "__version__":
                continue
            if STAGES.get(_part(module), 0) > own:
                wrong.append(f"{rel}.py:{line} imports {module}")
    assert not wrong, "\n".join(wrong)


def test_the_cli_names_no_output_and_renders_nothing():
    text = (PACKAGE / "cli.py").read_text(encoding="utf-8")
    for forbidden in ("orgdocs.render", "orgdocs.outputs", "orgdocs.write", '"hr/"', "OutputFile"):
        assert forbidden not in text, forbidden
