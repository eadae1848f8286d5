"""svodka: Russian news pages → a structured, searchable news knowledge base.

    >>> from svodka import analyze
    >>> article = analyze(page_bytes, url="https://example.ru/news/1", date="2025-12-24")
    >>> article.title, article.body, article.to_dict()

The pipeline follows the package tree: read → page → (nlp → events → link → store → serve).
"""
from __future__ import annotations

from .model import FORMAT_VERSION, SCHEMA_VERSION, Article, Card, Entity, Event, Media, Mention, Quote, RawDocument, \
    Rejected, Related, TimeExpr
from .pipeline import Pipeline, default_pipeline

__version__ = "0.1.0"


class AnalyzeError(ValueError):
    """The input could not be read as an article; ``reason`` says why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source, self.reason = source, reason


def analyze(data: bytes | str, *, url: str | None = None, date: str | None = None,
            kind: str | None = None, source: str = "<input>") -> Article:
    """One page (bytes or str; a text dump or HTML) → Article. Raises AnalyzeError on bad input."""
    # the readers (charset detection, warcio: ~50 ms) load with the first page, not with `import svodka`
    # (every command's start-up)
    from .read import read_bytes
    raw = read_bytes(data.encode("utf-8") if isinstance(data, str) else data, source,
                     url=url, date=date, kind=kind)
    if isinstance(raw, Rejected):
        raise AnalyzeError(raw.source, raw.reason)
    result = default_pipeline().analyze(raw)
    if isinstance(result, Rejected):
        raise AnalyzeError(result.source, result.reason)
    return result


def analyze_paths(paths, pipeline: Pipeline | None = None):
    """Every document under the paths (files, folders, archives, '-') → Article | Rejected, streamed."""
    from .read import read_paths        # the readers: see analyze()
    return (pipeline or default_pipeline()).pipe(read_paths(paths))


__all__ = ["analyze", "analyze_paths", "AnalyzeError", "Pipeline", "FORMAT_VERSION", "SCHEMA_VERSION", "Article", "Card",
           "Entity", "Event", "Media", "Mention", "Quote", "RawDocument", "Rejected", "Related", "TimeExpr"]
