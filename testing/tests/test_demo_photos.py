"""The demo's generated photos: the same bytes on every load, one picture per
initiative, and real JPEGs the photo service accepts."""

import hashlib
import io

from PIL import Image

from testing import demo_photos


def test_each_initiative_has_its_own_photo_drawn_the_same_every_time():
    digests = {
        name: hashlib.sha256(demo_photos.photo_jpeg(name)).hexdigest()
        for name in demo_photos.PICTURES
    }
    assert len(set(digests.values())) == len(demo_photos.PICTURES) == 3
    name = "Rejseudstilling i venteområdet"
    assert hashlib.sha256(demo_photos.photo_jpeg(name)).hexdigest() == digests[name]
    with Image.open(io.BytesIO(demo_photos.photo_jpeg(name))) as image:
        assert image.format == "JPEG" and image.size == (960, 720)
