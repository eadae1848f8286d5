"""Mentions to their base form: ``normalize(text, type, forms)``, the entry point of the name tools in lang/:
persons are lang/person_names.py's job, places and organisations lang/phrases.py's; here the mention is
cleaned (quote marks, a bracketed alias) and sent to the right one.
"""
from __future__ import annotations

from ..lang.countries import country_named
from ..lang.forms import TextForms
from ..lang.inflect import clean_span
from ..lang.person_names import normalize_person
from ..lang.phrases import normalize_phrase


def normalize(text: str, kind: str, forms: TextForms | None = None) -> tuple[str, list[str]]:
    """(normal name, aliases) of a mention of the given type (PER, LOC, ORG); ``forms``: the article's
    own word forms, which decide for words the dictionary does not know."""
    name, aliases = clean_span(text)
    if kind == "LOC":
        # "Флорида (США)": a bracketed country is where the place lies, not another name of it
        if country_named(normalize_phrase(name, forms, place=True)) is None:
            aliases = [a for a in aliases if country_named(normalize_phrase(a, forms, place=True)) is None]
    if not name:
        return text, aliases
    if kind == "PER":
        return normalize_person(name, forms), aliases
    return normalize_phrase(name, forms, place=kind == "LOC"), aliases
