"""Pydantic's validation messages in the request's language: the field errors of the project API.

Pydantic writes its messages in English only. Each common error type has its message here, with the
details pydantic gives (`ctx`: the limit, the choices); a type not listed keeps pydantic's words.
"""

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
