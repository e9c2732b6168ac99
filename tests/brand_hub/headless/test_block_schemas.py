"""StreamField blocks are typed from the block library for the OpenAPI documents."""

import pytest
from pydantic import TypeAdapter

from django.core.exceptions import ImproperlyConfigured

from wagtail import blocks

from brand_hub.core.blocks import BodyBlock
from brand_hub.headless.block_schemas import block_value_schema


class TeaserBlock(blocks.StructBlock):
    title = blocks.CharBlock()
    size = blocks.ChoiceBlock(choices=[("small", "Small"), ("large", "Large")], required=False)
    page = blocks.PageChooserBlock(required=False)


def test_a_struct_block_is_typed_from_its_children():
    schema = block_value_schema(TeaserBlock(), "Teaser").model_json_schema()

    assert schema["title"] == "TeaserBlockValue"
    # None too: a struct stored before `title` was added to the block has no title.
    assert {"string", "null"} == {option["type"] for option in schema["properties"]["title"]["anyOf"]}
    sizes = {value for option in schema["properties"]["size"]["anyOf"] for value in option.get("enum", [])}
    assert {"small", "large"} <= sizes
    assert {"integer", "null"} == {option["type"] for option in schema["properties"]["page"]["anyOf"]}


def test_a_stream_is_a_union_of_its_blocks_keyed_by_type():
    adapter = TypeAdapter(block_value_schema(BodyBlock(), "Body"))

    heading, quote = adapter.validate_python(
        [
            {"type": "heading", "value": {"text": "Hola", "level": "h2"}, "id": "a"},
            {"type": "quote", "value": {"text": "Sí", "attribution": ""}, "id": "b"},
        ]
    )
    assert type(heading).__name__ == "BodyBlockHeading" and heading.value.level == "h2"
    assert type(quote).__name__ == "BodyBlockQuote"
    with pytest.raises(ValueError):
        adapter.validate_python([{"type": "heading", "value": {"text": "Hola", "level": "h9"}, "id": "c"}])


def test_a_block_that_shapes_its_own_api_value_must_declare_its_schema():
    class CountdownBlock(blocks.DateTimeBlock):
        def get_api_representation(self, value, context=None):
            return {"ends_at": value}

    with pytest.raises(ImproperlyConfigured, match="api_schema"):
        block_value_schema(CountdownBlock(), "Countdown")
