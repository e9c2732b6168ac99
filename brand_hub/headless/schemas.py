"""Schemas shared by every router of the project's API."""

from ninja import Schema


class FieldErrorSchema(Schema):
    field: str
    message: str


class ErrorSchema(Schema):
    detail: str
    errors: list[FieldErrorSchema] = []
