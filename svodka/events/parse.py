"""Sentences, tokens and — only where a trigger is — Natasha's morphology and syntax.

    sentences(article) -> [Sentence]            # every field split by razdel, tokens with field offsets
    parse(sentences)                            # fills pos/feats/lemma/head/rel in place, one batch

The morphological tagger and the dependency parser (slovnet, navec news embeddings) are loaded once per
process on first use; they run only over the sentences the caller hands in (those with a trigger), so
an article without events costs a regex scan and nothing else.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache

from razdel import sentenize, tokenize

from ..lang.inflect import _parses
from ..lang.morph import morph
from ..model import Article
from ..nlp.entities import article_fields      # (attributed.py reads it from here)
from ..nlp.ner import embedding

_LOCK = threading.Lock()
_MODELS = None


@dataclass(slots=True)
class Tok:
    i: int                      # index in the sentence
    text: str
    start: int                  # offsets into the field
    stop: int
    pos: str = ""
    feats: dict = field(default_factory=dict)
    lemma: str = ""
    head: int = -1              # index of the head token, -1 for the root
    rel: str = ""
    kids: list[int] = field(default_factory=list)

    @property
    def low(self) -> str:
        return self.text.lower().replace("ё", "е")


@dataclass(slots=True)
class Sentence:
    field: str
    index: int                  # position of the field in reading order
    start: int
    stop: int
    text: str
    _toks: list[Tok] | None = None
    parsed: bool = False

    @property
    def toks(self) -> list[Tok]:
        """razdel tokens with field offsets — made on first use (most sentences never need them)."""
        if self._toks is None:
            self._toks = [Tok(i, t.text, self.start + t.start, self.start + t.stop)
                          for i, t in enumerate(tokenize(self.text))]
        return self._toks

    def children(self, t: Tok, *rels: str) -> list[Tok]:
        out = [self.toks[k] for k in t.kids]
        return [c for c in out if not rels or c.rel in rels or c.rel.split(":")[0] in rels]

    def subtree(self, t: Tok, stop_rels: tuple[str, ...] = ()) -> list[Tok]:
        """t and its descendants, not descending into children whose relation is in stop_rels."""
        out, todo, seen = [], [t], {t.i}
        while todo:
            x = todo.pop()
            out.append(x)
            for k in x.kids:
                c = self.toks[k]
                if k in seen or c.rel in stop_rels or c.rel.split(":")[0] in stop_rels:
                    continue
                seen.add(k)
                todo.append(c)
        return sorted(out, key=lambda x: x.i)

    def ancestors(self, t: Tok) -> list[Tok]:
        out, seen = [], {t.i}
        while t.head >= 0 and t.head not in seen:
            seen.add(t.head)
            t = self.toks[t.head]
            out.append(t)
        return out

    def case_of(self, t: Tok) -> str | None:
        """The preposition governing a nominal ('с', 'на', 'в ходе' → 'в'), lower-case, or None."""
        for c in self.children(t, "case"):
            fixed = [f.low for f in self.children(c, "fixed")]
            return " ".join([c.low] + fixed)
        return None


def split(field_name: str, index: int, text: str) -> list[Sentence]:
    return [Sentence(field_name, index, s.start, s.stop, s.text) for s in sentenize(text) if s.text.strip()]


def sentences(article: Article, wanted=None) -> list[Sentence]:
    """The sentences of every field (of the fields for which ``wanted(text)`` holds, if given)."""
    out = []
    for k, (name, text) in enumerate(article_fields(article)):
        if wanted is None or wanted(text):
            out.extend(split(name, k, text))
    return out


def load():
    """Natasha's morphology tagger and syntax parser, once per process, on the embeddings the NER
    tagger already holds (one copy of navec's ~100 MB, not two); returns them."""
    global _MODELS
    if _MODELS is None:
        with _LOCK:
            if _MODELS is None:
                from natasha import NewsMorphTagger, NewsSyntaxParser   # heavy: only when events are coded

                emb = embedding()
                _MODELS = (NewsMorphTagger(emb), NewsSyntaxParser(emb))
    return _MODELS


@lru_cache(maxsize=200_000)
def lemma_of(word: str, pos: str, feats: tuple) -> str:
    try:
        return morph().lemmatize(word, pos, dict(feats)).replace("ё", "е")
    except Exception:
        return word.lower().replace("ё", "е")


def parse(items: list[Sentence]) -> None:
    """Morphology and syntax for the given sentences (in place)."""
    todo = [s for s in items if not s.parsed]
    if not todo:
        return
    tagger, parser = load()
    words = [[t.text for t in s.toks] for s in todo]
    morphs = list(tagger.map(words))
    syntaxes = list(parser.map(words))
    for s, m, x in zip(todo, morphs, syntaxes):
        ids = {tok.id: k for k, tok in enumerate(x.tokens)}
        for t, mt, st in zip(s.toks, m.tokens, x.tokens):
            t.pos, t.feats = mt.pos, dict(mt.feats)
            t.lemma = lemma_of(t.text.lower(), mt.pos, tuple(sorted(mt.feats.items())))
            t.head = ids.get(st.head_id, -1) if st.head_id != st.id else -1
            t.rel = st.rel
        for t in s.toks:
            if t.head >= 0:
                s.toks[t.head].kids.append(t.i)
        s.parsed = True


def active_participle(t: Tok) -> bool:
    """'инициировавшая', 'задержавший': an active participle, which the tagger often calls an adjective."""
    if t.feats.get("VerbForm") == "Part":
        return t.feats.get("Voice") != "Pass"
    return t.pos == "ADJ" and any(p.tag.POS == "PRTF" and "actv" in p.tag for p in _parses(t.low))


def gerund(t: Tok) -> bool:
    """'обвинив', 'заявляя': an adverbial participle (the tagger gives no VerbForm for most of them)."""
    if t.feats.get("VerbForm") == "Conv":
        return True
    if t.pos != "VERB" or t.feats.get("VerbForm") not in (None, "Conv"):
        return False
    parses = _parses(t.low)
    return bool(parses) and parses[0].tag.POS == "GRND"
