"""Store methods for attention over time (``svodka.link.attention``) and for the web UI's downloads: how many
articles match a query per publication day, how many were published per day, and the matches as a stream.

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

    def matches_per_day(self, parsed: searchtext.Query, date_from=None, date_to=None, site=None, rubric=None,
                        entity=None, *, by_site: bool = False) -> list[tuple]:
        """(day, count) — with ``by_site`` (day, site, count) — of the articles matching a parsed query and the
        search filters; day is None for the articles without a date."""
        where, params = self._matching(parsed, date_from, date_to, site, rubric, entity)
        group = f"{DAY}, a.site" if by_site else DAY
        with self._plan(parsed):
            return [tuple(r) for r in self.run(f"SELECT {group}, count(*) {where} GROUP BY {group}", params)]

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
