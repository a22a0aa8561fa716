"""Files an org names (its logo, holders' photos): checked while the org is validated, so that `check` refuses
what `build` would fail on, at the line that names the file.

An asset is a path relative to the org folder that resolves, symlinks followed, to a regular file inside it,
of at most `max_asset_bytes`, whose bytes are the image type its name says: PNG, JPEG, GIF, WebP or SVG.
Raster images are decoded far enough to know they are whole and at most `max_asset_pixels`; an SVG must be
well-formed XML with an <svg> root and no DTD (entity declarations expand without bound).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from xml.etree import ElementTree

from orgdocs.problems import Problem
from orgdocs.source.discover import inside
from orgdocs.source.guards import DEFAULT_LIMITS, Limits
from orgdocs.source.located import Located
from orgdocs.validate.references import find

# where an asset is named, and what it must be
ASSETS: tuple[tuple[str, ...], ...] = (("org", "brand", "logo"),)
# holders' photos: raster only (an SVG photo would be a document, not a picture), and capped on their own
PHOTOS: tuple[str, ...] = ("positions", "*", "holders", "*", "photo")
PHOTO_TYPES = frozenset({".png", ".jpg", ".jpeg", ".webp"})

# suffix -> (kind named in messages, Pillow's format name, or None for SVG)
IMAGE_TYPES = {
    ".png": ("PNG", "PNG"),
    ".jpg": ("JPEG", "JPEG"),
    ".jpeg": ("JPEG", "JPEG"),
    ".gif": ("GIF", "GIF"),
    ".webp": ("WebP", "WEBP"),
    ".svg": ("SVG", None),
}

_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://|(data|file|javascript|blob|about):)", re.IGNORECASE)


def sniff(head: bytes) -> str:
    """The image type the first bytes of a file show, or '' when they show none."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<") and re.search(rb"<svg[\s>/]", head):
        return "SVG"
    return ""


def photo_problem(data: bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[str, str]:
    """A photo's bytes from elsewhere (import's downloads): its file suffix, and what is wrong with it as the rest
    of a sentence ('' when nothing), by the same rules as a photo file: PNG, JPEG or WebP, capped in bytes and
    pixels, whole."""
    if len(data) > limits.max_photo_bytes:
        return "", f"is more than {limits.max_photo_bytes:,} bytes"
    found = sniff(data[:8192])
    suffix = {"PNG": ".png", "JPEG": ".jpg", "WebP": ".webp"}.get(found, "")
    if not suffix:
        return "", f"is not a PNG, JPEG or WebP image ({'a ' + found + ' image' if found else 'not an image'})"
    return suffix, _raster_problem(data, IMAGE_TYPES[suffix][1], limits.max_photo_pixels)


def _raster_problem(path: Path | bytes, fmt: str, max_pixels: int) -> str:
    import io
    import warnings

    from PIL import Image, ImageFile

    def source():
        return io.BytesIO(path) if isinstance(path, bytes) else path

    tolerant = ImageFile.LOAD_TRUNCATED_IMAGES  # WeasyPrint sets it on import; a check must not depend on that
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source(), formats=[fmt]) as img:
                width, height = img.size
                if width * height > max_pixels:
                    return f"is {width} × {height} pixels; the limit is {max_pixels:,} pixels"
                img.verify()  # checksums
            with Image.open(source(), formats=[fmt]) as img:
                img.load()  # a truncated file fails only here
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return f"is larger than {max_pixels:,} pixels"
    except Exception as exc:  # Pillow raises many kinds for damaged files; all mean the same to the user
        return f"is not a readable image ({exc})"
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant
    return ""


def _svg_problem(data: bytes) -> str:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return "is an SVG with a DOCTYPE or entity declarations; remove them"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        return f"is not well-formed SVG ({exc})"
    if root.tag not in ("svg", "{http://www.w3.org/2000/svg}svg"):
        return "is not an SVG image (its root element is not <svg>)"
    return ""


def check_file(name: object, folder: Path, limits: Limits = DEFAULT_LIMITS, *, photo: bool = False) -> str:
    """What is wrong with `name` as an image inside `folder`, as the rest of a sentence; '' when nothing.
    photo: a holder's photo (PNG, JPEG or WebP; max_photo_bytes and max_photo_pixels)."""
    if not isinstance(name, str):
        return ""  # the schema reports the type
    if not name.strip():
        return "is empty; name an image file in the org folder"
    if _URL.match(name):
        return "is a URL; name an image file in the org folder (nothing is fetched from the network)"
    if Path(name).is_absolute() or name.startswith("~"):
        return "is an absolute path; name it relative to the org folder"
    if "\0" in name:
        return "contains a NUL character"
    candidate = folder / name
    if not inside(folder, candidate):
        return "resolves to a file outside the org folder"
    kind, pil_format = IMAGE_TYPES.get(candidate.suffix.lower(), ("", None))
    allowed = PHOTO_TYPES if photo else IMAGE_TYPES
    if not kind or candidate.suffix.lower() not in allowed:
        return f"is not {'a photo' if photo else 'an image'} file name; use one of {', '.join(sorted(allowed))}"
    cap = limits.max_photo_bytes if photo else limits.max_asset_bytes
    try:
        info = os.stat(candidate)
    except FileNotFoundError:
        return "does not exist in the org folder"
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file"
    if info.st_size > cap:
        return f"is {info.st_size:,} bytes; the limit is {cap:,}"
    try:
        with open(candidate, "rb") as fh:
            data = fh.read(cap + 1)
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    found = sniff(data[:8192])
    if found != kind:
        return f"is not a {kind} image (its bytes are {'a ' + found + ' image' if found else 'not an image'})"
    if pil_format is None:
        return _svg_problem(data)
    return _raster_problem(candidate, pil_format, limits.max_photo_pixels if photo else limits.max_asset_pixels)


def check_assets(located: Located, folder: Path, limits: Limits = DEFAULT_LIMITS) -> list[Problem]:
    problems = []
    for pattern in ASSETS:
        for path, value, _ in find(located.data, pattern):
            what = check_file(value, folder, limits)
            if what:
                problems.append(Problem(f"{'.'.join(map(str, path))} {value!r} {what}", located.where(path),
                                        code="bad-asset"))
    for path, value, _ in find(located.data, PHOTOS):
        if what := check_file(value, folder, limits, photo=True):
            problems.append(Problem(f"{'.'.join(map(str, path))} {value!r} {what}", located.where(path),
                                    code="bad-asset"))
    return problems
