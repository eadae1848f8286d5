"""Judgements told in one place and owned in another: the speaker named after the fact.

    attributed(article, index, sentences) -> [Draft]

Russian news often states a verdict first and names who gave it after:

  * "Предложение «Газпрома» неприемлемо. Об этом заявил министр энергетики Алексей Оржель." — the
    sentence after says whose words the one before are;
  * "… является неприемлемым, сообщил министр Алексей Оржель" — after a comma;
  * a title "Предложение Газпрома неприемлемо – Оржель" — the name after the dash;
  * «Это предложение является неприемлемым», — сказал Оржель: a direct quote's named speaker.

The verdict is coded as the speaker's act with the judging words the coder uses for "заявил, что …
неприемлемо" (the lexicon's ``said`` triggers: reject 120, criticize 111), its target the named owner
of what is judged ("предложение «Газпрома»" → Газпром). A verdict negated ("не является
неприемлемым") or said by a news agency ("Об этом сообщает ТАСС": a source, not a speaker) is none.
"""
from __future__ import annotations

import re

from ..model import Article, Mention
from .draft import Draft
from .lexicon import TRIGGERS, Trigger, normal_forms
from .parse import Sentence, Tok, parse, split, article_fields

ABOUT_THIS = re.compile(r"^\s*Об\s+этом\s+(?:\w+\s+){0,2}?(?:заявил|сообщил|сказал|рассказал|отметил|"
                        r"подчеркнул|написал|пояснил|заявила|сообщила|сказала|рассказала|отметила|"
                        r"подчеркнула|написала|пояснила|заявили|сообщили|отметили)\w*\b", re.I)
SAID_AFTER = re.compile(r"[,»\"]\s*[–—-]?\s*(?:заявил|сообщил|сказал|рассказал|отметил|подчеркнул|написал|"
                        r"пояснил)[аи]?\b", re.I)
TITLE_SPEAKER = re.compile(r"\s[–—-]\s*([^–—-]{3,60})$")
SAYING = {"заявить", "сообщить", "сказать", "рассказать", "отметить", "подчеркнуть", "написать", "пояснить"}
COPULAS = {"являться", "быть", "стать", "оказаться", "выглядеть", "считаться"}
SAID: tuple[Trigger, ...] = tuple(t for t in TRIGGERS if t.said)


def attributed(article: Article, index) -> list[Draft]:
    """Drafts of the verdicts whose speaker is named after them (see the module's docstring)."""
    fields = article_fields(article)
    # a verdict and whoever owns it stand in one field or in two adjacent ones: only those are split
    judging = [_judging(text) for _, text in fields]
    sents = [s for k, (name, text) in enumerate(fields) if judging[k] or k and judging[k - 1]
             for s in split(name, k, text)]
    pairs: list[tuple[Sentence, Sentence | None, list]] = []
    for k, s in enumerate(sents):
        if k > 0 and sents[k - 1].index >= s.index - 1 and ABOUT_THIS.match(s.text) and _judging(sents[k - 1].text):
            pairs.append((sents[k - 1], s, []))
        elif SAID_AFTER.search(s.text) and _judging(s.text):
            pairs.append((s, s, []))        # "… является неприемлемым, сообщил министр Алексей Оржель"
        elif s.field == "title" and (m := TITLE_SPEAKER.search(s.text)) and _judging(s.text[:m.start()]):
            start = s.start + m.start(1)
            speakers = [index.actor(e) for a, b, e, kind in index.covering(s.field, start, s.stop)
                        if e.type in ("PER", "ORG") and a >= start]
            if speakers:
                pairs.append((s, None, speakers[:1]))
    pairs += _quoted(article, index, {name: k for k, (name, _) in enumerate(fields)})
    if not pairs:
        return []
    parse(list({id(x): x for a, b, _ in pairs for x in (a, b) if x is not None}.values()))
    out = []
    for said, by, speakers in pairs:
        if by is not None:
            speakers = _speakers(by, index)
        if not speakers:
            continue
        found = _verdict(said)
        if found is None:
            continue
        tok, trig = found
        d = Draft(trig, said, tok, trig.type, trig.code, order=(said.index, tok.start))
        d.source = speakers
        d.target = [a for a in _owners(said, tok, index) if a.name not in {x.name for x in speakers}]
        d.evidence = [Mention(said.field, said.start, said.stop, said.text, "sentence"),
                      Mention(said.field, tok.start, tok.stop, tok.text, "trigger")]
        if by is not None:
            d.evidence.append(Mention(by.field, by.start, by.stop, by.text, "sentence"))
        d.confidence = 0.5
        out.append(d)
    return out


def _quoted(article: Article, index, order: dict[str, int]) -> list[tuple[Sentence, None, list]]:
    """The sentences of direct quotes with a named speaker that judge: «Это предложение является
    неприемлемым», — сказал Оржель."""
    entities = {e.id: e for e in article.entities}
    out = []
    for q in article.quotes:
        speaker = entities.get(q.speaker_id or "")
        if q.kind != "direct" or speaker is None or speaker.type not in ("PER", "ORG") or not _judging(q.text):
            continue
        for piece in split(q.field, order.get(q.field, 0), q.text):
            if _judging(piece.text):
                out.append((Sentence(q.field, piece.index, q.start + piece.start, q.start + piece.stop, piece.text),
                            None, [index.actor(speaker)]))
    return out


def _judging(text: str) -> bool:
    low = text.lower()
    return any(w[:7] in low for t in SAID for w in t.needs)


def _speakers(s: Sentence, index) -> list:
    """The named subject of the saying verb: "Об этом заявил министр … Алексей Оржель" → Алексей Оржель."""
    for t in s.toks:
        if t.rel not in ("root", "parataxis") or t.lemma not in SAYING or t.feats.get("Tense") == "Pres":
            continue            # "Об этом сообщает ТАСС": an agency reporting, not a speaker
        for c in s.children(t, "nsubj"):
            named = [a for a in index.actors(s, c) if a.named and a.type in ("PER", "ORG")]
            if named:
                return named
    return []


def _verdict(s: Sentence) -> tuple[Tok, Trigger] | None:
    """The judging word that is the sentence's predicate, and its trigger; none where negated."""
    roots = [t for t in s.toks if t.rel == "root"]
    for r in roots:
        preds = [r] + ([c for c in s.children(r, "xcomp", "obl", "obj", "amod")] if r.lemma in COPULAS else [])
        for p in preds:
            words = {p.lemma} | normal_forms(p.text)
            if any(c.low in ("не", "ни") for c in s.children(p, "advmod") + s.children(r, "advmod")):
                return None
            for trig in SAID:
                if words & trig.needs:
                    return p, trig
    return None


def _owners(s: Sentence, p: Tok, index) -> list:
    """Whose thing is judged: the named genitive of the subject ("предложение «Газпрома»"), else the
    subject itself when it is named ("Решения Вашингтона" → США, "Киев неправ")."""
    subjects = s.children(p, "nsubj", "nsubj:pass")
    if not subjects and p.head >= 0:
        subjects = s.children(s.toks[p.head], "nsubj", "nsubj:pass")
    # the thing judged is a common noun ("предложение"); a name parsed as a second subject is a dateline
    for n in sorted(subjects, key=lambda x: x.pos != "NOUN"):
        for g in s.children(n, "nmod"):
            if g.feats.get("Case") == "Gen" and s.case_of(g) is None:
                named = [a for a in index.actors(s, g) if a.named]
                if named:
                    return named
        # the parser may fold "предложение ПАО «Газпром»" into an appositive or flat name
        for g in s.children(n, "appos", "flat", "flat:name", "nmod"):
            if g.i < n.i:
                continue        # "INTERFAX.RU — Присланное предложение …": a dateline, not the owner
            named = [a for a in index.actors(s, g) if a.named]
            if named:
                return named
    return []
