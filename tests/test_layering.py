"""Packages meet through public names: a name starting with `_` is a package's own business,
so a change inside one package cannot silently break another that borrowed its internals."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "stancekit"


def _package_of(module: str) -> str:
    """The first-level part of a dotted stancekit module: `stancekit.engine.matcher` -> `engine`;
    a top-level module (`stancekit.cli`) is a package of its own."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _module_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def private_imports_across_packages(source: str, module: str) -> list[str]:
    """`from stancekit.<other package>... import _name` in `source`, as "module: _name from ..."."""
    here = _package_of(module)
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
            continue
        if not node.module.startswith("stancekit.") or _package_of(node.module) == here:
            continue
        for alias in node.names:
            if alias.name.startswith("_") and not alias.name.startswith("__"):
                found.append(f"{module}:{alias.lineno}: {alias.name} from {node.module}")
    return found


def test_no_module_imports_a_private_name_from_another_package():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += private_imports_across_packages(path.read_text(encoding="utf-8"), _module_of(path))
    assert found == []


def test_the_check_sees_a_private_import_across_packages_and_allows_one_within():
    source = "from stancekit.engine.matcher import Matcher, _hidden\nfrom stancekit.testing.results import _own\n"
    assert private_imports_across_packages(source, "stancekit.testing.runner") == [
        "stancekit.testing.runner:1: _hidden from stancekit.engine.matcher"
    ]
    aliased = "from stancekit.dsl.loader import (\n    load,\n    _order as order,\n)\n"
    assert private_imports_across_packages(aliased, "stancekit.cli") == [
        "stancekit.cli:3: _order from stancekit.dsl.loader"
    ]


def test_a_top_level_module_is_a_package_of_its_own():
    assert private_imports_across_packages("from stancekit.exitcodes import _code\n", "stancekit.cli") == [
        "stancekit.cli:1: _code from stancekit.exitcodes"
    ]


def _imported_modules(source: str) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


def test_only_the_command_line_imports_the_commands():
    """The commands are a shell over the library: the library, the pytest plugin and the
    engine never reach up into them (the analysis `explain` renders lives in the engine)."""
    shell = {"stancekit.cli", "stancekit.__main__"}
    reaching_up = [
        module
        for path in sorted(PACKAGE.rglob("*.py"))
        if (module := _module_of(path)) not in shell and _package_of(module) != "commands"
        for imported in _imported_modules(path.read_text(encoding="utf-8"))
        if imported == "stancekit.commands" or imported.startswith(("stancekit.commands.", "stancekit.cli"))
    ]
    assert reaching_up == []


def shared_base_names(modules: list[str]) -> dict[str, list[str]]:
    """Base names that more than one module (as a path under stancekit/) carries, with the
    modules carrying them. A command's own module (`commands/diff.py` for `stancekit diff`) is
    named after its command and does not count, nor do `__init__` and `__main__`."""
    from stancekit.commands import COMMAND_MODULES

    carriers: dict[str, list[str]] = {}
    for module in modules:
        folder, _, name = module.rpartition("/")
        base = name.removesuffix(".py")
        if base in ("__init__", "__main__") or (folder == "commands" and base in COMMAND_MODULES):
            continue
        carriers.setdefault(base, []).append(module)
    return {base: found for base, found in carriers.items() if len(found) > 1}


def test_no_two_modules_share_a_name():
    """One meaning per name: `table.py` in two folders leaves a reader guessing which table
    an import means."""
    modules = [path.relative_to(PACKAGE).as_posix() for path in sorted(PACKAGE.rglob("*.py"))]
    assert shared_base_names(modules) == {}


def test_the_name_check_sees_two_modules_of_one_name_but_not_a_command_s_own_module():
    modules = ["reporting/table.py", "output/table.py", "testing/changes.py", "commands/diff.py", "plugins.py"]
    assert shared_base_names([*modules, "commands/plugins.py"]) == {"table": ["reporting/table.py", "output/table.py"]}
