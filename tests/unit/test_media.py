"""Image uploads: only real JPEG/PNG/WebP, limited, re-encoded without metadata, random names."""

import io

import pytest
from PIL import Image

from cocreate import media
from cocreate.errors import InvalidInput


def _image(fmt: str, size=(64, 48), exif: bool = False, mode="RGB") -> bytes:
    out = io.BytesIO()
    image = Image.new(mode, size, (200, 80, 40) if mode == "RGB" else None)
    options = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SpyCam"  # Make
        data[0x8825] = {2: (51.0, 30.0, 0.0)}  # GPS latitude
        options["exif"] = data.tobytes()
    image.save(out, format=fmt, **options)
    return out.getvalue()


@pytest.mark.parametrize(
    ("fmt", "ext", "ctype"),
    [("JPEG", "jpg", "image/jpeg"), ("PNG", "png", "image/png"), ("WEBP", "webp", "image/webp")],
)
def test_real_images_are_stored_under_random_names(tmp_path, fmt, ext, ctype):
    stored = media.store_image(_image(fmt), tmp_path)
    assert stored.name.endswith(f".{ext}") and stored.content_type == ctype
    assert media.NAME_RE.match(stored.name)
    assert media.stored_path(stored.name, tmp_path) == (tmp_path / stored.name, ctype)
    with Image.open(tmp_path / stored.name) as again:
        assert again.format == fmt and again.size == (64, 48)


def test_metadata_is_stripped(tmp_path):
    original = _image("JPEG", exif=True)
    assert b"SpyCam" in original
    stored = media.store_image(original, tmp_path)
    saved = (tmp_path / stored.name).read_bytes()
    assert b"SpyCam" not in saved
    with Image.open(tmp_path / stored.name) as again:
        assert not again.getexif()


def test_large_images_are_scaled_down(tmp_path):
    stored = media.store_image(_image("PNG", size=(5000, 1000)), tmp_path)
    assert (stored.width, stored.height) == (2400, 480)


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
GIF_HTML = b"GIF89a/*<html><script>alert(1)</script></html>*/=1;"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"just some text renamed to photo.jpg",
        SVG,
        GIF_HTML,
        _image("GIF"),
        _image("BMP"),
        _image("JPEG")[:200],
        b"<html><body>hi</body></html>",
    ],
    ids=["empty", "text", "svg-script", "gif-html-polyglot", "gif", "bmp", "truncated-jpeg", "html"],
)
def test_anything_else_is_refused_and_nothing_is_written(tmp_path, data):
    with pytest.raises(InvalidInput):
        media.store_image(data, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_decompression_bomb_and_oversize_are_refused(tmp_path):
    bomb = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(bomb, format="PNG")  # 144 megapixels in a few kilobytes
    assert len(bomb.getvalue()) < 100_000
    with pytest.raises(InvalidInput, match="too many pixels"):
        media.store_image(bomb.getvalue(), tmp_path)
    with pytest.raises(InvalidInput, match="8 MB"):
        media.store_image(b"\xff\xd8\xff" + b"0" * media.MAX_BYTES, tmp_path)


@pytest.mark.parametrize("name", ["../secret_key", "x.jpg", "a" * 22 + ".svg", "", "a" * 22 + ".jpg/../x"])
def test_only_generated_names_are_served(tmp_path, name):
    assert media.stored_path(name, tmp_path) is None
