"""People in boxes (issue 15): holders' photos cropped round or square, or their initials, in the chart's SVG, PDF
and PNG; none where names are hidden; a photo Graphviz draws comes from a private folder of its own run, never
from a path of the user's.

The org is written here. Each photo is one flat, distinctive colour, so a picture can be told apart by its
pixels: Ana's magenta (PNG, portrait: cropped at its centre), Bo's green (JPEG, landscape), Cy's blue (WebP).
One-person boxes: ceo (Ana, photo), cto (Bo, photo), design (Cy, photo), pm (Dee Ng, no photo: initials "DN").
Not one-person: the engineers (a group of 3 seats with 2 holders) and the open role.
"""

from __future__ import annotations

import base64
import io
import json
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import invoke_cli
from PIL import Image
from test_chart_svg import compare, parse

from orgdocs.chart.options import ChartOptions
from orgdocs.commands import steps
from orgdocs.render import chart as chart_render
from orgdocs.render import chart_dot, photos
from orgdocs.render.chart_dot import dot_parts

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
MAGENTA, GREEN, BLUE = (255, 0, 255), (0, 200, 0), (0, 0, 255)
PHOTOS = {"ana.png": (MAGENTA, (120, 160), "PNG"), "bo.jpg": (GREEN, (200, 120), "JPEG"),
          "cy.webp": (BLUE, (100, 100), "WEBP")}


def people_org(folder: Path) -> Path:
    (folder / "photos").mkdir(parents=True, exist_ok=True)
    for name, (colour, size, fmt) in PHOTOS.items():
        Image.new("RGB", size, colour).save(folder / "photos" / name, fmt, **({"lossless": True} if fmt == "WEBP"
                                                                             else {}))
    org = {
        "org": {"name": "People in boxes", "as_of": "2025-01-31"},
        "positions": [
            {"id": "ceo", "title": "Chief Executive",
             "holders": [{"name": "Ana Ruiz", "photo": "photos/ana.png", "url": "https://example.com/ana",
                          "email": "ana@example.com"}]},
            {"id": "cto", "title": "Chief Technology Officer", "reports_to": "ceo",
             "holders": [{"name": "Bo Li", "photo": "photos/bo.jpg"}]},
            {"id": "design", "title": "Head of Design", "reports_to": "ceo",
             "holders": [{"name": "Cy Vo", "photo": "photos/cy.webp"}]},
            {"id": "pm", "title": "Product Manager", "reports_to": "cto", "holders": ["Dee Ng"]},
            {"id": "engineers", "title": "Engineer", "reports_to": "cto", "count": 3, "holders": ["Ed Ox", "Fay Po"]},
            {"id": "analyst", "title": "Analyst", "reports_to": "design", "open": True},
        ],
    }
    (folder / "org.yaml").write_text(json.dumps(org), encoding="utf-8")
    return folder


@pytest.fixture
def org(tmp_path):
    return people_org(tmp_path / "people")


def drawn(folder: Path, **options):
    [item] = steps.load([str(folder)])
    return item, chart_render.draw(item.analysis, ChartOptions(**options), item.source.folder)


def render(folder: Path, fmt: str, **options) -> bytes:
    item, d = drawn(folder, **options)
    [page] = chart_render.render_drawn(item.analysis, d, fmt, item.source.folder)
    return page.data


def images(svg: bytes) -> dict[str, list[Image.Image]]:
    """The pictures in each box of our SVG, decoded: {node id: [image]}."""
    out: dict[str, list[Image.Image]] = {}
    for g in ET.fromstring(svg).iter(SVG + "g"):
        if "node" in (g.get("class") or "").split():
            for im in g.iter(SVG + "image"):
                href = im.get(XLINK + "href")
                assert href.startswith("data:image/png;base64,"), href[:40]  # never a file, never the network
                out.setdefault(g.get("id"), []).append(Image.open(io.BytesIO(base64.b64decode(href.split(",", 1)[1]))))
    return out


def centre(img: Image.Image) -> tuple[int, ...]:
    return img.convert("RGBA").getpixel((img.width // 2, img.height // 2))


def test_each_one_person_box_has_its_photo_or_initials_in_the_svg(org):
    found = images(render(org, "svg"))
    assert sorted(found) == ["pos-ceo", "pos-cto", "pos-design", "pos-pm"]  # not the group, not the open role
    assert all(len(v) == 1 for v in found.values())
    assert centre(found["pos-ceo"][0])[:3] == MAGENTA and centre(found["pos-cto"][0])[:3] == GREEN
    assert centre(found["pos-design"][0])[:3] == BLUE
    pm = found["pos-pm"][0].convert("RGBA")
    assert pm.getpixel((28, 4))[:3] == photos.DISC  # the disc, with white letters across its middle
    assert any(min(pm.getpixel((x, 28))[:3]) >= 240 for x in range(10, 46))  # white, within 16 colours' rounding
    ceo = found["pos-ceo"][0]
    assert ceo.size == (56, 56)  # 28 pt drawn, 2 px a point
    assert ceo.convert("RGBA").getpixel((0, 0))[3] == 0  # round: the corner is transparent
    assert ceo.convert("RGBA").getpixel((28, 2))[3] == 255  # ... and the top of the disc is not


def test_square_photos_fill_their_corners(org):
    found = images(render(org, "svg", photos="square"))
    assert found["pos-ceo"][0].convert("RGBA").getpixel((0, 0)) == (*MAGENTA, 255)


def test_initials_are_the_holders_and_follow_the_option(org):
    item, d = drawn(org)
    boxes = d[0].scene.boxes
    assert boxes["pm"].initials == "DN" and boxes["ceo"].photo == "photos/ana.png"
    assert sorted(images(render(org, "svg", initials=False))) == ["pos-ceo", "pos-cto", "pos-design"]
    assert images(render(org, "svg", photos="none")) == {}  # no photo shown: no initials unless asked
    # no photos and initials only when asked: every one-person box gets its initials
    assert sorted(images(render(org, "svg", photos="none", initials=True))) == ["pos-ceo", "pos-cto", "pos-design",
                                                                                "pos-pm"]
    assert images(render(org, "svg", photos="none", initials=False)) == {}


def _rewrite(folder: Path, change) -> Path:
    data = json.loads((folder / "org.yaml").read_text())
    change(data)
    (folder / "org.yaml").write_text(json.dumps(data))
    return folder


def _no_photos(data):
    for p in data["positions"]:
        p["holders"] = [h["name"] if isinstance(h, dict) else h for h in p.get("holders", [])]


def _no_open_role(data):
    data["positions"] = [p for p in data["positions"] if p["id"] != "analyst"]


def test_a_chart_without_photos_is_unchanged_and_boxes_grow_only_for_pictures(tmp_path):
    """Initials appear by default only beside photos: an org without any photo draws no picture. Box heights,
    by hand (layout.py): 42 for the colour band and two lines of title, then 24 for names (+12 for a status
    line); a picture needs 28 + 8 = 36 under the title."""
    plain = _rewrite(people_org(tmp_path / "p"), _no_photos)
    _, d = drawn(plain)
    assert not d[0].scene.avatars and not any(b.initials or b.avatar for b in d[0].scene.boxes.values())
    assert d[0].layout.boxes["ceo"].h == 42 + 24 + 12  # the open role's status line
    _, pictured = drawn(people_org(tmp_path / "q"))
    assert pictured[0].scene.avatars == "round"
    assert pictured[0].layout.boxes["ceo"].h == 42 + max(24 + 12, 36)  # the picture fits in the same room
    _, no_status = drawn(_rewrite(_rewrite(people_org(tmp_path / "r"), _no_open_role), _no_photos))
    assert no_status[0].layout.boxes["ceo"].h == 42 + 24
    _, grown = drawn(_rewrite(people_org(tmp_path / "s"), _no_open_role))
    assert grown[0].layout.boxes["ceo"].h == 42 + 36  # here the pictures make every box 12 pt taller


@pytest.mark.parametrize("options", [{}, {"photos": "square"}, {"direction": "LR"}, {"counts": True},
                                     {"expand_groups": True}, {"page": "A4"}])
def test_both_writers_draw_the_same_boxes_with_pictures(org, tmp_path, options):
    item, d = drawn(org, **options)
    ours = chart_render.render_drawn(item.analysis, d, "svg", item.source.folder)[0].data
    theirs = chart_render.render_drawn(item.analysis, d, "svg", item.source.folder, svg_writer="graphviz")[0].data
    assert compare(parse(ours), parse(theirs)) == []
    # Graphviz places the pictures where ours are, within a point
    pos = [tuple(float(v) for v in m) for m in re.findall(rb'<image[^>]* x="([-\d.]+)" y="([-\d.]+)"', ours)]
    ref = [tuple(float(v) for v in m) for m in re.findall(rb'<image[^>]* x="([-\d.]+)" y="([-\d.]+)"', theirs)]
    assert len(pos) == len(ref) >= 3
    assert all(abs(a - b) <= 1 and abs(c - e) <= 1 for (a, c), (b, e) in zip(pos, ref))


def test_the_pdf_has_an_image_per_picture(org):
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(render(org, "pdf")))
    xobjects = [x.get_object() for page in reader.pages
                for x in page["/Resources"].get("/XObject", {}).values()]
    pictures = [x for x in xobjects if x["/Subtype"] == "/Image"]
    assert len(pictures) == 4  # ceo, cto, design (photos) and pm (initials)
    assert {(x["/Width"], x["/Height"]) for x in pictures} == {(56, 56)}


def test_the_png_shows_each_photo_inside_its_box(org):
    item, d = drawn(org)
    svg = chart_render.render_drawn(item.analysis, d, "svg", item.source.folder)[0]
    [png] = chart_render.render_drawn(item.analysis, d, "png", item.source.folder)
    img = Image.open(io.BytesIO(png.data)).convert("RGB")
    scale = img.width / svg.width  # pixels a point
    chart = parse(svg.data)

    def pixels_of(colour, rect) -> int:
        x0, y0, x1, y1 = (round(v * scale) for v in rect)
        # from the top of the sheet: the parsed rectangles are in Graphviz's y-up units, flipped by parse()
        return sum(1 for x in range(x0, x1) for y in range(y0, y1) if img.getpixel((x, y)) == colour)

    everywhere = (0, 0, svg.width, svg.height)
    for key, colour in (("pos-ceo", MAGENTA), ("pos-cto", GREEN), ("pos-design", BLUE)):
        inside = pixels_of(colour, chart.nodes[key]["box"].rect)
        # 28 pt across at 96 dpi: a disc ~37 px wide, π/4 of its square (about 1,000 px); flat colour
        assert inside > 600, key
        assert pixels_of(colour, everywhere) == inside  # nowhere else


@pytest.mark.parametrize("fmt", ["svg", "pdf", "png"])
def test_hidden_names_hide_photos_and_initials_too(org, fmt):
    data = render(org, fmt, hide_names=True)
    if fmt == "svg":
        assert b"<image" not in data and b"Ana Ruiz" not in data
    elif fmt == "pdf":
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(data))
        assert not any(page["/Resources"].get("/XObject") for page in reader.pages)
    else:
        img = Image.open(io.BytesIO(data)).convert("RGB")
        assert not any(px in (MAGENTA, GREEN, BLUE) for _, px in img.getcolors(1 << 20))


def test_graphviz_reads_pictures_only_from_its_own_folder_which_is_removed(org, tmp_path, monkeypatch):
    item, d = drawn(org)
    parts = dot_parts(d[0].scene, d[0].layout)
    source = chart_dot.to_dot(d[0].scene, d[0].layout, d[0].page.options, parts)
    srcs = re.findall(r'<IMG SRC="([^"]*)"', source)
    assert len(srcs) == 4 and all(re.fullmatch(r"avatar-[0-9a-f]{20}\.png", s) for s in srcs)
    assert "photos/" not in source and str(org) not in source  # no user path reaches Graphviz
    assert set(parts.images) == set(srcs)
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    from orgdocs.render import graphviz

    seen = []
    real = graphviz.subprocess.run

    def spy(args, **kw):  # what Graphviz may read while it runs: its folder, and that folder's files
        folder = Path(kw["env"]["GV_FILE_PATH"])
        seen.append((folder, sorted(p.name for p in folder.iterdir()), args))
        return real(args, **kw)

    monkeypatch.setattr(graphviz.subprocess, "run", spy)
    pdf = chart_render.render_drawn(item.analysis, d, "pdf", org)[0].data
    assert pdf.startswith(b"%PDF") and list(private.iterdir()) == []  # made for the run, and gone after it
    [(folder, files, args)] = seen
    assert folder.parent == private.resolve() and folder != org.resolve()  # never the org folder
    assert files == sorted(set(srcs)) and f"-Gimagepath={folder}" in args

    with pytest.raises(ValueError):  # a name that is not a picture's (a path) is refused before Graphviz runs
        graphviz.run("digraph {}", "svg", folder=tmp_path, images={"../x.png": b""})


def test_the_public_tree_has_no_photo_and_all_hands_has_them(org, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "site"
    result = invoke_cli("build", str(org), "--audience", "all", "--out-dir", str(out), "-q")
    assert result.exit_code == 0, result.output
    assert len(images((out / "all-hands/people/chart.svg").read_bytes())) == 4
    public = out / "public"
    for path in public.rglob("*"):
        if path.is_file() and path.suffix in (".svg", ".html", ".js", ".json"):
            text = path.read_bytes()
            assert b"data:image/png" not in text and b"Ana Ruiz" not in text and b"example.com" not in text, path
    page = (out / "all-hands/people/positions/ceo.html").read_text()
    assert 'class="holder-photo" src="data:image/png;base64,' in page
    assert 'href="https://example.com/ana"' in page and "ana@example.com" not in page  # email: hr alone
    assert 'href="mailto:ana@example.com"' in (out / "hr/people/positions/ceo.html").read_text()


def test_avatar_png_is_deterministic_and_crops_the_centre():
    img = Image.new("RGB", (300, 100), (255, 0, 0))
    for x in range(100, 200):
        for y in range(100):
            img.putpixel((x, y), (0, 0, 255))  # the centre square is blue, the sides red
    buf = io.BytesIO()
    img.save(buf, "PNG")
    a = photos.avatar_png(20, "square", photo=buf.getvalue())
    assert a == photos.avatar_png(20, "square", photo=buf.getvalue())
    out = Image.open(io.BytesIO(a)).convert("RGBA")
    assert out.size == (40, 40) and out.getpixel((0, 0)) == (0, 0, 255, 255)  # only the centre is left
    with pytest.raises(ValueError):
        photos.avatar_png(20, "round", photo=b"not an image")


def _job_share(data):
    data["positions"].append({"id": "ops", "title": "Head of Operations", "kind": "co-head", "reports_to": "ceo",
                              "holders": [{"name": "Gil Ha", "fte": 0.5, "photo": "photos/cy.webp"},
                                          {"name": "Hal Ik", "fte": 0.5}]})


@pytest.mark.parametrize("options", [{}, {"direction": "LR"}, {"photos": "square"}])
def test_each_co_head_has_a_picture_beside_their_name(tmp_path, options):
    folder = _rewrite(people_org(tmp_path / "p"), _job_share)
    item, d = drawn(folder, **options)
    ours = chart_render.render_drawn(item.analysis, d, "svg", folder)[0].data
    theirs = chart_render.render_drawn(item.analysis, d, "svg", folder, svg_writer="graphviz")[0].data
    assert compare(parse(ours), parse(theirs)) == []
    if options.get("direction") == "LR":  # one box width for two columns: no room for pictures beside names
        assert "pos-ops" not in images(ours) and len(images(ours)) == 4
        return
    [gil, hal] = images(ours)["pos-ops"]
    assert centre(gil)[:3] == BLUE and hal.convert("RGBA").getpixel((28, 4))[:3] == photos.DISC  # Hal's initials
    assert parse(ours).nodes["pos-ops"]["texts"][1:] == ["Gil Ha 0.5", "Hal Ik 0.5", "job share"]
    # Graphviz puts them in the same places
    pos = re.findall(rb'<image[^>]* x="([-\d.]+)" y="([-\d.]+)"', ours)
    ref = re.findall(rb'<image[^>]* x="([-\d.]+)" y="([-\d.]+)"', theirs)
    assert len(pos) == len(ref) == 6
    assert all(abs(float(a) - float(b)) <= 1 and abs(float(c) - float(e)) <= 1 for (a, c), (b, e) in zip(pos, ref))
    hidden = chart_render.render_drawn(item.analysis, drawn(folder, hide_names=True, **options)[1], "svg",
                                       folder)[0].data
    assert b"<image" not in hidden


@pytest.mark.parametrize("name, expected", [
    ("Ana María Ruiz", "AR"), ("Zoë O'Brien-Łukasiewicz", "ZO"), ("bob", "B"), ("Иван Петров", "ИП"),
    ("Ψάρης Νίκος", "ΨΝ"), ('Dee "D" <Delta>', "DD"),
    ("张伟", ""), ("محمد عبد الله", ""), ("山田 太郎", ""),  # no initials by convention (and no reversed pairs)
])
def test_initials(name, expected):
    from orgdocs.chart.scene import initials

    assert initials(name) == expected


def _deck_pictures(data: bytes) -> dict[str, Image.Image]:
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    slide = Presentation(io.BytesIO(data)).slides[0]
    return {s.name: Image.open(io.BytesIO(s.image.blob)) for s in slide.shapes
            if s.shape_type == MSO_SHAPE_TYPE.PICTURE}


def test_the_pptx_has_a_picture_per_person_over_their_box(org):
    """The deck shows the SVG's pictures: each photo (by its colour) and the initials, as picture shapes inside
    their box's shape; none where names are hidden."""
    from pptx import Presentation

    data = render(org, "pptx")
    found = _deck_pictures(data)
    assert sorted(found) == ["photo-ceo", "photo-cto", "photo-design", "photo-pm"]
    assert centre(found["photo-ceo"])[:3] == MAGENTA and centre(found["photo-cto"])[:3] == GREEN
    assert centre(found["photo-design"])[:3] == BLUE
    shapes = {s.name: s for s in Presentation(io.BytesIO(data)).slides[0].shapes}
    for key in ("ceo", "cto", "design", "pm"):
        box, pic = shapes[f"pos-{key}"], shapes[f"photo-{key}"]
        assert box.left <= pic.left and pic.left + pic.width <= box.left + box.width
        assert box.top <= pic.top and pic.top + pic.height <= box.top + box.height
    assert _deck_pictures(render(org, "pptx", hide_names=True)) == {}
