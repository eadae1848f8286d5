"""Store methods that answer the web UI's and the REST API's questions (``svodka.serve.data`` caches them).

A mixin of :class:`svodka.store.base.Store` (one owner of SQL: callers name what they want, not how).
Every value is a bound parameter; table and column names come from this module only, never from a request.
Statements run through ``Store.run`` (named binds, SQL both engines accept).
"""
from __future__ import annotations

from collections.abc import Sequence

from .event_queries import chunks

# the columns of an article's event that the API lists, in the order ``events_of_articles`` gives them
EVENT_COLUMNS = ("type", "cameo", "plover", "goldstein", "quad_class", "source", "target", "date", "place",
                 "modality", "killed", "injured", "evidence", "confidence", "geo")
FACET_EXPRESSIONS = {"site": "site", "rubric": "rubric", "month": "substr(published, 1, 7)"}


def name_filter(k: str, type_: str | None, last_column: str) -> tuple[str, dict]:
    """WHERE clause for an entity list: names starting with ``k`` (or a last name equal to it), a type; and its
    named parameters."""
    where, params = [], {}
    if k:
        where.append(f"(key >= :name_lo AND key < :name_hi OR {last_column} = :name_lo)")
        params.update(name_lo=k, name_hi=k + "\uffff")
    if type_:
        where.append("type = :type")
        params["type"] = type_
    return (" WHERE " + " AND ".join(where) if where else ""), params


class ViewQueries:

    # --- the store as a whole ------------------------------------------------------------------

    def content_version(self) -> tuple:
        """(newest article pk, newest rejected pk): changes whenever either is added."""
        return tuple(self.run("SELECT (SELECT max(pk) FROM articles), (SELECT max(pk) FROM rejected)").fetchone())

    def corpus_summary(self) -> dict:
        """Counts of articles, rejected documents, sites, entities and events (the articles' reports, by type; and
        the corpus events they make), mentions, quotes; the first and last publication date."""
        one = lambda sql: self.run(sql).scalar()
        first, last = self.run("SELECT min(published), max(published) FROM articles").fetchone()
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "rejected": one("SELECT count(*) FROM rejected"),
            "sites": one("SELECT count(DISTINCT site) FROM articles"),
            "first_published": first, "last_published": last,
            "entities_by_type": {t: n for t, n in self.run(
                "SELECT type, count(*) FROM (SELECT DISTINCT type, key FROM entities) AS t GROUP BY type") if t},
            "mentions": one("SELECT count(*) FROM mentions"),
            "quotes": one("SELECT count(*) FROM quotes"),
            "events": one("SELECT count(*) FROM events"),
            "corpus_events": one("SELECT count(*) FROM corpus_events"),
            "events_by_type": {t: n for t, n in self.run(
                "SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC NULLS LAST, 1 NULLS FIRST") if t},
        }

    def latest_published(self) -> str | None:
        """The publication date of the newest article."""
        return self.run("SELECT max(published) FROM articles").scalar()

    def most_mentioned(self, since: str, until: str, limit: int) -> dict[str, list[tuple[str, int]]]:
        """PER, ORG, LOC → (name, articles) of the ``limit`` entities in most articles published in [since, until)."""
        # articles of the period first (the published index), then their entities (ORDERED_JOIN keeps
        # that order on SQLite: the other way round scans every entity of the corpus)
        rows = self.run(
            f"SELECT e.type, min(e.name), count(DISTINCT e.article) AS n FROM articles a {self.ORDERED_JOIN} entities e"
            " ON e.article = a.pk WHERE a.published >= :since AND a.published < :until"
            " AND e.type IN ('PER', 'ORG', 'LOC') GROUP BY e.type, e.key ORDER BY n DESC, 2 NULLS FIRST",
            {"since": since, "until": until}).fetchall()
        out: dict[str, list[tuple[str, int]]] = {"PER": [], "ORG": [], "LOC": []}
        for kind, name, n in rows:
            if len(out[kind]) < limit:
                out[kind].append((name, n))
        return out

    # --- articles and search facets -------------------------------------------------------------

    def site_names(self) -> dict[str, str]:
        """site → the name its articles most often give their outlet (og:site_name …), where they give one."""
        best: dict[str, tuple[int, str]] = {}
        for site, name, n in self.run("SELECT site, site_name, count(*) FROM articles WHERE site_name IS NOT NULL"
                                      " AND site IS NOT NULL GROUP BY site, site_name").fetchall():
            if name != site and (site not in best or n > best[site][0]):
                best[site] = (n, name)
        return {site: name for site, (_, name) in best.items()}

    def count_articles(self, date_from=None, date_to=None, site=None, rubric=None, entity=None) -> int:
        """How many articles pass the search filters."""
        filters, params = self.filter_conditions(date_from, date_to, site, rubric, entity, "pk")
        where = " WHERE " + " AND ".join(filters) if filters else ""
        return self.run(f"SELECT count(*) FROM articles{where}", params).scalar()

    def newest_matches(self, parsed, date_from=None, date_to=None, site=None, rubric=None, entity=None, *,
                       limit: int) -> list[int]:
        """The pks of the ``limit`` most recently stored articles that match a parsed query (every article when
        it is empty) and the search filters, newest first."""
        if parsed.empty:
            filters, params = self.filter_conditions(date_from, date_to, site, rubric, entity, "pk")
            where = " WHERE " + " AND ".join(filters) if filters else ""
            sql = f"SELECT pk FROM articles{where} ORDER BY pk DESC LIMIT :limit"
        else:
            filters, params = self.filter_conditions(date_from, date_to, site, rubric, entity)
            match, match_params = self.text_condition(parsed)
            sql = (f"SELECT search.rowid AS pk FROM search WHERE {match}"
                   f"{''.join(' AND ' + f for f in filters)} ORDER BY search.rowid DESC LIMIT :limit")
            params = {**params, **match_params}
        with self.text_plan():
            return [r[0] for r in self.run(sql, {**params, "limit": limit})]

    def facet_counts(self, pks: Sequence[int], limit: int = 12) -> dict[str, list[tuple]]:
        """Over the articles ``pks``: site, rubric, month (YYYY-MM) → (value, articles), the ``limit`` commonest
        of each; entity → (name, type, articles) of the ``limit`` people, organisations, places in most of them."""
        params = {"pks": list(pks), "limit": limit}
        out: dict[str, list[tuple]] = {}
        for facet, expr in FACET_EXPRESSIONS.items():
            out[facet] = [tuple(r) for r in self.run(
                f"SELECT {expr} AS v, count(*) FROM articles WHERE pk IN :pks AND {expr} IS NOT NULL"
                " GROUP BY v ORDER BY 2 DESC NULLS LAST, 1 NULLS FIRST LIMIT :limit", params, expand=("pks",))]
        out["entity"] = [tuple(r) for r in self.run(
            "SELECT min(name), min(type), count(DISTINCT article) FROM entities WHERE article IN :pks"
            " AND type IN ('PER', 'ORG', 'LOC') GROUP BY key ORDER BY 3 DESC NULLS LAST, 1 NULLS FIRST LIMIT :limit",
            params, expand=("pks",))]
        return out

    # --- the articles' events -------------------------------------------------------------------

    def event_rows(self, type_: str | None = None, article: int | None = None, located: bool = False) -> list[tuple]:
        """(article, n, date, article's published, source JSON, target JSON, place) of every event of an article
        — of this type, of this article (pk), located (with a ``geo``) — in no set order."""
        where = ["e.geo IS NOT NULL"] if located else []
        if type_ is not None:
            where.append("e.type = :type")
        if article is not None:
            where.append("e.article = :article")
        sql_where = " WHERE " + " AND ".join(where) if where else ""
        return self.run("SELECT e.article, e.n, e.date, a.published, e.source, e.target, e.place FROM events e"
                        f" JOIN articles a ON a.pk = e.article{sql_where}", {"type": type_, "article": article}).fetchall()

    def events_of_articles(self, pks: Sequence[int]) -> dict[tuple[int, int], tuple]:
        """(article, n) → (article id, title, published, site, *EVENT_COLUMNS) of every event of the articles ``pks``."""
        out = {}
        for chunk in chunks(pks):
            for row in self.run(
                    f"SELECT e.article, e.n, a.id, a.title, a.published, a.site, {', '.join('e.' + x for x in EVENT_COLUMNS)}"
                    " FROM events e JOIN articles a ON a.pk = e.article WHERE e.article IN :pks",
                    {"pks": chunk}, expand=("pks",)):
                out[(row[0], row[1])] = tuple(row[2:])
        return out

    def event_types(self) -> list[str]:
        """The types of the articles' events, alphabetically."""
        return [r[0] for r in self.run("SELECT DISTINCT type FROM events WHERE type IS NOT NULL ORDER BY 1 NULLS FIRST")]

    # --- entity lists ---------------------------------------------------------------------------

    def article_entity_list(self, k: str, type_: str | None, limit: int, offset: int) -> tuple[int, list[tuple]]:
        """(total, page of (name, type, articles)) of the articles' own entities, one per normalised name and type,
        in most articles first: names starting with the key ``k`` or whose last word it is, of ``type_``."""
        sql_where, params = name_filter(k, type_, "last")
        total = self.run(f"SELECT count(*) FROM (SELECT 1 FROM entities{sql_where} GROUP BY key, type) AS t",
                         params).scalar()
        rows = self.run(
            f"SELECT min(name), type, count(DISTINCT article) AS n FROM entities{sql_where} GROUP BY key, type"
            " ORDER BY n DESC, 1 NULLS FIRST LIMIT :limit OFFSET :offset",
            {**params, "limit": limit, "offset": offset}).fetchall()
        return total, rows

    def has_corpus_entities(self) -> bool:
        """Whether the articles were linked into corpus entities."""
        return self.run("SELECT 1 FROM corpus_entities LIMIT 1").fetchone() is not None

    def corpus_entity_list(self, k: str, type_: str | None, limit: int, offset: int) -> tuple[int, list[tuple]]:
        """(total, page of (id, type, name, born, country, articles, mentions)) of the corpus entities, in most
        articles first: names starting with the key ``k`` or whose last name it is, of ``type_``."""
        sql_where, params = name_filter(k, type_, "last_name")
        total = self.run(f"SELECT count(*) FROM corpus_entities{sql_where}", params).scalar()
        rows = self.run(
            f"SELECT id, type, name, born, country, articles, mentions FROM corpus_entities{sql_where}"
            " ORDER BY articles DESC, mentions DESC, id LIMIT :limit OFFSET :offset",
            {**params, "limit": limit, "offset": offset}).fetchall()
        return total, rows

    def article_corpus_ids(self, article: int) -> dict[str, int]:
        """The entities of the article (pk) → the corpus entities they are linked to."""
        return dict(self.run("SELECT entity, corpus FROM entity_links WHERE article = :article", {"article": article}))

    def main_roles(self, ids: Sequence[int]) -> dict[int, str]:
        """Corpus entity → its most frequent role, for the entities ``ids`` that have one."""
        out: dict[int, str] = {}
        for chunk in chunks(ids):
            for entity, role in self.run(
                    "SELECT entity, value FROM corpus_entity_values WHERE what = 'role' AND entity IN :ids"
                    " ORDER BY count DESC, first NULLS FIRST, value NULLS FIRST",
                    {"ids": chunk}, expand=("ids",)).fetchall():
                out.setdefault(entity, role)
        return out

    def articles_reporting(self, events: Sequence[int]) -> list[tuple]:
        """(corpus event, article id, title, published, site) of the articles that report ``events``, by event,
        oldest first."""
        out = []
        for chunk in chunks(events):
            out += [tuple(r[:5]) for r in self.run(
                "SELECT DISTINCT l.event, a.id, a.title, a.published, a.site, a.pk FROM event_links l"
                " JOIN articles a ON a.pk = l.article WHERE l.event IN :events"
                " ORDER BY l.event, a.published NULLS FIRST, a.pk", {"events": chunk}, expand=("events",)).fetchall()]
        return out

    # --- rejected documents ---------------------------------------------------------------------

    def rejected_page(self, limit: int, offset: int) -> tuple[int, list[tuple]]:
        """(total, page of (source, reason, sha256, time)) of the rejected documents, in the order recorded."""
        rows = self.run("SELECT source, reason, sha256, time FROM rejected ORDER BY pk LIMIT :limit OFFSET :offset",
                        {"limit": limit, "offset": offset}).fetchall()
        total = self.run("SELECT count(*) FROM rejected").scalar()
        return total, rows
