"""Ingest: documents from paths → the pipeline → the store, in batches, resumable, idempotent.

A document is its raw bytes' SHA-256. Before a document goes to the (slow) pipeline, the store is
asked whether those bytes are already there (as an article or as a rejected document): if so the
document is skipped, and only a new source it was found under is recorded. Results are written
``batch_size`` documents per transaction, so a killed ingest loses at most the open batch, and
running it again completes the work without storing anything twice.

With ``workers=N`` (a local Dask cluster) or ``scheduler="tcp://…"`` (a running one) the analysis
runs on the cluster (``svodka.cluster``); reading, deduplication and writing stay here, one writer,
so the store gets the same rows in the same order as a single-process ingest.

``ingest_documents`` is the same for documents already in hand (the crawler's fetched pages): with
``on_batch``, the caller learns in each batch's transaction what became of every document it gave
(by source: "article", "rejected" or "known"), so its own records commit with the articles.
"""
from __future__ import annotations

import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tqdm import tqdm

from .cluster import ClusterPipeline      # (Dask itself loads only when a cluster is asked for)
from .lang.plural import count_en
from .link import update
from .model import Article, RawDocument, Rejected
from .pipeline import Pipeline, default_pipeline
from .read import read_paths
from .store import Store, open_store


@dataclass(slots=True)
class IngestReport:
    """What an ingest did with the documents it read: ``new`` articles stored, ``skipped`` because
    the store held them already (their bytes, or the rejection of their unreadable source) —
    ``rejected_before`` of those are rejections that stand —, ``meanwhile``: analysed here but
    stored first by another ingest running at the same time, ``rejected`` in this run."""

    new: int = 0
    skipped: int = 0
    rejected: int = 0
    seconds: float = 0.0
    meanwhile: int = 0
    rejected_before: int = 0

    @property
    def documents(self) -> int:
        return self.new + self.skipped + self.meanwhile + self.rejected

    @property
    def rejections(self) -> int:
        """The documents read that are rejected, in this run or before."""
        return self.rejected + self.rejected_before

    def __str__(self) -> str:
        raced = f"{self.meanwhile} stored meanwhile by another ingest, " if self.meanwhile else ""
        again = f", {self.rejected_before} of them as before" if self.rejected_before else ""
        return (f"{count_en(self.documents, 'document')}: {self.new} new, "
                f"{self.skipped - self.rejected_before} already in the store, {raced}"
                f"{self.rejections} rejected{again} ({self.seconds:.1f} s)")


class _Batch:
    """The results not yet written, and the sources seen for documents not yet written."""

    def __init__(self, store, size: int, on_batch=None) -> None:
        self.store, self.size, self.on_batch = store, size, on_batch
        self.outcomes: list[tuple[str, str]] = []      # (source, what became of it), for on_batch
        self.articles: list[Article] = []
        self.raws: dict[str, tuple[bytes, str | None]] = {}
        self.rejected: list[tuple[Rejected, bytes | None, str | None]] = []
        self.known: list[tuple[str, str]] = []          # (sha256, source) of stored documents
        self.inflight: dict[str, list[str]] = {}        # sha256 → other sources, until written
        self.meanwhile = 0                              # analysed articles another ingest stored first

    def __len__(self) -> int:
        return len(self.articles) + len(self.rejected) + len(self.known)

    def outcome(self, source: str, what: str) -> None:
        if self.on_batch is not None:
            self.outcomes.append((source, what))

    def _report(self) -> None:
        """Tell on_batch, inside the open transaction, what became of the documents so far."""
        if self.outcomes:
            self.on_batch(self.store, self.outcomes)
            self.outcomes = []

    def flush(self) -> int:
        """Write everything pending in one transaction; returns the number of new articles."""
        if not len(self):
            if self.outcomes:
                with self.store.transaction():
                    self._report()
            return 0
        store = self.store
        with store.transaction():
            new = store.add_articles(self.articles, self.raws)
            self.meanwhile += len(self.articles) - new
            if new:
                update(store)           # in the same transaction: a batch is linked or not stored
            for rejected, data, kind in self.rejected:
                store.add_rejected(rejected, data, kind)
            done = [a.sha256 for a in self.articles] + [r.sha256 for r, _, _ in self.rejected if r.sha256]
            for sha in done:
                for source in self.inflight.pop(sha, ()):
                    store.add_known_source(sha, source)
            for sha, source in self.known:
                store.add_known_source(sha, source)
            self._report()
        self.articles, self.raws, self.rejected, self.known = [], {}, [], []
        return new

    def flush_known(self) -> None:
        """Only the new sources of documents stored before this run (no article is written)."""
        with self.store.transaction():
            for sha, source in self.known:
                self.store.add_known_source(sha, source)
        self.known = []


class _Lines:
    """Progress as lines on stderr, for a log or `make run` (no terminal for a bar): every few
    seconds, and when a batch is written."""

    EVERY = 2.0

    def __init__(self, report: IngestReport, started: float) -> None:
        self.report, self.started, self.last = report, started, time.perf_counter()

    def show(self, pending: int, written: bool = False) -> None:
        now = time.perf_counter()
        if not written and now - self.last < self.EVERY:
            return
        self.last = now
        r = self.report
        done = r.new + pending + r.skipped + r.rejected
        print(f"ingest: {count_en(done, 'document')} so far: {r.new + pending} new, {r.skipped} already in the store,"
              f" {r.rejected} rejected ({done / max(now - self.started, 1e-9):.1f}/s)"
              f"{f'; {r.new} stored' if written else ''}", file=sys.stderr, flush=True)


def ingest(paths: Iterable[str], db, *, batch_size: int = 50, pipeline: Pipeline | None = None,
           progress: bool | str = True, workers: int | None = None, scheduler: str | None = None) -> IngestReport:
    """Read every document under ``paths`` (files, folders, archives, '-'), analyse the new ones
    and store them in ``db`` (a Store, a path or a URL) with every annotation, their raw bytes
    and their sources; rejected documents go to the ``rejected`` table.

    ``progress`` shows a tqdm bar on stderr (documents/s, rejected count); ``"lines"``: a line every
    few seconds and per written batch instead (for a log). ``workers`` /
    ``scheduler``: analyse on a Dask cluster (see the module's docstring).
    """
    return ingest_documents(read_paths(paths), db, batch_size=batch_size, pipeline=pipeline, progress=progress,
                            workers=workers, scheduler=scheduler)


def ingest_documents(documents: Iterable[RawDocument | Rejected], db, *, batch_size: int = 50,
                     pipeline: Pipeline | None = None, progress: bool | str = True, workers: int | None = None,
                     scheduler: str | None = None, on_batch=None, label: str = "ingest") -> IngestReport:
    """``ingest`` of documents in hand (RawDocument or Rejected records, e.g. fetched pages), read
    lazily. ``on_batch(store, [(source, "article" | "rejected" | "known"), …])`` is called inside each
    batch's transaction for the documents it settled. ``label`` names the progress bar."""

    store = db if isinstance(db, Store) else open_store(db)
    cluster = None
    try:
        store.check_writable()          # before any analysis: say at once that nothing can be stored
        runner = pipeline or default_pipeline()
        if workers is not None or scheduler is not None:
            cluster = runner = ClusterPipeline(None if scheduler else workers, scheduler, pipeline=runner)
        return _ingest(documents, store, max(1, int(batch_size)), runner, progress, on_batch, label)
    finally:
        if cluster is not None:
            cluster.close()
        if store is not db:
            store.close()


def _ingest(documents, store, batch_size: int, pipeline, progress: bool | str, on_batch=None,
            label: str = "ingest") -> IngestReport:
    report = IngestReport()
    started = time.perf_counter()
    batch = _Batch(store, batch_size, on_batch)
    queue: deque[RawDocument | None] = deque()
    bar = tqdm(unit="doc", desc=label, file=sys.stderr, disable=not progress or progress == "lines", dynamic_ncols=True,
               mininterval=0.5)
    lines = _Lines(report, started) if progress == "lines" else None

    def tick(field: str | None = None) -> None:
        if field:
            setattr(report, field, getattr(report, field) + 1)
        bar.update(1)
        bar.set_postfix(new=report.new + len(batch.articles), skipped=report.skipped,
                        rejected=report.rejected, refresh=False)
        if lines:
            lines.show(len(batch.articles))

    def fill() -> None:
        # cut by results only, so that the batches (and their linking) do not depend on how far
        # ahead the reader runs (it runs further with a cluster); sources of stored documents
        # seen again go on their own
        if len(batch.articles) + len(batch.rejected) >= batch_size:
            report.new += batch.flush()
            if lines:
                lines.show(0, written=True)
        elif len(batch.known) >= batch_size:
            batch.flush_known()

    def fresh() -> Iterator[RawDocument]:
        """The documents the store does not hold yet; the others are counted and their source kept."""
        for item in documents:
            sha = item.sha256
            if sha and sha in batch.inflight:                       # the same bytes earlier in this run
                batch.inflight[sha].append(item.source)
                batch.outcome(item.source, "known")
                tick("skipped")
            elif sha and (stored := store.known(sha)):
                if not store.has_source(sha, item.source):
                    batch.known.append((sha, item.source))
                report.rejected_before += stored == "rejected"      # a rejection that stands is said again
                batch.outcome(item.source, "known")
                tick("skipped")
            elif isinstance(item, Rejected) and not sha and store.is_rejected(item.source):
                batch.rejected.append((item, None, None))   # still unreadable: its reason brought up to date
                report.rejected_before += 1
                batch.outcome(item.source, "rejected")
                tick("skipped")
            elif isinstance(item, Rejected):    # unreadable: the pipeline passes it through, in order
                if sha:
                    batch.inflight[sha] = []
                queue.append(None)
                yield item
                continue
            else:
                batch.inflight[sha] = []
                queue.append(item)
                yield item
                continue
            fill()

    try:
        for result in pipeline.pipe(fresh()):
            raw = queue.popleft()
            if raw is None:                         # unreadable, recorded as the reader rejected it
                batch.rejected.append((result, result.data, None))
                batch.outcome(result.source, "rejected")
                result.data = None
                tick("rejected")
            elif isinstance(result, Article):
                result.sha256 = result.sha256 or raw.sha256
                batch.articles.append(result)
                batch.raws[result.sha256] = (raw.data, raw.kind)
                batch.outcome(raw.source, "article")
                tick()                              # new articles are counted when written
            else:
                result.sha256 = result.sha256 or raw.sha256
                batch.rejected.append((result, raw.data, raw.kind))
                batch.outcome(raw.source, "rejected")
                tick("rejected")
            fill()
        report.new += batch.flush()
    except KeyboardInterrupt:                       # keep what is finished; the re-run does the rest
        report.new += batch.flush()
        raise
    finally:
        bar.close()
        report.meanwhile = batch.meanwhile
        report.seconds = time.perf_counter() - started
    return report
