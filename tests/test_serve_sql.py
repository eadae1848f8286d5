"""svodka.serve runs no SQL of its own (issue 16: one owner for SQL): every query the web UI and the API
make is a Store method (``svodka.store.view_queries`` and the other mixins), named by what it answers.
"""
from __future__ import annotations

import ast
import inspect
import re

from conftest import ROOT
from svodka.store.view_queries import ViewQueries

SERVE = ROOT / "svodka" / "serve"
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE)\b")
# wire.py's ``self.conn`` is uvicorn's h11 connection (H11Protocol.conn), not a database
H11_CONNECTION = {"wire.py"}


def test_serve_has_no_sql_and_no_connection():
    found = []
    for path in sorted(SERVE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            where = f"{path.name}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
                found.append(f"{where}: SQL text {node.value[:60]!r}")
            elif isinstance(node, ast.Attribute) and node.attr in ("execute", "executemany"):
                found.append(f"{where}: .{node.attr}")
            elif isinstance(node, ast.Attribute) and node.attr == "conn" and path.name not in H11_CONNECTION:
                found.append(f"{where}: .conn")
    assert not found, "SQL belongs in svodka/store/ (a Store method):\n" + "\n".join(found)


def test_view_queries_say_what_they_answer():
    methods = [(name, fn) for name, fn in vars(ViewQueries).items() if inspect.isfunction(fn)]
    assert len(methods) >= 15
    undocumented = [name for name, fn in methods if not (fn.__doc__ or "").strip()]
    assert not undocumented, undocumented
