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

import re
import sys
import time
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

from tqdm import tqdm

from .lang.plural import count_en
from .link import update
from .model import Article, RawDocument, Rejected
from .pipeline import Pipeline, default_pipeline
from .read import read_bytes
from .read.jsonl import read_line
from .store import Store, open_store
from .store.reanalysis import PAGE, Stored
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
        return (f"{count_en(self.articles, 'article')}: {self.reanalyzed} re-analysed ({self.changed} changed), "
                f"{len(self.failed)} failed and kept as they were; linked anew: {self.corpus_entities} corpus "
                f"entities, {self.corpus_events} corpus events, {self.stories} stories ({self.seconds:.1f} s)")


def document(item: Stored) -> RawDocument | Rejected:
    """The stored article's kept bytes as the RawDocument the original ingest read them as."""
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


def stored(store, page: int = PAGE) -> Iterator[Stored]:
    """Every stored article with its kept bytes, in storage order."""
    return store.stored_articles(page)


def unlink(store) -> None:
    """Empty the cross-article link tables (corpus entities, events, stories): the store is unlinked."""
    store.unlink_all()


def replace(store, batch: list[tuple[Stored, Article]]) -> int:
    """Replace the stored articles' rows by their re-analysed Articles; returns how many changed."""
    return store.replace_articles(batch)


def relink(store) -> None:
    """Link the whole store anew, in one transaction (``svodka link`` on an unlinked store)."""
    with store.transaction():
        unlink(store)
        update(store)


def reanalyze(db, *, batch_size: int = 50, pipeline: Pipeline | None = None, progress: bool = True) -> ReanalyzeReport:
    """Re-analyse every stored article from its kept raw bytes with the current pipeline, replace its
    annotations in place, then link the whole store anew (see the module's docstring). ``db``: a Store,
    a path or a URL. ``progress`` shows a tqdm bar on stderr."""
    store = db if isinstance(db, Store) else open_store(db, create=False)
    try:
        store.check_writable()
        return _reanalyze(store, max(1, int(batch_size)), pipeline or default_pipeline(), progress)
    finally:
        if store is not db:
            store.close()


def _reanalyze(store, batch_size: int, pipeline, progress: bool) -> ReanalyzeReport:
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
    report.corpus_entities, report.corpus_events, report.stories = store.link_counts()
    report.seconds = time.perf_counter() - started
    return report


__all__ = ["reanalyze", "ReanalyzeReport", "document", "stored", "replace", "relink", "unlink"]
