"""nlp: the language layer — entities, coreference, roles, time expressions and quotes.

Every article field is analysed on its own ("Ильхам Алиев\\nполитик" never fuses into one name);
offsets are character offsets into the named field (``title``, ``lead``, ``body[3]``, ``media[0].caption``).

Modules (one job each):
  ner/         PER/LOC/ORG spans in a text (slovnet underneath, corrected)   find_spans(text)
               (spans, rules, doc, orgs, split, types, lexicon)
  time/        dates and periods → EDTF, resolved against the article date   find_times(text, ref_date)
               (find; rules in dates, months_years, periods, relative; words, resolve)
  quotes/      direct and indirect quotes with their speakers                 find_quotes(fields, mentions)
               (find, marks, words, state, speakers, direct, indirect; speech.py beside it)
  normal.py    every mention's own base form                                  normalize(text, type, forms)
               (on lang/'s name tools: person_names.py, phrases.py, inflect.py, forms.py)
  attribution.py  credits and report attributions: mentions of kind credit/attribution
  entities.py  mentions linked into the article's entities, cards, countries  build_entities(article, find_spans)
               (entity_rules.py: gender by agreement, abbreviations, streets, subjects as written)
  roles.py     appositive roles ("президент Азербайджана")                    roles_before(text, start)
  coref.py     descriptors, country adjectives, capitals as actors
  annotate.py  all of it over one Article                                     annotate(article)

    load() -> the NER tagger   what the layer reads with, now (otherwise on first use): the pipeline's
                               language component loads it before the first document's clock starts
"""
from .. import lang
from .annotate import annotate
from .ner import load as load_ner
from .ner import orgs, types


def load():
    lang.load()
    types._keys()              # the word lists the NER corrections index
    orgs._gazetteer()
    return load_ner()


__all__ = ["annotate", "load"]
