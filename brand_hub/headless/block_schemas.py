"""StreamField values typed for the OpenAPI documents: a discriminated union of the block library.

Each stream child is `{"type": <block name>, "value": ..., "id": ...}`, as Wagtail answers; the
union is discriminated on `type`, so a typed client narrows a child to its block's value. A value
is typed by the block's own `api_schema` when it declares one, otherwise derived from the block
(a struct from its children, a choice from its choices); a block that shapes its own API value
without declaring `api_schema` is a configuration error, so the documents cannot drift silently.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from ninja import Schema
from pydantic import Field, create_model

from django.core.exceptions import ImproperlyConfigured
from django.utils.text import camel_case_to_spaces

from wagtail import blocks
from wagtail.fields import StreamField

#: Wagtail's field blocks whose API value is their stored value, by the Python type of that value.
FIELD_BLOCK_TYPES: tuple[tuple[type[blocks.Block], Any], ...] = (
    (blocks.BooleanBlock, bool),
    (blocks.IntegerBlock, int),
    (blocks.FloatBlock, float),
    (blocks.DecimalBlock, Decimal),
    (blocks.DateTimeBlock, datetime.datetime),
    (blocks.DateBlock, datetime.date),
    (blocks.TimeBlock, datetime.time),
    # Choosers answer with the chosen object's id.
    (blocks.ChooserBlock, int),
    (blocks.RichTextBlock, str),
    (blocks.RawHTMLBlock, str),
    (blocks.FieldBlock, str),
)

_named: dict[tuple[type[blocks.Block], str], Any] = {}


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _shapes_its_own_value(block: blocks.Block) -> bool:
    """Whether a class outside Wagtail overrides get_api_representation for this block, changing its shape
    (a block that only fills in values of Wagtail's shape says so with `keeps_api_shape`)."""
    if getattr(block, "keeps_api_shape", False):
        return False
    for cls in type(block).__mro__:
        if "get_api_representation" in vars(cls):
            return not cls.__module__.startswith("wagtail.")
    return False


def may_be_empty(block: blocks.Block) -> bool:
    """Whether Wagtail can answer None for this block: when it is optional, or when it has no default
    and a struct stored before the block was added to it fills it with that (missing) default."""
    return not block.required or block.get_default() is None


def block_value_schema(block: blocks.Block, name: str) -> Any:
    """The type of `block.get_api_representation(...)`; `name` names the schemas made for it."""
    declared = getattr(block, "api_schema", None)
    if declared is not None:
        return declared
    if _shapes_its_own_value(block):
        raise ImproperlyConfigured(
            f"{type(block).__qualname__} shapes its own API value: declare it as `api_schema` "
            "so the OpenAPI documents can type it."
        )
    if isinstance(block, blocks.StreamBlock):
        return list[stream_child_schema(block, name)]
    if isinstance(block, blocks.ListBlock):
        return list[block_value_schema(block.child_block, f"{name}Item")]
    if isinstance(block, blocks.StructBlock):
        return struct_schema(block, name)
    if isinstance(block, blocks.ChoiceBlock):
        values = tuple(str(value) for value, _label in block.field.choices if value != "")
        value_type = Literal[values]  # ty: ignore[invalid-type-form]
        return value_type | Literal[""] | None if may_be_empty(block) else value_type
    for block_class, value_type in FIELD_BLOCK_TYPES:
        if isinstance(block, block_class):
            # A chosen object may have been deleted since it was chosen.
            nullable = may_be_empty(block) or block_class is blocks.ChooserBlock
            return value_type | None if nullable else value_type
    raise ImproperlyConfigured(f"{type(block).__qualname__} has no API type: declare it as `api_schema`.")


def _reusable_name(block: blocks.Block, fallback: str, base: type[blocks.Block]) -> str:
    """A block class of the library names its own schema; an inline block is named by where it is."""
    return type(block).__name__ if type(block) is not base else fallback


def struct_schema(block: blocks.StructBlock, name: str) -> type[Schema]:
    name = _reusable_name(block, name, blocks.StructBlock) + "Value"
    key = (type(block), name)
    if key not in _named:
        _named[key] = create_model(
            name,
            __base__=Schema,
            __doc__=str(block.meta.label or camel_case_to_spaces(name)),
            **{
                child_name: (block_value_schema(child, f"{name}{_camel(child_name)}"), ...)
                for child_name, child in block.child_blocks.items()
            },
        )
    return _named[key]


def stream_child_schema(block: blocks.StreamBlock, name: str) -> Any:
    """One child of the stream: the union of its block types, discriminated by `type`."""
    name = _reusable_name(block, name, blocks.StreamBlock)
    key = (type(block), name)
    if key not in _named:
        members = [
            create_model(
                f"{name}{_camel(child_name)}",
                __base__=Schema,
                __doc__=str(child.meta.label or child_name),
                type=(Literal[child_name], ...),  # ty: ignore[invalid-type-form]
                value=(block_value_schema(child, f"{name}{_camel(child_name)}"), ...),
                id=(str | None, ...),
            )
            for child_name, child in block.child_blocks.items()
        ]
        _named[key] = (
            members[0] if len(members) == 1 else Annotated[Union[tuple(members)], Field(discriminator="type")]  # noqa: UP007
        )
    return _named[key]


def streamfield_read_schema(generator, field: StreamField):
    """Wagtail v3's read generator hook for a StreamField: its value typed from its blocks."""
    field_name = field.name
    schema = block_value_schema(field.stream_block, f"{field.model._meta.object_name}{_camel(field_name)}")

    def resolve(obj, context: dict) -> Any:
        value = getattr(obj, field_name)
        return value.stream_block.get_api_representation(value, context)

    return schema, [], staticmethod(resolve)
