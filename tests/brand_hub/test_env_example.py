"""site/env.example lists every environment variable the settings modules read, and nothing else."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_DIR = ROOT / "brand_hub" / "settings"
ENV_EXAMPLE = ROOT / "site" / "env.example"
#: Read by something other than the settings modules: manage.py, pytest, the runner scripts and boto3.
READ_ELSEWHERE = {
    "DJANGO_SETTINGS_MODULE",
    "PG_PORT",
    "ES_PORT",
    "REDIS_PORT",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
}


def _is_environ(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute) and node.attr == "environ" and getattr(node.value, "id", "") == "os"
    )


def _reads_environment(node: ast.AST) -> bool:
    """os.environ.get(...), os.getenv(...), os.environ[...] or `... in os.environ`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        func = node.func
        return (func.attr == "get" and _is_environ(func.value)) or (
            func.attr == "getenv" and getattr(func.value, "id", "") == "os"
        )
    return isinstance(node, ast.Subscript) and _is_environ(node.value)


def _constants(node: ast.AST, loops: dict[str, list[str]]) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Name) and node.id in loops:
        return loops[node.id]
    raise AssertionError(f"An environment read this test cannot follow: {ast.unparse(node)}")


def environment_helpers(tree: ast.Module) -> set[str]:
    """Functions that pass their first parameter to an environment read, as env_bool(name, default)."""
    return {
        function.name
        for function in tree.body
        if isinstance(function, ast.FunctionDef)
        and function.args.args
        and any(
            _reads_environment(read)
            and isinstance(read, ast.Call)
            and read.args
            and getattr(read.args[0], "id", "") == function.args.args[0].arg
            for read in ast.walk(function)
        )
    }


def variables_read(source: str, *, imported_helpers: frozenset[str] = frozenset()) -> set[str]:
    """The names read from the environment, directly or through a helper such as env_bool(name)."""
    tree = ast.parse(source)
    helpers = environment_helpers(tree) | imported_helpers
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    inside_helpers = {
        id(node) for function in functions if function.name in helpers for node in ast.walk(function)
    }
    # `for name in ("A", "B"): os.environ.get(name)` reads A and B.
    loops = {
        loop.target.id: [element.value for element in loop.iter.elts]
        for loop in ast.walk(tree)
        if isinstance(loop, ast.For)
        and isinstance(loop.target, ast.Name)
        and isinstance(loop.iter, ast.Tuple)
    }
    names = set()
    for node in ast.walk(tree):
        if id(node) in inside_helpers:
            continue
        if isinstance(node, ast.Subscript) and _is_environ(node.value):
            names.update(_constants(node.slice, loops))
        elif isinstance(node, ast.Call) and node.args:
            if _reads_environment(node) or (isinstance(node.func, ast.Name) and node.func.id in helpers):
                names.update(_constants(node.args[0], loops))
    return names


def settings_variables() -> set[str]:
    sources = [path.read_text() for path in SETTINGS_DIR.glob("*.py")]
    # dev.py and production.py call base.py's helpers.
    helpers = frozenset().union(*(environment_helpers(ast.parse(source)) for source in sources))
    return set().union(*(variables_read(source, imported_helpers=helpers) for source in sources))


def example_variables() -> set[str]:
    names = set()
    for line in ENV_EXAMPLE.read_text().splitlines():
        assignment = line.lstrip("#").split("=", 1)[0]
        if "=" in line and assignment.isupper() and assignment.replace("_", "").isalnum():
            names.add(assignment)
    return names


def test_env_example_lists_every_variable_the_settings_read():
    missing = settings_variables() - example_variables()

    assert not missing, f"site/env.example does not mention {sorted(missing)}"


def test_env_example_lists_no_variable_that_nothing_reads():
    stale = example_variables() - settings_variables() - READ_ELSEWHERE

    assert not stale, f"site/env.example lists {sorted(stale)}, which no settings module reads"


def test_the_parser_finds_reads_through_helpers_subscripts_and_loops():
    source = (
        "import os\n"
        "def env_flag(name, default=False):\n"
        "    return os.environ.get(name, str(default)) == 'true'\n"
        "A = os.environ.get('PLAIN')\n"
        "B = env_flag('THROUGH_HELPER')\n"
        "C = os.environ['SUBSCRIPT']\n"
        "D = os.getenv('GETENV')\n"
        "for required in ('LOOP_ONE', 'LOOP_TWO'):\n"
        "    os.environ.get(required)\n"
    )

    assert variables_read(source) == {
        "PLAIN",
        "THROUGH_HELPER",
        "SUBSCRIPT",
        "GETENV",
        "LOOP_ONE",
        "LOOP_TWO",
    }
