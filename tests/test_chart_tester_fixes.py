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


# --- co-head boxes: the FTE whole, words never split between letters (/tmp/tester/t3) -------------------------

COHEADS = ["Alexandria Konstantinopoulou-Vanderbilt", "张伟明 欧阳娜娜", "عبد الرحمن بن عبد العزيز", "יהושע בן-דוד"]


def _cohead_org(folder: Path) -> Path:
    return _write(folder, {
        "org": {"name": "Co-heads", "as_of": "2026-01-01", "currency": "USD"},
        "roles": {"ceo": {"title": "Chief Executive Officer and President, Global Operations"},
                  "m": {"title": "Manager"}},
        "positions": [{"id": "ceo", "role": "ceo", "kind": "co-head",
                       "holders": [{"name": n, "fte": 0.25} for n in COHEADS]},
                      {"id": "m1", "role": "m", "holders": ["Bartholomew Montgomery"], "reports_to": "ceo"},
                      {"id": "m2", "role": "m", "holders": ["李"], "reports_to": "ceo"}]})


def _box_texts(svg: Path, key: str) -> list[str]:
    import xml.etree.ElementTree as ET

    ns = "{http://www.w3.org/2000/svg}"
    root = ET.parse(svg).getroot()
    box = next(e for e in root.iter() if e.get("id") == f"pos-{key}")
    return ["".join(t.itertext()) for t in box.iter(f"{ns}text")]


def _words_whole(lines: list[str]) -> None:
    """Every word drawn is one of the names' own words, or one shortened at its end ("Alex…"): never the back
    half of a word ("ndria"), never a number cut ("0.2…")."""
    words = set()
    for word in (w for n in COHEADS for w in n.split()):
        parts = word.split("-")  # a word may break after its hyphen: "Konstantinopoulou-" / "Vanderbilt"
        words |= {word, parts[-1], *(p + "-" for p in parts[:-1])}
    for line in lines:
        names = [w for w in line.split() if w != "0.25"]
        for word in names:
            if word in words or (word.endswith("…") and word[:-1] in words):
                continue
            assert word.endswith("…") and any(w.startswith(word[:-1]) for w in words), (word, lines)
            assert not word[:-1].replace(".", "").isdigit(), (word, lines)  # a number is never shortened
            # a word cut inside is one too wide for its column: alone on its line (not 'بن عب…')
            assert names == [word], (word, lines)


def test_co_heads_keep_every_fte_whole_top_to_bottom(tmp_path):
    org = _cohead_org(tmp_path / "t3")
    out = tmp_path / "tb.svg"
    assert invoke_cli("chart", org, "-o", out, "-q").exit_code == 0
    texts = _box_texts(out, "ceo")
    people = [t for t in texts if t not in ("job share",) and "Officer" not in t and "Operations" not in t]
    # four holders at 0.25: four lines end in the whole number (the tester saw Alexandria's dropped and 0.2…)
    assert sum(t == "0.25" or t.endswith(" 0.25") for t in people) == 4, people
    assert not any("0.2…" in t for t in texts)
    _words_whole(people)
    # TB widens the box per co-head: 168 + 3 × 0.62 × 168 = 480.5 pt, so every name is there whole, none cut
    assert "…" not in "".join(people), people
    assert {"Alexandria", "Konstantinopoulou-", "Vanderbilt 0.25"} <= set(people)
    assert "العزيز 0.25" in people and "عبد الرحمن بن عبد" in people  # broken between words, never inside one


def test_co_heads_left_to_right_break_between_words_and_keep_the_fte(tmp_path):
    org = _cohead_org(tmp_path / "t3")
    out = tmp_path / "lr.svg"
    assert invoke_cli("chart", org, "-o", out, "--direction", "LR", "-q").exit_code == 0
    texts = _box_texts(out, "ceo")
    people = [t for t in texts if t != "job share" and "Officer" not in t and "Operations" not in t
              and "Global" not in t and "President" not in t]
    assert sum(t == "0.25" or t.endswith(" 0.25") for t in people) == 4, people
    assert not any("0.2…" in t for t in texts)
    _words_whole(people)  # was 'Alexa', 'ndria' and an Arabic word split between its letters
    assert "ndria" not in " ".join(people).split()


def test_fit_lines_keeps_its_tail_whole():
    from orgdocs.chart import text as metrics

    # 60 pt for two lines: "Alexandria" fills the first, "Konstantinopoulou-" is too wide for the second beside
    # " 0.25", so it is shortened, the number kept whole
    assert metrics.fit_lines(COHEADS[0], 60, 9, 2, tail="0.25") == ["Alexandria", "Konsta… 0.25"]
    # a column too narrow for any text beside the number: the number on its own line
    lines = metrics.fit_lines(COHEADS[2], 29, 9, 3, tail="0.25")
    assert lines[-1] == "0.25" and len(lines) == 3
    assert lines[0] == "عبد"  # a whole word; the next one, too wide, is shortened whole, not split in two
    assert lines[1].endswith("…") and "الرحمن".startswith(lines[1][:-1])
    # four lines: the third ends the name after a whole word, "…" saying more is left out ("بن…", not "بن عب…")
    assert metrics.fit_lines(COHEADS[2], 29, 9, 4, tail="0.25") == ["عبد", lines[1], "بن…", "0.25"]
    # no tail: as before
    assert metrics.fit_lines("Ana Ruiz", 100, 9, 2) == ["Ana Ruiz"]


def test_both_writers_draw_the_co_heads_alike(tmp_path):
    from test_chart_svg import both, compare, parse

    org = _cohead_org(tmp_path / "t3")
    for options in ({}, {"direction": "LR"}, {"initials": True}, {"initials": True, "direction": "LR"}):
        ours, theirs = both(org, tmp_path, **options)
        assert compare(parse(ours), parse(theirs)) == [], options
        assert ours.count(b" 0.25</text>") + ours.count(b">0.25</text>") == 4, options  # every FTE, whole


def test_beside_pictures_the_fte_stays_whole(tmp_path):
    # the tester's TB chart with initials: 'Konstantinopou…' with her 0.25 gone, and 'عبد العزيز 0.2…'
    org = _cohead_org(tmp_path / "t3")
    out = tmp_path / "i.svg"
    assert invoke_cli("chart", org, "-o", out, "--initials", "-q").exit_code == 0
    people = [t for t in _box_texts(out, "ceo") if t != "job share" and "Officer" not in t]
    assert sum(t == "0.25" or t.endswith(" 0.25") for t in people) == 4, people
    assert not any("0.2…" in t for t in people), people
    _words_whole(people)
