"""The language layer over one Article: entities, roles, coreference, time expressions, quotes."""
from __future__ import annotations

from ..model import Article, Quote, TimeExpr
from .entities import article_fields, build_entities
from .normal import _parses


def _gender(name: str) -> str | None:
    for p in _parses(name.split()[0]):
        if "Name" in p.tag.grammemes and p.tag.gender in ("masc", "femn"):
            return p.tag.gender
    return None


def find_article_times(article: Article) -> list[TimeExpr]:
    from .times import find_times

    out = []
    for name, text in article_fields(article):
        for m in find_times(text, article.published):
            out.append(TimeExpr(field=name, start=m.start, stop=m.stop, text=m.text, value=m.value))
    for i, card in enumerate(article.cards):
        if card.born and card.born_text:
            out.append(TimeExpr(field=f"cards[{i}].born", start=0, stop=len(card.born_text),
                                text=card.born_text, value=card.born))
    return out


def find_article_quotes(article: Article) -> list[Quote]:
    from .quotes import SpeakerMention, find_quotes

    mentions = []
    for e in article.entities:
        gender = _gender(e.name) if e.type == "PER" else None
        for m in e.mentions:
            mentions.append(SpeakerMention(field=m.field, start=m.start, stop=m.stop, name=e.name, type=e.type,
                                           gender=gender))
    quotes = find_quotes(article_fields(article), mentions)
    ids = {e.name: e.id for e in article.entities}
    for q in quotes:
        if q.speaker and not q.speaker_id:
            q.speaker_id = ids.get(q.speaker)
    return quotes


def annotate(article: Article) -> Article:
    """Fill the article's entities, times and quotes (in place) and return it."""
    from .ner import find_spans_fields

    article.entities = build_entities(article, find_spans_fields)
    article.times = find_article_times(article)
    article.quotes = find_article_quotes(article)
    return article
