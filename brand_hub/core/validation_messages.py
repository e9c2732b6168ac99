"""Pydantic's validation messages in the request's language: the field errors of the project API and v3.

Pydantic writes its messages in English only. Each common error type has its message here, with the
details pydantic gives (`ctx`: the limit, the choices); a type not listed keeps pydantic's words.
"""

import re
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "missing": _("This field is required."),
    "extra_forbidden": _("This field is not accepted."),
    "string_type": _("A text is expected."),
    "string_too_short": _("At least %(min_length)s characters."),
    "string_too_long": _("At most %(max_length)s characters."),
    "string_pattern_mismatch": _("This does not have the expected form."),
    "too_short": _("At least %(min_length)s items."),
    "too_long": _("At most %(max_length)s items."),
    "int_type": _("A whole number is expected."),
    "int_parsing": _("A whole number is expected."),
    "int_from_float": _("A whole number is expected."),
    "float_type": _("A number is expected."),
    "float_parsing": _("A number is expected."),
    "bool_type": _("true or false is expected."),
    "bool_parsing": _("true or false is expected."),
    "greater_than": _("Must be greater than %(gt)s."),
    "greater_than_equal": _("Must be %(ge)s or more."),
    "less_than": _("Must be less than %(lt)s."),
    "less_than_equal": _("Must be %(le)s or less."),
    "literal_error": _("Must be one of: %(expected)s."),
    "enum": _("Must be one of: %(expected)s."),
    "date_type": _("A date (YYYY-MM-DD) is expected."),
    "date_parsing": _("A date (YYYY-MM-DD) is expected."),
    "date_from_datetime_parsing": _("A date (YYYY-MM-DD) is expected."),
    "datetime_type": _("A date and time (ISO 8601) is expected."),
    "datetime_parsing": _("A date and time (ISO 8601) is expected."),
    "datetime_from_date_parsing": _("A date and time (ISO 8601) is expected."),
    "url_type": _("A URL is expected."),
    "url_parsing": _("A URL is expected."),
    "json_invalid": _("This is not valid JSON."),
    "model_type": _("An object is expected."),
    "model_attributes_type": _("An object is expected."),
    "dict_type": _("An object is expected."),
    "list_type": _("A list is expected."),
}


def validation_message(error: dict) -> str:
    """One pydantic error's message in the active language."""
    message = MESSAGES.get(error.get("type", ""))
    if message is None:
        return error.get("msg", "")
    try:
        return str(message) % {key: str(value) for key, value in (error.get("ctx") or {}).items()}
    except (KeyError, TypeError, ValueError):
        return error.get("msg", "")


#: A union member in a validation error's location: a model label (`blog.BlogPage`) or pydantic's
#: own description of a type (`function-after[check(), str]`, `list[int]`).
UNION_MEMBER = re.compile(r"[a-z_]+\.[A-Z]\w*|.*\[.*\]")


def field_name(loc: Iterable) -> str:
    """A validation error's location as the client sent it: `limit`, `title`, `body.0.value`, `file`.

    Ninja locates a parameter as ("query" | "path", name) and a body field as ("body" | "form",
    <view argument>, field, ...): the view's argument means nothing to the client, so it is dropped,
    except for an uploaded file, whose argument is the form field's name ("file", "file").
    """
    # A union's member is in the location too: a tagged one by its tag (a page type's "blog.BlogPage"),
    # others by pydantic's name for it ("function-after[...]"); neither is a field the client sent.
    loc = [str(part) for part in loc if not UNION_MEMBER.fullmatch(str(part))]
    if len(loc) >= 2 and loc[0] in ("body", "form"):
        loc = loc[2:] or ["body"]  # [<source>, <argument>] alone: the body itself is missing
    elif loc and loc[0] in ("query", "path"):
        # The project API names its query schemas `query`, which ninja puts in too:
        # ("query", "query", "board", 1).
        loc = [part for part in loc if part not in ("query", "path")]
    elif loc and loc[0] in ("header", "cookie", "file"):
        loc = loc[1:]
    return ".".join(loc) or "request"


def field_errors(errors: Iterable[dict]) -> list[dict[str, str]]:
    """Pydantic's (or ninja's) errors as the API's {field, message} pairs, in the request's language."""
    answer = []
    for error in errors:
        if error.get("type") == "value_error":  # our own validators' words, without pydantic's prefix
            message = error.get("msg", "").removeprefix("Value error, ")
        else:
            message = validation_message(error)
        answer.append({"field": field_name(error.get("loc", ())), "message": message})
    return answer
