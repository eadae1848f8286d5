"""quotes: direct and indirect quotes with their speakers — find_quotes(fields, mentions) (find.py).

  find.py      the finder over an article's fields, and its entry point
  marks.py     quote marks, sentences and tokens
  words.py     the words speakers and their verbs are read by (pymorphy lemmas and cases)
  state.py     a quote's speaker, verb and attribution as they are found
  speakers.py  the subjects a quote may be attributed to
  direct.py    quotes in quote marks ("«…», — сказал он")
  indirect.py  reported speech ("заявил, что …")
(speech.py, beside this package in nlp/: the speech verbs and nouns, read by attribution and coref too)
"""
from .find import SpeakerMention, find_quotes, quote_spans

__all__ = ["SpeakerMention", "find_quotes", "quote_spans"]
