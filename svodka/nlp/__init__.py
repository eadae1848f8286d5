"""nlp: the language layer — entities, coreference, roles, time expressions and quotes.

Every article field is analysed on its own ("Ильхам Алиев\\nполитик" never fuses into one name);
offsets are character offsets into the named field (``title``, ``lead``, ``body[3]``, ``media[0].caption``).

Modules (one job each):
  ner.py       PER/LOC/ORG spans in a text (slovnet underneath, corrected)   find_spans(text)
  times.py     dates and periods → EDTF, resolved against the article date   find_times(text, ref_date)
               (rules in time_dates, time_months_years, time_periods, time_relative; time_words, time_resolve)
  quotes.py    direct and indirect quotes with their speakers                 find_quotes(fields, mentions)
               (quote_marks, quote_words, quote_state, quote_speakers, quote_direct, quote_indirect, speech)
  normal.py    every mention's own base form                                  normalize(text, type, forms)
               (inflect.py: word-level tools; person_names.py: persons; forms.py: the article's own
               word forms as evidence)
  attribution.py  credits and report attributions: mentions of kind credit/attribution
  entities.py  mentions linked into the article's entities, cards, countries  build_entities(article, find_spans)
               (entity_rules.py: gender by agreement, abbreviations, streets, subjects as written)
  roles.py     appositive roles ("президент Азербайджана")                    roles_before(text, start)
  coref.py     descriptors, country adjectives, capitals as actors
  annotate.py  all of it over one Article                                     annotate(article)
"""
from .annotate import annotate

__all__ = ["annotate"]
