"""Re-analysis: a store gets the annotations of a newer svodka from the raw input it keeps.

    reanalyze(db, *, batch_size=50, pipeline=None, progress=True)  →  ReanalyzeReport
    svodka reanalyze [--db DB] [--time-limit S]                       (the same, from the command line)

Every stored article's kept bytes (table ``raw``) go through the current pipeline again, in storage
order, with the hints the original ingest read beside the bytes (``document``): a JSONL line is kept
as the line, so it is read again as one (its ``url``, ``date`` and ``id`` are inside it); a WARC
record's URL, date and charset were headers, and are the article's ``url``, ``published`` and
``encoding``; a file's bytes carry the rest (its kind, taken from its name then, is ``raw.kind``).

The article keeps its ``pk``, ``id``, ``sha256``, ``source`` and ``ingested``; its row's other fields,
its JSON (``article_data``) and its entities, mentions, quotes, times and events rows are replaced, and
its full-text entry too when its title, lead or body came out different — ``batch_size`` articles per
transaction. An article whose analysis now fails (or whose bytes are not kept: one stored with
``add_articles`` and no raws) is left as it was, and reported.

Then the cross-article linking is done anew for the whole store — corpus entities, corpus events and
stories, whose ids are given anew — as ``svodka link`` links an unlinked store (``svodka.link.update``),
in one transaction. The link tables are emptied with the first batch already, so that no link ever
points at replaced annotations: an interrupted run leaves the articles re-analysed so far re-analysed,
the others as they were, and the store unlinked; ``svodka link`` (or another ``svodka reanalyze``)
links it.
"""
from __future__ import annotations

import json
import re
import sys
import time
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from ..model import Article, RawDocument, Rejected
from ..pipeline import Pipeline, default_pipeline
from . import text as searchtext
from .records import ANNOTATION_COLUMNS, Rows, dumps, key, rows
from .schema import LINK_TABLES

PAGE = 100                                      # stored articles read at a time
_JSONL_LINE = re.compile(r"^(.*)#L(\d+)$", re.S)          # path#L3: a JSONL line (svodka.read.jsonl)
_WARC_RECORD = re.compile(r"#(?:<[^<>]*>|record\d+)$")    # path#<urn:uuid:…>: a WARC record (svodka.read.warc)


@dataclass(slots=True)
class ReanalyzeReport:
    """What a re-analysis did: ``articles`` stored, ``reanalyzed`` (their rows replaced; ``changed``:
    of those, whose article JSON differs from before), ``failed`` — (id, source, reason) of the articles
    left as they were — and what the linking anew gave."""

    articles: int = 0
    reanalyzed: int = 0
    changed: int = 0
    failed: list[tuple[str, str, str]] = field(default_factory=list)
    corpus_entities: int = 0
    corpus_events: int = 0
    stories: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        return (f"{self.articles} article(s): {self.reanalyzed} re-analysed ({self.changed} changed), "
                f"{len(self.failed)} failed and kept as they were; linked anew: {self.corpus_entities} corpus "
                f"entities, {self.corpus_events} corpus events, {self.stories} stories ({self.seconds:.1f} s)")


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


def stored(store, page: int = PAGE) -> Iterator[Stored]:
    """Every stored article with its kept bytes, in storage order (``page`` at a time: no cursor stays
    open across the writes in between)."""
    last = 0
    while True:
        found = store.conn.execute(
            "SELECT a.pk, a.id, a.sha256, a.source, a.url, a.published, a.encoding, r.kind, r.data"
            " FROM articles a LEFT JOIN raw r ON r.sha256 = a.sha256 WHERE a.pk > ? ORDER BY a.pk LIMIT ?",
            (last, page)).fetchall()
        if not found:
            return
        for row in found:
            yield Stored(*row[:8], bytes(row[8]) if row[8] is not None else None)
        last = found[-1][0]


def document(item: Stored) -> RawDocument | Rejected:
    """The stored article's kept bytes as the RawDocument the original ingest read them as."""
    from ..read import read_bytes
    from ..read.jsonl import read_line

    source = item.source or item.id
    try:
        data = zlib.decompress(item.data)
    except zlib.error as err:
        return Rejected(source, f"the kept bytes cannot be unpacked: {err}", item.sha256)
    line = _JSONL_LINE.match(source)
    if line and data.lstrip()[:1] == b"{":
        doc = read_line(data, line.group(1), int(line.group(2)))
        if doc is not None:
            return doc
    if _WARC_RECORD.search(source):
        return read_bytes(data, source, kind=item.kind, url=item.url, date=item.published, doc_id=item.id,
                          encoding=item.encoding)
    return read_bytes(data, source, kind=item.kind, doc_id=item.id)


def _lemmas(pk: int, d: dict) -> tuple[int, str, str, str]:
    """The article's full-text row, as ``Store.add_articles`` indexes it."""
    return (pk, searchtext.lemma_text(d.get("title")), searchtext.lemma_text(d.get("lead")),
            searchtext.lemma_text("\n".join(d.get("body") or [])))


def _text(d: dict) -> tuple:
    return d.get("title"), d.get("lead"), d.get("body") or []


def unlink(store) -> None:
    """Empty the cross-article link tables (corpus entities, events, stories): the store is unlinked."""
    with store.transaction():
        for table in LINK_TABLES:
            store.conn.execute(f"DELETE FROM {table}")


def replace(store, batch: list[tuple[Stored, Article]]) -> int:
    """Replace the stored articles' rows by their re-analysed Articles, in one transaction (the article
    keeps its pk, id, sha256, source and ingested); returns how many came out different."""
    if not batch:
        return 0
    conn = store.conn
    changed = 0
    pks = [item.pk for item, _ in batch]
    marks = ", ".join("?" * len(pks))
    with store.transaction():
        before = {pk: json.loads(data) for pk, data in
                  conn.execute(f"SELECT pk, data FROM article_data WHERE pk IN ({marks})", pks)}
        for table in ANNOTATION_COLUMNS:
            conn.execute(f"DELETE FROM {table} WHERE article IN ({marks})", pks)
        annotations, old_text, new_text = Rows(), [], []
        for item, article in batch:
            article.id, article.sha256, article.source = item.id, item.sha256, item.source
            data = article.to_dict()
            conn.execute(
                "UPDATE articles SET url = ?, site = ?, published = ?, rubric = ?, rubric_key = ?, title = ?,"
                " lead = ?, language = ?, encoding = ?, layout = ? WHERE pk = ?",
                (article.url, article.site, article.published, article.rubric, key(article.rubric) or None,
                 article.title, article.lead, article.language, article.encoding, article.layout, item.pk))
            old = before.get(item.pk)
            if old is None:
                conn.execute("INSERT INTO article_data (pk, data) VALUES (?, ?)", (item.pk, dumps(data)))
            else:
                conn.execute("UPDATE article_data SET data = ? WHERE pk = ?", (dumps(data), item.pk))
            annotations.add(item.pk, rows(article))
            changed += old != data
            if old is not None and _text(old) != _text(data):
                old_text.append(_lemmas(item.pk, old))
                new_text.append(_lemmas(item.pk, data))
        annotations.write(conn)
        if old_text:
            store._unindex(old_text)
            store._index(new_text)
    return changed


def relink(store) -> None:
    """Link the whole store anew, in one transaction (``svodka link`` on an unlinked store)."""
    from ..link import update

    with store.transaction():
        unlink(store)
        update(store)


def reanalyze(db, *, batch_size: int = 50, pipeline: Pipeline | None = None, progress: bool = True) -> ReanalyzeReport:
    """Re-analyse every stored article from its kept raw bytes with the current pipeline, replace its
    annotations in place, then link the whole store anew (see the module's docstring). ``db``: a Store,
    a path or a URL. ``progress`` shows a tqdm bar on stderr."""
    from . import Store, open_store

    store = db if isinstance(db, Store) else open_store(db, create=False)
    try:
        store.check_writable()
        return _reanalyze(store, max(1, int(batch_size)), pipeline or default_pipeline(), progress)
    finally:
        if store is not db:
            store.close()


def _reanalyze(store, batch_size: int, pipeline, progress: bool) -> ReanalyzeReport:
    from tqdm import tqdm

    report = ReanalyzeReport(articles=len(store))
    started = time.perf_counter()
    queue: deque[Stored] = deque()
    batch: list[tuple[Stored, Article]] = []
    bar = tqdm(total=report.articles, unit="article", desc="reanalyze", file=sys.stderr, disable=not progress,
               dynamic_ncols=True, mininterval=0.5)

    def documents() -> Iterator[RawDocument | Rejected]:
        for item in stored(store):
            if item.data is None:
                report.failed.append((item.id, item.source or item.id, "its raw input is not kept"))
                bar.update(1)
                continue
            queue.append(item)
            yield document(item)

    def flush() -> None:
        if not batch:
            return
        with store.transaction():
            if not report.reanalyzed:
                unlink(store)           # with the first replaced article: no link is ever stale
            report.changed += replace(store, batch)
        report.reanalyzed += len(batch)
        batch.clear()

    try:
        for result in pipeline.pipe(documents()):
            item = queue.popleft()
            bar.update(1)
            if isinstance(result, Rejected):
                report.failed.append((item.id, item.source or item.id, result.reason))
            elif result.sha256 and result.sha256 != item.sha256:
                report.failed.append((item.id, item.source or item.id, "the kept bytes do not match the sha256"))
            else:
                batch.append((item, result))
                if len(batch) >= batch_size:
                    flush()
        flush()
    except KeyboardInterrupt:                   # keep what is finished; the store is left unlinked
        flush()
        raise
    finally:
        bar.close()
    relink(store)
    conn = store.conn
    report.corpus_entities = conn.execute("SELECT count(*) FROM corpus_entities").fetchone()[0]
    report.corpus_events = conn.execute("SELECT count(*) FROM corpus_events").fetchone()[0]
    report.stories = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    report.seconds = time.perf_counter() - started
    return report


__all__ = ["reanalyze", "ReanalyzeReport", "document", "stored", "replace", "relink", "unlink"]
