"""Refusals raised by services and answered by the API as a 4xx naming the field and the problem."""


class Refused(Exception):
    """A request the rules do not allow: `field` names the input at fault ("request" for none)."""

    status = 400

    def __init__(self, message: str, *, field: str = "request", status: int | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if status is not None:
            self.status = status


class NotAllowed(Refused):
    """The person is known but may not do this."""

    status = 403


class Conflict(Refused):
    """The request clashes with the current state (a vote already cast, a closed phase)."""

    status = 409


def error_body(message: str, *, field: str = "request") -> dict:
    """The project API's error shape: what is wrong, and the input at fault."""
    return {"detail": message, "errors": [{"field": field, "message": message}]}
