"""page: a RawDocument's layout → Article fields (title, lead, body, credits, cards …) vs boilerplate.

Entry point: ``layout(raw, template=frozenset()) -> Article``. Text dumps go through the line
layout (text.py); HTML goes through both the HTML reading (html.py: trafilatura, JSON-LD, meta)
and the line layout of its visible text, and the better-supported reading wins (choose.py).
"""
from __future__ import annotations

from ..lang.language import language_of
from ..lang.sites import folder_of, host_of, site_of
from ..model import Article, Card, Media, RawDocument, Related
from .template import templates_for
from .text import text_layout

__all__ = ["layout", "layout_fields", "templates_for", "site_of", "host_of", "language_of"]


def layout_fields(raw: RawDocument, template: frozenset[str] = frozenset()) -> dict:
    """The fields of the article as a plain dict (before records are built)."""
    text = raw.text or ""
    if raw.kind == "html":
        from .choose import html_fields     # the HTML stack (lxml, ~25 ms): only when an HTML page is laid out
        return html_fields(text, url=raw.url, date=raw.date, template=template)
    return text_layout(text, template=template)


def layout(raw: RawDocument, template: frozenset[str] = frozenset()) -> Article:
    """One raw document → one Article with every field the page shows."""
    fields = layout_fields(raw, template)
    article = Article(
        id=raw.doc_id or raw.sha256[:16],
        source=raw.source,
        url=raw.url or fields.get("url"),
        published=raw.date or fields.get("published"),
        rubric=fields.get("rubric"),
        title=fields.get("title"),
        alt_titles=list(fields.get("alt_titles") or []),
        lead=fields.get("lead"),
        body=list(fields.get("body") or []),
        authors=list(fields.get("authors") or []),
        tags=list(fields.get("tags") or []),
        media=[m if isinstance(m, Media) else Media(**m) for m in fields.get("media") or []],
        related=[r if isinstance(r, Related) else Related(**r) for r in fields.get("related") or []],
        cards=[c if isinstance(c, Card) else Card(**c) for c in fields.get("cards") or []],
        boilerplate=list(fields.get("boilerplate") or []),
        encoding=raw.encoding,
        sha256=raw.sha256,
        layout=fields.get("layout", raw.kind),
    )
    # the URL's registrable domain, else the site a JSONL record names, else (a text dump) the source folder's
    article.site = site_of(article.url) or fields.get("site") or raw.site or folder_of(raw.source)
    article.site_name = fields.get("site_name") or article.site
    article.language = language_of(article.reader_text() or (raw.text or "")[:5000])
    return article
