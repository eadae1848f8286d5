"""ner: PER / LOC / ORG mention spans in Russian text — slovnet's news NER (via Natasha), then corrections.

    find_spans(text), find_spans_batch(texts), find_spans_fields(texts), load()     (spans.py)

  spans.py     the tagger (loaded once per process) and the entry points
  rules.py     the corrections in order, after factRuEval-2016's annotation conventions
  doc.py       one text's tokens and cached pymorphy readings, as the rules see them
  orgs.py      organisations: abbreviations, quoted names, the gazetteer, reported sources
  split.py     pieces of a span that are two mentions; common words dropped
  types.py     a span's type from its words (geo words, morphology), propagated through the text
  lexicon.py   the word lists the rules read
"""
from .spans import (MAX_TAGGED_TOKENS, Span, bio_spans, embedding, find_spans, find_spans_batch, find_spans_fields,
                    load, raw_spans_batch, tag_tokens)

__all__ = ["MAX_TAGGED_TOKENS", "Span", "bio_spans", "embedding", "find_spans", "find_spans_batch", "find_spans_fields",
           "load", "raw_spans_batch", "tag_tokens"]
