"""Store methods that answer the questions of the story grouping (link/stories.py).

A mixin of :class:`svodka.store.base.Store` (one owner of SQL: callers name what they want, not how).
Shingle hashes and MinHash signatures go in and come out as the blobs ``story_articles`` holds.
Statements run through ``Store.run`` and its kin (named binds, SQL both engines accept).
"""
from __future__ import annotations

from collections.abc import Sequence

from .event_queries import chunks

MINHASH_KEY = "stories_minhash"       # meta: the MinHash parameters the stored signatures were made with
# a mention in what a reader reads (not a credit or a photo caption)
READER_FIELD = "(m.field IN ('title', 'lead') OR m.field LIKE 'body[%' OR m.field LIKE 'alt_titles[%')"
# a story's articles in date order, undated last (its label is the first one's title)
MEMBER_ORDER = "sa.day = '' NULLS FIRST, sa.day, a.published NULLS FIRST, a.pk"


class StoryQueries:

    # --- assigning articles to stories -----------------------------------------------------

    def reader_entities(self, pks: Sequence[int]) -> list[tuple]:
        """(article, type, key, last name) of the entities the articles ``pks`` name in their title, lead or body,
        places with a country (countries, capitals) left out; distinct."""
        return [row for chunk in chunks(pks) for row in self.run(
            "SELECT DISTINCT e.article, e.type, e.key, e.last FROM entities e JOIN mentions m"
            " ON m.article = e.article AND m.entity = e.entity WHERE e.article IN :pks"
            f" AND {READER_FIELD} AND NOT (e.type = 'LOC' AND e.country IS NOT NULL)", {"pks": chunk}, expand=("pks",))]

    def story_signatures(self, day: str, min_size: int) -> list[tuple]:
        """(article, story, shingle hashes, MinHash) of the assigned articles of ``day`` ('' undated) with at least
        ``min_size`` shingles."""
        return self.run("SELECT article, story, shingles, minhash FROM story_articles WHERE day = :day"
                        " AND size >= :min_size", {"day": day, "min_size": min_size}).fetchall()

    def story_minhash_params(self) -> str | None:
        """The MinHash parameters the stored signatures were made with (None: none recorded)."""
        return self.run("SELECT value FROM meta WHERE key = :key", {"key": MINHASH_KEY}).scalar()

    def set_story_minhash_params(self, params: str) -> None:
        """Record the MinHash parameters the stored signatures are made with."""
        self.run("INSERT INTO meta (key, value) VALUES (:key, :value) ON CONFLICT (key) DO UPDATE SET"
                 " value = excluded.value", {"key": MINHASH_KEY, "value": params})

    def story_article_documents(self) -> list[tuple[int, str]]:
        """(pk, article JSON) of every article in a story."""
        return self.run("SELECT s.article, d.data FROM story_articles s JOIN article_data d"
                        " ON d.pk = s.article").fetchall()

    def resign_story_article(self, pk: int, size: int, shingles: bytes, minhash: bytes) -> None:
        """Replace an assigned article's shingle count, shingle hashes and MinHash signature."""
        self.run("UPDATE story_articles SET size = :size, shingles = :shingles, minhash = :minhash"
                 " WHERE article = :article", {"size": size, "shingles": shingles, "minhash": minhash, "article": pk})

    def articles_without_story(self) -> list[tuple[int, str | None]]:
        """(pk, published) of every article in no story yet, in storage order."""
        return self.run("SELECT a.pk, a.published FROM articles a LEFT JOIN story_articles s"
                        " ON s.article = a.pk WHERE s.article IS NULL").fetchall()

    def count_articles_without_story(self) -> int:
        """How many stored articles are in no story yet."""
        return self.run("SELECT count(*) FROM articles a LEFT JOIN story_articles s ON s.article = a.pk"
                        " WHERE s.article IS NULL").scalar()

    def article_documents(self, pks: Sequence[int]) -> dict[int, str]:
        """pk → the stored article JSON of the articles ``pks``."""
        out: dict[int, str] = {}
        for chunk in chunks(pks):
            out.update(self.run("SELECT pk, data FROM article_data WHERE pk IN :pks", {"pks": chunk}, expand=("pks",)))
        return out

    def add_story(self, label: str | None, day: str | None) -> int:
        """A new story, empty, labelled ``label``, of ``day`` (first and last); its id."""
        return self.insert_id("INSERT INTO stories (label, first, last, size) VALUES (:label, :day, :day, 0)"
                              " RETURNING id", {"label": label, "day": day})

    def add_story_article(self, pk: int, story: int, day: str, score: float | None, size: int, shingles: bytes,
                          minhash: bytes) -> None:
        """Put article ``pk`` into ``story`` with its day, score, shingle count, shingle hashes and signature."""
        self.run("INSERT INTO story_articles (article, story, day, score, size, shingles, minhash)"
                 " VALUES (:article, :story, :day, :score, :size, :shingles, :minhash)",
                 {"article": pk, "story": story, "day": day, "score": score, "size": size, "shingles": shingles,
                  "minhash": minhash})

    def refresh_story(self, story: int) -> None:
        """Bring a story's size, first and last day and label (the title of its earliest article) up to date."""
        self.run(
            "UPDATE stories SET size = (SELECT count(*) FROM story_articles WHERE story = :s),"
            " first = (SELECT min(day) FROM story_articles WHERE story = :s AND day != ''),"
            " last = (SELECT max(day) FROM story_articles WHERE story = :s AND day != ''),"
            " label_article = (SELECT a.pk FROM story_articles sa JOIN articles a ON a.pk = sa.article"
            f"   WHERE sa.story = :s ORDER BY {MEMBER_ORDER} LIMIT 1),"
            " label = (SELECT a.title FROM story_articles sa JOIN articles a ON a.pk = sa.article"
            f"   WHERE sa.story = :s ORDER BY {MEMBER_ORDER} LIMIT 1)"
            " WHERE id = :s", {"s": story})

    # --- reading stories -------------------------------------------------------------------

    def story_heads(self, min_articles: int, limit: int | None = None, offset: int = 0) -> list[tuple]:
        """(id, label, first, last) of the stories of at least ``min_articles`` articles, oldest first (undated
        last), at most ``limit`` after skipping ``offset`` (with a limit only)."""
        sql = ("SELECT id, label, first, last FROM stories WHERE size >= :min_size"
               " ORDER BY first IS NULL NULLS FIRST, first NULLS FIRST, id")
        params = {"min_size": min_articles}
        if limit is not None:
            sql += " LIMIT :limit OFFSET :offset"
            params.update(limit=limit, offset=offset)
        return self.run(sql, params).fetchall()

    def story_head(self, story: int) -> tuple | None:
        """(id, label, first, last) of a story, or None."""
        return self.run("SELECT id, label, first, last FROM stories WHERE id = :id", {"id": story}).fetchone()

    def story_members(self, stories: Sequence[int]) -> list[tuple]:
        """(story, article id, published, site, source, title, url) of the articles of ``stories``, by story and
        in date order (undated last)."""
        return [row for chunk in chunks(stories) for row in self.run(
            "SELECT sa.story, a.id, a.published, a.site, a.source, a.title, a.url FROM story_articles sa"
            f" JOIN articles a ON a.pk = sa.article WHERE sa.story IN :stories ORDER BY sa.story, {MEMBER_ORDER}",
            {"stories": chunk}, expand=("stories",))]

    def story_of_article(self, article_id: str) -> int | None:
        """The story of the article with this id or sha256 (the first stored), or None when it is in none."""
        return self.run("SELECT s.story FROM story_articles s JOIN articles a ON a.pk = s.article"
                        " WHERE a.id = :id OR a.sha256 = :sha256 ORDER BY a.pk LIMIT 1",
                        {"id": article_id, "sha256": article_id.lower()}).scalar()
