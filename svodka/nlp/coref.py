"""Coreference inside an article beyond names: descriptors, country adjectives, capitals as actors.

- "российский лидер", "азербайджанскому коллеге" → the one person in the article whose role is a
  leading post of that country ("президент России");
- "российско-азербайджанских" → mentions of Россия and Азербайджан;
- "отношения Москвы и Баку": the cities stay cities; their mentions stand for Россия and Азербайджан
  (``Mention.stands_for``), while "в Москве" is only a place.
"""
from __future__ import annotations

import re

from ..model import Mention
from ..lang import countries
from ..lang.inflect import _parses, adjective_base
from ..lang.phrases import normalize_phrase
from .speech import speech_word

LOCATIVE = {"в", "во", "из", "под", "над", "до", "через", "около", "у", "возле", "близ", "по", "на", "от", "к", "ко",
            "над", "под", "рядом", "вблизи", "пригороде", "окрестностях", "аэропорту", "аэропорт", "столице",
            "столицу", "столицы", "город", "города", "городе"}
ADJECTIVE = r"[а-яё]+(?:-[а-яё]+)*(?:ий|ого|ому|им|ом|ая|ой|ую|ый|ым|ое|ей)"
LEADER_NOUNS = ("лидер", "президент", "глав", "премьер", "коллег", "канцлер", "монарх", "король", "министр")
DESCRIPTOR = re.compile(
    rf"\b({ADJECTIVE})\s+((?:{'|'.join(LEADER_NOUNS)})(?:а|у|ом|е|ой|ы|ой)?)\b", re.IGNORECASE)
LEADING_POSTS = ("президент", "премьер", "глава", "лидер", "канцлер", "король", "монарх", "председатель")
WORD = re.compile(r"[а-яёА-ЯЁ]+(?:-[а-яёА-ЯЁ]+)*")


# nouns whose genitive names the parties of a relation: "отношения Москвы и Баку", "позиция Киева"
RELATION_NOUNS = frozenset("""
отношение переговоры позиция ответ заявление требование претензия диалог сотрудничество соглашение контакт
конфликт спор примирение сближение давление решение действие политика реакция обвинение угроза санкция
предложение намерение нота протест просьба призыв договорённость договоренность курс сторона
""".split())
# words between a subject and its verb that do not break the link ("Москва также ответила")
SUBJECT_GAP = frozenset("и не также уже ещё еще официально вновь снова тоже давно неоднократно".split())
TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|[^\w\s]")


def _tokens_around(text: str, start: int, stop: int, spans: list[tuple[int, int]]):
    """The words of the clause before and after a mention, coordinated names collapsed to one token "NAME"."""
    def words(a: int, b: int):
        out = []
        for m in TOKEN.finditer(text, a, b):
            if any(x <= m.start() < y for x, y in spans):
                if not out or out[-1] != "NAME":
                    out.append("NAME")
                continue
            out.append(m.group())
        return out
    return words(max(0, start - 80), start), words(stop, min(len(text), stop + 80))


def capital_acts(text: str, start: int, stop: int, spans: list[tuple[int, int]]) -> bool:
    """Does the capital at [start, stop) stand for its government here?

    Yes as the subject of a finite verb ("Москва ответила", "Москва и Баку договорились"), after a
    relation noun ("отношения Москвы и Баку") or "между", with "официальный" ("официальный Баку"), or as
    the object of a speech verb ("призвал Киев"). No after a preposition ("в Москве"), in a dateline, or
    anywhere else ("мэр Москвы", "улицы Москвы"): a place stays a place unless the text makes it act.
    """
    before, after = _tokens_around(text, start, stop, spans)
    while len(before) >= 2 and before[-1] in (",", "и") and before[-2] == "NAME":
        del before[-2:]             # coordinated names: "отношения Москвы и Баку"
    prev = before[-1].lower() if before else ""
    if prev in LOCATIVE:
        return False
    if prev == "между" or prev.startswith("официальн"):
        return True
    if prev and any(p.normal_form in RELATION_NOUNS for p in _parses(prev) if p.tag.POS == "NOUN"):
        return True
    if prev and speech_word(prev) is not None:
        return True
    k = 0
    while k < len(after) and (after[k] in ("NAME", ",") or after[k].lower() in SUBJECT_GAP):
        k += 1
    if k < len(after):
        nxt = after[k]
        if not text[:start].strip() and text[stop:stop + 1] in ".,":
            return False            # a dateline ("Москва. 24 декабря …")
        # the subject of a verb is in the nominative ("Мэр Москвы открыл": the mayor opened)
        nominative = any(p.tag.case == "nomn" for p in _parses(text[start:stop].split()[0]))
        return nominative and any(p.tag.POS == "VERB" and "indc" in p.tag for p in _parses(nxt.lower()))
    return False


def resolve_places(table, found, texts: dict[str, str]) -> None:
    """A capital that acts ("Москва ответила Баку") stays the city, and its mention stands for its country.

    Run after the places are linked: the mention keeps its city entity; ``stands_for`` names the country
    entity (added to the article if the text never names the country itself).
    """
    by_field: dict[str, list[tuple[int, int]]] = {}
    for f in found:
        by_field.setdefault(f.field, []).append((f.start, f.stop))
    for entity in list(table.entities):
        if entity.type != "LOC":
            continue
        country = countries.capital_named(entity.name)
        if country is None or countries.country_named(entity.name):
            continue
        for m in entity.mentions:
            if m.kind not in ("name", "alias"):
                continue
            text = texts.get(m.field, "")
            if not capital_acts(text, m.start, m.stop, by_field.get(m.field, [])):
                continue
            state = table.get("LOC", country.name) or table.add("LOC", country.name)
            m.stands_for = state.id


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
                person.mentions.append(Mention(name, m.start(), m.end(), m.group(0), "descriptor",
                                               normal=_descriptor_normal(m.group(0))))
        covered = {i for a, b in taken for i in range(a, b)}     # linear, not words × spans
        for w in WORD.finditer(text):
            word = w.group()
            if not word[:1].islower() or w.start() in covered:
                continue
            if not re.search(r"(?:ск|цк)(?:ий|ого|ому|им|ом|ая|ой|ую|ие|их|ими|ое|ых|ым)$", word):
                continue
            for country in countries.countries_of_adjective(word):
                entity = table.get("LOC", country.name) or table.add("LOC", country.name)
                entity.mentions.append(Mention(name, w.start(), w.end(), word, "adjective",
                                               normal=adjective_base(word) or word.lower()))


def _descriptor_normal(phrase: str) -> str:
    return normalize_phrase(phrase).lower()
