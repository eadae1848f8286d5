"""Store methods that answer the questions of the story grouping (link/stories.py).

A mixin of :class:`svodka.store.base.Store` (one owner of SQL: callers name what they want, not how).
Shingle hashes and MinHash signatures go in and come out as the blobs ``story_articles`` holds.
"""
from __future__ import annotations

from collections.abc import Sequence

from .event_queries import chunks, marks

MINHASH_KEY = "stories_minhash"       # meta: the MinHash parameters the stored signatures were made with
# a mention in what a reader reads (not a credit or a photo caption)
READER_FIELD = "(m.field IN ('title', 'lead') OR m.field LIKE 'body[%' OR m.field LIKE 'alt_titles[%')"


class StoryQueries:
    conn = None

    # --- assigning articles to stories -----------------------------------------------------

    def reader_entities(self, pks: Sequence[int]) -> list[tuple]:
        """(article, type, key, last name) of the entities the articles ``pks`` name in their title, lead or body,
        places with a country (countries, capitals) left out; distinct."""
        return [row for chunk in chunks(pks) for row in self.conn.execute(
            f"SELECT DISTINCT e.article, e.type, e.key, e.last FROM entities e JOIN mentions m"
            f" ON m.article = e.article AND m.entity = e.entity WHERE e.article IN ({marks(chunk)})"
            f" AND {READER_FIELD} AND NOT (e.type = 'LOC' AND e.country IS NOT NULL)", chunk)]

    def story_signatures(self, day: str, min_size: int) -> list[tuple]:
        """(article, story, shingle hashes, MinHash) of the assigned articles of ``day`` ('' undated) with at least
        ``min_size`` shingles."""
        return self.conn.execute(
            "SELECT article, story, shingles, minhash FROM story_articles WHERE day = ? AND size >= ?",
            (day, min_size)).fetchall()

    def story_minhash_params(self) -> str | None:
        """The MinHash parameters the stored signatures were made with (None: none recorded)."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (MINHASH_KEY,)).fetchone()
        return row[0] if row else None

    def set_story_minhash_params(self, params: str) -> None:
        """Record the MinHash parameters the stored signatures are made with."""
        self.conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET"
                          " value = excluded.value", (MINHASH_KEY, params))

    def story_article_documents(self) -> list[tuple[int, str]]:
        """(pk, article JSON) of every article in a story."""
        return self.conn.execute("SELECT s.article, d.data FROM story_articles s JOIN article_data d"
                                 " ON d.pk = s.article").fetchall()

    def resign_story_article(self, pk: int, size: int, shingles: bytes, minhash: bytes) -> None:
        """Replace an assigned article's shingle count, shingle hashes and MinHash signature."""
        self.conn.execute("UPDATE story_articles SET size = ?, shingles = ?, minhash = ? WHERE article = ?",
                          (size, shingles, minhash, pk))

    def articles_without_story(self) -> list[tuple[int, str | None]]:
        """(pk, published) of every article in no story yet, in storage order."""
        return self.conn.execute("SELECT a.pk, a.published FROM articles a LEFT JOIN story_articles s"
                                 " ON s.article = a.pk WHERE s.article IS NULL").fetchall()

    def count_articles_without_story(self) -> int:
        """How many stored articles are in no story yet."""
        return self.conn.execute("SELECT count(*) FROM articles a LEFT JOIN story_articles s ON s.article = a.pk"
                                 " WHERE s.article IS NULL").fetchone()[0]

    def article_documents(self, pks: Sequence[int]) -> dict[int, str]:
        """pk → the stored article JSON of the articles ``pks``."""
        out: dict[int, str] = {}
        for chunk in chunks(pks):
            out.update(self.conn.execute(f"SELECT pk, data FROM article_data WHERE pk IN ({marks(chunk)})", chunk))
        return out

    def add_story(self, label: str | None, day: str | None) -> int:
        """A new story, empty, labelled ``label``, of ``day`` (first and last); its id."""
        return self.conn.execute("INSERT INTO stories (label, first, last, size) VALUES (?, ?, ?, 0)",
                                 (label, day, day)).lastrowid

    def add_story_article(self, pk: int, story: int, day: str, score: float | None, size: int, shingles: bytes,
                          minhash: bytes) -> None:
        """Put article ``pk`` into ``story`` with its day, score, shingle count, shingle hashes and signature."""
        self.conn.execute("INSERT INTO story_articles (article, story, day, score, size, shingles, minhash)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?)", (pk, story, day, score, size, shingles, minhash))

    def refresh_story(self, story: int) -> None:
        """Bring a story's size, first and last day and label (the title of its earliest article) up to date."""
        self.conn.execute(
            "UPDATE stories SET size = (SELECT count(*) FROM story_articles WHERE story = :s),"
            " first = (SELECT min(day) FROM story_articles WHERE story = :s AND day != ''),"
            " last = (SELECT max(day) FROM story_articles WHERE story = :s AND day != ''),"
            " label_article = (SELECT a.pk FROM story_articles sa JOIN articles a ON a.pk = sa.article"
            "   WHERE sa.story = :s ORDER BY sa.day = '', sa.day, a.published, a.pk LIMIT 1),"
            " label = (SELECT a.title FROM story_articles sa JOIN articles a ON a.pk = sa.article"
            "   WHERE sa.story = :s ORDER BY sa.day = '', sa.day, a.published, a.pk LIMIT 1)"
            " WHERE id = :s", {"s": story})

    # --- reading stories -------------------------------------------------------------------

    def story_heads(self, min_articles: int, limit: int | None = None) -> list[tuple]:
        """(id, label, first, last) of the stories of at least ``min_articles`` articles, oldest first (undated
        last), at most ``limit``."""
        sql = "SELECT id, label, first, last FROM stories WHERE size >= ? ORDER BY first IS NULL, first, id"
        params: list = [min_articles]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self.conn.execute(sql, params).fetchall()

    def story_head(self, story: int) -> tuple | None:
        """(id, label, first, last) of a story, or None."""
        return self.conn.execute("SELECT id, label, first, last FROM stories WHERE id = ?", (story,)).fetchone()

    def story_members(self, stories: Sequence[int]) -> list[tuple]:
        """(story, article id, published, site, source, title, url) of the articles of ``stories``, by story and
        in date order (undated last)."""
        return [row for chunk in chunks(stories) for row in self.conn.execute(
            "SELECT s.story, a.id, a.published, a.site, a.source, a.title, a.url FROM story_articles s"
            f" JOIN articles a ON a.pk = s.article WHERE s.story IN ({marks(chunk)})"
            " ORDER BY s.story, s.day = '', s.day, a.published, a.pk", chunk)]

    def story_of_article(self, article_id: str) -> int | None:
        """The story of the article with this id or sha256 (the first stored), or None when it is in none."""
        row = self.conn.execute(
            "SELECT s.story FROM story_articles s JOIN articles a ON a.pk = s.article"
            " WHERE a.id = ? OR a.sha256 = ? ORDER BY a.pk LIMIT 1", (article_id, article_id.lower())).fetchone()
        return row[0] if row else None
