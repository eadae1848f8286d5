"""Store methods that answer questions of the linker and the lookup about the stored annotations.

A mixin of :class:`svodka.store.base.Store` (one owner of SQL: callers name what they want, not how).
"""
from __future__ import annotations

ASIDE_KINDS = ("credit", "attribution")     # mentions that are not what an article is about


class KnowledgeQueries:
    def topical_mention_counts(self, pks: list[int]) -> tuple[dict[tuple[int, str], int], set[tuple[int, str]]]:
        """For the articles ``pks``: (article, entity) → its mentions that are not credits or attributions,
        and the (article, entity) pairs that have credit or attribution mentions."""
        params = {"pks": list(pks), "asides": list(ASIDE_KINDS)}
        counts = {(a, e): n for a, e, n in self.run(
            "SELECT article, entity, count(*) FROM mentions WHERE article IN :pks"
            " AND (kind IS NULL OR kind NOT IN :asides) GROUP BY article, entity", params, expand=("pks", "asides"))}
        asides = {(a, e) for a, e in self.run(
            "SELECT DISTINCT article, entity FROM mentions WHERE article IN :pks AND kind IN :asides",
            params, expand=("pks", "asides"))}
        return counts, asides

    def persons_with_last_name(self, last_key: str, gender: str | None = None) -> set[int]:
        """Corpus persons whose last name (casefolded key) is ``last_key``; with ``gender``, those of that
        gender or of none known."""
        if gender is None:
            rows = self.run("SELECT id FROM corpus_entities WHERE type = 'PER' AND last_name = :last",
                            {"last": last_key})
        else:
            rows = self.run("SELECT id FROM corpus_entities WHERE type = 'PER' AND last_name = :last"
                            " AND (gender IS NULL OR gender = :gender)", {"last": last_key, "gender": gender})
        return {r[0] for r in rows}

    def story_event_links(self, min_articles: int = 1) -> list[tuple[int, int, int | None]]:
        """(story, article, corpus event or None) for every article of a story of at least ``min_articles``
        articles: each of the article's linked events, or one row with None when it has none."""
        return list(self.run(
            "SELECT s.story, s.article, l.event FROM story_articles s"
            " JOIN stories st ON st.id = s.story AND st.size >= :min_articles"
            " LEFT JOIN event_links l ON l.article = s.article ORDER BY s.story, s.article",
            {"min_articles": min_articles}))
