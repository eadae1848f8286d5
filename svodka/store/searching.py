"""Store methods of full-text search: filters, the rank cap, ``search``.

A mixin of :class:`svodka.store.base.Store`; the backend gives ``text_condition``, ``text_score``,
``text_plan``, ``TEXT_ROWID``, ``CAP_ROWID``, ``RANK_CAP`` and ``errors``.
"""
from __future__ import annotations

import json

from ..lang.sites import host_of, site_of
from . import text as searchtext
from .records import Hit, StoreError, day_bounds, key

MAX_LIMIT = 1000


class SearchQueries:
    def filter_conditions(self, date_from=None, date_to=None, site=None, rubric=None, entity=None,
                          column: str | None = None) -> tuple[list[str], dict]:
        """SQL conditions ``COLUMN IN (…)`` for the search filters, and their named parameters (``:date_lo``,
        ``:date_hi``, ``:site``, ``:rubric_key``, ``:entity_key``); the column is ``pk`` on ``articles``, or
        ``TEXT_ROWID`` (the default) on the full-text table ``search``.

        On SQLite's full-text table the column is ``+search.rowid``: the unary plus keeps FTS5 from
        taking the IN list as rowid lookups (one index probe per listed article: orders of
        magnitude slower), so the matches stream out of the index and are checked against the
        filter set, which comes from the articles' and entities' indexes.
        """
        column = column or self.TEXT_ROWID
        lo, hi = day_bounds(date_from, date_to)
        on_articles, params = [], {}
        if lo:
            on_articles.append("published >= :date_lo")
            params["date_lo"] = lo
        if hi:
            on_articles.append("published < :date_hi")
            params["date_hi"] = hi
        if site:
            # an article's site is its URL's registrable domain (lang.sites); a host given ("news.x.ru")
            # finds its site's articles, and those a store made before kept under the host
            host = host_of(site.strip()) or site.strip().lower()
            on_articles.append("site IN (:site, :site_host)")
            params["site"], params["site_host"] = site_of(host) or host, host
        if rubric:
            on_articles.append("rubric_key = :rubric_key")
            params["rubric_key"] = key(rubric)
        filters = [f"{column} IN (SELECT pk FROM articles WHERE {' AND '.join(on_articles)})"] if on_articles else []
        if entity:
            filters.append(f"{column} IN (SELECT article FROM entities WHERE key = :entity_key"
                           " UNION SELECT article FROM entities WHERE last = :entity_key)")
            params["entity_key"] = key(entity)
        return filters, params

    def _rank_bound(self, parsed: searchtext.Query, cap: int) -> int | None:
        """The smallest rowid among the ``cap`` newest matches, or None when fewer match."""
        match, args = self.text_condition(parsed)
        try:
            with self.text_plan():
                return self.run(f"SELECT search.rowid FROM search WHERE {match} ORDER BY {self.CAP_ROWID} DESC"
                                " LIMIT 1 OFFSET :skip", {**args, "skip": cap - 1}).scalar()
        except self.errors:
            return None

    def search(self, query: str = "", *, date_from: str | None = None, date_to: str | None = None,
               site: str | None = None, rubric: str | None = None, entity: str | None = None,
               limit: int = 20, offset: int = 0, rank_cap: int | None | str = "default") -> list[Hit]:
        """Articles matching ``query`` (see ``svodka.store.text``), best first (SQLite: bm25 over the
        lemmas, PostgreSQL: ts_rank; title, lead and body weighted 8:3:1), each with a snippet of its
        original text.

        Filters: ``published`` within [date_from, date_to] (ISO dates, inclusive), ``site``,
        ``rubric`` (case-insensitive), ``entity`` (an entity of the article whose normalised name
        is this name, or whose last word is: "Алиев" → "Ильхам Алиев"). An empty query lists the
        filtered articles, newest first. Raises StoreError for a bad date; never for the query.

        Bounded time: when more than ``rank_cap`` articles match the words of a query without
        filters, only the ``rank_cap`` most recently stored of them are ranked (neither FTS5 nor
        ts_rank prunes: ranking costs time for every match). The default is the backend's
        ``RANK_CAP`` (SQLite 20 000; PostgreSQL, whose ts_rank costs ~8× more a match, 2 500);
        ``rank_cap=None`` ranks every match.
        """
        if rank_cap == "default":
            rank_cap = self.RANK_CAP
        parsed = searchtext.parse_query(query)
        if query.strip() and parsed.empty:
            return []
        limit = max(0, min(int(limit), MAX_LIMIT))
        offset = max(0, int(offset))
        filters, params = self.filter_conditions(date_from, date_to, site, rubric, entity,
                                                 "pk" if parsed.empty else self.TEXT_ROWID)
        if parsed.empty:
            where = " AND ".join(filters)
            sql = (f"SELECT pk, NULL FROM articles{' WHERE ' + where if where else ''}"
                   " ORDER BY published DESC NULLS LAST, pk DESC LIMIT :limit OFFSET :offset")
        else:
            # the best keys first (narrow rows through the sorter), then their details
            match, match_args = self.text_condition(parsed)
            if not filters and rank_cap and offset + limit <= rank_cap:
                bound = self._rank_bound(parsed, rank_cap)
                if bound is not None:
                    filters, params = [f"{self.CAP_ROWID} >= :cap_rowid"], {"cap_rowid": bound}
            rank, rank_args = self.text_score(parsed)
            sql = (f"SELECT search.rowid, {rank} AS r FROM search WHERE {match}"
                   f"{''.join(' AND ' + f for f in filters)}"
                   " ORDER BY r DESC, search.rowid DESC LIMIT :limit OFFSET :offset")
            params = {**params, **match_args, **rank_args}
        try:
            with self.text_plan():
                ranked = self.run(sql, {**params, "limit": limit, "offset": offset}).fetchall()
        except self.errors as err:          # should not happen: the query is built, not typed
            raise StoreError(f"cannot search for {query!r}: {err}") from None
        if not ranked:
            return []
        details = {row[0]: row[1:] for row in self.run(
            "SELECT pk, id, sha256, title, published, site, rubric, url, data FROM articles"
            " JOIN article_data USING (pk) WHERE pk IN :pks", {"pks": [pk for pk, _ in ranked]}, expand=("pks",))}
        hits = []
        for pk, r in ranked:
            id_, sha, title, published, site_, rubric_, url, data = details[pk]
            record = json.loads(data)
            snip = searchtext.snippet(record, parsed)
            hits.append(Hit(id_, sha, title, published, site_, rubric_, url, r,
                            snip.text, snip.highlights, snip.field, record.get("site_name") or site_))
        return hits
