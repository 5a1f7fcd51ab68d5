"""The demo's photos, drawn with Pillow: a waiting area with a display stand of books
under a poster, and a borgerservice counter with a ticket machine. Deterministic
(each picture has its own seed), so the demo and its catalogue PDF are the same on
every load. No real photo, person or place is shown."""

import io
import random
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageChops, ImageDraw, ImageEnhance, ImageFilter, ImageFont

SIZE = (1200, 900)
HORIZON = 520  # where the back wall meets the floor
VANISHING = (640, 430)


# The app's own vendored font (it has æ, ø and å; Pillow's built-in one has not).
FONT = "static/vendor/source-sans-3-5.3.1/source-sans-3-latin-600-normal.woff2"


def sign_font(size):
    return ImageFont.truetype(str(Path(settings.BASE_DIR, FONT)), size)


def _depth_of_field(image, radius=2.6):
    """The background as a camera focused on the foreground sees it."""
    return image.filter(ImageFilter.GaussianBlur(radius))


def _vertical_gradient(size, top, bottom):
    """An RGB image fading from `top` to `bottom` colour."""
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(
        Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask
    )


def _room(rng, wall, floor):
    """Back wall and floor in perspective, lit from a window at the left."""
    width, height = SIZE
    image = _vertical_gradient(SIZE, wall, tuple(int(c * 0.86) for c in wall))
    floor_image = _vertical_gradient(
        (width, height - HORIZON), tuple(int(c * 0.8) for c in floor), floor
    )
    image.paste(floor_image, (0, HORIZON))
    draw = ImageDraw.Draw(image)
    # Floor tiles: lines to the vanishing point and rows closer together far away.
    line = tuple(int(c * 0.78) for c in floor)
    for x in range(-2400, 3600, 150):
        draw.line(
            (VANISHING[0] + (x - VANISHING[0]) * 0.12, HORIZON, x, height),
            fill=line,
            width=2,
        )
    y, step = HORIZON + 6, 10.0
    while y < height:
        draw.line((0, y, width, y), fill=line, width=1 + int(step > 40))
        y += step
        step *= 1.32
    # Skirting board.
    draw.rectangle(
        (0, HORIZON - 14, width, HORIZON), fill=tuple(int(c * 0.7) for c in wall)
    )
    # Ceiling edge and a strip of ceiling lights.
    draw.rectangle((0, 0, width, 46), fill=tuple(min(255, c + 12) for c in wall))
    for x in range(80, width, 300):
        draw.rectangle((x, 10, x + 170, 30), fill=(255, 253, 240))
    return image


def _window_light(image, rng):
    """A soft bright patch from a window at the left and a darker right side."""
    width, height = SIZE
    light = Image.new("L", SIZE, 0)
    draw = ImageDraw.Draw(light)
    draw.polygon([(0, 60), (330, 140), (300, 700), (0, 820)], fill=110)
    draw.polygon([(0, 830), (300, 710), (700, 900), (0, 900)], fill=60)
    light = light.filter(ImageFilter.GaussianBlur(60))
    image = Image.composite(Image.new("RGB", SIZE, (255, 250, 235)), image, light)
    shade = Image.linear_gradient("L").rotate(90).resize(SIZE)  # dark to the right
    shade = shade.point(lambda v: int(v * 0.28))
    return Image.composite(Image.new("RGB", SIZE, (20, 20, 30)), image, shade)


def _shadow(image, box, strength=150, blur=18):
    """A soft contact shadow (an ellipse) under an object standing on the floor."""
    mask = Image.new("L", SIZE, 0)
    ImageDraw.Draw(mask).ellipse(box, fill=strength)
    mask = mask.filter(ImageFilter.GaussianBlur(blur))
    return Image.composite(Image.new("RGB", SIZE, (30, 28, 32)), image, mask)


def _book(draw, rng, box, palette):
    """A book shown face out: a cover colour, a title band and a spine edge."""
    x0, y0, x1, y1 = box
    colour = rng.choice(palette)
    draw.rectangle(box, fill=colour)
    draw.rectangle((x0, y0, x0 + 4, y1), fill=tuple(int(c * 0.7) for c in colour))
    band = rng.choice([(245, 240, 225), (30, 30, 35), (250, 210, 60)])
    top = y0 + rng.randint(8, max(9, (y1 - y0) // 3))
    draw.rectangle((x0 + 9, top, x1 - 6, top + rng.randint(8, 16)), fill=band)
    for i in range(rng.randint(1, 3)):
        y = top + 24 + i * 9
        if y < y1 - 8:
            draw.line((x0 + 10, y, x1 - rng.randint(10, 24), y), fill=band, width=3)
    # A photo or a drawing on some covers.
    if rng.random() < 0.5 and y1 - y0 > 70:
        draw.ellipse(
            (x0 + 14, y1 - 40, x1 - 14, y1 - 12),
            fill=tuple(min(255, c + 60) for c in rng.choice(palette)),
        )


def _poster(image, box, background, lines, rng):
    """A poster on the wall: a coloured sheet with big short text and a shadow."""
    x0, y0, x1, y1 = box
    image = _shadow(image, (x0 + 8, y0 + 10, x1 + 14, y1 + 16), strength=90, blur=10)
    draw = ImageDraw.Draw(image)
    draw.rectangle((x0 + 6, y0 + 8, x1 + 6, y1 + 8), fill=(90, 88, 92))
    draw.rectangle(box, fill=background)
    y = y0 + 26
    for text, size, colour in lines:
        font = sign_font(size)
        text_width = draw.textlength(text, font=font)
        draw.text((x0 + (x1 - x0 - text_width) / 2, y), text, font=font, fill=colour)
        y += size + 14
    return image, draw, y


def _chairs(image, rng, x, y, count, colour):
    """A row of waiting-room chairs seen a little from the side."""
    for i in range(count):
        cx = x + i * 120
        image = _shadow(
            image, (cx - 10, y + 120, cx + 120, y + 160), strength=120, blur=12
        )
        draw = ImageDraw.Draw(image)
        dark = tuple(int(c * 0.65) for c in colour)
        draw.polygon(
            [(cx, y), (cx + 96, y - 12), (cx + 100, y + 70), (cx + 4, y + 78)],
            fill=dark,
        )
        draw.polygon(
            [
                (cx - 6, y + 78),
                (cx + 100, y + 68),
                (cx + 118, y + 98),
                (cx + 4, y + 112),
            ],
            fill=colour,
        )
        for leg in (cx + 4, cx + 110):
            draw.line((leg, y + 104, leg - 2, y + 150), fill=(60, 60, 66), width=5)
    return image


def _finish(image, rng, *, blur=1.1, grain=16, tilt=-1.2):
    """Camera traits: a slight tilt and lens softness, muted colours under warm
    indoor light, vignetting and sensor noise."""
    width, height = SIZE
    image = ImageEnhance.Color(image).enhance(0.72)
    image = ImageChops.multiply(image, Image.new("RGB", SIZE, (255, 246, 230)))
    image = image.rotate(tilt, resample=Image.Resampling.BICUBIC, expand=False)
    crop = 30
    image = image.crop((crop, crop, width - crop, height - crop)).resize(SIZE)
    image = image.filter(ImageFilter.GaussianBlur(blur))
    vignette = Image.radial_gradient("L").resize(SIZE).point(lambda v: max(0, v - 100))
    image = Image.composite(Image.new("RGB", SIZE, (10, 10, 14)), image, vignette)
    noise = Image.frombytes("L", SIZE, rng.randbytes(width * height))
    noise = noise.point(lambda v: 128 + (v - 128) * grain // 128)
    image = ImageChops.add(
        image, Image.merge("RGB", (noise,) * 3), scale=1, offset=-128
    )
    return image.resize((960, 720), Image.Resampling.LANCZOS)


def display_stand(
    *, seed, poster_lines, poster_colour, sun, label, palette, wall, floor
):
    """A waiting area: a slanted display stand with books face out, a poster on the
    wall behind it and a row of chairs to the right."""
    rng = random.Random(seed)  # noqa: S311 (a seeded picture, not a secret)
    image = _room(rng, wall, floor)
    image, draw, _ = _poster(
        image, (300, 120, 620, 420), poster_colour, poster_lines, rng
    )
    if sun:  # a sun on the travel poster
        draw.ellipse((420, 300, 500, 380), fill=(250, 205, 70))
    image = _chairs(image, rng, 800, 470, 3, (40, 86, 140))
    image = _depth_of_field(image)
    # The stand: a shadow, two side panels and three slanted shelves of books.
    image = _shadow(image, (190, 760, 760, 850), strength=170, blur=20)
    draw = ImageDraw.Draw(image)
    frame = (150, 120, 105)
    draw.polygon(
        [(230, 400), (260, 395), (250, 810), (212, 820)],
        fill=tuple(int(c * 0.8) for c in frame),
    )
    draw.polygon([(690, 380), (715, 385), (730, 800), (700, 795)], fill=frame)
    for tier, (top, bottom) in enumerate(((410, 540), (555, 680), (695, 800))):
        left, right = 246 - tier * 6, 704 + tier * 6
        draw.polygon(
            [
                (left, bottom),
                (right, bottom - 14),
                (right + 8, bottom + 6),
                (left - 6, bottom + 20),
            ],
            fill=tuple(int(c * 1.1) for c in frame),
        )
        x = left + 8
        while x < right - 60:
            w = rng.randint(68, 96)
            lean = rng.randint(-3, 3)
            slope = -14 * (x - left) // (right - left)
            _book(
                draw,
                rng,
                (x, top + lean + slope + rng.randint(0, 10), x + w, bottom + slope),
                palette,
            )
            x += w + rng.randint(4, 10)
    # A little sign on the stand's top.
    font = sign_font(24)
    draw.rectangle(
        (300, 360, 316 + draw.textlength(label, font=font) + 16, 398),
        fill=(250, 250, 246),
    )
    draw.text((316, 364), label, font=font, fill=(40, 40, 50))
    image = _window_light(image, rng)
    return _finish(image, rng)


def counter(*, seed, sign, wall, floor):
    """Borgerservice: a long counter in perspective with screens and a ticket machine
    ("Træk et nummer") at the left, a hanging sign above."""
    rng = random.Random(seed)  # noqa: S311 (a seeded picture, not a secret)
    image = _room(rng, wall, floor)
    draw = ImageDraw.Draw(image)
    # Hanging sign.
    draw.line((560, 46, 560, 120), fill=(80, 80, 80), width=3)
    draw.line((860, 46, 860, 120), fill=(80, 80, 80), width=3)
    image, draw, _ = _poster(
        image, (500, 120, 920, 200), (18, 80, 92), [(sign, 44, (250, 250, 250))], rng
    )
    # Number display on the wall.
    draw.rectangle((960, 230, 1120, 320), fill=(25, 25, 30))
    draw.text((978, 244), "NR.", font=sign_font(22), fill=(255, 120, 60))
    draw.text(
        (1030, 248), str(rng.randint(20, 99)), font=sign_font(56), fill=(255, 120, 60)
    )
    # Brochure rack on the back wall.
    draw.rectangle((140, 260, 300, 470), fill=(200, 200, 205))
    for row in range(3):
        for col in range(3):
            x, y = 150 + col * 50, 270 + row * 66
            draw.rectangle(
                (x, y, x + 42, y + 58),
                fill=rng.choice(
                    [(230, 90, 70), (60, 120, 190), (250, 250, 245), (90, 160, 90)]
                ),
            )
    image = _depth_of_field(image, 1.6)
    # The counter: a top in perspective, its front and a kick plate.
    image = _shadow(image, (320, 740, 1220, 860), strength=160, blur=24)
    draw = ImageDraw.Draw(image)
    top = [(360, 520), (1200, 470), (1200, 520), (300, 590)]
    draw.polygon(top, fill=(214, 190, 150))
    front = [(300, 590), (1200, 520), (1200, 790), (300, 820)]
    draw.polygon(front, fill=(236, 236, 232))
    draw.polygon([(300, 800), (1200, 772), (1200, 790), (300, 820)], fill=(90, 90, 96))
    for x in (560, 860):  # panel joints on the front
        y = 590 - (x - 300) * 70 / 900
        draw.line((x, y, x, 820 - (x - 300) * 30 / 900), fill=(205, 205, 200), width=3)
    # Two screens on the counter.
    for x, y in ((520, 420), (880, 392)):
        draw.polygon(
            [(x, y), (x + 170, y - 12), (x + 170, y + 92), (x, y + 102)],
            fill=(30, 30, 36),
        )
        draw.polygon(
            [(x + 8, y + 8), (x + 162, y - 3), (x + 162, y + 82), (x + 8, y + 92)],
            fill=(120, 160, 200),
        )
        draw.rectangle((x + 76, y + 96, x + 96, y + 130), fill=(40, 40, 44))
    # Ticket machine on a pedestal.
    image = _shadow(image, (40, 800, 240, 860), strength=170, blur=14)
    draw = ImageDraw.Draw(image)
    draw.rectangle((90, 520, 190, 830), fill=(70, 76, 86))
    draw.rectangle((70, 380, 210, 540), fill=(235, 235, 238))
    draw.rectangle((84, 396, 196, 470), fill=(18, 80, 92))
    font = sign_font(19)
    draw.text((94, 402), "Træk et", font=font, fill=(255, 255, 255))
    draw.text((94, 428), "nummer", font=font, fill=(255, 255, 255))
    draw.rectangle((120, 490, 160, 500), fill=(30, 30, 30))
    image = _window_light(image, rng)
    return _finish(image, rng, tilt=0.9)


PICTURES = {
    "Rejseudstilling i venteområdet": lambda: display_stand(
        seed=38,
        poster_lines=[
            ("Skal du ud", 44, (255, 255, 255)),
            ("at rejse?", 44, (255, 255, 255)),
            ("Rejseguider og lydbøger", 22, (255, 235, 170)),
        ],
        poster_colour=(22, 72, 130),
        sun=True,
        label="Lån med på rejsen",
        palette=[
            (200, 60, 50),
            (40, 110, 170),
            (240, 190, 50),
            (70, 140, 90),
            (230, 230, 220),
            (120, 60, 120),
        ],
        wall=(228, 222, 210),
        floor=(150, 140, 128),
    ),
    "Henvisning til IT-hjælp ved skranken": lambda: counter(
        seed=39, sign="Borgerservice", wall=(222, 226, 228), floor=(120, 124, 130)
    ),
    "Kom godt i gang med pensionisttilværelsen": lambda: display_stand(
        seed=40,
        poster_lines=[
            ("Ny som", 44, (40, 40, 40)),
            ("pensionist?", 44, (40, 40, 40)),
            ("Arrangement torsdag kl. 14", 22, (120, 40, 40)),
        ],
        poster_colour=(246, 200, 90),
        sun=False,
        label="Til dig med tid",
        palette=[
            (90, 120, 60),
            (180, 80, 60),
            (60, 90, 140),
            (220, 210, 190),
            (150, 110, 70),
        ],
        wall=(232, 226, 214),
        floor=(140, 120, 100),
    ),
}


def photo_jpeg(initiative_name: str) -> bytes:
    """The JPEG of the demo photo for an initiative (the counter for any other)."""
    picture = (
        PICTURES.get(initiative_name)
        or PICTURES["Henvisning til IT-hjælp ved skranken"]
    )
    out = io.BytesIO()
    picture().save(out, format="JPEG", quality=88)
    return out.getvalue()
