"""Coreference inside an article beyond names: descriptors, country adjectives, capitals as actors.

- "российский лидер", "азербайджанскому коллеге" → the one person in the article whose role is a
  leading post of that country ("президент России");
- "российско-азербайджанских" → mentions of Россия and Азербайджан;
- "отношения Москвы и Баку" → Россия and Азербайджан, flagged as metonymy (but "в Москве" stays a city).
"""
from __future__ import annotations

import re

from ..model import Mention
from . import countries

LOCATIVE = {"в", "во", "из", "под", "над", "до", "через", "около", "у", "возле", "близ", "по", "на", "от", "к", "ко",
            "над", "под", "рядом", "вблизи", "пригороде", "окрестностях", "аэропорту", "аэропорт", "столице",
            "столицу", "столицы", "город", "города", "городе"}
ADJECTIVE = r"[а-яё]+(?:-[а-яё]+)*(?:ий|ого|ому|им|ом|ая|ой|ую|ый|ым|ое|ей)"
LEADER_NOUNS = ("лидер", "президент", "глав", "премьер", "коллег", "канцлер", "монарх", "король", "министр")
DESCRIPTOR = re.compile(
    rf"\b({ADJECTIVE})\s+((?:{'|'.join(LEADER_NOUNS)})(?:а|у|ом|е|ой|ы|ой)?)\b", re.IGNORECASE)
LEADING_POSTS = ("президент", "премьер", "глава", "лидер", "канцлер", "король", "монарх", "председатель")
WORD = re.compile(r"[а-яёА-ЯЁ]+(?:-[а-яёА-ЯЁ]+)*")


def _previous_word(text: str, start: int, skip: list[tuple[int, int]]) -> str:
    """The word before ``start``, skipping coordinated names ("Москвы и Баку") and "и"/commas."""
    pos = start
    while pos > 0:
        # scanned back from pos, not searched in a copy of everything before it (quadratic)
        end = pos
        while end > 0 and text[end - 1] in " ,":
            end -= 1
        if end > 1 and text[end - 1] == "\n" and not text[end - 2].isspace():
            end -= 1            # as "(\S+)$" did: $ also matches before a final newline
        if end == 0 or text[end - 1].isspace():
            return ""
        pos = end
        while pos > 0 and not text[pos - 1].isspace():
            pos -= 1
        word = text[pos:end]
        inside = any(a <= pos < b for a, b in skip)
        if inside or word.lower() == "и":
            continue
        return word.lower().strip("«»\"()")
    return ""


def resolve_places(table, found, texts: dict[str, str]) -> None:
    """Capitals used as actors become mentions of their country (kind "metonymy")."""
    by_field: dict[str, list[tuple[int, int]]] = {}
    for f in found:
        by_field.setdefault(f.field, []).append((f.start, f.stop))
    for f in found:
        if f.type != "LOC":
            continue
        country = countries.capital_named(f.name)
        if country is None or countries.country_named(f.name):
            continue
        text = texts.get(f.field, "")
        before = _previous_word(text, f.start, by_field.get(f.field, []))
        if before in LOCATIVE:
            continue
        if not text[:f.start].strip() and f.text.isupper():
            continue                 # a dateline ("МОСКВА, 24 декабря"): where the news was filed
        f.kind = "metonymy"
        entity = table.get("LOC", country.name) or table.add("LOC", country.name)
        entity.mentions.append(Mention(f.field, f.start, f.stop, f.text, "metonymy"))


def _leader_of(table, iso3: str, noun: str) -> object | None:
    candidates = []
    for person in table.persons():
        for role in person.roles:
            head = role.split()[0] if role else ""
            country = countries.country_in_phrase(role)
            if country is None or country.iso3 != iso3:
                continue
            if noun.startswith("коллег") or noun.startswith("лидер") or any(
                    head.startswith(p) for p in LEADING_POSTS if noun.startswith(p[:4])):
                if any(head.startswith(p) for p in LEADING_POSTS):
                    candidates.append(person)
                    break
    return candidates[0] if len(candidates) == 1 else None


def resolve_descriptors(table, fields: list[tuple[str, str]], found) -> None:
    spans: dict[str, list[tuple[int, int]]] = {}
    for f in found:
        spans.setdefault(f.field, []).append((f.start, f.stop))
    for name, text in fields:
        taken = spans.get(name, [])
        for m in DESCRIPTOR.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            # an apposition ("российский президент Владимир Путин"): the name is the mention
            if any(0 <= a - m.end() <= 2 for a, _ in taken):
                continue
            cs = countries.countries_of_adjective(m.group(1))
            if len(cs) != 1:
                continue
            person = _leader_of(table, cs[0].iso3, m.group(2).lower())
            if person is not None:
                person.mentions.append(Mention(name, m.start(), m.end(), m.group(0), "descriptor"))
        covered = {i for a, b in taken for i in range(a, b)}     # linear, not words × spans
        for w in WORD.finditer(text):
            word = w.group()
            if not word[:1].islower() or w.start() in covered:
                continue
            if not re.search(r"(?:ск|цк)(?:ий|ого|ому|им|ом|ая|ой|ую|ие|их|ими|ое|ых|ым)$", word):
                continue
            for country in countries.countries_of_adjective(word):
                entity = table.get("LOC", country.name) or table.add("LOC", country.name)
                entity.mentions.append(Mention(name, w.start(), w.end(), word, "adjective"))
