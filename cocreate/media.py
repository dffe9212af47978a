"""Uploaded images: decoded by Pillow, limited, re-encoded (which drops EXIF and anything appended), stored
under a random name in instance/uploads/, and served with their real type, nosniff and a CSP of 'none'.

Only JPEG, PNG and WebP are accepted, judged by decoding the bytes, never by the file name or the declared
type: SVG (scriptable), GIF/HTML polyglots and renamed text files all fail to decode as one of the three.
"""

from __future__ import annotations

import io
import os
import re
import secrets
import warnings
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from PIL import Image, UnidentifiedImageError

from cocreate.errors import InvalidInput

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a decompression bomb declares far more than this in a few kilobytes
MAX_SIDE = 2400  # larger images are scaled down; nobody needs more on a product page
FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}
# Our MAX_PIXELS check is stricter than Pillow's warning threshold, so its warning only adds noise. Set once
# at import: warnings.catch_warnings() per call would not be thread-safe.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
NAME_RE = re.compile(r"^[A-Za-z0-9_-]{22}\.(jpg|png|webp)$")
CONTENT_TYPES = {ext: ctype for ext, ctype in FORMATS.values()}


@dataclass(frozen=True)
class StoredImage:
    name: str
    content_type: str
    width: int
    height: int


def _decode(data: bytes) -> Image.Image:
    if not data:
        raise InvalidInput("The file is empty.", field="image")
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"Images are at most {MAX_BYTES // (1024 * 1024)} MB.", field="image")
    try:
        with Image.open(io.BytesIO(data)) as probe:  # reads the header only
            if probe.format not in FORMATS:
                raise InvalidInput("Upload a JPEG, PNG or WebP image.", field="image")
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise InvalidInput("That image has too many pixels (at most 40 megapixels).", field="image")
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except InvalidInput:
        raise
    except Image.DecompressionBombError:
        raise InvalidInput("That image has too many pixels (at most 40 megapixels).", field="image") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise InvalidInput(
            "Upload a JPEG, PNG or WebP image; this file is not a readable image.", field="image"
        ) from None
    return image


def store_image(data: bytes, directory: Path) -> StoredImage:
    """Validate and re-encode an uploaded image; write it under a random name; return what was stored."""
    image = _decode(data)
    ext, content_type = FORMATS[image.format]
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() or image.mode == "P" else "RGB")
    if ext == "jpg":  # JPEG has no alpha channel
        image = image.convert("RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    options = {"jpg": {"quality": 88, "optimize": True}, "png": {"optimize": True}, "webp": {"quality": 85}}[
        ext
    ]
    image.save(
        out, format={"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}[ext], **options
    )  # no exif= : dropped
    name = f"{secrets.token_urlsafe(16)}.{ext}"
    directory.mkdir(parents=True, exist_ok=True)
    tmp = directory / f".{name}.tmp"
    tmp.write_bytes(out.getvalue())
    os.replace(tmp, directory / name)
    return StoredImage(name=name, content_type=content_type, width=image.width, height=image.height)


def stored_path(name: str, directory: Path) -> tuple[Path, str] | None:
    """The file and its type for a name we generated; None for anything else (no path tricks)."""
    if not NAME_RE.match(name or ""):
        return None
    path = directory / name
    return (path, CONTENT_TYPES[name.rsplit(".", 1)[1]]) if path.is_file() else None


def uploads_dir() -> Path:
    """Where uploaded photos, pictures and product images are kept (instance/uploads/)."""
    return Path(current_app.instance_path) / "uploads"
