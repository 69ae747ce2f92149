"""The apps import one way: common -> accounts -> timelimits -> complaints -> billing ->
portal. An app may import only apps to its left; config/ may import anything. Every
module's imports count, those inside functions too; migrations and tests do not."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("common", "accounts", "timelimits", "complaints", "billing", "portal")
RANK = {app: rank for rank, app in enumerate(LAYERS)}


def imported_apps(source: str, *, module: str) -> set[str]:
    """The project apps a module's source imports, wherever the import statement is."""
    found = set()
    package = module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's own package
                base = package[: len(package) - node.level + 1]
                names = [".".join([*base, node.module or ""])]
            else:
                names = [node.module or ""]
        elif _is_import_module(node):  # importlib.import_module("billing.models")
            names = [node.args[0].value]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & set(LAYERS)
    return found


def _is_import_module(node) -> bool:
    return (
        isinstance(node, ast.Call)
        and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
        and bool(node.args)
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    )


def app_modules():
    """(app, dotted module name, source) for every application module."""
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts or "tests" in parts:
                continue
            yield app, ".".join(parts), path.read_text(encoding="utf-8")


def violations(modules) -> list[str]:
    """Imports against the layering, and cycles between apps."""
    found, edges = [], {}
    for app, module, source in modules:
        for other in imported_apps(source, module=module) - {app}:
            edges.setdefault(app, set()).add(other)
            if RANK[other] > RANK[app]:
                found.append(f"{module} imports {other} (a layer above {app})")
    found += [f"cycle: {' -> '.join(c)}" for c in cycles(edges)]
    return found


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every app that can reach itself, with one path back to it."""
    found = []
    for start in sorted(edges):
        stack, seen = [(start, [start])], set()
        while stack:
            app, path = stack.pop()
            for other in sorted(edges.get(app, ())):
                if other == start:
                    found.append([*path, start])
                    stack = []
                    break
                if other not in seen:
                    seen.add(other)
                    stack.append((other, [*path, other]))
    return found


def test_every_app_is_a_layer():
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert apps == set(LAYERS)


def test_the_apps_import_only_downwards():
    modules = list(app_modules())
    assert len(modules) > 50  # the walk found the code
    assert violations(modules) == []


@pytest.mark.parametrize(
    "source",
    [
        "from complaints.models import Complaint\n",
        "import complaints.selectors\n",
        "def home():\n    from complaints.selectors import complaints_for\n",
        "class A:\n    def f(self):\n        import billing\n",
        "import importlib\n\nviews = importlib.import_module('portal.views')\n",
    ],
)
def test_an_import_upwards_fails(source):
    found = violations([("accounts", "accounts.views", source)])
    assert found and found[0].startswith("accounts.views imports ")


def test_a_relative_import_counts_as_its_app():
    assert imported_apps("from ..models import X\n", module="billing.api.views") == {"billing"}
    found = violations([("timelimits", "timelimits.notices", "from billing import models\n")])
    assert found == ["timelimits.notices imports billing (a layer above timelimits)", *found[1:]]


def test_a_cycle_between_apps_fails():
    found = violations(
        [
            ("complaints", "complaints.services", "import billing.models\n"),
            ("billing", "billing.models", "from complaints.models import Complaint\n"),
        ]
    )
    assert "cycle: billing -> complaints -> billing" in found
    assert "cycle: complaints -> billing -> complaints" in found


def test_importing_a_lower_layer_or_django_passes():
    source = "import json\nfrom django.db import models\nfrom accounts.models import Office\n"
    assert violations([("complaints", "complaints.models", source)]) == []
