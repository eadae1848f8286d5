"""Looking corpus entities up by name: ``find(store, name)`` (every candidate, best first) and
``resolve(store, name)`` (the one it stands for, or ``AmbiguousName``). "Алиеву" → Ильхам Алиев,
"Алиевой" → Мехрибан Алиева, "#12" → entity 12. The names are normalised the way linking does it
(``svodka.link.entities``), so any case form of a name finds it.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..lang.names import key as name_key
from ..lang.person_names import normalize_person, surname_readings
from ..lang.phrases import normalize_phrase
from .names import country_iso, lookup_keys, person_name


@dataclass(slots=True)
class Candidate:
    id: int
    type: str
    name: str
    born: str | None
    country: str | None
    articles: int
    mentions: int
    how: str                        # name, alias, surname, first name

    def to_dict(self) -> dict:
        return {"id": self.id, "type": self.type, "name": self.name, "born": self.born, "country": self.country,
                "articles": self.articles, "mentions": self.mentions, "matched": self.how}


class AmbiguousName(LookupError):
    """A name that several corpus entities answer to (``candidates``), or none."""

    def __init__(self, name: str, candidates: list[Candidate]) -> None:
        self.name, self.candidates = name, candidates
        if candidates:
            listed = "; ".join(f"#{c.id} {c.name} ({c.type}{', ' + c.born if c.born else ''}"
                               f"{', ' + c.country if c.country else ''}, {c.articles} articles)" for c in candidates)
            super().__init__(f"{name!r} is ambiguous: {listed}")
        else:
            super().__init__(f"no entity named {name!r}")


def _variants(name: str) -> list[str]:
    text = " ".join(name.split())
    out = [text]
    for v in (text, " ".join(w[:1].upper() + w[1:] for w in text.split())):
        for f in (normalize_person, normalize_phrase):
            try:
                out.append(f(v))
            except Exception:          # noqa: BLE001 — a lookup never fails on normalisation
                pass
    return list(dict.fromkeys(x for x in out if x))


def find(store, name: str) -> list[Candidate]:
    """The corpus entities a name may stand for, best first: by id ("#12"), by full name or alias in any
    case form, else by surname ("Алиеву" → Ильхам Алиев; "Алиевой" → Мехрибан Алиева), else by first name."""
    text = name.strip()
    if text.startswith("#") and text[1:].isdigit():
        ids = [(int(text[1:]), "id")]
    else:
        variants = _variants(text)
        if not variants:                  # a blank name names nobody
            return []
        keys = []
        for v in variants:
            for t in ("PER", "ORG", "LOC"):
                keys += lookup_keys(t, v, [])
            keys.append(f"PER:{name_key(v)}")
        keys = list(dict.fromkeys(keys))
        ids = [(i, "name") for i in store.corpus_entities_with_keys(keys)]
        if not ids:
            ids = [(i, "name") for i in store.corpus_entities_named([name_key(v) for v in variants])]
        if len(text.split()) == 1 and text[:1].isupper():
            # every person the one word may be a case form of: "Алиева" is his genitive and her nominative,
            # so it answers to Ильхам Алиев and to Мехрибан Алиева (a reading's gender must fit the person's)
            # the dictionary's likeliest reading decides ("Алиеву" is his dative before her accusative) unless
            # the word is another person's surname as written: then both are listed
            readings = []
            for nominative, gender in surname_readings(text):
                if gender is None:
                    continue
                readings.append(store.persons_with_last_name(name_key(nominative), gender))
            exact = store.persons_with_last_name(name_key(text))
            first = next((r for r in readings if r), set())
            wanted = first | exact if exact and exact != first else first
            ids += [(i, "surname") for i in sorted(wanted) if i not in {x for x, _ in ids}]
        if not ids and len(text.split()) == 1:
            lasts = list(dict.fromkeys(name_key(v) for v in variants))
            ids = [(i, "surname") for i in store.persons_with_last_names(lasts)]
            if not ids:
                ids = [(i, "first name") for i in store.persons_with_first_names(lasts)]
    out = []
    for cid, how in dict(ids).items():
        row = store.corpus_entity_card(cid)
        if row:
            out.append(Candidate(cid, *row, how=how))
    out.sort(key=lambda c: (-c.articles, -c.mentions, c.id))
    return out


def resolve(store, name: str, *, prefer_country: bool = False) -> Candidate:
    """The one corpus entity ``name`` stands for; AmbiguousName (with the candidates) otherwise.
    ``prefer_country``: a country among the candidates wins (for timelines: "Россия")."""
    found = find(store, name)
    if len(found) == 1:
        return found[0]
    if found and prefer_country:
        countries = [c for c in found if c.type == "LOC" and country_iso(c.name, c.type, c.country)]
        if len(countries) == 1:
            return countries[0]
    if len(found) > 1:
        # a surname-only entity defers to the one full name it shares with nothing else
        persons = [c for c in found if c.type == "PER"]
        if len(persons) == len(found):
            full = [c for c in persons if person_name(c.name).full]
            if len(full) == 1 and all(person_name(c.name).last == person_name(full[0].name).last for c in persons):
                return full[0]
    raise AmbiguousName(name, found)


__all__ = ["find", "resolve", "Candidate", "AmbiguousName"]
