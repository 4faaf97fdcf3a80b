"""Phone photos and the one-file preview."""

from __future__ import annotations

import io

from PIL import Image

from tests.helpers import make_project, run

CASE = "content/cases/2017/ceshi-ztdr.md"
IMAGE = "content/cases/2017/images/ceshi-1.jpg"


def phone_photo() -> bytes:
    """3000×2000 pixels stored sideways with EXIF orientation 6 and a GPS position, like a phone's.

    Shown upright it is 2000 wide and 3000 high: red on top, blue at the bottom."""
    upright = Image.new("RGB", (2000, 3000), "blue")
    upright.paste(Image.new("RGB", (2000, 1500), "red"), (0, 0))
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # orientation 6 turns it back
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (31.0, 11.0, 30.0), 3: "E", 4: (121.0, 26.0, 10.0)})
    buffer = io.BytesIO()
    stored.save(buffer, "JPEG", exif=exif, quality=90)
    return buffer.getvalue()


def test_phone_photo_is_upright_bounded_and_without_exif(tmp_path):
    root = make_project(tmp_path / "project")
    original = phone_photo()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the fixture really has GPS
    (root / IMAGE).write_bytes(original)
    assert run(root, "build").returncode == 0
    media = root / "site/media/cases/2017/images"
    assert sorted(p.name for p in media.iterdir()) == [
        "ceshi-1.thumb.jpg",
        "ceshi-1.thumb.webp",
        "ceshi-1.web.jpg",
        "ceshi-1.web.webp",
    ]
    for name, size in (("ceshi-1.web", (1067, 1600)), ("ceshi-1.thumb", (320, 480))):
        for ext in ("jpg", "webp"):
            data = (media / f"{name}.{ext}").read_bytes()
            image = Image.open(io.BytesIO(data))
            assert image.size == size, (name, ext, image.size)
            assert not image.getexif() and "exif" not in image.info, (name, ext)
            assert b"PhoneMaker" not in data and b"Exif" not in data
            rgb = image.convert("RGB")
            top, bottom = rgb.getpixel((size[0] // 2, 5)), rgb.getpixel((size[0] // 2, size[1] - 5))
            assert top[0] > 200 > top[2] and bottom[2] > 200 > bottom[0], (name, ext, top, bottom)
    page = (root / "site/cases/ceshi-ztdr/index.html").read_text(encoding="utf-8")
    assert "ceshi-1.web.webp" in page and "ceshi-1.web.jpg" in page and "ceshi-1.jpg" not in page
    listing = (root / "site/cases/index.html").read_text(encoding="utf-8")
    assert "ceshi-1.thumb.webp" in listing and "ceshi-1.web." not in listing
    assert not list((root / "site").rglob("ceshi-1.jpg"))


def test_too_large_or_broken_originals_are_rejected(tmp_path):
    root = make_project(tmp_path / "project")
    (root / IMAGE).write_bytes(b"\xff\xd8" + b"\0" * (16 * 1024 * 1024))
    done = run(root, "check")
    assert done.returncode == 1
    assert "错误[file-too-large] `images[1].src` 的图片「images/ceshi-1.jpg」有 16.0 MB，超过上限 15 MB" in done.stdout
    (root / IMAGE).write_bytes(b"not a picture")
    done = run(root, "check")
    assert "错误[file-type] `images[1].src` 的图片「images/ceshi-1.jpg」无法读取" in done.stdout


def test_preview_builds_one_item_even_a_draft(tmp_path):
    root = make_project(tmp_path / "project")
    case = root / CASE
    case.write_text(
        case.read_text(encoding="utf-8").replace("reviewed_by: 王某某\n", "reviewed_by: 王某某\ndraft: true\n")
    )
    done = run(root, "preview", str(case))
    assert done.returncode == 0, done.stdout + done.stderr
    site = root / "build/preview/site"
    assert (site / "cases/ceshi-ztdr/index.html").is_file()
    assert not (site / "micro-lessons/ceshi-dangzhang").exists()  # built alone
    assert not (root / "site").exists()  # the published site is untouched
    broken = run(root, "preview", str(root / "content/cases/2017/missing.md"))
    assert broken.returncode == 1 and "Traceback" not in broken.stderr
