"""Each schema of the project's API has a name of its own: the OpenAPI document (and the TypeScript
client generated from it) names components by class name, so two classes of one name would make one
endpoint describe another's answer."""

import typing

from pydantic import BaseModel

from brand_hub.api import api

PROJECT = ("brand_hub.", "search.")


def models_in(annotation, found: dict[str, set[type]]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        # ninja wraps each operation's parameters and answers in models of its own (module "abc"),
        # which the document inlines: only the project's classes become named components.
        key = annotation.__name__ if annotation.__module__.startswith(PROJECT) else f"{id(annotation)}"
        if annotation in found.setdefault(key, set()):
            return
        found[key].add(annotation)
        for field in annotation.model_fields.values():
            models_in(field.annotation, found)
    for argument in typing.get_args(annotation):
        models_in(argument, found)


def test_no_two_schemas_of_the_project_api_share_a_name():
    found: dict[str, set[type]] = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in (operation.response_models or {}).values():
                    models_in(model, found)
                for model in operation.models:
                    models_in(model, found)

    shared = {
        name: sorted(f"{cls.__module__}.{cls.__qualname__}" for cls in classes)
        for name, classes in found.items()
        if len(classes) > 1
    }
    assert len(found) > 50  # the walk reached the schemas
    assert shared == {}
