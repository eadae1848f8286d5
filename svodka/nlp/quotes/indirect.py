"""Reported speech: where the reported clause is and which speech verb or intro phrase governs it.

    Иванов заявил (журналистам), что …      the "что"-clause after a speech verb
    …, заявил Иванов.                        the clause before a trailing attribution
    Об этом сообщает пресс-служба X.        the previous sentence
    По словам X, … / Как отметили в X, … / …, как сообщает X.
"""
from __future__ import annotations

from .marks import _Tok
from .speakers import _Subjects
from .state import _Verb
from .words import INTRO
from ..speech import speech_word


class _Indirect(_Subjects):
    """Reported clauses and their attributions."""

    def _that_clause(self, v: _Verb, se: int) -> tuple[int, int] | None:
        """"заявил (журналистам), что …" → (the comma before "что", the start of the clause)."""
        words = 0
        toks = self.toks
        i = v.idx + 1
        while i < len(toks) and toks[i].start < se:
            t = toks[i]
            if t.kind == "p" and t.text == ",":
                if i + 1 < len(toks) and toks[i + 1].low in ("что", "чтобы") and toks[i + 1].start < se:
                    return t.start, toks[i + 1].stop
                if i + 2 < len(toks) and toks[i - 1].low == "том" and toks[i + 1].low == "что":
                    return t.start, toks[i + 1].stop
                return None
            if t.kind != "w":
                return None
            if t.low in ("что",) and words == 0:
                return None
            if speech_word(t.text) and t.low not in ("сообщению",):
                return None
            words += 1
            if words > 8:
                return None
            i += 1
        return None

    def _trailing(self, v: _Verb, ss: int, se: int) -> int | None:
        """"…, заявил Иванов." → where the reported clause ends (the comma), or None."""
        toks = self.toks
        if v.sw.pos not in ("VERB",) or v.idx == 0:
            return None
        j = v.idx - 1
        while j >= 0 and toks[j].kind == "p" and toks[j].text in "—–-":
            j -= 1
        if j < 0 or toks[j].text != "," or toks[j].start <= ss:
            return None
        # a short attribution up to the sentence end, no "что" in it
        rest = [t for t in toks[v.idx + 1:] if t.start < se]
        if len(rest) > 10 or any(t.low in ("что", "чтобы") or (t.kind == "p" and t.text in ",:;") for t in rest):
            return None
        content = self.text[ss:toks[j].start]
        if len(content.split()) < 3 or content.lstrip()[:1] in "«„\"“":
            return None
        if self.text[ss:toks[j].start].rstrip().endswith(("»", "“", '"')) and \
                content.lstrip()[:1] in "«„\"“":
            return None
        return toks[j].start

    def _about_this(self, v: _Verb, ss: int, se: int) -> bool | None:
        """"Об этом сообщает пресс-служба Кремля." → the previous sentence is the statement."""
        words = [t for t in self.toks if ss <= t.start < se and t.kind == "w"]
        lows = [t.low for t in words]
        for k in range(len(lows) - 1):
            if lows[k] in ("об", "о") and lows[k + 1] == "этом" and len(words) <= 14:
                return True
        return None

    def _intro(self, idx: list[int], ss: int, se: int, verbs: list[_Verb], used: set[int]):
        """"По словам X, …" / "По мнению экспертов, …" / "Как отметили в X, …" / "…, как сообщает X."

        Returns (anchor, speaker, span of the reported text or None)."""
        toks = self.toks
        for n, i in enumerate(idx):
            t = toks[i]
            if t.kind != "w":
                continue
            at_start = n == 0 or (n == 1 and toks[idx[0]].low in ("а", "но", "однако", "и"))
            after_comma = n > 0 and toks[idx[n - 1]].text == ","
            if not (at_start or after_comma):
                continue
            if t.low == "по" and n + 1 < len(idx) and toks[idx[n + 1]].low in INTRO:
                body0 = n + 2
                comma = next((k for k in idx[body0:] if toks[k].text == ","), None)
                stop = toks[comma].start if comma is not None else se
                if body0 >= len(idx):
                    return None
                first = toks[idx[body0]]
                sp = self.subject(first.start, stop, first.start, "gent")
                return t.start, sp, self._intro_text(at_start, ss, se, t, comma, idx)
            if t.low == "как":
                v = next((v for v in verbs if idx[n] < v.idx <= idx[min(n + 3, len(idx) - 1)]), None)
                if v is None or v.idx in used:
                    continue
                comma = next((k for k in idx if k > v.idx and toks[k].text == ","), None)
                stop = toks[comma].start if comma is not None else se
                used.add(v.idx)
                sp = self.subject(t.stop, stop, v.tok.start, "nomn", v.sw.gender, v.sw.number, v.sw.impersonal)
                return t.start, sp, self._intro_text(at_start, ss, se, t, comma, idx)
        return None

    def _intro_text(self, at_start: bool, ss: int, se: int, t: _Tok, comma: int | None, idx: list[int]):
        toks = self.toks
        if at_start:
            if comma is None:
                return None
            k = comma + 1
            # skip a relative clause hanging on the speaker: "По словам Иванова, который …, …"
            if k < len(toks) and toks[k].low in ("который", "которая", "которое", "которые"):
                nxt = next((j for j in range(k, len(toks)) if toks[j].start < se and toks[j].text == ","), None)
                if nxt is None:
                    return None
                k = nxt + 1
            if k >= len(toks) or toks[k].start >= se:
                return None
            return toks[k].start, se
        # ", как сообщает X." at the end: the clause before; in the middle: the whole sentence
        comma_before = max((j for j in range(len(toks)) if toks[j].stop <= t.start and toks[j].text == ","),
                           default=None)
        if comma is None:
            # ", по словам Иванова." closes the sentence: the clause before; a longer tail is ambiguous
            tail = [k for k in idx if toks[k].start >= t.start and toks[k].kind == "w"]
            if comma_before is not None and comma_before >= idx[0] and len(tail) <= 7:
                return ss, toks[comma_before].start
            return None
        return ss, se
