"""Store methods that list corpus events — one row per real event, however many articles report it — for the
events page, ``/api/events`` and ``svodka events --db`` (``svodka.serve.event_list`` reads them).

A mixin of :class:`svodka.store.base.Store` (one owner of SQL: callers name what they want, not how). The
filters arrive as an :class:`EventFilter`; every value is a bound parameter and the sort orders are this
module's own SQL, chosen by name, never taken from a request.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .event_queries import chunks

# the columns of a corpus event the list gives, in the order of its rows
LIST_COLUMNS = ("id", "type", "cameo", "root_code", "plover", "goldstein", "quad_class", "date", "lo", "hi",
                "precision", "place", "modality", "killed", "injured", "confidence", "key", "num_mentions",
                "num_sources", "num_articles", "first_seen", "last_seen")

# sort name → ORDER BY; ties go to the newest, then the highest id, so that pages never overlap
SORTS = {
    "newest": "c.lo DESC NULLS LAST, c.id DESC",
    "oldest": "c.lo ASC NULLS LAST, c.id ASC",
    "articles": "c.num_articles DESC, c.lo DESC NULLS LAST, c.id DESC",
    "sources": "c.num_sources DESC, c.num_articles DESC, c.lo DESC NULLS LAST, c.id DESC",
    "confidence": "c.confidence DESC NULLS LAST, c.lo DESC NULLS LAST, c.id DESC",
    "conflict": "c.goldstein ASC NULLS LAST, c.lo DESC NULLS LAST, c.id DESC",
    "cooperation": "c.goldstein DESC NULLS LAST, c.lo DESC NULLS LAST, c.id DESC",
}


@dataclass(slots=True)
class EventFilter:
    """What a corpus event list keeps. ``date_from`` (inclusive) and ``date_to`` (exclusive) are ISO days: an
    event is in the range when a day of its span is (an undated one: when it was first reported);
    ``places``: the exact place values to keep; ``actor_entities`` / ``actor_name``: an actor is one of these
    corpus entities or bears this name; ``country``: an actor is of this ISO-3 country (or is a corpus entity
    of it); ``article``: reported by this article (pk)."""

    type: str | None = None
    modality: str | None = None
    min_confidence: float | None = None
    date_from: str | None = None
    date_to: str | None = None
    places: list[str] | None = None
    actor_entities: list[int] | None = None
    actor_name: str | None = None
    country: str | None = None
    article: int | None = None

    def where(self) -> tuple[str, dict, tuple[str, ...]]:
        """(WHERE clause or '', named parameters, the names bound as IN-lists)."""
        conditions, params, expand = [], {}, []
        for column in ("type", "modality"):
            if getattr(self, column):
                conditions.append(f"c.{column} = :{column}")
                params[column] = getattr(self, column)
        if self.min_confidence is not None:
            conditions.append("c.confidence >= :min_confidence")
            params["min_confidence"] = self.min_confidence
        if self.date_from or self.date_to:
            dated, undated = [], ["c.lo IS NULL"]          # a NULL lo fails the dated terms by itself
            if self.date_from:
                dated.append("c.hi >= :date_from")
                undated.append("c.first_seen >= :date_from")
                params["date_from"] = self.date_from
            if self.date_to:
                dated.append("c.lo < :date_to")
                undated.append("c.first_seen < :date_to")
                params["date_to"] = self.date_to
            conditions.append(f"(({' AND '.join(dated)}) OR ({' AND '.join(undated)}))")
        if self.places is not None:
            conditions.append("c.place IN :places")
            params["places"] = list(self.places)
            expand.append("places")
        if self.actor_entities is not None or self.actor_name is not None:
            who = []
            if self.actor_entities:
                who.append("entity IN :actor_entities")
                params["actor_entities"] = list(self.actor_entities)
                expand.append("actor_entities")
            if self.actor_name is not None:
                who.append("name = :actor_name")
                params["actor_name"] = self.actor_name
            conditions.append(f"c.id IN (SELECT event FROM corpus_event_actors WHERE {' OR '.join(who) or '1 = 0'})")
        if self.country:
            conditions.append(
                "c.id IN (SELECT event FROM corpus_event_actors WHERE country = :country"
                " UNION SELECT a.event FROM corpus_event_actors a JOIN corpus_entities e ON e.id = a.entity"
                " WHERE e.country = :country)")
            params["country"] = self.country
        if self.article is not None:
            conditions.append("c.id IN (SELECT event FROM event_links WHERE article = :article)")
            params["article"] = self.article
        return (" WHERE " + " AND ".join(conditions) if conditions else ""), params, tuple(expand)


def order_by(sort: str) -> str:
    """The ORDER BY of a sort name (KeyError for a name this module does not know)."""
    return SORTS[sort]


class CorpusEventList:

    def corpus_event_page(self, where: EventFilter, sort: str, limit: int, offset: int) -> tuple[int, list[tuple]]:
        """(total, page of LIST_COLUMNS rows) of the corpus events ``where`` keeps, in the order ``sort`` names."""
        clause, params, expand = where.where()
        total = self.run(f"SELECT count(*) FROM corpus_events c{clause}", params, expand=expand).scalar()
        rows = self.run(
            f"SELECT {', '.join('c.' + x for x in LIST_COLUMNS)} FROM corpus_events c{clause}"
            f" ORDER BY {order_by(sort)} LIMIT :limit OFFSET :offset",
            {**params, "limit": limit, "offset": offset}, expand=expand).fetchall()
        return total, rows

    def corpus_event_spans(self, where: EventFilter, sort: str) -> list[tuple[int, str | None]]:
        """(id, first day) of every corpus event ``where`` keeps, in the order ``sort`` names (for a filter SQL
        cannot say)."""
        clause, params, expand = where.where()
        return [tuple(r) for r in self.run(f"SELECT c.id, c.lo FROM corpus_events c{clause} ORDER BY {order_by(sort)}",
                                           params, expand=expand)]

    def corpus_event_rows(self, ids: Sequence[int]) -> dict[int, tuple]:
        """id → LIST_COLUMNS row of the corpus events ``ids``."""
        out = {}
        for chunk in chunks(ids):
            for row in self.run(f"SELECT {', '.join(LIST_COLUMNS)} FROM corpus_events WHERE id IN :ids",
                                {"ids": chunk}, expand=("ids",)):
                out[row[0]] = tuple(row)
        return out

    def corpus_event_actor_rows(self, ids: Sequence[int]) -> list[tuple]:
        """(event, side, entity, name, country, entity type) of the actors of the corpus events ``ids``, by event
        and position (name and country the corpus entity's where it is one)."""
        out = []
        for chunk in chunks(ids):
            out += [tuple(r) for r in self.run(
                "SELECT a.event, a.side, a.entity, coalesce(c.name, a.name), coalesce(c.country, a.country), c.type"
                " FROM corpus_event_actors a LEFT JOIN corpus_entities c ON c.id = a.entity WHERE a.event IN :ids"
                " ORDER BY a.event, a.position", {"ids": chunk}, expand=("ids",))]
        return out

    def corpus_event_evidence(self, ids: Sequence[int]) -> dict[int, tuple]:
        """id → (evidence JSON, confidence) of each corpus event's head report (the report it takes its actors
        from), for the events ``ids`` that have one."""
        out = {}
        for chunk in chunks(ids):
            for event, evidence, confidence in self.run(
                    "SELECT c.id, e.evidence, e.confidence FROM corpus_events c"
                    " JOIN events e ON e.article = c.head_article AND e.n = c.head_n WHERE c.id IN :ids",
                    {"ids": chunk}, expand=("ids",)):
                out[event] = (evidence, confidence)
        return out

    def corpus_event_points(self, ids: Sequence[int]) -> dict[int, str]:
        """id → geo JSON (svodka.geo) of the corpus events ``ids`` located at their place: that of a report coded
        at the event's place — the head report's when it is one, else the first by article and n."""
        out: dict[int, str] = {}
        for chunk in chunks(ids):
            for event, geo in self.run(
                    "SELECT c.id, e.geo FROM corpus_events c JOIN event_links l ON l.event = c.id"
                    " JOIN events e ON e.article = l.article AND e.n = l.n"
                    " WHERE c.id IN :ids AND e.geo IS NOT NULL AND e.place = c.place"
                    " ORDER BY c.id, CASE WHEN l.article = c.head_article AND l.n = c.head_n THEN 0 ELSE 1 END,"
                    " l.article, l.n", {"ids": chunk}, expand=("ids",)):
                out.setdefault(event, geo)
        return out

    def corpus_event_places(self) -> list[str]:
        """Every place a corpus event is coded at."""
        return [r[0] for r in self.run("SELECT DISTINCT place FROM corpus_events WHERE place IS NOT NULL")]

    def corpus_event_types(self) -> list[str]:
        """The types of the corpus events, alphabetically."""
        return [r[0] for r in self.run("SELECT DISTINCT type FROM corpus_events ORDER BY 1 NULLS FIRST")]

    def corpus_entities_called(self, k: str) -> list[int]:
        """The corpus entities whose name (casefolded key) or, for a person, last name is ``k``."""
        return [r[0] for r in self.run(
            "SELECT id FROM corpus_entities WHERE key = :k"
            " UNION SELECT id FROM corpus_entities WHERE type = 'PER' AND last_name = :k",
            {"k": k})]

    def has_corpus_events(self) -> bool:
        """Whether the articles' events were linked into corpus events."""
        return self.run("SELECT 1 FROM corpus_events LIMIT 1").fetchone() is not None
