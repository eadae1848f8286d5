"""Pipeline: the stages in order, loaded once, run per document or over batches.

``Pipeline.analyze(raw)`` gives one Article; ``Pipeline.pipe(items)`` streams Articles and
Rejected records for an iterable of RawDocument | Rejected, in batches so that pages of one
site can teach the layout their template (lines repeated across them are boilerplate).
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from .model import Article, RawDocument, Rejected
from .page import layout, site_of, templates_for

BATCH_SIZE = 64
log = logging.getLogger("svodka")


class Pipeline:
    """Holds whatever the stages load (models, dictionaries) and runs them in order."""

    def __init__(self, batch_size: int = BATCH_SIZE, nlp: bool = True) -> None:
        self.batch_size = batch_size
        self.nlp = nlp

    def analyze(self, raw: RawDocument, template: frozenset[str] = frozenset()) -> Article | Rejected:
        """One document through every stage; a failure becomes a Rejected record."""
        try:
            article = layout(raw, template)
        except Exception as exc:  # one bad page must never stop a batch
            return Rejected(source=raw.source, reason=f"layout failed: {type(exc).__name__}: {exc}",
                            sha256=raw.sha256)
        if not (article.title or article.body or article.lead):
            return Rejected(source=raw.source, reason="no article text found on the page", sha256=raw.sha256)
        if self.nlp:
            from .nlp import annotate
            try:
                annotate(article)
            except Exception as exc:  # the article stands without annotations rather than being lost
                log.warning("%s: language layer failed: %s: %s", raw.source, type(exc).__name__, exc)
                return article
            from .events import code_events
            try:
                article.events = code_events(article)
            except Exception as exc:  # a coder failure never costs the annotations
                log.warning("%s: event coder failed: %s: %s", raw.source, type(exc).__name__, exc)
        return article

    def pipe(self, items: Iterable[RawDocument | Rejected]) -> Iterator[Article | Rejected]:
        """Articles and Rejected records in input order, processed batch by batch."""
        batch: list[RawDocument | Rejected] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[RawDocument | Rejected]) -> Iterator[Article | Rejected]:
        raws = [(i, x) for i, x in enumerate(batch) if isinstance(x, RawDocument)]
        try:
            templates = templates_for([r.text or "" for _, r in raws], [site_of(r.url) for _, r in raws])
        except Exception:  # template learning is an aid, never a reason to fail
            templates = [frozenset()] * len(raws)
        by_position = {i: t for (i, _), t in zip(raws, templates)}
        for i, item in enumerate(batch):
            yield item if isinstance(item, Rejected) else self.analyze(item, by_position[i])


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _default
    if _default is None:
        _default = Pipeline()
    return _default
