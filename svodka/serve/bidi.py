"""Direction marks in crawled text (U+202E RIGHT-TO-LEFT OVERRIDE and the like) must not reorder
svodka's own text beside it (docs/security.md, "Hostile content").

Two measures: every string a template writes is *balanced* (``balance``: a closing mark without its
opener is dropped, an opener left open is closed at the end; the Jinja ``finalize`` hook applies it
to every ``{{ … }}``), and crawled text beside svodka's own is *isolated* (the ``bdi`` filter wraps
it in ``<bdi>``; links are isolated by the stylesheet). Balancing is needed too: a stray PDI
(U+2069) closes the isolation around it in Chromium.
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

EMBED = "\u202a\u202b\u202d\u202e"      # LRE RLE LRO RLO, closed by PDF
PDF = "\u202c"
ISOLATE = "\u2066\u2067\u2068"           # LRI RLI FSI, closed by PDI
FSI, PDI = "\u2068", "\u2069"
MARKS = re.compile("[\u202a-\u202e\u2066-\u2069]")
TAG = re.compile(r"(<[^>]*>)")           # svodka's own tags (text in Markup has "<" escaped)


def _balance(pieces: list[str], skip_tags: bool) -> str:
    out, open_ = [], []
    for piece in pieces:
        if skip_tags and piece.startswith("<"):
            out.append(piece)
            continue
        for ch in piece:
            if ch in EMBED:
                open_.append(PDF)
            elif ch in ISOLATE:
                open_.append(PDI)
            elif ch == PDF:
                if not open_ or open_[-1] != PDF:
                    continue                  # closes nothing of its own: dropped
                open_.pop()
            elif ch == PDI:
                if PDI not in open_:
                    continue
                while open_.pop() != PDI:     # a PDI also closes the embeddings inside its isolate
                    pass
            out.append(ch)
    return "".join(out) + "".join(reversed(open_))


def balance(value):
    """``value`` with its direction marks balanced; Markup stays Markup (its tags untouched)."""
    if not isinstance(value, str) or not MARKS.search(value):
        return value
    if isinstance(value, Markup):
        return Markup(_balance(TAG.split(str(value)), True))
    return _balance([value], False)


def bdi(value) -> Markup:
    """Crawled text, escaped, balanced and isolated: ``<bdi>…</bdi>`` (nothing for None or "")."""
    if value is None or value == "":
        return Markup("")
    return Markup("<bdi>") + balance(escape(value)) + Markup("</bdi>")


def isolated(value) -> Markup:
    """Text between FSI and PDI, for places without markup (the page's <title>); ``value`` is
    escaped unless it is Markup already (a rendered block)."""
    return Markup(FSI) + balance(escape(value if value is not None else "")) + Markup(PDI)
