"""Casualties: the numbers killed and injured that a report states.

    casualties(text) -> (killed, injured)     # numbers in digits or words ("трое погибли", "ранены 12")
    read_casualties(d, next_sentence)         # fills Draft.killed/injured for violent and disaster events
"""
from __future__ import annotations

import re

from ..model import Mention
from .draft import Draft
from .parse import Sentence

NEXT_CASUALTIES = re.compile(r"^\s*(?:тогда|при этом|в результате|всего|по (?:последним )?данным)\b", re.I)
CASUALTY_TYPES = {"accident", "disaster", "assault", "fight", "mass_violence", "protest", "arrest"}

_NUM_WORDS = {
    "один": 1, "одна": 1, "одного": 1, "двое": 2, "два": 2, "две": 2, "двух": 2, "трое": 3, "три": 3, "трех": 3,
    "четверо": 4, "четыре": 4, "пятеро": 5, "пять": 5, "шестеро": 6, "шесть": 6, "семеро": 7, "семь": 7,
    "восьмеро": 8, "восемь": 8, "девятеро": 9, "девять": 9, "десятеро": 10, "десять": 10, "одиннадцать": 11,
    "двенадцать": 12, "пятнадцать": 15, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50,
    "сто": 100,
    # "возросло до шести": the genitive after "до"
    "четырех": 4, "пяти": 5, "шести": 6, "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10,
    "двенадцати": 12, "пятнадцати": 15, "двадцати": 20, "тридцати": 30, "сорока": 40, "пятидесяти": 50}
_NUM = r"(\d[\d\s]*\d|\d+|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r")"
_QUAL = r"(?:(?:по меньшей мере|не менее|более|свыше|около|как минимум|порядка|еще|уже|всего|до)\s+)?"
_WHO = r"(?:\s+(?:человек\w*|пассажир\w*|граждан\w*|жител\w*|военн\w*|сотрудник\w*|член\w*|дет\w*|ребен\w*|" \
       r"мирн\w+\s+жител\w*|рабоч\w*|горняк\w*|турист\w*|пожарн\w*|полицейск\w*|бойц\w*))?"
_KILL_V = r"(?:погиб\w*|скончал\w*|умер\w*|убит\w*|жертвами\s+стали|стали\s+жертвами|разбил\w*\s+насмерть)"
_HURT_V = r"(?:ранен\w*|пострадал\w*|госпитализирован\w*|получил\w*\s+(?:ранения|травмы)|травмирован\w*)"
KILLED = [re.compile(_KILL_V + r"\s+" + _QUAL + _NUM, re.I),
          re.compile(_QUAL + _NUM + _WHO + r"\s+(?:были\s+)?" + _KILL_V, re.I),
          re.compile(r"(?:число|количество)\s+(?:погибших|жертв)\s+\w+\s+(?:до\s+)?" + _NUM, re.I),
          # "Число погибших в результате взрыва в Багдаде возросло до шести"
          re.compile(r"(?:число|количество)\s+(?:погибших|жертв)\b[^.]{0,80}?\b(?:возросл\w*|выросл\w*|"
                     r"увеличил\w*|достигл\w*|составил\w*)\s+(?:до\s+)?" + _NUM + r"\b", re.I),
          re.compile(_NUM + r"\s+(?:погибших|жертв)\b", re.I)]
INJURED = [re.compile(_HURT_V + r"\s+" + _QUAL + _NUM, re.I),
           re.compile(_QUAL + _NUM + _WHO + r"\s+(?:были\s+)?" + _HURT_V, re.I),
           re.compile(r"(?:число|количество)\s+(?:пострадавших|раненых)\s+\w+\s+(?:до\s+)?" + _NUM, re.I),
           re.compile(r"(?:число|количество)\s+(?:пострадавших|раненых)\b[^.]{0,80}?\b(?:возросл\w*|выросл\w*|"
                      r"увеличил\w*|достигл\w*|составил\w*)\s+(?:до\s+)?" + _NUM + r"\b", re.I),
           re.compile(_NUM + r"\s+(?:пострадавших|раненых)\b", re.I)]


def _number(text: str) -> int | None:
    text = text.strip().lower().replace(" ", "").replace("\u00a0", "")
    if text.isdigit():
        return int(text)
    return _NUM_WORDS.get(text)


def casualties(text: str) -> tuple[int | None, int | None]:
    """(killed, injured) numbers stated in a sentence, or None each."""
    out = []
    for patterns in (KILLED, INJURED):
        found = None
        for p in patterns:
            m = p.search(text)
            if m:
                found = _number(m.group(m.lastindex or 1))
                if found is not None:
                    break
        out.append(found)
    return out[0], out[1]


def read_casualties(d: Draft, nxt: Sentence | None) -> None:
    """Casualties from the sentence, or the next one when it opens with "Тогда"/"При этом"/"В результате"."""
    if d.type not in CASUALTY_TYPES:
        return
    killed, injured = casualties(d.sent.text)
    if killed is None and injured is None and nxt is not None and NEXT_CASUALTIES.match(nxt.text) and \
            d.type != "arrest":
        killed, injured = casualties(nxt.text)
        if killed is not None or injured is not None:
            d.evidence.append(Mention(nxt.field, nxt.start, nxt.stop, nxt.text, "sentence"))
    d.killed, d.injured = killed, injured
