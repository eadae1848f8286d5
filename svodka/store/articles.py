"""Store methods of the stored documents: articles with their annotations, raw bytes, sources, rejections.

A mixin of :class:`svodka.store.base.Store` (one owner of SQL: callers name what they want, not how).
"""
from __future__ import annotations

import json
import zlib
from collections.abc import Iterable

from ..model import Article, Rejected
from . import text as searchtext
from .records import RejectedDoc, Rows, article_from_dict, dumps, identity, key, now, rows
from .schema import TABLES

ADD_SOURCE = "INSERT INTO sources (sha256, source, seen) VALUES (:sha256, :source, :seen) ON CONFLICT DO NOTHING"
ADD_RAW = ("INSERT INTO raw (sha256, kind, size, data) VALUES (:sha256, :kind, :size, :data)"
           " ON CONFLICT DO NOTHING")
ADD_ARTICLE = ("INSERT INTO articles (id, sha256, source, url, site, site_name, published, rubric, rubric_key, title,"
               " lead, language, encoding, layout, ingested) VALUES (:id, :sha256, :source, :url, :site, :site_name,"
               " :published, :rubric, :rubric_key, :title, :lead, :language, :encoding, :layout, :ingested)"
               " ON CONFLICT DO NOTHING RETURNING pk")
FIND = "SELECT pk, sha256, data FROM articles JOIN article_data USING (pk) WHERE "


class ArticleQueries:
    # --- writing -----------------------------------------------------------------------

    def known(self, sha256: str) -> str | None:
        """'article' or 'rejected' when a document with these bytes is stored, else None."""
        if self.run("SELECT 1 FROM articles WHERE sha256 = :sha", {"sha": sha256}).fetchone():
            return "article"
        if self.run("SELECT 1 FROM rejected WHERE sha256 = :sha LIMIT 1", {"sha": sha256}).fetchone():
            return "rejected"
        return None

    def has_source(self, sha256: str, source: str) -> bool:
        """Whether the document with these bytes is recorded under this source."""
        return self.run("SELECT 1 FROM sources WHERE sha256 = :sha AND source = :source",
                        {"sha": sha256, "source": source}).fetchone() is not None

    def is_rejected(self, source: str, sha256: str | None = None) -> bool:
        """Whether this source (with these bytes; None: unreadable bytes) is recorded as rejected."""
        return self.run("SELECT 1 FROM rejected WHERE source = :source AND sha256 = :sha",
                        {"source": source, "sha": sha256 or ""}).fetchone() is not None

    def add_raw(self, sha256: str, data: bytes, kind: str | None = None) -> bool:
        """Keep a document's input bytes (zlib); False when they were already kept."""
        with self.transaction():
            added = self.run(ADD_RAW, {"sha256": sha256, "kind": kind, "size": len(data),
                                       "data": zlib.compress(data, 6)}).rowcount
        return added > 0

    def add_source(self, sha256: str, source: str) -> bool:
        """Record that the document was seen under ``source``; False when already recorded."""
        with self.transaction():
            added = self.run(ADD_SOURCE, {"sha256": sha256, "source": source, "seen": now()}).rowcount
        return added > 0

    def add_articles(self, articles: Iterable[Article], raws: dict[str, tuple[bytes, str | None]] | None = None) -> int:
        """Store articles with all their annotations and their lemma index, in one transaction.

        An article whose sha256 is already stored is skipped (its source is still recorded).
        ``raws`` maps sha256 → (input bytes, kind) to keep alongside. Returns how many were new.
        """
        new = 0
        stamp = now()
        raws = raws or {}
        docs, fts, seen, kept, annotations = [], [], [], [], Rows()
        with self.transaction():
            for article in articles:
                sha = identity(article)
                data = article.to_dict()
                if not article.sha256:
                    data["sha256"] = sha
                pk = self.insert_id(ADD_ARTICLE, {
                    "id": article.id, "sha256": sha, "source": article.source, "url": article.url,
                    "site": article.site, "site_name": article.site_name, "published": article.published,
                    "rubric": article.rubric,
                    "rubric_key": key(article.rubric) or None, "title": article.title, "lead": article.lead,
                    "language": article.language, "encoding": article.encoding, "layout": article.layout,
                    "ingested": stamp})
                if article.source:
                    seen.append({"sha256": sha, "source": article.source, "seen": stamp})
                if sha in raws:
                    raw, kind = raws[sha]
                    kept.append({"sha256": sha, "kind": kind, "size": len(raw), "data": zlib.compress(raw, 6)})
                if pk is None:
                    continue
                new += 1
                docs.append((pk, dumps(data)))
                annotations.add(pk, rows(article))
                fts.append((pk, searchtext.lemma_text(article.title), searchtext.lemma_text(article.lead),
                            searchtext.lemma_text("\n".join(article.body))))
            # one statement per table, not one a row: fewer round trips to a PostgreSQL server
            self.run_many(ADD_SOURCE, seen)
            self.run_many(ADD_RAW, kept)
            self.copy_rows("article_data", ("pk", "data"), docs)
            self._unreject([(s["sha256"], s["source"]) for s in seen])
            annotations.write(self)        # entities, mentions, quotes, times, events (columns named)
            self._index(fts)
        return new

    def _unreject(self, seen: list[tuple[str, str]]) -> None:
        """Documents now stored as articles, as (sha256, source): their rejections go — of these
        bytes, of this source, and an unreadable whole file (``feed.jsonl`` for ``feed.jsonl#L3``)."""
        self.run_many("DELETE FROM rejected WHERE sha256 = :sha OR source = :source OR (sha256 = '' AND source = :file)",
                      [{"sha": sha, "source": source, "file": source.rsplit("#", 1)[0]} for sha, source in seen])

    def add_rejected(self, rejected: Rejected, data: bytes | None = None, kind: str | None = None) -> bool:
        """Record a rejected document (and keep its bytes, if any); False when already recorded (its
        reason and time are then brought up to date)."""
        sha = rejected.sha256 or ""
        row = {"source": rejected.source, "reason": rejected.reason, "sha": sha, "time": now()}
        with self.transaction():
            added = self.run("INSERT INTO rejected (source, reason, sha256, time)"
                             " VALUES (:source, :reason, :sha, :time) ON CONFLICT DO NOTHING", row).rowcount
            if not added:
                self.run("UPDATE rejected SET reason = :reason, time = :time WHERE source = :source AND sha256 = :sha",
                         {**row, "time": now()})
            if sha:
                self.run(ADD_SOURCE, {"sha256": sha, "source": rejected.source, "seen": now()})
                if data is not None:
                    self.add_raw(sha, data, kind)
        return added > 0

    def add_known_source(self, sha256: str, source: str) -> None:
        """A stored document seen again under another source: record it; a rejected one is listed
        as rejected under that source too, with the same reason."""
        with self.transaction():
            self.add_source(sha256, source)
            if self.run("SELECT 1 FROM articles WHERE sha256 = :sha", {"sha": sha256}).fetchone():
                self._unreject([(sha256, source)])
            else:
                self.run("INSERT INTO rejected (source, reason, sha256, time)"
                         " SELECT :source, reason, sha256, :time FROM rejected WHERE sha256 = :sha ORDER BY pk LIMIT 1"
                         " ON CONFLICT DO NOTHING", {"source": source, "time": now(), "sha": sha256})

    # --- reading -----------------------------------------------------------------------

    def find(self, id_: str) -> tuple[int, str, str] | None:
        """(pk, sha256, data) of the article with this id, sha256, or a unique sha256 prefix (≥ 8)."""
        row = self.run(FIND + "id = :id ORDER BY pk LIMIT 1", {"id": id_}).fetchone()
        if row is None and len(id_) == 64:
            row = self.run(FIND + "sha256 = :sha", {"sha": id_.lower()}).fetchone()
        if row is None and 8 <= len(id_) < 64 and all(c in "0123456789abcdef" for c in id_.lower()):
            found = self.run(FIND + "sha256 >= :lo AND sha256 < :hi LIMIT 2",
                             {"lo": id_.lower(), "hi": id_.lower() + "g"}).fetchall()
            row = found[0] if len(found) == 1 else None
        return row

    def article_dict(self, id_: str) -> dict | None:
        """The stored article JSON (``Article.to_dict()``, annotations included), or None."""
        row = self.find(id_)
        return json.loads(row[2]) if row else None

    def article(self, id_: str) -> Article | None:
        """The article with this id (or sha256, or a unique sha256 prefix), or None.

        Ids are the caller's (JSONL ``id``) or the sha256's first 16 hex digits; should two
        documents share a caller id, the first stored wins (ask by sha256 for the other).
        """
        data = self.article_dict(id_)
        return article_from_dict(data) if data else None

    def raw(self, id_: str) -> bytes | None:
        """The exact input bytes of a document, by article id or by sha256 (rejected ones too)."""
        row = self.find(id_)
        sha = row[1] if row else id_.lower()
        found = self.run("SELECT data FROM raw WHERE sha256 = :sha", {"sha": sha}).scalar()
        return zlib.decompress(found) if found is not None else None

    def sources(self, id_: str) -> list[str]:
        """Every source the document was seen under, first seen first."""
        row = self.find(id_)
        sha = row[1] if row else id_.lower()
        return [r[0] for r in self.run("SELECT source FROM sources WHERE sha256 = :sha ORDER BY seen, source",
                                       {"sha": sha})]

    def rejected(self) -> list[RejectedDoc]:
        """Every rejected document, in the order they were recorded."""
        return [RejectedDoc(s, r, h or None, t) for s, r, h, t in
                self.run("SELECT source, reason, sha256, time FROM rejected ORDER BY pk")]

    def counts(self) -> dict[str, int]:
        """Rows per table (``search``: indexed articles)."""
        out = {t: self.run(f"SELECT count(*) FROM {t}").scalar() for t in TABLES}
        out["search"] = self._indexed()
        return out

    def __len__(self) -> int:
        return self.run("SELECT count(*) FROM articles").scalar()
