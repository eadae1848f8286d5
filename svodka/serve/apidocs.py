"""The OpenAPI schema as the /api/docs page's rows (no Swagger UI: it would load scripts from the
internet). Values are written as JSON (``false``, ``null``, ``""``), docstrings' ``literals`` as code."""
from __future__ import annotations

import json
import re

from markupsafe import Markup, escape

LIMITS = (("minimum", "minimum"), ("maximum", "maximum"), ("minLength", "at least"), ("maxLength", "at most"),
          ("pattern", "pattern"), ("default", "default"))
LITERAL = re.compile(r"``(.+?)``|`([^`]+)`")


def literals(text: str | None) -> Markup:
    """Docstring text with ``x`` (and `x`) as <code>x</code>, the rest escaped."""
    out, at = [], 0
    text = text or ""
    for m in LITERAL.finditer(text):
        out += [str(escape(text[at:m.start()])), "<code>", str(escape(m.group(1) or m.group(2))), "</code>"]
        at = m.end()
    out.append(str(escape(text[at:])))
    return Markup("".join(out))


def _limit(key: str, label: str, value) -> str:
    if key in ("minLength", "maxLength"):
        return f"{label} {value} characters"
    return f"{label} {json.dumps(value, ensure_ascii=False)}"


def operations(schema: dict) -> list[dict]:
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = []
            for p in op.get("parameters", []):
                sch = dict(p.get("schema", {}))
                for alt in sch.get("anyOf", []):        # an optional value: its limits are on the non-null type
                    if alt.get("type") != "null":
                        sch = {**alt, **sch}
                kind = sch.get("type") or " or ".join(x["type"] for x in sch.get("anyOf", [])
                                                         if x.get("type") not in (None, "null"))
                limits = ", ".join(_limit(k, label, sch[k]) for k, label in LIMITS if k in sch)
                params.append({"name": p["name"], "in": p["in"], "required": p.get("required", False),
                               "type": kind or "any", "limits": limits or "—",
                               "description": literals(p.get("description")) or "—"})
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "description": literals(op.get("description")), "params": params})
    return ops
