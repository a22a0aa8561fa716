"""Issue 8, findings 2 and 9: files are read only from inside their folder, and every input problem is found by
`check` (with file:line:col), so that `build` never meets one: symlinked members, git revisions, logos, cycles.
"""

from __future__ import annotations

import builtins
import io
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from conftest import invoke_cli
from pypdf import PdfReader

from orgdocs.commands import steps
from orgdocs.problems import OrgInputError
from orgdocs.source.assemble import assemble
from orgdocs.source.discover import find_orgs

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "docs" / "mini"
SECRET = "ZZ-SECRET-UNIT-ZZ"
PASSWD_LINE = "root:x:0:0"


def mini(folder: Path, name: str = "org.yaml", brand: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = (MINI / "org.yaml").read_text(encoding="utf-8")
    if brand:
        text = text.replace("  as_of: 2025-09-01\n", f"  as_of: 2025-09-01\n  brand:\n    logo: {brand}\n")
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def secret_file(tmp_path: Path) -> Path:
    """A valid part of an org: merged, its unit name would show in every output."""
    path = tmp_path / "outside" / "secret.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"units:\n  leak: {{name: {SECRET}}}\n", encoding="utf-8")
    return path


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """Real paths of every file opened while the test runs (clear it before the step that matters)."""
    seen: list[str] = []
    real_open = io.open

    def spy(file, *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)):
            seen.append(os.path.realpath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", spy)
    monkeypatch.setattr(builtins, "open", spy)
    return seen


def errors(result) -> list[str]:
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    return result.stderr.splitlines()


def png(w: int = 7, h: int = 5, idat: bytes | None = None) -> bytes:
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * w for _ in range(h)) if idat is None else b""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw) if idat is None else idat) + chunk(b"IEND", b""))


# --------------------------------------------------------------------------------------------------------------
# Finding 2: members of a folder resolve inside it
# --------------------------------------------------------------------------------------------------------------


def test_folder_member_linking_outside_is_a_located_error_and_never_opened(tmp_path, opened):
    org = mini(tmp_path / "org").parent
    secret = secret_file(tmp_path)
    (org / "extra.yaml").symlink_to(secret)
    (org / "passwd.yaml").symlink_to("/etc/passwd")
    opened.clear()
    result = invoke_cli("check", org)
    assert errors(result) == [
        f"{org}/extra.yaml: error: resolves to a file outside the org folder {org}; it was not read [outside-folder]",
        f"{org}/passwd.yaml: error: resolves to a file outside the org folder {org}; it was not read [outside-folder]",
        "2 problems in the input; nothing was written.",
    ]
    assert str(secret) not in opened and "/etc/passwd" not in opened
    assert SECRET not in result.output and PASSWD_LINE not in result.output


def test_build_of_such_a_folder_writes_nothing_and_leaks_nothing(tmp_path):
    org = mini(tmp_path / "org").parent
    (org / "extra.yaml").symlink_to(secret_file(tmp_path))
    out = tmp_path / "out"
    result = invoke_cli("build", org, "--out-dir", out)
    assert any("extra.yaml: error: resolves to a file outside the org folder" in line for line in errors(result))
    assert not out.exists() or not any(p.is_file() for p in out.rglob("*"))
    assert SECRET not in result.output


def test_the_same_file_copied_in_is_read(tmp_path):
    """The control for the two tests above: the content is a valid part, which is why the link mattered."""
    org = mini(tmp_path / "org").parent
    shutil.copy(secret_file(tmp_path), org / "extra.yaml")
    [item] = steps.load([str(org)])
    assert item.org.units["leak"].name == SECRET


def test_collection_members_linking_outside_are_located_errors(tmp_path, opened):
    coll = tmp_path / "orgs"
    mini(coll, "good.yaml")
    mini(coll / "team")  # a folder org inside the collection
    secret = secret_file(tmp_path)
    (coll / "evil.yaml").symlink_to(secret)
    (coll / "team" / "passwd.yaml").symlink_to("/etc/passwd")
    mini(tmp_path / "elsewhere")
    (coll / "linked").symlink_to(tmp_path / "elsewhere")
    (coll / "alias").symlink_to(coll / "team")  # inside: walked as team, not twice
    opened.clear()
    result = invoke_cli("check", coll)
    assert errors(result) == [
        f"{coll}/evil.yaml: error: resolves to a file outside the org folder {coll}; it was not read [outside-folder]",
        f"{coll}/linked: error: resolves to a folder outside the org folder {coll}; it was not read [outside-folder]",
        f"{coll}/team/passwd.yaml: error: resolves to a file outside the org folder {coll}/team; it was not read "
        "[outside-folder]",
        "3 problems in the input; nothing was written.",
    ]
    assert not {str(secret), "/etc/passwd", str(tmp_path / "elsewhere" / "org.yaml")} & set(opened)
    ids = sorted(s.id for s in find_orgs([str(coll)]))
    assert ids == ["evil", "good", "linked", "team"]


def test_a_sibling_inside_the_folder_may_be_a_link(tmp_path):
    coll = tmp_path / "orgs"
    mini(coll, "good.yaml")
    (coll / "copy.yaml").symlink_to("good.yaml")
    assert invoke_cli("check", coll).exit_code == 0


def test_a_file_the_user_names_may_be_a_link(tmp_path):
    target = mini(tmp_path / "elsewhere", "real.yaml")
    (tmp_path / "here").mkdir()
    (tmp_path / "here" / "named.yaml").symlink_to(target)
    result = invoke_cli("check", tmp_path / "here" / "named.yaml")
    assert result.exit_code == 0, result.output


def test_a_link_swapped_in_after_discovery_is_refused_when_read(tmp_path):
    org = mini(tmp_path / "org").parent
    mini(org, "more.yaml")
    [source] = find_orgs([str(org)])
    (org / "more.yaml").unlink()
    (org / "more.yaml").symlink_to(secret_file(tmp_path))
    located, problems = assemble(source)
    assert [(p.code, p.location.file) for p in problems] == [("outside-folder", str(org / "more.yaml"))]
    assert SECRET not in repr(located.data)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=T", *args], cwd=cwd, check=True,
                   capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    top = tmp_path / "repo"
    mini(top / "x", brand="logo.png")
    (top / "x" / "logo.png").write_bytes(png())
    git(top, "init", "-q")
    monkeypatch.chdir(top)
    return top


def commit(top: Path) -> None:
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "change")


def test_git_revision_is_no_way_around_the_rule(repo, tmp_path, opened):
    secret = secret_file(tmp_path)
    (repo / "x" / "passwd.yaml").symlink_to("/etc/passwd")
    (repo / "x" / "up.yaml").symlink_to(os.path.relpath(secret, repo / "x"))
    commit(repo)
    opened.clear()
    lines = errors(invoke_cli("check", "x@HEAD"))
    assert lines == [
        "x/passwd.yaml@HEAD: error: resolves to a file outside the org folder x@HEAD; it was not read "
        "[outside-folder]",
        "x/up.yaml@HEAD: error: resolves to a file outside the org folder x@HEAD; it was not read [outside-folder]",
        "2 problems in the input; nothing was written.",
    ]
    # named at a revision, a committed link is still not followed out of its folder
    lines = errors(invoke_cli("check", "x/passwd.yaml@HEAD"))
    assert lines[0].startswith("x/passwd.yaml@HEAD: error: resolves to a file outside the org folder")
    assert str(secret) not in opened and "/etc/passwd" not in opened


def test_git_revision_brings_the_logo_along(repo):
    commit(repo)
    (repo / "x" / "logo.png").write_text("not a png any more")
    assert invoke_cli("check", "x@HEAD").exit_code == 0  # the committed logo, not the working tree's
    assert "'logo.png' is not a PNG image" in errors(invoke_cli("check", "x"))[0]


def test_git_revision_with_an_oversized_logo_is_refused_by_its_size(repo):
    data = png() + b"\0" * (5 * 1024 * 1024)
    (repo / "x" / "logo.png").write_bytes(data)
    commit(repo)
    assert errors(invoke_cli("check", "x@HEAD"))[0] == (
        f"x/org.yaml@HEAD:6:11: error: org.brand.logo 'logo.png' is {len(data):,} bytes; the limit is 5,242,880 "
        "[bad-asset]")


# --------------------------------------------------------------------------------------------------------------
# Finding 9: every file an org names is checked by `check`, at the line that names it
# --------------------------------------------------------------------------------------------------------------


def _jpeg() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (9, 4), (0, 90, 200)).save(buf, "JPEG")
    return buf.getvalue()


BAD_LOGOS = {
    "missing": ("missing.png", None, "does not exist in the org folder"),
    "parent": ("../x.png", None, "resolves to a file outside the org folder"),
    "absolute": ("{tmp}/x.png", None, "is an absolute path; name it relative to the org folder"),
    "url": ("https://example.com/logo.png", None, "is a URL"),
    "data-url": ("'data:image/png;base64,iVBORw0KGgo='", None, "is a URL"),
    "text": ("logo.png", b"hello, I am text\n", "is not a PNG image (its bytes are not an image)"),
    "symlink-out": ("logo.png", "link:{tmp}/x.png", "resolves to a file outside the org folder"),
    "symlink-passwd": ("logo.png", "link:/etc/passwd", "resolves to a file outside the org folder"),
    "jpeg-named-png": ("logo.png", "jpeg", "is not a PNG image (its bytes are a JPEG image)"),
    "folder": ("logo.png", "dir", "is not a regular file"),
    "truncated": ("logo.png", png()[:-20], "is not a readable image"),
    "bad-data": ("logo.png", png(idat=b"not zlib at all"), "is not a readable image"),
    "too-many-pixels": ("logo.png", png(6000, 6000, idat=b""), "is 6000 × 6000 pixels; the limit is 25,000,000"),
    "too-big": ("logo.png", png() + b"\0" * (5 * 1024 * 1024), "bytes; the limit is 5,242,880"),
    "empty": ("logo.png", b"", "is not a PNG image"),
    "svg-entities": ("logo.svg", b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
                                 b'<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', "DOCTYPE or entity"),
    "svg-broken": ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><g></svg>', "is not well-formed SVG"),
    "html-named-svg": ("logo.svg", b"<html><body>hi</body></html>", "is not a SVG image"),
    "not-an-image-name": ("logo.txt", b"hello", "is not an image file name"),
}


@pytest.mark.parametrize("case", sorted(BAD_LOGOS))
def test_bad_logo_is_an_error_from_check_at_its_line(tmp_path, case):
    logo, content, expected = BAD_LOGOS[case]
    logo = logo.replace("{tmp}", str(tmp_path))
    (tmp_path / "x.png").write_bytes(png())
    org = mini(tmp_path / "org", brand=logo).parent
    target = org / logo.split("/")[-1]
    if isinstance(content, bytes):
        target.write_bytes(content)
    elif content == "jpeg":
        target.write_bytes(_jpeg())
    elif content == "dir":
        target.mkdir()
    elif isinstance(content, str):
        target.symlink_to(content.removeprefix("link:").replace("{tmp}", str(tmp_path)))
    lines = errors(invoke_cli("check", org))
    assert lines[0].startswith(f"{org}/org.yaml:6:11: error: org.brand.logo "), lines
    assert expected in lines[0] and lines[0].endswith("[bad-asset]"), lines
    assert lines[1:] == ["1 problem in the input; nothing was written."]


def test_every_command_refuses_an_org_with_a_bad_logo(tmp_path):
    org = mini(tmp_path / "org", brand="logo.png").parent
    (org / "logo.png").write_text("text")
    for command in (["chart", org, "-o", tmp_path / "out" / "c.svg"],
                    ["roles", org, "--audience", "hr", "--out-dir", tmp_path / "out"],
                    ["build", org, "--out-dir", tmp_path / "out"], ["stats", org]):
        lines = errors(invoke_cli(*command))
        assert lines[0].startswith(f"{org}/org.yaml:6:11: error: org.brand.logo 'logo.png' is not a PNG image")
    assert not (tmp_path / "out").exists() or not any(p.is_file() for p in (tmp_path / "out").rglob("*"))


def test_logo_problems_come_with_all_the_others(tmp_path):
    path = mini(tmp_path / "org", brand="https://example.com/x.png")
    path.write_text(path.read_text(encoding="utf-8").replace("role: lead\n", "role: leed\n"), encoding="utf-8")
    lines = errors(invoke_cli("check", path.parent))
    assert [line.split(": error: ")[1].split(" ")[0] for line in lines[:-1]] == ["org.brand.logo", "unknown"]
    assert lines[-1] == "2 problems in the input; nothing was written."


def _image(fmt: str) -> bytes:
    if fmt == "svg":
        return (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="90" height="40">'
                b'<rect width="90" height="40" fill="#c00"/></svg>\n')
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (9, 4), (0, 90, 200)).save(buf, {"jpg": "JPEG"}.get(fmt, fmt.upper()))
    return buf.getvalue()


@pytest.mark.parametrize("fmt", ["png", "jpg", "jpeg", "gif", "webp", "svg"])
def test_each_accepted_image_type_passes_check(tmp_path, fmt):
    org = mini(tmp_path / "org", brand=f"img/logo.{fmt}").parent
    (org / "img").mkdir()
    (org / "img" / f"logo.{fmt}").write_bytes(_image(fmt))
    result = invoke_cli("check", org)
    assert result.exit_code == 0, result.output + result.stderr


def test_a_webp_logo_that_check_accepts_is_embedded_by_roles(tmp_path):
    org = mini(tmp_path / "org", brand="logo.webp").parent
    (org / "logo.webp").write_bytes(_image("webp"))
    result = invoke_cli("roles", org, "--audience", "hr", "--out-dir", tmp_path / "out")
    assert result.exit_code == 0, result.output + result.stderr
    reader = PdfReader(tmp_path / "out" / "org" / "hr" / "role-handbook.pdf")
    assert [img.image.size for img in reader.pages[0].images] == [(9, 4)]


def test_the_loaded_org_keeps_the_logo_it_checked(tmp_path):
    org = mini(tmp_path / "org", brand="logo.png").parent
    (org / "logo.png").write_bytes(png())
    [item] = steps.load([str(org)])
    assert item.org.org.brand.logo == "logo.png"
    (org / "logo.png").unlink()
    with pytest.raises(OrgInputError) as info:
        steps.load([str(org)])
    assert [p.code for p in info.value.problems] == ["bad-asset"]


# --------------------------------------------------------------------------------------------------------------
# Cycles name every edge, each where it is written
# --------------------------------------------------------------------------------------------------------------


def where(path: Path, pattern: str) -> list[str]:
    """file:line:col of each value matching pattern (a regex with one group: the value)."""
    text = path.read_text(encoding="utf-8")
    found = []
    for m in re.finditer(pattern, text, re.MULTILINE):
        line = text.count("\n", 0, m.start(1)) + 1
        col = m.start(1) - (text.rfind("\n", 0, m.start(1)) + 1) + 1
        found.append(f"{path}:{line}:{col}")
    return found


def test_reporting_cycle_names_all_three_edges(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text(
        "org: {name: Loop}\nroles:\n  r: {title: R}\npositions:\n"
        "  - id: root\n    role: r\n"
        "  - id: a\n    role: r\n    reports_to: c\n"
        "  - id: b\n    role: r\n    reports_to: a\n"
        "  - id: c\n    role: r\n    reports_to: b\n", encoding="utf-8")
    lines = errors(invoke_cli("check", path))
    edges = where(path, r"reports_to: (\w+)")
    assert len(edges) == 3
    assert lines == [f"{edges[0]}: error: reporting lines form a cycle: a → c → b → a [reporting-cycle]",
                     f"    see {edges[2]}", f"    see {edges[1]}",
                     "1 problem in the input; nothing was written."]


def test_reporting_cycle_across_files_locates_each_edge_in_its_file(tmp_path):
    org = tmp_path / "org"
    org.mkdir()
    (org / "org.yaml").write_text("org: {name: Loop}\nroles:\n  r: {title: R}\npositions:\n"
                                  "  - id: a\n    role: r\n    reports_to: b\n", encoding="utf-8")
    (org / "more.yaml").write_text("positions:\n  - id: b\n    role: r\n    reports_to: c\n"
                                   "  - id: c\n    role: r\n    reports_to: a\n", encoding="utf-8")
    lines = errors(invoke_cli("check", org))
    first, more = where(org / "org.yaml", r"reports_to: (\w+)"), where(org / "more.yaml", r"reports_to: (\w+)")
    assert lines[:3] == [f"{first[0]}: error: reporting lines form a cycle: a → b → c → a [reporting-cycle]",
                         f"    see {more[0]}", f"    see {more[1]}"]


def test_unit_cycle_names_all_three_edges(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text(
        "org: {name: Loop}\nunits:\n"
        "  u1: {name: U1, parent: u3}\n  u2: {name: U2, parent: u1}\n  u3: {name: U3, parent: u2}\n"
        "roles:\n  r: {title: R}\npositions:\n  - id: root\n    role: r\n", encoding="utf-8")
    lines = errors(invoke_cli("check", path))
    edges = where(path, r"parent: (\w+)")
    assert lines == [f"{edges[0]}: error: units are nested in a cycle: u1 → u3 → u2 → u1 [unit-cycle]",
                     f"    see {edges[2]}", f"    see {edges[1]}",
                     "1 problem in the input; nothing was written."]


def test_extends_cycle_names_all_three_edges(tmp_path):
    for name, target in (("a", "b"), ("b", "c"), ("c", "a")):
        (tmp_path / f"{name}.yaml").write_text(f"extends: {target}.yaml\n", encoding="utf-8")
    lines = errors(invoke_cli("check", tmp_path / "a.yaml"))
    assert lines[:3] == [f"{tmp_path}/c.yaml:1:10: error: extends forms a cycle: a.yaml → b.yaml → c.yaml → a.yaml "
                         "[extends-cycle]", f"    see {tmp_path}/a.yaml:1:10", f"    see {tmp_path}/b.yaml:1:10"]
