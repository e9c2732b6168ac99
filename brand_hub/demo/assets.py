"""The demo's texts in Spanish, English and Polish, read from the JSON files in site/demo/."""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from anyascii import anyascii

from django.conf import settings
from django.utils.text import slugify

from .images import ImageSpec

SOURCE_LANGUAGE = "es"
TARGET_LANGUAGES = ("en", "pl")
LANGUAGES = (SOURCE_LANGUAGE, *TARGET_LANGUAGES)

#: How the assets mark an internal link in rich text: <a page='ref'>, ref being another page's "ref".
PAGE_LINK = re.compile(r"""<a page=['"]([\w-]+)['"]>""")


class DemoContentError(Exception):
    """The demo assets are inconsistent or a text has no translation; nothing gets published."""


@dataclass(frozen=True)
class DemoAssets:
    site: dict
    posts: list[dict]
    groups: list[dict]
    board: dict
    challenges: list[dict]
    ideas: list[dict]
    images: dict[str, ImageSpec]
    #: The community's members and, per language, its discussions, group moderators and shares.
    activity: dict

    @property
    def verbatim(self) -> list[str]:
        """Texts that read the same in every language (the brand, a currency code)."""
        return self.site.get("verbatim", [])


def demo_directory() -> Path:
    return Path(settings.BASE_DIR) / "site" / "demo"


def load_assets(directory: Path | None = None) -> DemoAssets:
    directory = directory or demo_directory()

    def read(name: str) -> dict:
        path = directory / name
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise DemoContentError(f"The demo asset {path} is missing") from error
        except json.JSONDecodeError as error:
            raise DemoContentError(f"The demo asset {path} is not valid JSON: {error}") from error

    site = read("content.json")
    ideas = read("ideas.json")
    images = {
        spec["key"]: ImageSpec(
            key=spec["key"],
            title=spec["title"],
            label=spec["label"],
            scene=spec["scene"],
            colors=tuple(spec["colors"]),
        )
        for spec in site["images"]
    }
    return DemoAssets(
        site=site,
        posts=read("blog.json")["posts"],
        groups=read("community.json")["groups"],
        board=ideas["board"],
        challenges=ideas["challenges"],
        ideas=ideas["ideas"],
        images=images,
        activity=read("activity.json"),
    )


def is_text(value) -> bool:
    """A text of the assets is an object with exactly one entry per language."""
    return isinstance(value, dict) and value.keys() == set(LANGUAGES)


def in_language(value, language: str):
    """The value with each of its texts replaced by its version in that language."""
    if is_text(value):
        return value[language]
    if isinstance(value, dict):
        return {key: in_language(item, language) for key, item in value.items()}
    if isinstance(value, list):
        return [in_language(item, language) for item in value]
    return value


def texts_in(value) -> Iterator[dict]:
    """Every text inside a value of the assets, depth first."""
    if is_text(value):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts_in(item)


def slug_in(spec: dict, language: str) -> str:
    """The page's slug: given in the assets, or made from its title in that language.

    Made ASCII first because wagtail-localize runs Django's ASCII slugify on translated slugs,
    which would drop letters such as the Polish ł rather than transliterate them.
    """
    if "slug" in spec:
        return spec["slug"][language]
    return slugify(anyascii(spec["title"][language]))


def link_pages(html: str, page_ids: dict[str, int]) -> str:
    """Turn the assets' <a page='ref'> into Wagtail's stored form <a linktype="page" id="N">."""

    def replace(match: re.Match) -> str:
        ref = match.group(1)
        if ref not in page_ids:
            raise DemoContentError(
                f"A text links to the page {ref!r}, which does not exist yet; "
                "in the assets, links may only point at pages created earlier"
            )
        return f'<a linktype="page" id="{page_ids[ref]}">'

    return PAGE_LINK.sub(replace, html)
