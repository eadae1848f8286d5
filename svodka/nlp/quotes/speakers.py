"""Who an attribution names: the subject of a speech verb (or the genitive after an intro phrase).

A person mention in the right case and agreeing gender wins; then a pronoun (resolved); then an
organisation mention or noun heading the subject (not one that only depends on a noun); then a
descriptor noun phrase put in the nominative; for impersonal plurals the place ("В Кремле отметили"),
for impersonal verbs the owner of the document ("говорится в сообщении ведомства").
"""
from __future__ import annotations

import re

from .marks import _Tok
from .state import _Speaker, _State
from .words import (DOC_NOUNS, NAMING_NOUNS, PP_HEADS, PREPS, PRONOUNS, _adjs, _case_ambiguous, _case_ok,
                          _is_nameish, _known, _nouns, _parses, _speakerlike, _to_nominative)
from ..speech import speech_word


class _Subjects(_State):
    """Speaker lookup over the tokens of the field in hand."""

    def subject(self, a: int, b: int, vpos: int, case: str = "nomn", gender: str | None = None,
                number: str | None = None, impersonal: bool = False) -> _Speaker | None:
        """The speaker named in text[a:b] for a speech verb at ``vpos`` (or an intro at ``a``)."""
        if impersonal:
            return self._doc_owner(a, b, vpos)
        toks = [(i, t) for i, t in enumerate(self.toks) if a <= t.start and t.stop <= b]
        cands: list[tuple[int, int, _Speaker | str]] = []
        # persons and pronouns
        for m in self._field_mentions():
            if m.type == "PER" and a <= m.start and m.stop <= b and self._person_ok(m, case, gender):
                cands.append((_dist(m.start, m.stop, vpos), 0, _Speaker(m.name, m.gender or gender, True)))
        if case == "nomn":
            for i, t in toks:
                if t.kind == "w" and t.low in PRONOUNS:
                    pg, pn = PRONOUNS[t.low]
                    cands.append((_dist(t.start, t.stop, vpos), 1, f"pron:{pg}:{pn}:{t.start}"))
        if cands:
            cands.sort(key=lambda c: (c[0], c[1]))
            best = cands[0][2]
            if isinstance(best, _Speaker):
                return best
            _, pg, pn, at = best.split(":")
            return self.resolve_pronoun(gender or (pg if pg != "None" else None),
                                        number or pn, int(at))
        head = self._head(toks, vpos, case, number)
        if head is not None:
            return head
        if number == "plur" and case == "nomn":
            # "В Кремле отметили", "сообщили в пресс-службе ведомства"
            return self._pp_speaker(toks, vpos)
        return None

    def _head(self, toks: list[tuple[int, _Tok]], vpos: int, case: str, number: str | None,
              allow_pp: bool = False) -> _Speaker | None:
        best: tuple[int, _Speaker] | None = None
        idxs = [i for i, _ in toks]
        if not idxs:
            return None
        lo, hi = idxs[0], idxs[-1]
        for i, t in toks:
            sp = self._head_at(i, lo, hi, case, number, allow_pp)
            if sp is None:
                continue
            d = _dist(t.start, t.stop, vpos)
            if case == "nomn" and _case_ambiguous(t):
                d += 200        # "сообщила ИТАР-ТАСС пресс-секретарь суда": a clear nominative first
            if best is None or d < best[0]:
                best = (d, sp)
        return best[1] if best else None

    def _head_at(self, i: int, lo: int, hi: int, case: str, number: str | None,
                 allow_pp: bool) -> _Speaker | None:
        """A speaker whose head word is token i (within tokens lo..hi), or None."""
        t = self.toks[i]
        if t.kind not in ("w", "q"):
            return None
        m = self._mention_at(t)
        if m is not None and m.type == "PER":
            return None                                   # persons were weighed already
        if m is not None and (m.start < t.start):
            return None                                   # not the first word of the mention
        parses = _nouns(t.text, case, number) if t.kind == "w" else []
        if t.text[:1].islower():                          # "31 марта": no name "Марта" in lower case
            parses = [p for p in parses if not any(g in p.tag for g in ("Name", "Surn", "Patr"))]
        nameish = _is_nameish(t)
        if m is None and not parses and not (nameish and (t.kind == "q" or not _known(t.text))):
            return None
        if number == "plur" and m is None and not any("Fixd" not in p.tag or _speakerlike(p) for p in parses):
            return None                                   # plural subjects: real plural nouns or mentions
        if i - 1 >= lo and self.toks[i - 1].kind == "w":
            pv = _parses(self.toks[i - 1].text)
            if pv and pv[0].tag.POS in ("VERB", "INFN") and not speech_word(self.toks[i - 1].text):
                return None                               # "устроил ДТП": an object, not a subject
        if m is not None or t.kind == "q":
            # a name must stand in the case asked for: not "сообщил «Интерфаксу»"
            surface = self.text[m.start:m.stop] if m is not None else self.text[t.quote.start:t.quote.stop]
            first = next(iter(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", surface)), "")
            if first and not _case_ok(first, case):
                return None
            if number == "plur" and not any("plur" in p.tag for p in _nouns(first, case)):
                return None                               # "Об этом «УралПолит.Ru» сообщили в …"
        if m is None and parses and not nameish:
            if not any(_speakerlike(p) for p in parses):
                return None
            # "старший исследователь": an adjective reading before a noun of the same case is no head
            nxt = self.toks[i + 1] if i + 1 <= hi else None
            if nxt is not None and nxt.kind == "w" and _adjs(t.text, case) and _nouns(nxt.text, case):
                return None
        # what stands before: a preposition (not a subject) or a noun (then this is its dependent)
        j = i - 1
        while j >= lo and self.toks[j].kind == "w" and _adjs(self.toks[j].text, case) \
                and not _nouns(self.toks[j].text):
            j -= 1
        if j >= lo and self.toks[j].kind == "w" and self.toks[j].low in PREPS and not allow_pp:
            return None
        # a genitive reading after a noun (adjectives between): "представитель МИД", "службы амурского правительства"
        g = i - 1
        while g >= lo and self.toks[g].kind == "w" and _adjs(self.toks[g].text) and not _nouns(self.toks[g].text):
            g -= 1
        if g >= lo:
            prev = self.toks[g]
            if prev.kind in ("w", "q") and prev.low not in PREPS and (_nouns(prev.text) or prev.kind == "q") \
                    and not speech_word(prev.text):
                dependent_reading = (t.kind == "q" or not parses or any("gent" in p.tag for p in _nouns(t.text))
                                     or any("Fixd" in p.tag for p in _parses(t.text)))
                if dependent_reading:
                    return None
        if m is not None:
            return _Speaker(m.name, m.gender, False)
        # "компания «Ромашка»": an organisation noun before a name → the name
        nxt = self.toks[i + 1] if i + 1 <= hi else None
        if parses and nxt is not None and any(p.normal_form in NAMING_NOUNS for p in parses):
            nm = self._mention_at(nxt)
            if nm is not None and nm.type != "PER":
                return _Speaker(nm.name, nm.gender, False)
        return self._descriptor(i, lo, hi, case, number)

    def _descriptor(self, i: int, lo: int, hi: int, case: str, number: str | None) -> _Speaker:
        t = self.toks[i]

        def at_start(k: int) -> bool:
            return self.text[self.sent_start:self.toks[k].start].strip() in ("", "—", "«", "(")
        if t.kind == "q":
            return _Speaker(self.text[t.quote.start:t.quote.stop], None, False)
        parses = _nouns(t.text, case, number)
        if not parses:                                     # an unknown name: it and the names after it
            k = i
            while k + 1 <= hi and (self.toks[k + 1].kind == "q" or self.toks[k + 1].kind == "w"
                                   and self.toks[k + 1].text[:1].isupper() and not _known(self.toks[k + 1].text)):
                k += 1
            return _Speaker(self.text[t.start:self.toks[k].stop], None, False)
        head = parses[0]
        words: list[str] = []
        # agreeing adjectives before the head
        k = i - 1
        left: list[str] = []
        while k >= lo and self.toks[k].kind == "w":
            ap = _adjs(self.toks[k].text, case, "plur" if "plur" in head.tag else "sing")
            if not ap or _nouns(self.toks[k].text) and not ap:
                break
            left.append(_to_nominative(self.toks[k], ap[0], at_start(k)))
            k -= 1
        words.extend(reversed(left))
        words.append(_to_nominative(t, head, at_start(i) and not left))
        # genitive dependents, names, quoted names; a PP after "источник", "представитель"
        k = i + 1
        pp = head.normal_form in PP_HEADS
        while k <= hi:
            n = self.toks[k]
            if n.kind == "q":
                words.append(n.text)
            elif n.kind != "w" or speech_word(n.text):
                break
            elif pp and n.low in ("в", "во", "при", "из") and k + 1 <= hi:
                words.append(n.text)
                pp = False
            elif n.low in PREPS or n.low in PRONOUNS or n.low in ("что", "и", "а", "но", "также", "журналистам"):
                break
            elif any("gent" in p.tag or "loct" in p.tag and words[-1].lower() in ("в", "во", "при")
                     for p in _parses(n.text) if p.tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR")) \
                    or n.text[:1].isupper() or not _known(n.text):
                words.append(n.text)
            else:
                break
            k += 1
        while words and words[-1].lower() in ("в", "во", "при", "из"):
            words.pop()
        person = "anim" in head.tag and "sing" in head.tag
        gender = next((g for g in ("masc", "femn") if g in head.tag), None) if person else None
        return _Speaker(" ".join(words), gender, person)

    def _pp_speaker(self, toks: list[tuple[int, _Tok]], vpos: int) -> _Speaker | None:
        """"В Кремле отметили", "сообщили в пресс-службе ведомства": the place speaks."""
        best = None
        idxs = [i for i, _ in toks]
        if not idxs:
            return None
        hi = idxs[-1]
        for i, t in toks:
            if t.kind != "w" or t.low not in ("в", "во") or i + 1 > hi:
                continue
            k = i + 1
            while k <= hi and self.toks[k].kind == "w" and _adjs(self.toks[k].text, "loct") \
                    and not _nouns(self.toks[k].text, "loct"):
                k += 1
            if k > hi:
                continue
            h = self.toks[k]
            hp = _nouns(h.text, "loct") if h.kind == "w" else []
            if hp and hp[0].normal_form in DOC_NOUNS:
                sp = self._doc_owner(h.stop, self.toks[hi].stop, vpos)
            else:
                sp = self._head_at(k, i + 1, hi, "loct", None, allow_pp=True)
                if sp is None and h.kind == "w" and h.text[:1].isupper() and hp and k > idxs[0] + 1:
                    sp = self._descriptor(k, i + 1, hi, "loct", None)
            if sp is not None:
                d = _dist(t.start, h.stop, vpos)
                if best is None or d < best[0]:
                    best = (d, sp)
        return best[1] if best else None

    def _doc_owner(self, a: int, b: int, vpos: int) -> _Speaker | None:
        """"говорится в сообщении пресс-службы банка" → "пресс-служба банка"."""
        toks = [(i, t) for i, t in enumerate(self.toks) if a <= t.start and t.stop <= b]
        for i, t in toks:
            if t.kind == "w" and any(p.normal_form in DOC_NOUNS for p in _nouns(t.text)):
                rest = [(k, u) for k, u in toks if u.start > t.start]
                if not rest:
                    return None
                lo, hi = rest[0][0], rest[-1][0]
                for k, u in rest[:3]:
                    m = self._mention_at(u)
                    if m is not None:
                        return _Speaker(m.name, m.gender, m.type == "PER")
                    sp = self._head_at(k, lo, hi, "gent", None, allow_pp=True) if k == lo else None
                    if sp is not None:
                        return sp
                return None
        return None


def _dist(a: int, b: int, pos: int) -> int:
    if b <= pos:
        return pos - b
    if a >= pos:
        return a - pos
    return 0
