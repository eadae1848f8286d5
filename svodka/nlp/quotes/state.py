"""What the quote finder holds while it reads one article, and the records it passes around.

``SpeakerMention`` is the entity layer's input (where a mention is, whom it names); ``_State`` keeps the
fields, the mentions by field, the speakers named so far (for pronouns), the quotes emitted, and the field
and sentence being read.  Pronouns ("сказал он") are resolved here against the speakers so far.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Quote
from .marks import _Tok
from .words import _case_ok
from ..speech import SpeechWord

__all__ = ["SpeakerMention"]


@dataclass(slots=True)
class SpeakerMention:
    """An entity mention the entity layer found: where it is and whom it names."""

    field: str
    start: int
    stop: int
    name: str                        # normalised (nominative) name: "Дмитрий Песков"
    type: str = "PER"                # PER, ORG, LOC
    gender: str | None = None        # "masc", "femn" or None


@dataclass(slots=True)
class _Speaker:
    name: str | None
    gender: str | None = None
    person: bool = False


@dataclass(slots=True)
class _Verb:
    idx: int                          # token index in the field
    tok: _Tok
    sw: SpeechWord


@dataclass(slots=True)
class _Attr:
    pos: int                          # where the attribution is anchored (its verb or intro)
    speaker: _Speaker | None


class _State:
    """The article being read: fields, mentions, speakers so far, quotes out; the field in hand."""

    def __init__(self, fields: list[tuple[str, str]], mentions: list[SpeakerMention]):
        self.fields = fields
        self.order = {name: i for i, (name, _) in enumerate(fields)}
        self.mentions: dict[str, list[SpeakerMention]] = {}
        for m in mentions:
            self.mentions.setdefault(m.field, []).append(m)
        for ms in self.mentions.values():
            ms.sort(key=lambda m: m.start)
        self.history: list[_Speaker] = []
        self.out: list[Quote] = []
        self.seen: set[tuple] = set()
        self.last_direct: tuple[int, _Speaker | None] | None = None   # (field index, speaker)
        self.fi = 0
        self.text = ""
        self.toks: list[_Tok] = []
        self.sent_start = 0

    # -- output ------------------------------------------------------------------------------------

    def emit(self, kind: str, start: int, stop: int, speaker: _Speaker | None, fi: int | None = None) -> None:
        fi = self.fi if fi is None else fi
        name, text = self.fields[fi]
        while start < stop and text[start].isspace():
            start += 1
        while stop > start and (text[stop - 1].isspace() or (kind == "indirect" and text[stop - 1] in ".;,:")):
            stop -= 1
        if stop <= start:
            return
        key = (kind, name, start, stop)
        if key in self.seen:
            return
        self.seen.add(key)
        self.out.append(Quote(kind=kind, text=text[start:stop], field=name, start=start, stop=stop,
                              speaker=speaker.name if speaker else None))

    def remember(self, sp: _Speaker | None) -> None:
        if sp is not None and sp.name:
            self.history.append(sp)

    # -- mentions ---------------------------------------------------------------------------------

    def _field_mentions(self) -> list[SpeakerMention]:
        return self.mentions.get(self.fields[self.fi][0], [])

    def _mention_at(self, tok: _Tok) -> SpeakerMention | None:
        for m in self._field_mentions():
            if m.start <= tok.start < m.stop or (tok.kind == "q" and tok.start <= m.start < tok.stop):
                return m
        return None

    def _person_ok(self, m: SpeakerMention, case: str, gender: str | None) -> bool:
        if gender in ("masc", "femn") and m.gender and m.gender != gender:
            return False
        # every word, so that a descriptor mention ("азербайджанского лидера") is held to its case too
        words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", self.text[m.start:m.stop])
        return all(_case_ok(w, case, m.gender) for w in words) if words else True

    # -- pronouns ---------------------------------------------------------------------------------

    def resolve_pronoun(self, gender: str | None, number: str | None, pos: int) -> _Speaker | None:
        if number == "plur":
            return None
        for exact in (True, False):
            for sp in reversed(self.history):
                if sp.person and (sp.gender == gender if exact else sp.gender is None or gender is None):
                    return _Speaker(sp.name, sp.gender or gender, True)
        # no earlier speaker: the last person mentioned before, of that gender
        best = None
        for fname, ms in self.mentions.items():
            fi = self.order.get(fname)
            if fi is None or not (_is_prose(fname) or fname == "title"):
                continue
            for m in ms:
                if m.type != "PER" or (fi, m.start) >= (self.fi, pos):
                    continue
                if gender and m.gender and m.gender != gender:
                    continue
                if best is None or (fi, m.start) > best[0]:
                    best = ((fi, m.start), m)
        if best:
            return _Speaker(best[1].name, best[1].gender or gender, True)
        return None

    def _previous_prose(self, fi: int) -> int | None:
        """The paragraph before field ``fi`` (lead or body), skipping captions and alternative titles."""
        for k in range(fi - 1, -1, -1):
            if _is_prose(self.fields[k][0]):
                return k
            if not self.fields[k][0].startswith(("media[", "alt_titles[")):
                return None
        return None


def _is_prose(name: str) -> bool:
    return name == "lead" or name.startswith("body[")
