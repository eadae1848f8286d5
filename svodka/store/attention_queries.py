"""Store methods for attention over time (``svodka.link.attention``) and for the web UI's downloads: which
articles match a query, every article's day and site, how many were published per day, and the matches as a
stream.

A mixin of :class:`svodka.store.base.Store`. Days are the first ten characters of ``published`` (ISO dates,
compared as text, as the search filters do); an article without a date is counted apart (day None).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext

from . import text as searchtext

DAY = "substr(a.published, 1, 10)"
DOWNLOAD_COLUMNS = ("id", "published", "site", "rubric", "title", "url")


class AttentionQueries:
    def _plan(self, parsed: searchtext.Query):
        """The full-text plan for a query with words; none for a filters-only one (no full-text table)."""
        return nullcontext() if parsed.empty else self.text_plan()

    def _matching(self, parsed: searchtext.Query, date_from, date_to, site, rubric, entity) -> tuple[str, dict]:
        """FROM … WHERE … over ``articles a`` for the articles that match ``parsed`` (every one when it is
        empty) and the search filters; and its named parameters."""
        if parsed.empty:
            filters, params = self.filter_conditions(date_from, date_to, site, rubric, entity, "a.pk")
            return "FROM articles a" + (" WHERE " + " AND ".join(filters) if filters else ""), params
        filters, params = self.filter_conditions(date_from, date_to, site, rubric, entity)
        match, match_params = self.text_condition(parsed)
        # the matches first (the full-text index), then their articles by key
        return (f"FROM search {self.ORDERED_JOIN} articles a ON a.pk = search.rowid WHERE {match}"
                + "".join(" AND " + f for f in filters)), {**params, **match_params}

    def matching_pks(self, parsed: searchtext.Query, date_from=None, date_to=None, site=None, rubric=None,
                     entity=None) -> list[int]:
        """The keys of the articles matching a parsed query (every article when it is empty) and the search
        filters: from the full-text index alone (no article is read), as ``article_days`` keys them."""
        if parsed.empty:
            filters, params = self.filter_conditions(date_from, date_to, site, rubric, entity, "pk")
            sql = "SELECT pk FROM articles" + (" WHERE " + " AND ".join(filters) if filters else "")
        else:
            filters, params = self.filter_conditions(date_from, date_to, site, rubric, entity)
            match, match_params = self.text_condition(parsed)
            sql = f"SELECT search.rowid FROM search WHERE {match}" + "".join(" AND " + f for f in filters)
            params = {**params, **match_params}
        with self._plan(parsed):
            return [pk for (pk,) in self.run(sql, params)]

    def article_days(self) -> Iterator[tuple[int, str | None, str | None]]:
        """(pk, publication day, site) of every article (the day None when it has no date)."""
        return self.stream(f"SELECT a.pk, {DAY}, a.site FROM articles a", size=10_000)

    def published_per_day(self, date_from=None, date_to=None, site=None, rubric=None) -> list[tuple]:
        """(day, count) of every article passing the filters (the published and site indexes cover it); day is
        None for the articles without a date."""
        filters, params = self.filter_conditions(date_from, date_to, site, rubric, None, "a.pk")
        where = " WHERE " + " AND ".join(filters) if filters else ""
        return [tuple(r) for r in self.run(f"SELECT {DAY}, count(*) FROM articles a{where} GROUP BY {DAY}", params)]

    def matching_articles(self, parsed: searchtext.Query, date_from=None, date_to=None, site=None, rubric=None,
                          entity=None) -> Iterator[tuple]:
        """(``DOWNLOAD_COLUMNS``) of every article matching a parsed query and the filters, newest first
        (undated last), streamed (PostgreSQL: a server-side cursor inside a snapshot)."""
        where, params = self._matching(parsed, date_from, date_to, site, rubric, entity)
        columns = ", ".join("a." + c for c in DOWNLOAD_COLUMNS)
        with self._plan(parsed):
            yield from self.stream(f"SELECT {columns} {where} ORDER BY a.published DESC NULLS LAST, a.pk DESC",
                                   params, size=1000)
