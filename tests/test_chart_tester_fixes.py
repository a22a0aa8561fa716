"""Defects a new user's testing of issue 15's charts found (FIX-B): pypdf's warnings on stderr under -q, PNGs
for print (exact paper pixels, pHYs, opaque), blank holder names and markup in emails, 16-bit grey photos, and the
top-level help's claim about --out-dir. Each test failed before its fix."""

from __future__ import annotations

import io
import json
import os
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

from click.testing import CliRunner
from conftest import invoke_cli
from PIL import Image

from orgdocs.cli import cli
from orgdocs.render import photos
from orgdocs.render.png_finish import with_phys

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "orgs" / "cs-enhanced-team"


def _write(folder: Path, org: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "org.yaml").write_text(json.dumps(org), encoding="utf-8")
    return folder


def _one_photo_three_boxes(folder: Path) -> Path:
    """/tmp/tester/t5: three holders share one photo, so Graphviz's PDF uses one image three times."""
    (folder / "photos").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (96, 96), (200, 40, 40)).save(folder / "photos" / "default.png")
    photo = "photos/default.png"
    return _write(folder, {"org": {"name": "S", "as_of": "2026-01-01", "currency": "USD"},
                           "roles": {"r": {"title": "Role"}},
                           "positions": [{"id": "root", "role": "r", "holders": [{"name": "Ro Pe", "photo": photo}]},
                                         {"id": "a", "role": "r", "reports_to": "root",
                                          "holders": [{"name": "Al Pe", "photo": photo}]},
                                         {"id": "b", "role": "r", "reports_to": "root",
                                          "holders": [{"name": "Bo Pe", "photo": photo}]}]})


def test_a_pdf_with_one_photo_in_several_boxes_prints_nothing_under_q(tmp_path):
    org = _one_photo_three_boxes(tmp_path / "t5")
    out = tmp_path / "x.pdf"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # a real process: pypdf's warnings reach stderr through logging's last resort, which only a process shows
    done = subprocess.run([sys.executable, "-m", "orgdocs", "chart", str(org), "--photos", "square", "-f", "pdf",
                           "-o", str(out), "-q"], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and done.stdout == ""  # was "Multiple definitions in dictionary ... for key /x8" ×4
    assert out.read_bytes().startswith(b"%PDF")


def _chunks(data: bytes) -> dict[bytes, bytes]:
    found, pos = {}, 8
    while pos < len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        assert struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0] == zlib.crc32(kind + body)
        found.setdefault(kind, body)
        pos += 12 + length
    return found


def test_a4_at_300_dpi_is_2480_by_3508_opaque_and_says_its_dpi(tmp_path):
    out = tmp_path / "a4.png"
    result = invoke_cli("chart", SMALL, "-o", out, "--page", "A4", "--dpi", "300", "--orientation", "portrait")
    assert result.exit_code == 0, result.output
    # A4 is 210 × 297 mm = 8.2677 × 11.6929 in; × 300 = 2480.3 × 3507.9 px, rounded: 2480 × 3508
    # (Graphviz truncated the whole points: 2479 × 3507)
    with Image.open(out) as img:
        assert img.size == (2480, 3508)
        assert img.mode == "RGB"  # opaque: no alpha channel at all
    phys = _chunks(out.read_bytes())[b"pHYs"]
    # 300 dpi = 300 / 0.0254 = 11811.02 pixels a metre, rounded 11811, both ways, unit 1 (metre)
    assert struct.unpack(">IIB", phys) == (11811, 11811, 1)


def test_transparent_keeps_its_alpha_and_its_dpi(tmp_path):
    out = tmp_path / "t.png"
    result = invoke_cli("chart", SMALL, "-o", out, "--dpi", "150", "--transparent")
    assert result.exit_code == 0, result.output
    with Image.open(out) as img:
        assert img.mode == "RGBA" and img.getpixel((0, 0))[3] == 0  # the corner shows through
    # 150 / 0.0254 = 5905.5 → 5906 pixels a metre
    assert struct.unpack(">IIB", _chunks(out.read_bytes())[b"pHYs"]) == (5906, 5906, 1)


def test_with_phys_replaces_one_and_keeps_the_png_readable():
    buf = io.BytesIO()
    Image.new("RGB", (3, 2), (1, 2, 3)).save(buf, format="PNG", dpi=(72, 72))
    twice = with_phys(with_phys(buf.getvalue(), 96), 300)
    assert twice.count(b"pHYs") == 1
    with Image.open(io.BytesIO(twice)) as img:
        assert img.size == (3, 2) and img.getpixel((2, 1)) == (1, 2, 3)
        assert round(img.info["dpi"][0]) == 300


def test_a_lowered_dpi_at_a_scale_is_said_in_the_users_terms(tmp_path):
    out = tmp_path / "big.png"
    result = invoke_cli("chart", SMALL, "-o", out, "--scale", "10", "--dpi", "1200")
    assert result.exit_code == 0, result.output
    note = result.stderr
    # the figure printed is the dpi at the printed size (× scale 10), and it is what pHYs says
    m = re.search(r"drawn at ([\d.]+) dpi × scale 10, lowered from 1200 dpi to keep the image within", note)
    assert m, note
    per_metre = struct.unpack(">IIB", _chunks(out.read_bytes())[b"pHYs"])[0]
    assert abs(per_metre * 0.0254 - float(m.group(1))) < 0.06 * float(m.group(1)) / 10  # 3 figures printed
    assert "not 12000" not in note


def _org(holders: list) -> dict:
    return {"org": {"name": "V", "as_of": "2026-01-01", "currency": "USD"}, "roles": {"r": {"title": "Role"}},
            "positions": [{"id": "root", "role": "r", "holders": holders}]}


def test_a_blank_holder_name_is_a_located_error(tmp_path):
    folder = tmp_path / "v"
    folder.mkdir()
    (folder / "org.yaml").write_text('org: {name: V, as_of: 2026-01-01, currency: USD}\nroles: {r: {title: R}}\n'
                                     'positions:\n  - {id: root, role: r, holders: ["  "]}\n'
                                     '  - {id: b, role: r, reports_to: root, holders: [{name: " \\t "}]}\n',
                                     encoding="utf-8")
    result = invoke_cli("check", folder)
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.stderr.splitlines() if "only spaces" in ln]
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith(f"{folder / 'org.yaml'}:4:") and lines[1].startswith(f"{folder / 'org.yaml'}:5:")


def test_an_email_with_markup_is_refused_and_a_plain_one_kept(tmp_path):
    bad = ['a@b.com"><script>alert(1)</script>', "a b@c.com", "a@@b.com", "a@bcom", "<a@b.com>", "a@b'.com"]
    for k, email in enumerate(bad):
        org = _write(tmp_path / f"bad{k}", _org([{"name": "Ann", "email": email}]))
        result = invoke_cli("check", org)
        assert result.exit_code == 2 and "email" in result.stderr, (email, result.output)
        assert re.search(r"org\.yaml:\d+:\d+: error: email", result.stderr), result.stderr
    for k, email in enumerate(["ana.ruiz@example.com", "o'brien@mail.example.co.uk", "a+b@x.io"]):
        org = _write(tmp_path / f"good{k}", _org([{"name": "Ann", "email": email}]))
        result = invoke_cli("check", org)
        assert result.exit_code == 0, (email, result.output)


def test_a_16_bit_grey_photo_keeps_its_grey():
    # 30000 of 65535 is 45.8 % grey: 30000 / 256 = 117.2 → 117 of 255 (Pillow's own convert clipped it to 255)
    img = Image.frombytes("I;16", (20, 20), struct.pack("<H", 30000) * 400)  # little-endian 16-bit samples
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    with Image.open(io.BytesIO(buf.getvalue())) as check:
        assert check.mode.startswith("I") and check.getpixel((5, 5)) == 30000  # the test's image is 16-bit
    with Image.open(io.BytesIO(photos.avatar_png(10, "square", photo=buf.getvalue()))) as out:
        r, g, b, a = out.convert("RGBA").getpixel((10, 10))
    assert (r, g, b, a) == (117, 117, 117, 255)


def test_the_top_level_help_names_the_commands_that_take_out_dir():
    text = CliRunner().invoke(cli, ["--help"]).output
    m = re.search(r"--out-dir DIR \(([^)]*)\)", text)
    assert m, text
    named = {n.strip() for n in m.group(1).split(",")}
    taking = {name for name, cmd in cli.commands.items()
              if any("--out-dir" in getattr(p, "opts", ()) for p in cmd.params)}
    assert named == taking  # import, check, schema ... take none: the help must not say every command does
    assert "import" not in named and "Every command speaks" not in text
