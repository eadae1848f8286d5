"""HTML pages have two readings — the HTML layout and the line layout of the visible text — keep the better.

The HTML reading knows the markup (h1, JSON-LD, figcaption, paragraphs); the line reading is the
one tuned on text dumps. The HTML reading is preferred; the line reading takes over where the
HTML one finds no body or far less text than the line reading's dense run.
"""
from __future__ import annotations

from .html import html_layout, visible_lines
from .text import text_layout

MIN_SHARE = 0.3     # an HTML body under this share of the line reading's body counts as a miss


def _size(fields: dict) -> int:
    return sum(len(p) for p in [fields.get("lead") or "", *(fields.get("body") or [])])


def html_fields(html: str, *, url: str | None = None, date: str | None = None,
                template: frozenset[str] = frozenset()) -> dict:
    fields: dict = {}
    try:
        fields = html_layout(html, url=url, date=date) or {}
        fields["layout"] = "html"
    except Exception:  # a reading that fails leaves the other one
        fields = {}
    if fields.get("body") and _size(fields) >= 200:
        return fields
    lines = text_layout("\n".join(visible_lines(html)), template=template)
    if _size(lines) * MIN_SHARE > _size(fields):
        for key in ("published", "url", "site", "authors", "tags", "rubric"):
            if fields.get(key) and not lines.get(key):
                lines[key] = fields[key]
        lines["layout"] = "text"
        return lines
    return fields
