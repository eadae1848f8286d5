"""Entities of one article: NER spans per field → normalised mentions → one Entity per person,
organisation and place, with aliases, roles, birth date and country.

Surname-only mentions join the full name they shorten ("Путина" → Владимир Путин, a man's genitive,
not Мехрибан Алиева); person cards on the page feed roles and the birth date; coreference of
descriptors, country adjectives and capitals is in coref.py.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..lang import countries
from ..lang.forms import TextForms, nominative_candidates
from ..lang.inflect import _parses
from ..lang.names import is_person_name
from ..lang.people import office_holder
from ..lang.person_names import surname_readings as _surname_readings
from ..model import Article, Entity, Mention
from .attribution import credit_regions, mention_kind
from .entity_rules import (FEMININE_VERB, _street_before, _subject_as_written, agree_gender, genitive_guess,
                           person_subject_as_written,
                           fold_country_adjectives, gender_of, home_country, merge_abbreviations, state_body)
from .coref import resolve_descriptors, resolve_places
from .normal import normalize
from .roles import roles_before, roles_from_description

# spans for the fields of one article, all at once (evidence is shared across fields)
SpanFinder = Callable[[list[str]], list[list[tuple[int, int, str]]]]
CREDIT_SPLIT = re.compile(r"\s*/\s*")
ASIDE_KINDS = ("credit", "attribution")       # mentions that are not what the article is about
@dataclass(slots=True)
class Found:
    """One mention before linking."""

    field: str
    start: int
    stop: int
    text: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = "name"


def article_fields(article: Article) -> list[tuple[str, str]]:
    """The fields that tell the article, in reading order (related teasers are other articles)."""
    out: list[tuple[str, str]] = []
    if article.title:
        out.append(("title", article.title))
    out += [(f"alt_titles[{i}]", t) for i, t in enumerate(article.alt_titles) if t]
    if article.lead:
        out.append(("lead", article.lead))
    out += [(f"media[{i}].caption", m.caption) for i, m in enumerate(article.media) if m.caption]
    out += [(f"body[{i}]", t) for i, t in enumerate(article.body) if t]
    return out


def credit_mentions(article: Article) -> list[Found]:
    """'Александр Казаков / ТАСС': a photographer and an agency."""
    found = []
    for i, m in enumerate(article.media):
        if not m.credit:
            continue
        pos = 0
        for part in CREDIT_SPLIT.split(m.credit):
            start = m.credit.find(part, pos)
            pos = start + len(part)
            if not part or start < 0:
                continue
            kind = "PER" if is_person_name(part) else "ORG"
            found.append(Found(f"media[{i}].credit", start, start + len(part), part, kind, part, kind="credit"))
    return found


def field_mentions(fields: list[tuple[str, str]], find_spans: SpanFinder,
                   forms: TextForms | None = None) -> list[Found]:
    found = []
    spans = find_spans([text for _, text in fields]) if fields else []
    for (name, text), field_spans in zip(fields, spans):
        credits = credit_regions(text)
        for start, stop, kind in field_spans:
            surface = text[start:stop]
            aside = mention_kind(text, start, stop, kind, credits)   # a credit or an attribution
            street = _street_before(text, start) if kind == "LOC" else None
            if street is not None:
                # "на улице Юности": the street is the place, not "Юность"
                begin, noun = street
                found.append(Found(name, begin, stop, text[begin:stop], kind, f"{noun} {surface}"))
                continue
            normal, aliases = normalize(surface, kind, forms)
            if kind != "PER" and normal != surface and _subject_as_written(text, start, stop):
                normal = surface      # "Следком возбудил дело": a subject is a nominative, whatever "следок" says
            elif kind == "PER" and genitive_guess(surface, normal) and person_subject_as_written(text, start, stop):
                normal = surface      # "Ольянта Умала заявил": not the genitive of "Ольянт Умал"
            found.append(Found(name, start, stop, surface, kind, normal, aliases, aside or "name"))
    return found


class EntityTable:
    """Entities of one article, found by type and normalised name or alias."""

    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        self.entities: list[Entity] = []
        self._keys: dict[tuple[str, str], Entity] = {}

    def get(self, kind: str, name: str) -> Entity | None:
        return self._keys.get((kind, name.lower().replace("ё", "е")))

    def add(self, kind: str, name: str, aliases: list[str] = ()) -> Entity:
        entity = self.get(kind, name) or next((self.get(kind, a) for a in aliases if self.get(kind, a)), None)
        if entity is None:
            entity = Entity(id=f"{self.article_id}:e{len(self.entities) + 1}", type=kind, name=name)
            self.entities.append(entity)
            self._key(kind, name, entity)
        for alias in aliases:
            if alias != entity.name and alias not in entity.aliases:
                entity.aliases.append(alias)
            self._key(kind, alias, entity)
        return entity

    def rename(self, entity: Entity, name: str) -> None:
        if entity.name not in entity.aliases:
            entity.aliases.append(entity.name)
        entity.name = name
        self._key(entity.type, name, entity)

    def _key(self, kind: str, name: str, entity: Entity) -> None:
        self._keys.setdefault((kind, name.lower().replace("ё", "е")), entity)

    def persons(self) -> list[Entity]:
        return [e for e in self.entities if e.type == "PER"]


def _mention(f: Found, kind: str | None = None) -> Mention:
    if f.kind in ASIDE_KINDS:
        kind = f.kind          # a credit stays a credit, also when it is a surname
    return Mention(field=f.field, start=f.start, stop=f.stop, text=f.text, kind=kind or f.kind, normal=f.name)


def link_persons(table: EntityTable, found: list[Found], texts: dict[str, str],
                 forms: TextForms | None = None) -> None:
    """Full names first; then one-word mentions join the full name whose surname (or first name) they are."""
    singles, by_patronymic = [], []
    for f in found:
        if f.type != "PER":
            continue
        if _name_and_patronymic(f.name):
            by_patronymic.append(f)     # "Ильхам Гейдарович": the full name's owner, once all are known
            continue
        if len(f.name.split()) >= 2:
            same = table.get("PER", f.name) or next(
                (e for e in table.persons() if _same_name(e.name, f.name)), None)
            if same is None:
                same = table.add("PER", f.name, f.aliases)
            elif same.name != f.name and len(f.name) < len(same.name):
                table.rename(same, f.name)      # of two case forms the nominative is the shorter
            same.mentions.append(_mention(f))
        else:
            singles.append(f)
    for f in by_patronymic:
        first = f.name.split()[0].lower()
        owners = [e for e in table.persons() if len(e.name.split()) >= 2 and e.name.split()[0].lower() == first
                  and not _name_and_patronymic(e.name)]
        same = owners[0] if len(owners) == 1 else table.get("PER", f.name) or table.add("PER", f.name, f.aliases)
        if same.name != f.name and f.name not in same.aliases:
            same.aliases.append(f.name)
        same.mentions.append(_mention(f, "alias" if same.name != f.name else None))
    for f in singles:
        readings = _surname_readings(f.text, forms)
        text = texts.get(f.field, "")
        if FEMININE_VERB.match(text[f.stop:f.stop + 30]) or _woman_in_text(readings, forms):
            readings.sort(key=lambda r: r[1] != "femn")
        target, normal = None, None
        if str(readings[0][1]) == "plur":
            # a family ("Скрипалей" → "Скрипали"): its own base form, joined to the man it is named after
            target = next((e for e in table.persons() if len(e.name.split()) >= 2
                           and _declined_form(f.text, e.name.split()[-1])), None) or table.add("PER", readings[0][0])
            mention = _mention(f, "surname")
            mention.normal = readings[0][0]
            target.mentions.append(mention)
            continue
        for nominative, gender in readings:
            matches = [e for e in table.persons() if len(e.name.split()) >= 2 and
                       nominative.lower() in (e.name.split()[-1].lower(), e.name.split()[0].lower())]
            if gender:
                matches = [e for e in matches if gender_of(e.name) in (gender, None)] or matches
            if matches:
                target = max(matches, key=lambda e: len(e.mentions))
                normal = nominative
                break
        if target is None:
            # a surname the dictionary does not know, declined like the full name's ("Байдена" → Джо Байден)
            target = next((e for e in table.persons() if len(e.name.split()) >= 2
                           and _declined_form(f.text, e.name.split()[-1])), None)
            normal = target.name.split()[-1] if target is not None else None
        if target is None:
            normal = readings[0][0] if readings[0][1] or len(readings) > 1 else f.name
            target = table.add("PER", normal)
        mention = _mention(f, "surname")
        mention.normal = normal
        target.mentions.append(mention)


def _name_and_patronymic(name: str) -> bool:
    """'Ильхам Гейдарович', 'Мария Ивановна': a first name and a patronymic, no surname."""
    words = name.split()
    if len(words) != 2:
        return False
    first = {g for p in _parses(words[0].lower()) for g in p.tag.grammemes}
    second = [p for p in _parses(words[1].lower()) if p.tag.POS == "NOUN"]
    return "Name" in first and bool(second) and all("Patr" in p.tag for p in second)


def _woman_in_text(readings: list[tuple[str, str | None]], forms: TextForms | None) -> bool:
    """"Фурцева" is his genitive or her nominative: the text decides when it writes a form only she has
    ("Фурцевой") and none only he has ("Фурцевым")."""
    if forms is None:
        return False
    for name, gender in readings:
        if str(gender) == "femn" and re.search(r"(?:ов|ев|ёв|ин|ын)а$", name) and any(
                n == name[:-1] and str(g) == "masc" for n, g in readings):
            return bool(forms.seen(name[:-1] + "ой")) and not forms.seen(name[:-1] + "ым")
    return False


def _declined_form(word: str, base: str) -> bool:
    """Is ``word`` a regular case form of the name ``base`` ("Байдена" of "Байден", "Асии" of "Асия")?"""
    return word.lower() == base.lower() or base.lower() in (c.lower() for c in nominative_candidates(word))


def _same_name(a: str, b: str) -> bool:
    """'Ерлана Тулегенова' and 'Ерлан Тулегенов': one name in two cases the normaliser could not agree on."""
    wa, wb = a.lower().split(), b.lower().split()
    if len(wa) != len(wb) or wa == wb:
        return wa == wb
    for x, y in zip(wa, wb):
        common = len(os.path.commonprefix([x, y]))
        if common < 3 or common < min(len(x), len(y)) - 2:
            return False
    return True


BRACKETED = re.compile(r"^[»\"”]?\s*\($")


def link_others(table: EntityTable, found: list[Found], texts: dict[str, str]) -> None:
    """Places and organisations by name; an alias ("AZAL") joins the entity it stands for."""
    previous: Found | None = None
    for f in sorted(found, key=lambda x: (x.field, x.start)):
        if f.type == "PER":
            continue
        # "«Азербайджанских авиалиний» (AZAL)": the bracketed name is an alias of the one before
        if (previous is not None and previous.field == f.field and previous.type in ("ORG", "LOC")
                and BRACKETED.match(texts.get(f.field, "")[previous.stop:f.start])
                and not _container(previous, f)):
            entity = table.get(previous.type, previous.name)
            if entity is not None:
                table.add(entity.type, entity.name, [f.name])
                entity.mentions.append(_mention(f, "alias"))
                previous = None
                continue
        previous = f
        entity = table.get(f.type, f.name) or next(
            (e for e in table.entities if e.type in ("ORG", "LOC") and f.name in e.aliases), None)
        if entity is None:
            entity = table.add(f.type, f.name, f.aliases)
        else:
            table.add(entity.type, entity.name, f.aliases)
        entity.mentions.append(_mention(f, "alias" if f.name in entity.aliases else None))


def _container(place: Found, bracketed: Found) -> bool:
    """'Флорида (США)', 'Актау (Казахстан)': the bracket names the country a place lies in, not its alias."""
    return (bracketed.type == "LOC" and countries.country_named(bracketed.name) is not None
            and countries.country_named(place.name) is None)


def attach_roles(table: EntityTable, texts: dict[str, str]) -> None:
    for entity in table.persons():
        for m in entity.mentions:
            if m.kind in ("name", "surname") and m.field in texts:
                oblique = bool(m.normal) and m.normal.casefold() != m.text.casefold()
                for role in roles_before(texts[m.field], m.start, oblique=oblique):
                    if role not in entity.roles:
                        entity.roles.append(role)


def attach_cards(table: EntityTable, article: Article) -> None:
    """Person cards: 'Ильхам Алиев' / 'политик, президент Азербайджана' / born 1961-12-24."""
    for card in article.cards:
        entity = table.get("PER", card.name) or table.add("PER", card.name)
        for role in roles_from_description(card.description or ""):
            if role not in entity.roles:
                entity.roles.append(role)
        if card.born and not entity.born:
            entity.born = card.born


def attach_countries(table: EntityTable, texts: dict[str, str] | None = None) -> None:
    """A country's ISO code; a person's is the country of the role he holds in the article (or of the office
    he is known to hold); an organisation's the country named in the genitive right after it ("Минэнерго
    Украины", "МВД Грузии")."""
    owners = _genitive_countries(table, texts or {})
    home = home_country(table)
    for entity in table.entities:
        if entity.country:
            continue
        if entity.type == "ORG" and len(owners.get(entity.id, ())) == 1:
            entity.country = next(iter(owners[entity.id]))
        elif entity.type == "ORG" and home and state_body(entity.name):
            entity.country = home       # an unqualified "МВД" is of the country the article is about
        elif entity.type == "LOC":
            c = countries.country_named(entity.name)
            entity.country = c.iso3 if c else None
        elif entity.type == "PER":
            for role in entity.roles:
                c = countries.country_in_phrase(role)
                if c:
                    entity.country = c.iso3
                    break
            else:
                holder = office_holder(entity.name)      # "Путин", "Эрдоган": known without their office
                entity.country = holder.country if holder else None


def merge_country_names(table: EntityTable) -> None:
    """A country under any of its names is one entity named as the country table names it: "РФ",
    "Российская Федерация" and "Россия" → Россия; "Беларусь" → Белоруссия (its other names stay aliases)."""
    for entity in [e for e in table.entities if e.type == "LOC"]:
        c = countries.country_named(entity.name)
        if c is None or entity.name == c.name or not entity.mentions:
            continue
        main = next((e for e in table.entities if e.type == "LOC" and e.name == c.name and e is not entity), None)
        if main is None:
            table.rename(entity, c.name)
            continue
        main.mentions.extend(entity.mentions)
        entity.mentions = []
        table.add("LOC", main.name, [entity.name, *entity.aliases])


def _genitive_countries(table: EntityTable, texts: dict[str, str]) -> dict[str, set[str]]:
    """ORG entity id → the countries named in an oblique case right after its mentions."""
    states: dict[tuple[str, int], str] = {}
    for e in table.entities:
        c = countries.country_named(e.name) if e.type == "LOC" else None
        if c is None:
            continue
        for m in e.mentions:
            if m.normal and m.normal.casefold() != m.text.casefold():
                states[(m.field, m.start)] = c.iso3
    out: dict[str, set[str]] = {}
    for e in table.entities:
        if e.type != "ORG":
            continue
        for m in e.mentions:
            text = texts.get(m.field, "")
            gap = len(text[m.stop:]) - len(text[m.stop:].lstrip(" "))
            if 0 < gap <= 2 and (m.field, m.stop + gap) in states:
                out.setdefault(e.id, set()).add(states[(m.field, m.stop + gap)])
    return out


def build_entities(article: Article, find_spans: SpanFinder) -> list[Entity]:
    fields = article_fields(article)
    texts = dict(fields)
    forms = TextForms([text for _, text in fields])
    found = field_mentions(fields, find_spans, forms) + credit_mentions(article)
    table = EntityTable(article.id)
    link_persons(table, found, texts, forms)
    link_others(table, [f for f in found if f.type != "PER"], texts)
    merge_abbreviations(table)
    merge_country_names(table)
    agree_gender(table, texts, forms)
    resolve_places(table, found, texts)
    attach_roles(table, texts)
    attach_cards(table, article)
    attach_countries(table, texts)
    resolve_descriptors(table, fields, found)
    attach_countries(table, texts)
    fold_country_adjectives(table)
    for entity in table.entities:
        entity.mentions.sort(key=lambda m: (m.field, m.start))
    wanted = {m.stands_for for e in table.entities for m in e.mentions if m.stands_for}
    return [e for e in table.entities if e.mentions or e.roles or e.born or e.id in wanted]
