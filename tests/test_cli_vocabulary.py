"""One CLI vocabulary: the same option means the same on every command, options are checked before anything
renders, `-` is standard input (ORG) and standard output (-o), JSON commands print JSON whatever happens, and
every exit code is reachable through the CLI."""

from __future__ import annotations

import dataclasses
import importlib
import json
import re
import traceback
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from orgdocs.cli import cli
from orgdocs.commands import steps, vocabulary

ROOT = Path(__file__).resolve().parent.parent
CS = ROOT / "orgs" / "cs-enhanced-team"
CVA = ROOT / "orgs" / "customer-value-adoption"
SHARED = ("-o", "--out-dir", "-f", "--audience", "--templates", "-j", "-q")
TINY = {"org": {"name": "Tiny"}, "roles": {"a": {"title": "Head"}, "b": {"title": "Agent"}},
        "positions": [{"id": "a", "role": "a"}, {"id": "b", "role": "b", "reports_to": "a"}]}


def invoke(*args, stdin: str | None = None):
    result = CliRunner().invoke(cli, [str(a) for a in args], input=stdin, prog_name="orgdocs")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        pytest.fail("".join(traceback.format_exception(result.exception)))
    return result


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) if folder.exists() else []


@pytest.fixture
def no_rendering(monkeypatch):
    """Fails the test if a command gets as far as loading an org (and so rendering it)."""

    def refuse(paths):
        raise AssertionError(f"loaded {paths}: the options should have been refused first")

    monkeypatch.setattr(steps, "load", refuse)


# --- the same option means the same thing everywhere ------------------------------------------------------------

# the one documented exception: build's --audience also takes `all` (a tree for each audience); it is checked
# on its own below and left out of the comparisons; watch, which builds again on every save, takes build's
EXCEPTIONS = {("build", "--audience"), ("watch", "--audience")}


def _options() -> dict[str, list[tuple[str, click.Option]]]:
    found: dict[str, list[tuple[str, click.Option]]] = {}
    for name, command in sorted(cli.commands.items()):
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden and (name, param.opts[-1]) not in EXCEPTIONS:
                for opt in param.opts:
                    found.setdefault(opt, []).append((name, param))
    return found


def _meaning(param: click.Option) -> tuple:
    kind = type(param.type).__name__
    choices = tuple(getattr(param.type, "choices", ()))
    return (tuple(param.opts), param.name, kind, choices, param.default, param.help, param.multiple, param.is_flag)


@pytest.mark.parametrize("opt", [o for o in SHARED if o != "-f"])
def test_a_shared_option_means_the_same_on_every_command(opt):
    uses = _options()[opt]
    assert len(uses) >= 2, f"{opt} is used by {[n for n, _ in uses]} only"
    meanings = {_meaning(p) for _, p in uses}
    assert len(meanings) == 1, f"{opt} differs between commands: {sorted(meanings, key=str)}"


def test_format_is_one_choice_with_one_wording_everywhere():
    uses = _options()["-f"]
    assert {n for n, _ in uses} == {"chart", "check", "compare", "stats", "schema", "export"}
    for name, param in uses:
        assert param.opts == ["-f", "--format"] and param.name == "format"
        assert isinstance(param.type, click.Choice)
        assert set(param.type.choices) <= set(vocabulary.SUFFIXES), name
        assert param.help.startswith(f"Output format: {', '.join(param.type.choices)}."), name
        assert param.multiple == (name == "chart"), "several formats only where several files make sense"


def test_audience_defaults_to_all_hands_everywhere():
    uses = _options()["--audience"]
    assert {n for n, _ in uses} == {"chart", "roles", "bands", "stats", "check", "compare", "export", "serve"}
    assert {p.default for _, p in uses} == {"all-hands"}
    assert {tuple(p.type.choices) for _, p in uses} == {("all-hands", "hr", "public")}


def test_builds_audience_is_the_shared_one_plus_all():
    shared = _options()["--audience"][0][1]
    for name in ("build", "watch"):
        mine = next(p for p in cli.commands[name].params if p.name == "audience")
        assert tuple(mine.type.choices) == tuple(shared.type.choices) + ("all",)
        assert (mine.opts, mine.default) == (shared.opts, shared.default)
        assert mine.help.startswith(shared.help)


def test_no_option_name_has_two_meanings():
    """Beyond the shared ones: any option two commands have is declared alike (-f aside: its choices differ)."""
    for opt, uses in _options().items():
        if opt in ("-f", "--format", "-h", "--help"):
            continue
        assert len({_meaning(p) for _, p in uses}) == 1, opt


def test_build_has_no_o_and_o_is_always_a_file():
    assert "-o" not in [o for p in cli.commands["build"].params for o in p.opts]
    for name, param in _options()["-o"]:
        assert param.type.dir_okay is False and param.type.allow_dash is True, name
    result = invoke("build", CS, "-o", "somewhere")
    assert result.exit_code == 2 and "No such option" in result.stderr


MODULES = {"import": "import_"}  # a command named after a Python keyword


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_the_cli_passes_click_params_straight_into_the_options(name):
    """Each command's options object has exactly the click params as fields: the CLI copies nothing."""
    module = importlib.import_module(f"orgdocs.commands.{MODULES.get(name, name)}")
    fields = {f.name for f in dataclasses.fields(module.Options)}
    params = {p.name for p in cli.commands[name].params if p.expose_value}
    assert fields == params
    assert "click" not in Path(module.__file__).read_text(encoding="utf-8")


def test_no_command_module_imports_click():
    for path in (ROOT / "orgdocs" / "commands").glob("*.py"):
        assert not re.search(r"^\s*(import|from) click", path.read_text(encoding="utf-8"), re.M), path.name


def test_the_readme_usage_names_the_commands_and_their_real_options():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    usage = text[text.index("## Using it"):]
    usage = usage[:usage.index("\n## ", 4)]
    seen: dict[str, set[str]] = {}
    for block in re.findall(r"```sh\n(.*?)```", usage, re.S):
        for line in block.splitlines():
            m = re.search(r"orgdocs (\w+)(.*)", line.split("#")[0])
            if not m:
                continue
            words = re.split(r"[|>]", m.group(2))[0].split()
            seen.setdefault(m.group(1), set()).update(w for w in words if w.startswith("-") and w != "-")
    assert set(seen) == set(cli.commands)
    for name, opts in seen.items():
        known = {o for p in cli.commands[name].params for o in p.opts + p.secondary_opts}
        assert opts <= known, f"README: orgdocs {name} has no {sorted(opts - known)}"
    table = re.findall(r"^\| `([^`]+)`", usage, re.M)
    named = {o.strip(",") for row in table for o in row.split() if o.startswith("-")}
    assert set(SHARED) <= named, "the README's option table lists every shared option"


# --- options are checked before anything is loaded or rendered -------------------------------------------------

@pytest.mark.parametrize("args, words", [
    (["chart", CS, "-o", "x.png", "-f", "svg"], "does not agree with -f svg"),
    (["chart", CS, "-o", "x.svg", "-f", "svg", "-f", "png"], "-o names one file"),
    (["chart", CS, "-o", "chart", ], "cannot tell the format from chart"),
    (["chart", CS, "-o", "-"], "give its format with -f"),
    (["chart", CS, "-o", "-", "-f", "png"], "png needs -o FILE: standard output takes text formats only"),
    (["chart", CS, "-o", "-", "-f", "svg", "--split"], "--split draws several pages"),
    (["chart", CS, "-o", "x.svg", "--out-dir", "out"], "not both"),
    (["chart", CS, "-o", "/dev/stdout", "-f", "svg"], "-o stdout does not agree with -f svg"),
    (["stats", CS, "-o", "n.csv", "-f", "json"], "does not agree with -f json"),
    (["check", CS, "-o", "c.txt", "-f", "json"], "does not agree with -f json"),
    (["compare", CVA, "-f", "pdf"], "pdf needs -o FILE"),
    (["compare", CVA, "-o", "c.html", "-f", "md"], "does not agree with -f md"),
    (["compare", CVA, "-o", "c.docx"], "cannot tell the format from c.docx"),
    (["bands", CS], "give --audience hr"),
    (["stats", CS, "--json", "--csv"], "choose one format"),
    (["stats", CS, "--json", "-f", "csv"], "choose one format"),
])
def test_options_that_disagree_are_refused_before_anything_renders(tmp_path, monkeypatch, no_rendering, args, words):
    monkeypatch.chdir(tmp_path)
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert words in result.stderr and "Usage: orgdocs" in result.stderr
    assert result.stdout == ""
    assert files_under(tmp_path) == []


def test_agreeing_suffix_and_format_write_that_file(tmp_path):
    out = tmp_path / "numbers.csv"
    result = invoke("stats", CS, "-o", out, "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}\n"
    assert out.read_text().splitlines()[0] == "org,measure,dimension,key,label,value"
    assert invoke("stats", CS, "-o", tmp_path / "n.json").exit_code == 0  # the suffix names the format
    assert json.loads((tmp_path / "n.json").read_text())[0]["headcount"] == 24


# --- `-` is standard input as ORG and standard output as -o ------------------------------------------------------

def test_o_dash_writes_svg_to_stdout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("chart", CS, "-f", "svg", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().startswith("<?xml") and result.stdout.rstrip().endswith("</svg>")
    assert "Customer Success" in result.stdout
    assert files_under(tmp_path) == []


@pytest.mark.parametrize("args, check", [
    (["stats", CS, "-f", "csv", "-o", "-"], lambda out: out.splitlines()[0].startswith("org,measure")),
    (["check", CS, "-f", "json", "-o", "-"], lambda out: json.loads(out)[0]["id"] == "cs-enhanced-team"),
    (["compare", CVA, "-f", "md", "-o", "-"], lambda out: out.startswith("#")),
    (["compare", CVA, "-f", "json"], lambda out: len(json.loads(out)["variants"]) >= 2),
])
def test_text_formats_go_to_stdout(tmp_path, monkeypatch, args, check):
    monkeypatch.chdir(tmp_path)
    result = invoke(*args)
    assert result.exit_code in (0, 1), result.output
    assert check(result.stdout), result.stdout[:300]
    assert files_under(tmp_path) == []


def test_dash_reads_one_org_from_stdin():
    result = invoke("stats", "-", "-f", "json", stdin=json.dumps(TINY))
    assert result.exit_code == 0, result.output
    [numbers] = json.loads(result.stdout)
    assert (numbers["id"], numbers["headcount"]) == ("stdin", 2)


def test_stdin_problems_are_located_in_stdin():
    text = "org:\n  name: Tiny\npositions:\n  - id: a\n    role: nobody\n"
    result = invoke("check", "-", stdin=text)
    assert result.exit_code == 2
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith("<stdin>:5:11: error: ") and "nobody" in first, result.stderr


def test_stdin_includes_come_from_the_current_folder_and_stay_in_it(tmp_path, monkeypatch):
    (tmp_path / "_roles.yaml").write_text(json.dumps({"roles": TINY["roles"]}))
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path)
    org = {"include": ["_roles.yaml"], "org": TINY["org"], "positions": TINY["positions"]}
    result = invoke("stats", "-", "-f", "json", stdin=json.dumps(org))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["headcount"] == 2
    monkeypatch.chdir(tmp_path / "here")
    org["include"] = ["../_roles.yaml"]
    result = invoke("check", "-", stdin=json.dumps(org))
    assert result.exit_code == 2
    assert "<stdin>:1:" in result.stderr and "outside the org's folder" in result.stderr


# --- JSON whatever the outcome ----------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["check", "stats"])
def test_json_commands_print_json_for_bad_input(command):
    text = "org:\n  name: Tiny\npositions:\n  - id: a\n    role: nobody\n"
    result = invoke(command, "-", "-f", "json", stdin=text)
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert doc["ok"] is False and doc["exit_code"] == 2
    [problem] = doc["problems"]
    assert (problem["file"], problem["line"], problem["column"]) == ("<stdin>", 5, 11)
    assert problem["code"] and "nobody" in problem["message"]
    assert problem["message"] in result.stderr  # and the same problem, located, on stderr


def test_json_for_a_missing_path_and_the_deprecated_flag_alike():
    for args in (["check", "no/such/org", "-f", "json"], ["check", "no/such/org", "--json"]):
        result = invoke(*args)
        assert result.exit_code == 2
        [problem] = json.loads(result.stdout)["problems"]
        assert problem["code"] == "not-found" and "no/such/org" in problem["message"]


# --- every exit code through the CLI ---------------------------------------------------------------------------

def test_exit_0_and_1_check_findings():
    assert invoke("check", CS).exit_code == 0  # warnings only
    assert invoke("check", CS, "--strict").exit_code == 1


def test_exit_2_bad_input():
    result = invoke("check", "-", stdin="org: [unclosed\n")
    assert result.exit_code == 2 and result.stderr.startswith("<stdin>:")


def test_exit_3_output_folder_below_a_file(tmp_path):
    (tmp_path / "file").write_text("a file")
    result = invoke("chart", CS, "-f", "svg", "--out-dir", tmp_path / "file" / "out")
    assert result.exit_code == 3, result.output
    assert "error: cannot write" in result.stderr and "nothing was written" in result.stderr
    assert (tmp_path / "file").read_text() == "a file"


def test_exit_4_graphviz_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot, no neato
    result = invoke("chart", CS, "-f", "png", "--out-dir", tmp_path / "out")  # an SVG needs no Graphviz
    assert result.exit_code == 4, result.output
    assert "Graphviz" in result.stderr
    assert files_under(tmp_path / "out") == []


# --- audience, quiet, output naming -----------------------------------------------------------------------------

def test_roles_default_to_all_hands(tmp_path):
    tiny = tmp_path / "tiny.yaml"
    tiny.write_text(json.dumps(TINY))
    result = invoke("roles", tiny, "--no-handbook", "-j", "1", "--out-dir", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert files_under(tmp_path / "out" / "tiny") == ["roles", "roles/a.html", "roles/a.pdf", "roles/b.html",
                                                      "roles/b.pdf"]
    assert result.stdout.splitlines() == [str(tmp_path / "out" / "tiny" / "roles" / f) for f in
                                          ("a.html", "a.pdf", "b.html", "b.pdf")]


def test_quiet_keeps_the_files_and_drops_the_lines(tmp_path):
    out = tmp_path / "c.svg"
    result = invoke("chart", CS, "-o", out, "-q")
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""
    assert out.read_text().rstrip().endswith("</svg>")
    loud = invoke("chart", CS, "-o", out)
    assert loud.stdout == f"{out}\n"


def test_chart_formats_into_out_dir(tmp_path):
    result = invoke("chart", CS, "-f", "svg", "-f", "png", "--out-dir", tmp_path)
    assert result.exit_code == 0, result.output
    assert files_under(tmp_path) == ["cs-enhanced-team", "cs-enhanced-team/chart.png", "cs-enhanced-team/chart.svg"]


def test_build_shows_progress_on_stderr_unless_quiet(tmp_path):
    tiny = tmp_path / "tiny.yaml"
    tiny.write_text(json.dumps(TINY))
    loud = invoke("build", tiny, "-j", "1", "--out-dir", tmp_path / "a")
    assert loud.exit_code == 0, loud.output
    assert loud.stderr.startswith("Building")
    assert loud.stdout.startswith("tiny: 0 errors, 0 warnings, ")
    assert str(tmp_path / "a" / "all-hands" / "tiny") in loud.stdout
    quiet = invoke("build", tiny, "-j", "1", "--out-dir", tmp_path / "b", "-q")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    assert files_under(tmp_path / "b") == files_under(tmp_path / "a")
