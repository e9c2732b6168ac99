"""Wagtail images made in memory for tests."""

import io

import factory
from PIL import Image as PILImage

from django.core.files.images import ImageFile

from wagtail.images import get_image_model


def image_file(name: str = "test.png", size=(640, 480), colour=(200, 80, 40)) -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    return ImageFile(buffer, name=name)


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.LazyFunction(image_file)
