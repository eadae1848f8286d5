"""Store methods of the re-analysis (``svodka.reanalyze``): the stored articles with their kept bytes, and
their rows replaced by a newer analysis.

A mixin of :class:`svodka.store.base.Store`.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import NamedTuple

from ..model import Article
from . import text as searchtext
from .records import ANNOTATION_COLUMNS, Rows, dumps, key, rows
from .schema import LINK_TABLES

PAGE = 100                                      # stored articles read at a time


class Stored(NamedTuple):
    """A stored article as the re-analysis needs it: its key, identity, hints and kept bytes."""

    pk: int
    id: str
    sha256: str
    source: str | None
    url: str | None
    published: str | None
    encoding: str | None
    kind: str | None
    data: bytes | None                          # zlib-compressed, as kept; None: not kept


def _lemmas(pk: int, d: dict) -> tuple[int, str, str, str]:
    """The article's full-text row, as ``Store.add_articles`` indexes it."""
    return (pk, searchtext.lemma_text(d.get("title")), searchtext.lemma_text(d.get("lead")),
            searchtext.lemma_text("\n".join(d.get("body") or [])))


def _text(d: dict) -> tuple:
    return d.get("title"), d.get("lead"), d.get("body") or []


class ReanalysisQueries:
    def stored_articles(self, page: int = PAGE) -> Iterator[Stored]:
        """Every stored article with its kept bytes, in storage order (``page`` at a time: no cursor stays
        open across the writes in between)."""
        last = 0
        while True:
            found = self.run(
                "SELECT a.pk, a.id, a.sha256, a.source, a.url, a.published, a.encoding, r.kind, r.data"
                " FROM articles a LEFT JOIN raw r ON r.sha256 = a.sha256 WHERE a.pk > :last ORDER BY a.pk LIMIT :page",
                {"last": last, "page": page}).fetchall()
            if not found:
                return
            for row in found:
                yield Stored(*row[:8], bytes(row[8]) if row[8] is not None else None)
            last = found[-1][0]

    def unlink_all(self) -> None:
        """Empty the cross-article link tables (corpus entities, events, stories): the store is unlinked."""
        with self.transaction():
            for table in LINK_TABLES:
                self.run(f"DELETE FROM {table}")

    def replace_articles(self, batch: list[tuple[Stored, Article]]) -> int:
        """Replace the stored articles' rows by their re-analysed Articles, in one transaction (the article
        keeps its pk, id, sha256, source and ingested); returns how many came out different."""
        if not batch:
            return 0
        changed = 0
        pks = {"pks": [item.pk for item, _ in batch]}
        with self.transaction():
            before = {pk: json.loads(data) for pk, data in
                      self.run("SELECT pk, data FROM article_data WHERE pk IN :pks", pks, expand=("pks",))}
            for table in ANNOTATION_COLUMNS:
                self.run(f"DELETE FROM {table} WHERE article IN :pks", pks, expand=("pks",))
            annotations, old_text, new_text = Rows(), [], []
            for item, article in batch:
                article.id, article.sha256, article.source = item.id, item.sha256, item.source
                data = article.to_dict()
                self.run(
                    "UPDATE articles SET url = :url, site = :site, site_name = :site_name, published = :published,"
                    " rubric = :rubric,"
                    " rubric_key = :rubric_key, title = :title, lead = :lead, language = :language,"
                    " encoding = :encoding, layout = :layout WHERE pk = :pk",
                    {"url": article.url, "site": article.site, "site_name": article.site_name,
                     "published": article.published,
                     "rubric": article.rubric, "rubric_key": key(article.rubric) or None, "title": article.title,
                     "lead": article.lead, "language": article.language, "encoding": article.encoding,
                     "layout": article.layout, "pk": item.pk})
                old = before.get(item.pk)
                if old is None:
                    self.run("INSERT INTO article_data (pk, data) VALUES (:pk, :data)",
                             {"pk": item.pk, "data": dumps(data)})
                else:
                    self.run("UPDATE article_data SET data = :data WHERE pk = :pk", {"pk": item.pk, "data": dumps(data)})
                annotations.add(item.pk, rows(article))
                changed += old != data
                if old is not None and _text(old) != _text(data):
                    old_text.append(_lemmas(item.pk, old))
                    new_text.append(_lemmas(item.pk, data))
            annotations.write(self)
            if old_text:
                self._unindex(old_text)
                self._index(new_text)
        return changed

    def link_counts(self) -> tuple[int, int, int]:
        """(corpus entities, corpus events, stories) in the store."""
        return tuple(self.run(f"SELECT count(*) FROM {table}").scalar()
                     for table in ("corpus_entities", "corpus_events", "stories"))
