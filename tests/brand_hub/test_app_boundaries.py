"""Each app writes only its own tables: every app's modules are scanned for writes to another app's models.

An app that needs another app's rows changed sends a signal from its own `signals.py` and the owning
app reacts (users.signals, ideas.signals, sentiment.signals); reading another app's models is fine.
"""

import ast
import importlib
import importlib.util
from pathlib import Path

import pytest

from django.apps import AppConfig, apps
from django.db import models

#: Methods that write rows: queryset and manager writes, saves, related-manager changes, Wagtail's
#: page operations.
WRITES = {
    "update", "delete", "create", "bulk_create", "bulk_update", "get_or_create", "update_or_create",
    "save", "add", "remove", "set", "clear", "save_revision", "publish", "unpublish", "add_child",
    "add_sibling", "move", "copy_for_translation",
}  # fmt: skip
#: The demo seeder builds and backdates every app's rows, as a history would have: a fixture builder,
#: run only by `seed_demo`.
EXEMPT = {"demo"}
PROJECT_PACKAGES = {"brand_hub", "search"}


def project_apps() -> list[AppConfig]:
    return [
        config for config in apps.get_app_configs() if config.name.split(".")[0] in {"brand_hub", "search"}
    ]


def imported_models(tree: ast.Module, package: str) -> dict[str, type[models.Model]]:
    """The model classes a module imports by name, whatever app they belong to."""
    found = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        source = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
        try:
            imported = importlib.import_module(source)
        except ImportError:
            continue
        for alias in node.names:
            value = getattr(imported, alias.name, None)
            if isinstance(value, type) and issubclass(value, models.Model):
                found[alias.asname or alias.name] = value
    return found


def root_name(node: ast.AST) -> str | None:
    """`CommunityComment` in `CommunityComment.objects.filter(...).update(...)`."""
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def scopes(tree: ast.Module):
    yield tree
    yield from (node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)))


def foreign_writes(source: str, *, package: str, app: AppConfig) -> list[str]:
    """Each write in `source` to a model of an app other than `app`: on the model's manager, or on a
    name bound (in the same function) to something read from it."""
    tree = ast.parse(source)
    foreign = {
        name: model
        for name, model in imported_models(tree, package).items()
        if model._meta.app_config is not None
        and model._meta.app_config is not app
        and model._meta.app_config in project_apps()
    }
    writes = []
    for scope in scopes(tree):
        bound = dict(foreign)
        for node in ast.walk(scope):
            value = getattr(node, "value", None) if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
            targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            if isinstance(node, (ast.For, ast.comprehension)):
                value = node.iter
            if value is not None and root_name(value) in bound:
                for target in targets:
                    if isinstance(target, ast.Name):
                        bound[target.id] = bound[root_name(value)]
        for node in ast.walk(scope):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            if node.func.attr in WRITES and (name := root_name(node.func.value)) in bound:
                writes.append(f"line {node.lineno}: .{node.func.attr}() on {bound[name]._meta.label}")
    return sorted(set(writes))


def app_modules(app: AppConfig):
    """Each module of the app but its migrations, with the package its relative imports start from."""
    root = Path(app.path)
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if "migrations" not in parts:
            yield ".".join((app.name, *parts[:-1])), path


@pytest.mark.parametrize(
    "app", [config for config in project_apps() if config.label not in EXEMPT], ids=lambda app: app.label
)
def test_an_app_writes_only_its_own_models(app):
    writes = {
        str(path.relative_to(Path(app.path).parent)): found
        for package, path in app_modules(app)
        if (found := foreign_writes(path.read_text(), package=package, app=app))
    }
    assert writes == {}, f"{app.label} writes other apps' models; send a signal and let the owner write"


def test_the_scan_finds_a_write_to_another_apps_model():
    source = (
        "from brand_hub.community.models import CommunityComment\n"
        "from .models import User\n"
        "def rename(user):\n"
        "    user.save()\n"
        "    CommunityComment.objects.filter(user=user).update(user_name=user.display_name)\n"
        "    for comment in CommunityComment.objects.filter(user=user):\n"
        "        comment.delete()\n"
    )
    users = apps.get_app_config("users")

    assert foreign_writes(source, package="brand_hub.users", app=users) == [
        "line 5: .update() on community.CommunityComment",
        "line 7: .delete() on community.CommunityComment",
    ]


def test_sentiment_uses_no_model_of_the_apps_that_store_its_scores():
    """Sentiment computes; comments and ideas store their scores and rescore their own rows when
    `sentiment.signals.rescore_requested` asks (a generic writer there would slip past the scan)."""
    sentiment = apps.get_app_config("sentiment")
    used = {
        model._meta.label
        for package, path in app_modules(sentiment)
        for model in imported_models(ast.parse(path.read_text()), package).values()
        if model._meta.app_config is not sentiment
    }
    assert used == set()
