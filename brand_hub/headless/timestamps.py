"""One timestamp format in every API answer: UTC with milliseconds, as JavaScript's Date.toISOString()
writes it (`2026-12-06T04:32:49.521Z`).

Left alone, v2 (DRF) wrote the site's offset with microseconds (`...49.521308+01:00`), v3 and the
project API (Django's JSON encoder) UTC with milliseconds, or none when they were zero. Each API
now renders through an encoder of this module; v2's model fields hand it the datetime itself
(REST_FRAMEWORK's DATETIME_FORMAT is None).
"""

import datetime
from typing import overload

from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder
from rest_framework import renderers
from rest_framework.utils.encoders import JSONEncoder as DRFJSONEncoder

from django.utils import timezone


@overload
def iso_timestamp(value: datetime.datetime) -> str: ...
@overload
def iso_timestamp(value: None) -> None: ...
def iso_timestamp(value: datetime.datetime | None) -> str | None:
    """`value` in UTC, to the millisecond, with a `Z`; a naive value is read in the site's time zone."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    utc = value.astimezone(datetime.UTC).replace(tzinfo=None)
    return utc.isoformat(timespec="milliseconds") + "Z"


class TimestampJSONEncoder(NinjaJSONEncoder):
    """Ninja's (Django's) JSON encoder, writing datetimes as iso_timestamp does."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return iso_timestamp(o)
        return super().default(o)


class TimestampJSONRenderer(JSONRenderer):
    """The renderer of the project API and Wagtail's v3."""

    encoder_class = TimestampJSONEncoder


class TimestampDRFJSONEncoder(DRFJSONEncoder):
    def default(self, obj):
        if isinstance(obj, datetime.datetime):
            return iso_timestamp(obj)
        return super().default(obj)


class TimestampDRFJSONRenderer(renderers.JSONRenderer):
    """The renderer of Wagtail's v2 endpoints."""

    encoder_class = TimestampDRFJSONEncoder
