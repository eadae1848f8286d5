"""The language layer over one Article: entities, roles, coreference, time expressions, quotes."""
from __future__ import annotations

import re

from ..model import Article, Mention, Quote, TimeExpr
from .entities import article_fields, build_entities, gender_of
from .ner import find_spans_fields
from .quotes import SpeakerMention, find_quotes
from .speech import speech_word
from .time import find_times


def find_article_times(article: Article) -> list[TimeExpr]:
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
    mentions = []
    for e in article.entities:
        gender = gender_of(e.name) if e.type == "PER" else None
        for m in e.mentions:
            mentions.append(SpeakerMention(field=m.field, start=m.start, stop=m.stop, name=e.name, type=e.type,
                                           gender=gender))
    quotes = find_quotes(article_fields(article), mentions)
    ids = {e.name: e.id for e in article.entities}
    for q in quotes:
        if q.speaker and not q.speaker_id:
            q.speaker_id = ids.get(q.speaker)
    return quotes


PRONOUN_SPEAKER = re.compile(r"\b(он|она)\s+(?:также\s+|еще\s+|ещё\s+)?([а-яё]+)", re.IGNORECASE)


def link_pronoun_speakers(article: Article) -> None:
    """"Он добавил, что …": the pronoun is a mention of the person the quote is attributed to."""
    by_id = {e.id: e for e in article.entities}
    for q in article.quotes:
        entity = by_id.get(q.speaker_id or "")
        text = article.field_text(q.field) if entity is not None and entity.type == "PER" else None
        if not text:
            continue
        # the pronoun opens the clause that introduces this quote: the nearest one before it
        window_start = max(text.rfind(". ", 0, q.start), text.rfind("—", 0, q.start - 3), 0)
        for m in PRONOUN_SPEAKER.finditer(text, window_start, q.stop):
            word = speech_word(m.group(2))
            wanted = "femn" if m.group(1).lower() == "она" else "masc"
            if word is None or (word.gender and word.gender != wanted):
                continue
            if not any(x.field == q.field and x.start == m.start(1) for x in entity.mentions):
                entity.mentions.append(Mention(q.field, m.start(1), m.end(1), m.group(1), "pronoun",
                                               normal=m.group(1).lower()))
            break


def annotate(article: Article) -> Article:
    """Fill the article's entities, times and quotes (in place) and return it."""
    article.entities = build_entities(article, find_spans_fields)
    article.times = find_article_times(article)
    article.quotes = find_article_quotes(article)
    link_pronoun_speakers(article)
    return article
