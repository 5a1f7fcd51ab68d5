"""The results catalogue builds on the dashboards, never the other way, and no module
of either app takes part in an import cycle: imports inside functions count too (the
catalogue's PDF once had services ↔ tasks; now services → tasks → rendering)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("dashboards", "reporting")


def _module_name(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path):
    """Every module `path` imports, anywhere in it (dotted names, relative resolved)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _graph():
    modules = {
        _module_name(path): path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    }
    return {
        name: {other for other in _imports(path) if other in modules and other != name}
        for name, path in modules.items()
    }


def test_the_dashboards_import_nothing_of_the_catalogue():
    graph = _graph()
    wrong = {
        name: sorted(o for o in imported if o.split(".")[0] == "reporting")
        for name, imported in graph.items()
        if name.split(".")[0] == "dashboards"
    }
    assert {name: found for name, found in wrong.items() if found} == {}


def test_no_import_cycle_in_the_reporting_apps():
    graph = _graph()
    cycles = []

    def visit(name, path):
        for other in graph[name]:
            if other in path:
                cycles.append(path[path.index(other) :] + [other])
            elif other not in done:
                visit(other, path + [other])
        done.add(name)

    done = set()
    for name in sorted(graph):
        if name not in done:
            visit(name, [name])
    assert cycles == []


def test_the_task_and_the_worker_side_never_import_the_services():
    graph = _graph()
    assert "reporting.services" not in graph["reporting.tasks"]
    assert "reporting.services" not in graph["reporting.rendering"]
    assert "reporting.tasks" not in graph["reporting.rendering"]
    assert "reporting.tasks" in graph["reporting.services"]
