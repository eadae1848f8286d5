"""Corrections of slovnet's NER spans, following factRuEval-2016's annotation conventions.

Spans are token spans ``[i, j, type]`` (j exclusive) over razdel tokens of one text
(:class:`~svodka.nlp.ner.doc.Doc`).  :func:`correct` runs the steps of :data:`STEPS` in this order,
each taking and returning the list of spans:

1. :func:`~svodka.nlp.ner.split.split_pieces` — cut at line breaks and list punctuation, trim the edges;
2. :func:`~svodka.nlp.ner.split.drop_common` — drop lone ordinary words, titles before persons;
3. :func:`~svodka.nlp.ner.orgs.org_quotes` — an organisation's name in quotes is the quoted part;
4. :func:`~svodka.nlp.ner.orgs.quoted_orgs` — quoted names after organisation (or craft, work) words;
5. :func:`~svodka.nlp.ner.types.retype` — types fixed by the word lists;
6. :func:`~svodka.nlp.ner.orgs.parentheses` — "X (Y)": the bracketed form is the same kind of name;
7. :func:`~svodka.nlp.ner.orgs.abbreviations` — "long name (ABBR)";
8. :func:`~svodka.nlp.ner.orgs.reported_sources` — web addresses and Latin names cited as sources;
9. :func:`~svodka.nlp.ner.orgs.gazetteer` — known organisations;
10. :func:`~svodka.nlp.ner.orgs.org_adjectives` — "японского МИДа";
11. :func:`~svodka.nlp.ner.types.propagate` — one text, one reading of a name;
12. :func:`~svodka.nlp.ner.types.morph_types` — person or place by the dictionary and by lists;
13. :func:`~svodka.nlp.ner.types.geo_words` — capitalised place nouns outside any mention.

Steps may leave overlapping spans; :func:`correct` keeps the first, longest one.
"""
from __future__ import annotations

from .doc import Doc
from .orgs import abbreviations, gazetteer, org_adjectives, org_quotes, parentheses, quoted_orgs, reported_sources
from .split import drop_common, split_pieces
from .types import geo_words, morph_types, propagate, retype

STEPS = (
    split_pieces, drop_common, org_quotes, quoted_orgs, retype, parentheses, abbreviations,
    reported_sources, gazetteer, org_adjectives, propagate, morph_types, geo_words,
)


def correct(text: str, toks: list[tuple[int, int, str]], spans: list[list], skip: frozenset = frozenset()
            ) -> list[list]:
    """Apply the corrections in order to slovnet's token spans; returns sorted, non-overlapping spans.

    ``skip`` names steps to leave out (for ablation studies)."""
    doc = Doc(text, toks)
    spans = [list(s) for s in spans]
    for step in STEPS:
        if step.__name__ not in skip:
            spans = step(doc, spans)
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[list] = []
    for s in spans:
        if s[0] < s[1] and not (out and out[-1][1] > s[0]):
            out.append(s)
    return out
