"""The package's layers, read from its source: every import (inside functions too) goes down the pipeline, and
no module imports itself back through others.

    model ← nothing; lang (language tools) ← model; edtf ← lang (its month and season words); cameo ← model
    read, page ← model;  nlp ← page;  events ← nlp;  geo ← events;  pipeline ← geo
    store ← model and the language tools only
    link ← store;  ingest, reanalyze, export ← pipeline, store, link;  crawl ← ingest;  serve ← store, link, export
    cmd, cli, the package's own __init__ ← anything;  eval ← anything but serve and cmd

Imports go at the top of a module: one inside a function (an optional or heavy dependency loaded only when it is
needed, a documented cycle) says why in a comment.

The shared language tools live in lang/ (morph and lemmas, names, name keys and their base forms, calendar,
countries …) and edtf.py, beside the model at the bottom: every layer may use them, and they use nothing above
the model.
"""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "svodka"

# layer → the layers it may import (itself always)
BOTTOM = {"model", "cameo", "edtf", "lang", "timelimit"}
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "cameo": {"model"},
    "edtf": {"lang"},
    "lang": {"model"},
    "timelimit": set(),
    "read": {"model"},
    "page": {"model"},
    "nlp": {"model", "page"},
    "events": {"model", "page", "nlp"},
    "geo": {"model", "page", "nlp", "events"},
    "pipeline": {"model", "page", "nlp", "events", "geo", "read", "timelimit"},
    "cluster": {"model", "pipeline", "page", "nlp", "events", "geo", "read", "timelimit"},
    "store": {"model"},
    "link": {"model", "store"},
    "ingest": {"model", "read", "page", "nlp", "events", "geo", "pipeline", "cluster", "timelimit", "store", "link"},
    "reanalyze": {"model", "read", "page", "nlp", "events", "geo", "pipeline", "timelimit", "store", "link"},
    "export": {"model", "read", "page", "nlp", "events", "geo", "pipeline", "store", "link"},
    "crawl": {"model", "read", "page", "nlp", "events", "geo", "pipeline", "cluster", "timelimit", "store", "link", "ingest"},
    "serve": {"model", "store", "link", "export"},
    "eval": {"svodka", "model", "read", "page", "nlp", "events", "geo", "pipeline", "cluster", "timelimit", "store", "link",
             "ingest", "reanalyze", "export"},
}
ANYTHING = {"cmd", "cli", "svodka"}          # the command line and the package's own API


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def resolve(name: str) -> str:
    """The module an imported name lives in: 'svodka.store.open_store' → 'svodka.store'."""
    parts = name.split(".")
    while parts:
        candidate = PACKAGE.parent.joinpath(*parts)
        if candidate.with_suffix(".py").exists() or (candidate / "__init__.py").exists():
            return ".".join(parts)
        parts.pop()
    return name


def imports() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        mod = module_name(path)
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target.split(".")[0] == "svodka":
                    for alias in node.names:
                        edges[mod].add(resolve(f"{target}.{alias.name}"))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "svodka":
                        edges[mod].add(resolve(alias.name))
    return edges


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "svodka"


def test_every_import_goes_down_the_layers():
    wrong = []
    for mod, targets in sorted(imports().items()):
        src = layer(mod)
        if src in ANYTHING:
            continue
        for target in sorted(targets):
            dst = layer(target)
            if dst == src or (dst in BOTTOM and src not in BOTTOM):
                continue
            if dst not in ALLOWED.get(src, set()):
                wrong.append(f"{mod} imports {target}")
    assert not wrong, "imports against the layers:\n  " + "\n  ".join(wrong)


def test_no_import_cycles():
    edges = imports()
    # packages import their modules from __init__ (a map, not a dependency back): drop those edges
    graph = {m: {t for t in ts if t != m and not (m == t.rpartition(".")[0])} for m, ts in edges.items()}
    cycles, state, stack = [], {}, []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for t in sorted(graph.get(m, ())):
            if state.get(t) == 1:
                cycles.append(" → ".join(stack[stack.index(t):] + [t]))
            elif t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    assert not cycles, "import cycles:\n  " + "\n  ".join(cycles)


def test_no_two_store_mixins_name_one_method():
    """The Store is one class made of a mixin per client: a method two mixins define would silently shadow one."""
    from collections import defaultdict

    from svodka.store.base import Store

    owners = defaultdict(list)
    for cls in Store.__mro__[1:]:
        for name, value in vars(cls).items():
            if callable(value) and not name.startswith("__"):
                owners[name].append(cls.__name__)
    assert not {n: c for n, c in owners.items() if len(c) > 1}


def function_imports() -> list[tuple[str, int, str, bool]]:
    """Every import inside a function: (module, line, text, says why) — a comment on one of its lines, or on the
    line above it or above the imports right before it."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for fn in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    own = lines[node.lineno - 1:node.end_lineno]
                    above = node.lineno - 2
                    while lines[above].strip().startswith(("import ", "from ")):
                        above -= 1
                    why = any("#" in line for line in own) or lines[above].strip().startswith("#")
                    found.append((module_name(path), node.lineno, own[0].strip(), why))
    return sorted(set(found))


def test_an_import_inside_a_function_says_why():
    """Imports go at the top of the module; one inside a function (an optional or heavy dependency loaded only
    when needed, a documented cycle) says why in a comment on its line or the line above."""
    silent = [f"{mod}:{line}: {text}" for mod, line, text, why in function_imports() if not why]
    assert not silent, "imports inside functions without a reason:\n  " + "\n  ".join(silent)
