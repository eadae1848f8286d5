"""An article's text with its annotations as HTML: entity mentions (by type, linked to their
dossiers), time expressions and quotes. Every piece of article text is escaped here; the only
markup is the tags this module writes.

Annotations may overlap ("российского президента" is Путин, "российского" in it is Россия): in one
layer the earlier, then the longer span wins; quotes are the outer layer, and a mention that
crosses a quote's edge is left out so that the tags nest.
"""
from __future__ import annotations

from collections import defaultdict
from urllib.parse import quote

from markupsafe import Markup, escape

from ..edtf import human

KINDS = ("name", "surname", "alias", "descriptor", "adjective", "metonymy", "pronoun")


def entity_href(name: str, corpus_id: int | None = None) -> str:
    """The dossier's URL: the name (readable), and the corpus entity's id where known (namesakes)."""
    return "/entity/" + quote(name or "", safe="") + (f"?id={int(corpus_id)}" if corpus_id is not None else "")


class Annotations:
    """An article's annotations grouped by field, ready for ``mark(field, text)``."""

    def __init__(self, article: dict, corpus_ids: dict[str, int] | None = None, lang: str = "en") -> None:
        ids = corpus_ids or {}
        self.lang = lang                 # a time's tooltip says its date in this language's words
        self.inner: dict[str, list[tuple[int, int, str, dict]]] = defaultdict(list)
        self.outer: dict[str, list[tuple[int, int, dict]]] = defaultdict(list)
        for e in article.get("entities") or []:
            for m in e.get("mentions") or []:
                self.inner[m.get("field")].append((m.get("start"), m.get("stop"), "entity",
                                                   {**m, "entity": e, "corpus": ids.get(e.get("id"))}))
        for t in article.get("times") or []:
            self.inner[t.get("field")].append((t.get("start"), t.get("stop"), "time", t))
        for q in article.get("quotes") or []:
            self.outer[q.get("field")].append((q.get("start"), q.get("stop"), q))

    def mark(self, field: str, text: str | None) -> Markup:
        if not text:
            return Markup("")
        n = len(text)

        def ok(s, e) -> bool:
            return isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n

        # quotes: the longest first, no overlaps
        quotes: list[tuple[int, int, dict]] = []
        for s, e, q in sorted((x for x in self.outer.get(field, []) if ok(x[0], x[1])), key=lambda x: (x[0] - x[1], x[0])):
            if all(e <= qs or s >= qe for qs, qe, _ in quotes):
                quotes.append((s, e, q))
        quotes.sort(key=lambda x: x[0])
        # mentions and times: earlier, then longer, then entities before times
        spans: list[tuple[int, int, str, dict]] = []
        last = 0
        for s, e, kind, d in sorted((x for x in self.inner.get(field, []) if ok(x[0], x[1])),
                                    key=lambda x: (x[0], x[0] - x[1], x[2] != "entity")):
            if s < last:
                continue
            if any(s < qs < e or s < qe < e for qs, qe, _ in quotes):
                continue
            spans.append((s, e, kind, d))
            last = e
        # events at positions: close before open; outer opens before inner, inner closes before outer
        opens: dict[int, list[str]] = defaultdict(list)
        closes: dict[int, list[str]] = defaultdict(list)
        for s, e, q in quotes:
            opens[s].append(_quote_open(q))
            closes[e].append("</span>")
        for s, e, kind, d in spans:
            opens[s].append(_entity_open(d) if kind == "entity" else _time_open(d, self.lang))
            closes[e].insert(0, "</a>" if kind == "entity" else "</span>")
        cuts = sorted({0, n, *opens, *closes})
        out: list[str] = []
        for i, at in enumerate(cuts):
            out += closes.get(at, [])
            out += opens.get(at, [])
            if i + 1 < len(cuts):
                out.append(str(escape(text[at:cuts[i + 1]])))
        return Markup("".join(out))


def _entity_open(m: dict) -> str:
    e = m["entity"]
    kind = m.get("kind") if m.get("kind") in KINDS else "name"
    type_ = e.get("type") if e.get("type") in ("PER", "ORG", "LOC") else "MISC"
    name = e.get("name") or ""
    title = f"{name} · {type_}" + (f" · {kind}" if kind != "name" else "")
    return (f'<a class="ent ent-{type_} k-{kind}" href="{escape(entity_href(name, m.get("corpus")))}" '
            f'title="{escape(title)}" data-entity="{escape(name)}">')


def _time_open(t: dict, lang: str) -> str:
    """A time expression: its date in words as the tooltip, the EDTF value kept in ``data-edtf``."""
    value = t.get("value") or ""
    return f'<span class="time" title="{escape(human(value, lang))}" data-edtf="{escape(value)}">'


def _quote_open(q: dict) -> str:
    kind = "direct" if q.get("kind") == "direct" else "indirect"
    speaker = q.get("speaker") or "?"
    return f'<span class="quote q-{kind}" title="{escape(speaker)}">'


def snippet(text: str, highlights: list) -> Markup:
    """A search snippet with the matched words in ``<mark>``."""
    out, at = [], 0
    n = len(text or "")
    for span in highlights or []:
        try:
            s, e = int(span[0]), int(span[1])
        except (TypeError, ValueError, IndexError):
            continue
        if not (at <= s < e <= n):
            continue
        out += [str(escape(text[at:s])), "<mark>", str(escape(text[s:e])), "</mark>"]
        at = e
    out.append(str(escape((text or "")[at:])))
    return Markup("".join(out))
