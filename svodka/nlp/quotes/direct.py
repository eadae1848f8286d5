"""Attributions of direct quotes, and quoted names that are no quotes.

    «…», — сказал он.            after the quote (dash, or a bare comma when the quote opens the sentence)
    Иванов заявил: «…»            before the quote (colon, "…, — сказал он, — «…»", "По словам X, «…»", "X: «…»")
    «Часть, — сказал он. — Часть» the attribution inside the marks splits the quote
    a paragraph that is one quote "… заявил:" in the paragraph before, or that paragraph's speaker
    «Газпром», компания «Ромашка» a name, not a quote
"""
from __future__ import annotations

import re

from .marks import _DASHES, _QSpan, _quote_spans, _sentences, _tokens
from .speakers import _Subjects
from .state import _Speaker, _Verb
from .words import INTRO, NAMING_NOUNS, _name_like, _nouns
from ..speech import speech_word


class _Direct(_Subjects):
    """Speakers of direct quotes."""

    _INNER = re.compile(r"([,.!?…])\s+[—–]\s+([^—–«»„“\"]{2,160}?)([.,:])\s+[—–]\s+")

    def _inner_split(self, q: _QSpan):
        """«Первая часть, — сказал Иванов. — Вторая часть»: the attribution inside the marks."""
        body = self.text[q.start:q.stop]
        m = self._INNER.search(body)
        if m is None:
            return None
        a0, a1 = q.start + m.start(2), q.start + m.end(2)
        saved = self.toks
        try:
            self.toks = _tokens(self.text, [])
            region = [i for i, t in enumerate(self.toks) if a0 <= t.start and t.stop <= a1]
            for n, i in enumerate(region[:7]):
                t = self.toks[i]
                if t.kind == "p":
                    return None
                sw = speech_word(t.text)
                if sw is not None:
                    sp = self.subject(a0, a1, t.start, "nomn", sw.gender, sw.number, sw.impersonal)
                    break
            else:
                return None
        finally:
            self.toks = saved
        cut = q.start + m.start(1) + (1 if m.group(1) in "!?…" else 0)
        return sp, [(q.start, cut), (q.start + m.end(), q.stop)]

    def _after_dash(self, q: _QSpan, ss: int, se: int, verbs: list[_Verb], used: set[int]):
        """«…», — сказал он. / «…», — Иванов заявил журналистам."""
        text = self.text
        if not q.closed:
            return None, False
        k = q.close + 1
        while k < len(text) and (text[k] in ",.!?…" or text[k].isspace()):
            k += 1
        comma_only = False
        if k >= len(text) or text[k] not in _DASHES:
            # «…», заявил Иванов — a comma and a speech verb right after it, no dash
            if not text[q.close + 1:k].startswith(",") or _name_like(text, q) or text[ss:q.open].strip():
                return None, False
            comma_only = True
        elif text[k] == "-" and not (k + 1 < len(text) and text[k + 1].isspace()):
            return None, False
        r0 = k if comma_only else k + 1
        r1 = self._region_end(r0, se)
        region = [i for i, t in enumerate(self.toks) if r0 <= t.start and t.stop <= r1]
        for n, i in enumerate(region):
            t = self.toks[i]
            if t.kind == "p" and t.text in ",;:":
                return None, False
            if n > (0 if comma_only else 6):
                return None, False
            v = next((v for v in verbs if v.idx == i), None)
            if v is not None and v.sw.pos != "GRND":
                used.add(i)
                return self.subject(r0, r1, t.start, "nomn", v.sw.gender, v.sw.number, v.sw.impersonal), True
        return None, False

    def _region_end(self, r0: int, se: int) -> int:
        """The attribution after a dash ends at the sentence end or at the next dash ("…, — «…»")."""
        text = self.text
        end = se
        for i in range(r0, se):
            if text[i] in "—–" and i > r0:
                end = i
                break
        return end

    def _before(self, q: _QSpan, b0: int, verbs: list[_Verb], used: set[int]):
        """Иванов заявил: «…» / …, — сказал он, — «…» / По словам Иванова, «…» / Иванов: «…»"""
        text = self.text
        region = text[b0:q.open]
        stripped = region.rstrip()
        if not stripped:
            return None, False
        end = b0 + len(stripped)
        last = stripped[-1]
        rverbs = [v for v in verbs if b0 <= v.tok.start and v.tok.stop <= end]
        if last == ":":
            if rverbs:
                v = rverbs[-1]
                used.add(v.idx)
                return self.subject(b0, end - 1, v.tok.start, "nomn", v.sw.gender, v.sw.number,
                                    v.sw.impersonal), True
            words = [t for t in self.toks if b0 <= t.start and t.stop <= end - 1 and t.kind != "p"]
            for m in self._field_mentions():
                if words and m.start <= words[0].start and words[-1].stop <= m.stop:
                    return _Speaker(m.name, m.gender, m.type == "PER"), True
            return None, False
        if last in _DASHES and rverbs and b0 > 0 and text[:b0].rstrip()[-1:] in "»“\"":
            v = rverbs[-1]
            used.add(v.idx)
            body = stripped[:-1].rstrip(" ,")
            return self.subject(b0, b0 + len(body), v.tok.start, "nomn", v.sw.gender, v.sw.number,
                                v.sw.impersonal), True
        if last == ",":
            words = [t for t in self.toks if b0 <= t.start and t.stop <= end and t.kind == "w"]
            if len(words) >= 3 and words[0].low == "по" and words[1].low in INTRO:
                return self.subject(words[2].start, end - 1, words[2].start, "gent"), True
            if len(words) >= 2 and words[0].low == "как" and rverbs:
                v = rverbs[0]
                used.add(v.idx)
                return self.subject(b0, end - 1, v.tok.start, "nomn", v.sw.gender, v.sw.number,
                                    v.sw.impersonal), True
        return None, False

    def _paragraph_quote(self) -> _Speaker | None:
        """A paragraph that is one quote: "… заявил:" before it, or the previous paragraph's speaker."""
        pfi = self._previous_prose(self.fi)
        if pfi is None:
            return None
        pname, ptext = self.fields[pfi]
        pstrip = ptext.rstrip() if ptext else ""
        if pstrip.endswith(":"):
            saved = (self.fi, self.text, self.toks, self.sent_start)
            try:
                self.fi, self.text = pfi, ptext
                spans = _quote_spans(ptext)
                self.toks = _tokens(ptext, spans)
                ss = _sentences(ptext, spans)[-1][0]
                self.sent_start = ss
                vs = [(i, t, speech_word(t.text)) for i, t in enumerate(self.toks)
                      if t.start >= ss and t.kind == "w" and speech_word(t.text)]
                if vs:
                    i, t, sw = vs[-1]
                    sp = self.subject(ss, len(pstrip) - 1, t.start, "nomn", sw.gender, sw.number, sw.impersonal)
                    return sp
                # "Иван Петров выступил с речью:" — the person in the nominative
                for m in self._field_mentions():
                    if m.type == "PER" and m.start >= ss and self._person_ok(m, "nomn", None):
                        return _Speaker(m.name, m.gender, True)
            finally:
                self.fi, self.text, self.toks, self.sent_start = saved
            return None
        if self.last_direct is not None and self.last_direct[0] == pfi:
            return self.last_direct[1]
        return None

    def _name_quote(self, q: _QSpan) -> bool:
        """«Газпром», «Спартак», компания «Ромашка»: a name, not a quote."""
        text = self.text
        if _name_like(text, q):
            return True
        for m in self._field_mentions():
            if m.type != "PER" and q.start <= m.start and m.stop <= q.stop + 1 and \
                    (m.stop - m.start) >= 0.5 * (q.stop - q.start):
                return True
        i = next((k for k, t in enumerate(self.toks) if t.quote is q), None)
        if i:
            prev = self.toks[i - 1]
            if prev.kind == "w" and any(p.normal_form in NAMING_NOUNS for p in _nouns(prev.text)):
                return True
        return False
