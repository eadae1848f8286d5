"""Direct and indirect quotes with their speakers.

    find_quotes(fields, mentions) -> list[Quote]

``fields`` are the article's fields in reading order as (name, text); ``mentions`` the entity mentions
already found in them (``SpeakerMention``: field, offsets, normalised name, type, gender), filled by the
entity layer. Offsets of a quote are [start, stop) of the quoted text inside its field, quote marks
excluded.

Rules only (pymorphy lemmas and cases, no parser):

direct quotes ("«…»", "„…“", "“…”", '"…"'; nested marks stay inside the outer quote)
  «…», — сообщила пресс-служба ведомства.      attribution after the quote: dash + speech verb
  «…», — сказал он.                            pronoun → the last person speaker of that gender
  Иванов заявил: «…»                            attribution before the quote, with a colon
  «…», — сказал он, — «…».                      the second part takes the same speaker
  «Первая часть, — сказал он. — Вторая часть».  the attribution inside the marks splits the quote
  «…», заявил Иванов.                            a comma without the dash (quote opening the sentence)
  По словам Иванова, «…».                       intro phrase
  Иванов: «…»                                   a bare name and a colon (titles)
  Иванов заявил, что решение было «ошибкой».   partial quote in reported speech: the speaker is the
                                                subject of the speech verb, not the nearest name
  a paragraph that is one quote                 speaker from the paragraph before ("… заявил:") or
                                                the previous paragraph's quote (continuation)
indirect speech (text = the reported clause up to the end of the sentence, final stop excluded)
  Иванов заявил (журналистам), что …            also "… о том, что …", "отметив, что …", "уверен, что …"
  Он добавил, что …                             pronoun resolution as above
  В министерстве отметили, что …                impersonal plural: "в X" is the speaker
  В сообщении ведомства говорится, что …       impersonal verbs: the owner of the document
  Как отметили в пресс-службе X, …  /  Как сообщает X, …  /  По словам X, …  /  По мнению экспертов, …
  …, заявил Иванов.                              speech verb after the clause
  Об этом сообщает пресс-служба X.              the previous sentence is the reported statement

A quoted proper name («Газпром», «Спартак») is no quote: partial quotes need a speech verb in the
sentence and are dropped when they look like a name (short and capitalised, after "компания", "клуб" …,
or covering an ORG/LOC mention).

Speakers: a person mention in the subject position of the attribution (right case, agreeing gender)
wins; then a pronoun (resolved); then an organisation mention heading the subject (not one that only
depends on a noun: "пресс-служба Кремля" stays the descriptor, "В Кремле отметили" gives the mention); then a descriptor
noun phrase put in the nominative ("в пресс-службе азербайджанского лидера" → "пресс-служба
азербайджанского лидера", "экспертов" → "эксперты"). ``speaker_id`` is left for the caller.

Modules (this package): marks (quoted spans, tokens, sentences), words (word lists, pymorphy readings),
state (the article being read; pronouns), speakers (the subject of an attribution),
direct (attributions of direct quotes), indirect (reported speech).  This module reads the
fields sentence by sentence and applies them in turn.
"""
from __future__ import annotations

import logging
from bisect import bisect_left

from ...model import Quote
from .direct import _Direct
from .indirect import _Indirect
from .marks import _END, _QSpan, _first_char, _is_whole, _quote_spans, _sentences, _tokens, quote_spans
from .state import SpeakerMention, _Attr, _Speaker, _Verb
from .words import _name_like
from ..speech import NAMING_LEMMAS, speech_word

__all__ = ["SpeakerMention", "find_quotes", "quote_spans"]

_log = logging.getLogger(__name__)
# A "sentence" longer than this is text run together (no sentence ends), not one statement with
# its attribution; reading speakers in it costs verbs × mentions (230 000 characters: 110 s).
MAX_QUOTE_SENTENCE_CHARS = 5000


class _Finder(_Direct, _Indirect):
    """Reads the fields in order, sentence by sentence: direct quotes, intro phrases, speech verbs,
    partial quotes (the attribution rules live in direct.py, indirect.py and speakers.py)."""

    def run(self) -> list[Quote]:
        for fi, (_, text) in enumerate(self.fields):
            if not text or not text.strip():
                continue
            self.fi, self.text = fi, text
            spans = _quote_spans(text)
            self.toks = _tokens(text, spans)
            self.tok_starts = [t.start for t in self.toks]        # sorted: sentences by bisection
            sents = _sentences(text, spans)
            prev: tuple[int, int] | None = None
            for ss, se in sents:
                if se - ss > MAX_QUOTE_SENTENCE_CHARS:
                    prev = (ss, se)
                    continue
                self.sent_start = ss
                try:
                    self._sentence(ss, se, spans, sents, prev)
                except Exception:                 # one odd sentence must not cost the article its quotes
                    _log.exception("quotes: sentence %s[%d:%d] skipped", self.fields[fi][0], ss, se)
                prev = (ss, se)
        self.out.sort(key=lambda q: (self.order.get(q.field, 0), q.start, q.kind))
        return self.out

    def _sentence(self, ss: int, se: int, spans: list[_QSpan], sents, prev) -> None:
        text = self.text
        idx = list(range(bisect_left(self.tok_starts, ss), bisect_left(self.tok_starts, se)))
        if not idx:
            return
        verbs = [_Verb(i, self.toks[i], sw) for i in idx if self.toks[i].kind == "w"
                 for sw in [speech_word(self.toks[i].text)] if sw]
        quotes = [q for q in spans if ss <= q.open < se]
        used: set[int] = set()                    # verbs that attributed a direct quote
        attrs: list[_Attr] = []
        handled: set[int] = set()                 # quotes (by open) already attributed

        # 1. direct quotes with an explicit attribution
        prev_close = None
        for q in quotes:
            inner = self._inner_split(q)
            if inner is not None:
                sp, parts = inner
                for a, b in parts:
                    self.emit("direct", a, b, sp)
                handled.add(q.open)
                self.remember(sp)
                self.last_direct = (self.fi, sp)
                prev_close = q.close
                continue
            sp, ok = self._after_dash(q, ss, se, verbs, used)
            if not ok:
                sp, ok = self._before(q, ss if prev_close is None else prev_close + 1, verbs, used)
            if not ok and q.open == _first_char(text) and _is_whole(text, q):
                sp, ok = self._paragraph_quote(), True
                if sp is None and (_name_like(text, q) or len(text[q.start:q.stop].split()) < 4):
                    ok = False
            if ok:
                handled.add(q.open)
                self.emit("direct", q.start, q.stop, sp)
                self.remember(sp)
                self.last_direct = (self.fi, sp)
                attrs.append(_Attr(q.close, sp))
            prev_close = q.close

        # 2. intro phrases: "По словам X, …", "Как отметили в X, …", "…, как сообщает X."
        indirect_done = False
        intro = self._intro(idx, ss, se, verbs, used)
        if intro is not None:
            pos, sp, text_span = intro
            attrs.append(_Attr(pos, sp))
            if sp is not None and text_span is not None:
                a, b = text_span
                rest = text[a:b].strip().rstrip(_END).strip()
                only_quote = any(q.open == a + (len(text[a:b]) - len(text[a:b].lstrip())) and q.open in handled
                                 for q in quotes) and rest.startswith(("«", "„", '"', "“"))
                if not only_quote:
                    self.emit("indirect", a, b, sp)
                indirect_done = True
            self.remember(sp)

        # 3. speech verbs in the sentence
        for v in verbs:
            if v.idx in used:
                continue
            that = None if v.sw.lemma in NAMING_LEMMAS else self._that_clause(v, se)
            trailing = None if that else self._trailing(v, ss, se)
            about = None if (that or trailing) else self._about_this(v, ss, se)
            if that is not None:
                sp = self._last_speaker_in(attrs) if v.sw.pos == "GRND" else None
                if sp is None:
                    sp = self.subject(ss, that[0], v.tok.start, "nomn", v.sw.gender, v.sw.number,
                                      v.sw.impersonal)
                attrs.append(_Attr(v.tok.start, sp))
                if sp is not None and sp.name and not indirect_done:
                    self.emit("indirect", that[1], se, sp)
                    indirect_done = True
                self.remember(sp)
            elif trailing is not None:
                sp = self.subject(v.tok.start, se, v.tok.start, "nomn", v.sw.gender, v.sw.number,
                                  v.sw.impersonal)
                attrs.append(_Attr(v.tok.start, sp))
                if sp is not None and sp.name and not indirect_done:
                    self.emit("indirect", ss, trailing, sp)
                    indirect_done = True
                self.remember(sp)
            elif about is not None:
                sp = self.subject(ss, se, v.tok.start, "nomn", v.sw.gender, v.sw.number, v.sw.impersonal)
                attrs.append(_Attr(v.tok.start, sp))
                if sp is not None and sp.name and prev is not None and not indirect_done:
                    self.emit("indirect", prev[0], prev[1], sp)
                    indirect_done = True
                elif sp is not None and sp.name and prev is None and not indirect_done:
                    pfi = self._previous_prose(self.fi)
                    pf = self.fields[pfi] if pfi is not None else None
                    if pf is not None and pf[1].strip():
                        last = _sentences(pf[1], _quote_spans(pf[1]))[-1]
                        self.emit("indirect", last[0], last[1], sp, fi=pfi)
                        indirect_done = True
                self.remember(sp)
            else:
                sp = self.subject(ss, se, v.tok.start, "nomn", v.sw.gender, v.sw.number, v.sw.impersonal) \
                    if any(q.open not in handled for q in quotes) else None
                attrs.append(_Attr(v.tok.start, sp))

        # 4. partial quotes inside reported speech
        for q in quotes:
            if q.open in handled or not q.closed:
                continue
            if not attrs or self._name_quote(q):
                continue
            before = [a for a in attrs if a.pos < q.open]
            after = [a for a in attrs if a.pos > q.open]
            at = before[-1] if before else after[0]
            self.emit("direct", q.start, q.stop, at.speaker)

    @staticmethod
    def _last_speaker_in(attrs: list[_Attr]) -> _Speaker | None:
        for a in reversed(attrs):
            if a.speaker is not None:
                return a.speaker
        return None


def find_quotes(fields: list[tuple[str, str]], mentions: list[SpeakerMention]) -> list[Quote]:
    """Direct and indirect quotes in the article's fields, each with its speaker where one is named."""
    return _Finder(list(fields), list(mentions or [])).run()
