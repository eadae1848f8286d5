"""What the store gives back, and how an Article maps to rows: shared by every backend."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from ..lang.names import key
from ..model import ActorRef, Article, Entity, Event, Mention, Quote, TimeExpr
from .text import mark


class StoreError(Exception):
    """A request the store cannot serve (bad URL, bad date, newer schema …): a message, not a bug."""


class StoreReadOnly(StoreError):
    """A write to a store that cannot be written (a read-only file or folder, a read-only open)."""


@dataclass(slots=True)
class RejectedDoc:
    """A document that did not become an article: where it came from, why, when."""

    source: str
    reason: str
    sha256: str | None
    time: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "reason": self.reason, "sha256": self.sha256, "time": self.time}


@dataclass(slots=True)
class Hit:
    """One search result: the article's headline fields, its score (higher is better) and a snippet
    of the original text with the matched words' spans (``highlights``, offsets into ``snippet``)."""

    id: str
    sha256: str
    title: str | None
    published: str | None
    site: str | None
    rubric: str | None
    url: str | None
    score: float | None
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)
    field: str | None = None          # where the snippet comes from: lead, body[2], title
    site_name: str | None = None      # the outlet as it names itself (the article's site_name), else site

    def marked(self, open_: str = "[", close: str = "]") -> str:
        """The snippet with each highlighted span wrapped: «…поздравил [Алиева] с днем рождения…»."""
        return mark(self.snippet, self.highlights, open_, close)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "sha256": self.sha256, "title": self.title, "published": self.published,
                "site": self.site, "rubric": self.rubric, "url": self.url,
                "score": None if self.score is None else round(self.score, 4),
                "snippet": self.snippet, "highlights": [list(h) for h in self.highlights], "field": self.field}


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def day_bounds(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """Validated ``--from``/``--to`` (ISO dates, inclusive) → (lower bound, exclusive upper bound).

    ``published`` is compared as text, so a timestamp on the last day is still inside the range.
    """
    def parse(name: str, value: str | None) -> date | None:
        if not value:
            return None
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise StoreError(f"bad {name} date {value!r}: expected YYYY-MM-DD") from None

    lo, hi = parse("from", date_from), parse("to", date_to)
    if lo and hi and lo > hi:
        raise StoreError(f"empty date range: {lo} is after {hi}")
    return (lo.isoformat() if lo else None, (hi + timedelta(days=1)).isoformat() if hi else None)


def identity(article: Article) -> str:
    """The document's sha256; an article built without one (synthetic) gets its JSON's hash."""
    if article.sha256:
        return article.sha256
    data = json.dumps(article.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# The annotation tables' columns after the article key, in the order ``rows`` gives them (named in
# every INSERT: a later schema step may add columns, and PostgreSQL's tables end with a rowid column).
ANNOTATION_COLUMNS = {
    "entities": ("entity", "type", "name", "key", "last", "aliases", "roles", "born", "country", "geo"),
    "mentions": ("entity", "field", "start", "stop", "text", "kind", "normal", "stands_for"),
    "quotes": ("n", "kind", "text", "field", "start", "stop", "speaker", "speaker_id"),
    "times": ("n", "field", "start", "stop", "text", "value"),
    "events": ("n", "type", "cameo", "plover", "goldstein", "quad_class", "source", "target", "date", "place",
               "modality", "killed", "injured", "evidence", "confidence", "geo"),
}


ADD_ENTITY = (f"INSERT INTO entities (article, {', '.join(ANNOTATION_COLUMNS['entities'])})"
              f" VALUES (:article, {', '.join(':' + c for c in ANNOTATION_COLUMNS['entities'])}) ON CONFLICT DO NOTHING")


@dataclass(slots=True)
class Rows:
    """Articles as annotation-table rows: ``rows(article)`` gives one article's without its key;
    ``add(pk, rows)`` collects several articles' with their keys, and ``write(store)`` stores them."""

    entities: list[tuple] = field(default_factory=list)
    mentions: list[tuple] = field(default_factory=list)
    quotes: list[tuple] = field(default_factory=list)
    times: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)

    def add(self, pk: int, one: "Rows") -> None:
        for table in ANNOTATION_COLUMNS:
            getattr(self, table).extend((pk, *x) for x in getattr(one, table))

    def write(self, store) -> None:
        """One statement per table, not one a row (fewer round trips to a PostgreSQL server): a bulk copy,
        but for entities, of which a repeated (article, entity) is skipped."""
        for table, columns in ANNOTATION_COLUMNS.items():
            if table == "entities":
                store.run_many(ADD_ENTITY, [dict(zip(("article", *columns), row)) for row in self.entities])
            else:
                store.copy_rows(table, ("article", *columns), getattr(self, table))


def rows(article: Article) -> Rows:
    out = Rows()
    for e in article.entities:
        k = key(e.name)
        out.entities.append((e.id, e.type, e.name, k, k.rsplit(" ", 1)[-1], dumps(e.aliases),
                             dumps(e.roles), e.born, e.country, None if e.geo is None else dumps(e.geo)))
        out.mentions += [(e.id, m.field, m.start, m.stop, m.text, m.kind, m.normal, m.stands_for)
                         for m in e.mentions]
    out.quotes = [(n, q.kind, q.text, q.field, q.start, q.stop, q.speaker, q.speaker_id)
                  for n, q in enumerate(article.quotes)]
    out.times = [(n, t.field, t.start, t.stop, t.text, t.value) for n, t in enumerate(article.times)]
    out.events = [(n, v.type, v.cameo, v.plover, v.goldstein, v.quad_class, dumps(v.source), dumps(v.target),
                   v.date, v.place, v.modality, v.killed, v.injured,
                   dumps([m.to_dict() for m in v.evidence]), v.confidence, None if v.geo is None else dumps(v.geo))
                  for n, v in enumerate(article.events)]
    return out


def article_from_dict(data: dict[str, Any]) -> Article:
    """The stored JSON → Article with every annotation (``Article.from_dict`` leaves those out)."""
    article = Article.from_dict(data)

    def mentions(items):
        return [Mention.from_dict(m) for m in items or []]

    for e in data.get("entities") or []:
        entity = Entity.from_dict(e)
        entity.mentions = mentions(e.get("mentions"))
        article.entities.append(entity)
    article.quotes = [Quote.from_dict(q) for q in data.get("quotes") or []]
    article.times = [TimeExpr.from_dict(t) for t in data.get("times") or []]
    for v in data.get("events") or []:
        event = Event.from_dict(v)
        event.evidence = mentions(v.get("evidence"))
        event.actors = {side: [ActorRef.from_dict(a) for a in refs or []]
                        for side, refs in (v.get("actors") or {}).items()}
        article.events.append(event)
    return article
