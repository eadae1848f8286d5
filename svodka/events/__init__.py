"""events: who did what to whom, when and where — read from Russian, coded in CAMEO and PLOVER.

    code_events(article) -> list[Event]      # on an annotated Article (entities, times, quotes filled)
    event_key(event) -> str                  # type|actors|month|place[|polarity]: one key per happening

Modules (one job each):
  lexicon.py    Russian trigger lemmas (verbs and nominalisations) → event type and CAMEO code
  parse.py      sentences, and Natasha's morphology + syntax only for sentences with a trigger
  party.py      Actor (an event's party) and the country of a place or an actor
  actors.py     a nominal of the parse → the article's entities, "стороны", "который", descriptive actors
  offices.py    unnamed courts, governments, leaders → the state or the person they are (ActorIndex mixin)
  antecedents.py  whom a descriptor, a pronoun or a listed group refers to (ActorIndex mixin)
  coder.py      per article: trigger sentences → drafts (type refinements, confidence), which to keep
  draft.py      the Draft of one trigger token, filled step by step
  triggers.py   a cheap trigger test of a raw sentence; the lexicon reading of a parsed token
  arguments.py  source and target actors of a trigger, read from the parse (subjects.py: who does it)
  implied.py    parties a clause implies: a thing's owner, the state a place speaks for, one's own offices
  screens.py    words that name an act without telling one (a charge's offence, a purpose, a hypothetical)
  attributed.py verdicts whose speaker is named after them ("… неприемлемо. Об этом заявил …", a title's
                "… – Оржель", a direct quote)
  when_where.py the date and the place inside the trigger's clause; a meeting's 042/043/044
  modality.py   fact, claim, intent, future or negated; intent heads ("договорились провести встречу")
  casualties.py killed and injured numbers
  merge.py      one event, many reports; the cross-article key
  sport.py      is the article about sport (its games and transfers are not coded)?
  gdelt.py      GDELT 2.0 event-table rows

Event fields (svodka.model.Event): ``type`` (statement — admissions 015, denials 016, condolences 018 —,
call, meet, praise, agreement, intent, aid, release,
investigate, demand, appeal, criticize, accuse, complain, sue, charge, convict, reject, threaten,
protest, military_posture, reduce_relations, sanction, seize, arrest, deport, assault, fight,
mass_violence, accident, disaster); ``cameo`` with ``goldstein``, ``quad_class`` and ``plover``
("CONSULT:phone"); ``source``/``target`` — entity names (a person, organisation or country of the
article) or a descriptive actor in the nominative ("граждане Азербайджана") — an act between parties
needs at least one of them (accidents, protests, attacks may have none); for symmetric events (call,
meet, agreement, intent) the participants are split into source (the first) and target (the others);
``date`` EDTF; ``place`` a LOC entity name; ``modality`` fact | claim | intent | future | negated;
``killed``/``injured``; ``evidence`` — the report sentences (kind "sentence") and trigger words
(kind "trigger") as field mentions; ``confidence`` 0..1.
"""
from __future__ import annotations

from ..model import Article, Event
from ..cameo import event_key
from . import lexicon, parse
from .coder import Coder
from .merge import merge, to_event
from .sport import SPORT_SILENT, is_sport, sport_words


# happenings that may have no identified party at all
WITHOUT_PARTIES = {"accident", "disaster", "protest", "military_posture", "fight", "assault", "mass_violence"}
DESTROY_PROPERTY = "1712"            # arson by unknown persons


def code_events(article: Article) -> list[Event]:
    """The events an annotated article reports, one per happening, in reading order."""
    drafts = Coder(article).drafts()
    events = [to_event(g, article) for g in merge(drafts)]
    if is_sport(article):
        events = [e for e in events if e.type not in SPORT_SILENT]
    # as in GDELT, an act between parties needs one of them identified ("задержали" of nobody named is not
    # coded); happenings with no parties by nature (accidents, protests, attacks by unknown) stay
    return [e for e in events if e.source or e.target or e.type in WITHOUT_PARTIES or e.cameo == DESTROY_PROPERTY]


def load():
    """What the coder reads with, now (otherwise on first use): the parser (sharing the NER tagger's
    embeddings), every inflected form of the trigger lemmas, the sport words; returns the parser."""
    lexicon.forms()
    sport_words()
    return parse.load()


__all__ = ["code_events", "event_key", "load"]
