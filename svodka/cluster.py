"""The pipeline on a Dask cluster: the same results, in the same order, as ``Pipeline.pipe``.

``ClusterPipeline(workers=2)`` starts a local cluster (one process per worker, one thread each:
the language layer is CPU-bound Python); ``ClusterPipeline(scheduler="tcp://host:8786")`` uses an
existing one. ``pipe(items)`` cuts the stream into the pipeline's own batches (the same cut as
``Pipeline.pipe``, so that the site templates a batch learns are the same), sends each batch to a
worker and yields the results in input order. At most ``window`` batches are in flight, so an
input larger than memory streams through: the reader is pulled only as fast as workers finish.

The caller (``svodka.ingest``) reads and deduplicates documents against the store and writes
the results: one writer, so the database gets the same rows in the same order as without Dask.
Workers get the documents' bytes (and decoded text), never paths: a remote worker needs svodka
installed, not the input files. Each worker process loads the models once and keeps them.
"""
from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator

from .model import Article, RawDocument, Rejected
from .pipeline import BATCH_SIZE, Pipeline

log = logging.getLogger("svodka")

_worker_pipelines: dict[tuple, Pipeline] = {}


def _run_batch(batch: list[RawDocument | Rejected], config: tuple) -> list[Article | Rejected]:
    """On a worker: one batch through the pipeline this worker process keeps for ``config``."""
    pipeline = _worker_pipelines.get(config)
    if pipeline is None:
        batch_size, nlp, options = config
        pipeline = _worker_pipelines[config] = Pipeline(batch_size=batch_size, nlp=nlp, **dict(options))
    return list(pipeline._run_batch(batch))


def _pipeline_config(pipeline: Pipeline) -> tuple:
    """What a worker needs to build an equal Pipeline (plain values: it travels by pickle)."""
    options = {}
    limit = getattr(pipeline, "time_limit", None)
    if limit is not None:
        options["time_limit"] = limit
    return pipeline.batch_size, pipeline.nlp, tuple(sorted(options.items()))


class ClusterPipeline:
    """``Pipeline.pipe`` with the batches analysed on Dask workers.

    ``workers``: start a LocalCluster of this many worker processes (closed with this object);
    ``scheduler``: the address of a running scheduler instead. ``pipeline``: the configuration the
    workers copy (batch size, language layer on or off, time limit). ``window``: batches in flight
    (default: twice the workers, so that none waits while the writer stores).
    """

    def __init__(self, workers: int | None = None, scheduler: str | None = None, *,
                 pipeline: Pipeline | None = None, window: int | None = None) -> None:
        from dask.distributed import Client, LocalCluster     # heavy (~1 s): only when a cluster is asked for

        if (workers is None) == (scheduler is None):
            raise ValueError("give either workers (a local cluster) or scheduler (an address)")
        self.pipeline = pipeline or Pipeline(batch_size=BATCH_SIZE)
        self.batch_size = self.pipeline.batch_size
        self._config = _pipeline_config(self.pipeline)
        self.cluster = None
        if scheduler is None:
            if int(workers) < 1:
                raise ValueError("workers must be at least 1")
            self.cluster = LocalCluster(n_workers=int(workers), threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        else:
            self.client = Client(scheduler, timeout="30s")
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or int(workers or 1))
        self.window = max(1, window or 2 * self.workers)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> "ClusterPipeline":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<svodka ClusterPipeline {self.workers} worker(s) at {self.client.scheduler.address}>"

    def _one_by_one(self, chunk: list[RawDocument], exc: Exception) -> list[Article | Rejected]:
        """A failed batch again, a document a task, so that one bad document costs only itself."""
        log.warning("a batch failed on the cluster (%s: %s); retrying its documents one by one",
                    type(exc).__name__, exc)
        out = []
        for item in chunk:
            try:
                out += self.client.submit(_run_batch, [item], self._config, pure=False).result()
            except Exception as err:
                out.append(Rejected(item.source, f"analysis failed on the cluster: {type(err).__name__}: {err}",
                                    sha256=item.sha256))
        return out

    def pipe(self, items: Iterable[RawDocument | Rejected]) -> Iterator[Article | Rejected]:
        """Articles and Rejected records in input order; batches run on the workers."""
        pending: deque = deque()
        batch: list[RawDocument | Rejected] = []

        def submit(chunk: list) -> None:
            # only the documents travel (the pipeline passes Rejected records through, and learns
            # templates from the documents alone, so the results are the same); kept for a retry
            docs = [x for x in chunk if isinstance(x, RawDocument)]
            future = self.client.submit(_run_batch, docs, self._config, pure=False) if docs else None
            pending.append((chunk, docs, future))

        def oldest() -> Iterator[Article | Rejected]:
            chunk, docs, future = pending.popleft()
            if future is None:
                yield from chunk
                return
            try:
                analysed = iter(future.result())
            except Exception as exc:        # a worker died on this batch (memory, a crash): retry one by one
                analysed = iter(self._one_by_one(docs, exc))
            for item in chunk:
                yield item if isinstance(item, Rejected) else next(analysed)

        for item in items:
            batch.append(item)
            if len(batch) >= self.batch_size:
                submit(batch)
                batch = []
                while len(pending) >= self.window:
                    yield from oldest()
        if batch:
            submit(batch)
        while pending:
            yield from oldest()
