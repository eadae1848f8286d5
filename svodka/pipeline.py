"""Pipeline: the stages in order, loaded once, run per document or over batches.

``Pipeline.analyze(raw)`` gives one Article; ``Pipeline.pipe(items)`` streams Articles and
Rejected records for an iterable of RawDocument | Rejected, in batches so that pages of one
site can teach the layout their template (lines repeated across them are boilerplate).

Limits, so that no input can stall a batch or fill memory (the readers cap bytes before this:
``svodka.read.document.MAX_DOCUMENT_BYTES``, ``svodka.read.gz.MAX_DECOMPRESSED_BYTES``):

* ``time_limit`` (default ``TIME_LIMIT`` = 30 s): one document's layout, language layer and
  event coding; past it the document is Rejected ("analysis took longer than 30 s …"). It
  works in any thread (see ``svodka.timelimit``), so in Dask's worker threads too. The models
  are loaded (once per process) before the first clock starts: loading is not the document's
  time, and an interrupted load must never leave a half-built model behind.
* ``MAX_PAGE_CHARS`` (5 000 000): a page whose decoded text is longer is Rejected ("page too
  long …"): no news page is that long, and laying it out would take GBs.
* ``MAX_ANNOTATED_CHARS`` (200 000): the language layer and the event coder read the article's
  fields in reading order up to this many characters; the article keeps every field, the
  fields past the cap carry no annotations, and a warning is logged.
"""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator

from . import events, geo, nlp
from .lang.language import language_of
from .model import Article, Media, RawDocument, Rejected
from .nlp.entities import article_fields
from .page import host_of, layout, templates_for
from .timelimit import Overtime, time_limit

BATCH_SIZE = 64
TIME_LIMIT = 30.0
MAX_PAGE_CHARS = 5_000_000
MAX_ANNOTATED_CHARS = 200_000
log = logging.getLogger("svodka")


@dataclasses.dataclass
class Component:
    """One stage over an annotated article: ``load`` gives what it reads with (held in ``model``, so the
    pipeline owns it), ``run`` enriches the article in place; ``failure`` is what the log says when
    ``run`` raises (the article keeps what the stages before gave it)."""

    name: str
    load: Callable[[], object]
    run: Callable[[Article], None]
    failure: str
    model: object = None


def _code_events(article: Article) -> None:
    article.events = events.code_events(article)


def language_components() -> list[Component]:
    """The Russian language layer, the event coder (which reads the layer's entities and quotes), then the
    places of both on the map (places off the map rather than an article lost)."""
    return [Component("language", nlp.load, nlp.annotate, "language layer failed"),
            Component("events", events.load, _code_events, "event coder failed"),
            Component("places", geo.load, geo.locate, "geocoding failed")]


class Pipeline:
    """The stages in order: layout, then (``nlp``) the language components, each holding what it loaded.

    ``load()`` loads every component once, explicitly (``analyze`` does it before a document's clock starts:
    loading is not the document's time); ``time_limit``: seconds one document may take (None or 0: no limit).
    """

    def __init__(self, batch_size: int = BATCH_SIZE, nlp: bool = True,
                 time_limit: float | None = TIME_LIMIT) -> None:
        self.batch_size = batch_size
        self.nlp = nlp
        self.time_limit = time_limit
        self.components = language_components() if nlp else []

    def load(self) -> "Pipeline":
        for c in self.components:
            if c.model is None:
                c.model = c.load()
        return self

    def analyze(self, raw: RawDocument, template: frozenset[str] = frozenset()) -> Article | Rejected:
        """One document through every stage; a failure or an overrun becomes a Rejected record."""
        self.load()
        try:
            with time_limit(self.time_limit):
                return self._analyze(raw, template)
        except Overtime:
            return Rejected(source=raw.source, sha256=raw.sha256,
                            reason=f"analysis took longer than {self.time_limit:g} s "
                                   f"(the per-document time limit)")

    def _analyze(self, raw: RawDocument, template: frozenset[str]) -> Article | Rejected:
        size = len(raw.text or "")
        if size > MAX_PAGE_CHARS:
            return Rejected(source=raw.source, sha256=raw.sha256,
                            reason=f"page too long to analyse: {size:,} characters of text "
                                   f"(limit {MAX_PAGE_CHARS:,})".replace(",", " "))
        try:
            article = layout(raw, template)
        except Exception as exc:  # one bad page must never stop a batch
            return Rejected(source=raw.source, reason=f"layout failed: {type(exc).__name__}: {exc}",
                            sha256=raw.sha256)
        if not (article.title or article.body or article.lead):
            return Rejected(source=raw.source, reason="no article text found on the page", sha256=raw.sha256)
        if self.nlp:
            self._annotate(article)
        return article

    def _annotate(self, article: Article) -> None:
        """The language components in order, on the article (or its first MAX_ANNOTATED_CHARS)."""
        part = annotated_part(article)
        if not article_fields(part):
            return       # "Нагадаємо" is no person: nothing Russian to read; the article stays searchable
        if sum(len(text) for _, text in article_fields(article)) > MAX_ANNOTATED_CHARS:
            log.warning("%s: article over %d characters: only its first fields are annotated",
                        article.source, MAX_ANNOTATED_CHARS)
        for c in self.components:
            try:
                c.run(part)
            except Exception as exc:  # the article keeps what the stages before gave it rather than being lost
                log.warning("%s: %s: %s: %s", article.source, c.failure, type(exc).__name__, exc)
                if c.name == "language":
                    return          # nothing for the coder to read
        if part is not article:      # offsets are per field, so they hold for the whole article
            article.entities, article.times = part.entities, part.times
            article.quotes, article.events = part.quotes, part.events

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
        raws = [(i, x) for i, x in enumerate(batch)
                if isinstance(x, RawDocument) and len(x.text or "") <= MAX_PAGE_CHARS]
        try:
            with time_limit(self.time_limit):
                templates = templates_for([r.text or "" for _, r in raws],
                                          [host_of(r.url) for _, r in raws])
        except (Exception, Overtime):  # template learning is an aid, never a reason to fail
            templates = [frozenset()] * len(raws)
        by_position = {i: t for (i, _), t in zip(raws, templates)}
        for i, item in enumerate(batch):
            yield item if isinstance(item, Rejected) else self.analyze(item, by_position.get(i, frozenset()))


def annotated_part(article: Article) -> Article:
    """The article itself, or a copy holding only the fields the Russian language layer reads: in Russian
    (a Ukrainian paragraph of a mixed page is left out) and, in reading order, within MAX_ANNOTATED_CHARS.
    The other fields are blanked in place, so field names still match; the left-out ones are noted."""
    fields = article_fields(article)
    page = article.language if article.language not in ("ru", None) else None
    # a field too short to tell takes the page's language; on a Russian page a Latin-script field (a tweet,
    # "Вакцина BioNTech/Pfizer") is still read: its names are names
    languages = [(name, page or language_of(text)) for name, text in fields]
    other = [(name, lang) for name, lang in languages if lang not in ("ru", None) and (page or lang != "en")]
    if other and len(other) == len(fields):
        langs = ", ".join(sorted({lang for _, lang in other}))
        article.notes.append(f"not analysed: the page is not in Russian ({langs})")
    elif other:
        langs = ", ".join(sorted({lang for _, lang in other}))
        article.notes.append(f"not analysed, not in Russian ({langs}): " + ", ".join(n for n, _ in other))
    skipped = {name for name, _ in other}
    fields = [(name, text) for name, text in fields if name not in skipped]
    if not skipped and sum(len(text) for _, text in fields) <= MAX_ANNOTATED_CHARS:
        return article
    budget, keep = MAX_ANNOTATED_CHARS, set()
    for name, text in fields:
        if len(text) > budget:
            break
        budget -= len(text)
        keep.add(name)
    return dataclasses.replace(
        article,
        title=article.title if "title" in keep else None,
        alt_titles=[t if f"alt_titles[{i}]" in keep else "" for i, t in enumerate(article.alt_titles)],
        lead=article.lead if "lead" in keep else None,
        media=[m if f"media[{i}].caption" in keep else Media(None, m.credit)
               for i, m in enumerate(article.media)],
        body=[t if f"body[{i}]" in keep else "" for i, t in enumerate(article.body)],
        entities=[], quotes=[], times=[], events=[])


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _default
    if _default is None:
        _default = Pipeline()
    return _default
