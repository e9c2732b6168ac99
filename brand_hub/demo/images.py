"""Demo pictures drawn locally with Pillow and stored once as Wagtail images, found again by title."""

import random
import zlib
from dataclasses import dataclass
from io import BytesIO

from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont

from django.core.files.images import ImageFile
from django.utils.text import slugify

from wagtail.images import get_image_model

LANDSCAPE = (1200, 675)
PORTRAIT = (480, 480)


@dataclass(frozen=True)
class ImageSpec:
    """One picture of the demo: its title (the identity across runs), a scene and two colours."""

    key: str
    title: str
    label: str
    scene: str
    colors: tuple[str, str]

    @property
    def size(self) -> tuple[int, int]:
        return PORTRAIT if self.scene == "portrait" else LANDSCAPE

    @property
    def seed(self) -> int:
        return zlib.crc32(self.key.encode())


def ensure_demo_image(*, spec: ImageSpec, uploaded_by=None):
    """Return the Wagtail image titled like the spec, drawing and saving it only if it is missing."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=spec.title).order_by("pk").first()
    if existing is not None:
        return existing, False
    image = image_model(
        title=spec.title,
        file=ImageFile(BytesIO(render_jpeg(spec)), name=f"senda-demo-{slugify(spec.key)}.jpg"),
        uploaded_by_user=uploaded_by,
    )
    image.save()
    return image, True


def render_jpeg(spec: ImageSpec) -> bytes:
    """Draw the scene deterministically: the same spec always gives the same pixels."""
    rng = random.Random(spec.seed)
    width, height = spec.size
    picture = vertical_gradient(spec.size, hex_to_rgb(spec.colors[0]), hex_to_rgb(spec.colors[1]))
    draw = ImageDraw.Draw(picture, "RGBA")
    SCENES.get(spec.scene, draw_mountains)(draw, rng, width, height)
    draw_label(picture, spec.label)
    output = BytesIO()
    picture.save(output, format="JPEG", quality=82, optimize=True)
    return output.getvalue()


def hex_to_rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def vertical_gradient(size, top, bottom) -> PillowImage.Image:
    # A one-pixel-wide strip resized to full width: much faster than drawing every row.
    width, height = size
    strip = PillowImage.new("RGB", (1, height))
    for y in range(height):
        t = y / max(1, height - 1)
        strip.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    return strip.resize((width, height))


def ridge(rng, width, base, amplitude, steps=9):
    points = [(0, base)]
    for i in range(1, steps):
        points.append((width * i / steps, base - rng.uniform(0.2, 1.0) * amplitude))
    points.append((width, base - rng.uniform(0.1, 0.6) * amplitude))
    return points


def draw_mountains(draw, rng, width, height):
    draw.ellipse(
        [width * 0.68, height * 0.12, width * 0.68 + height * 0.22, height * 0.34],
        fill=(255, 244, 214, 200),
    )
    for layer, shade in enumerate((70, 45, 20)):
        base = height * (0.72 + layer * 0.1)
        outline = ridge(rng, width, base, height * (0.45 - layer * 0.1))
        draw.polygon(outline + [(width, height), (0, height)], fill=(shade, shade + 10, shade + 25, 215))
    # A trail winding down the front slope.
    trail = [(width * 0.18 + rng.uniform(-40, 40), height * (0.78 + i * 0.05)) for i in range(5)]
    draw.line(trail, fill=(246, 214, 160, 230), width=9, joint="curve")


def draw_forest(draw, rng, width, height):
    draw.rectangle([0, height * 0.8, width, height], fill=(28, 48, 34, 230))
    for _ in range(26):
        x = rng.uniform(0, width)
        tree_height = rng.uniform(height * 0.25, height * 0.55)
        base = height * rng.uniform(0.82, 0.95)
        half = tree_height * 0.28
        green = rng.randint(50, 95)
        draw.polygon(
            [(x, base - tree_height), (x - half, base), (x + half, base)],
            fill=(20, green, 45, 225),
        )


def draw_coast(draw, rng, width, height):
    draw.ellipse(
        [width * 0.1, height * 0.1, width * 0.1 + height * 0.2, height * 0.3], fill=(255, 250, 230, 190)
    )
    for band in range(6):
        top = height * (0.55 + band * 0.08)
        points = [(x, top + 10 * ((x // 80 + band) % 2)) for x in range(0, width + 80, 80)]
        draw.line(points, fill=(255, 255, 255, 80 + band * 20), width=6)
    draw.polygon(
        [(0, height), (0, height * 0.7), (width * 0.35, height * 0.82), (width * 0.55, height)],
        fill=(194, 160, 110, 230),
    )


def draw_workshop(draw, rng, width, height):
    for _ in range(14):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        radius = rng.uniform(30, 120)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], outline=(255, 255, 255, 110), width=5)
    # A stylised shoe sole: the workshop's signature shape.
    sole = [
        (width * 0.25, height * 0.62),
        (width * 0.7, height * 0.55),
        (width * 0.78, height * 0.68),
        (width * 0.3, height * 0.76),
    ]
    draw.polygon(sole, fill=(30, 30, 30, 200))
    for i in range(8):
        x = width * (0.3 + i * 0.055)
        draw.rectangle([x, height * 0.66, x + 18, height * 0.72], fill=(240, 140, 60, 220))


def draw_palette(draw, rng, width, height):
    stripe = width / 6
    for i in range(6):
        shade = tuple(rng.randint(40, 230) for _ in range(3))
        draw.rectangle([i * stripe, height * 0.55, (i + 1) * stripe, height], fill=(*shade, 230))
    draw.ellipse([width * 0.4, height * 0.12, width * 0.6, height * 0.48], fill=(255, 255, 255, 90))


def draw_portrait(draw, rng, width, height):
    draw.ellipse([width * 0.3, height * 0.16, width * 0.7, height * 0.56], fill=(255, 255, 255, 170))
    draw.ellipse([width * 0.14, height * 0.62, width * 0.86, height * 1.3], fill=(255, 255, 255, 140))


SCENES = {
    "mountains": draw_mountains,
    "forest": draw_forest,
    "coast": draw_coast,
    "workshop": draw_workshop,
    "palette": draw_palette,
    "portrait": draw_portrait,
}


def draw_label(picture: PillowImage.Image, label: str) -> None:
    width, height = picture.size
    font = ImageFont.load_default(size=max(22, height // 16))
    draw = ImageDraw.Draw(picture, "RGBA")
    x, y = width * 0.05, height * 0.07
    draw.text((x + 3, y + 3), label, font=font, fill=(0, 0, 0, 120))
    draw.text((x, y), label, font=font, fill=(255, 255, 255))
