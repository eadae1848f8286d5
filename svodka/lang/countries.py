"""Countries: names, adjectives and capitals → ISO 3166 alpha-3 (data/countries.tsv, written for svodka)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .morph import morph

DATA = Path(__file__).with_name("data") / "countries.tsv"
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    adjectives: tuple[str, ...]      # stems: "российск"
    capitals: tuple[str, ...]
    names: tuple[str, ...]           # the name and its other names, nominative


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    out = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + [""] * 5)[:5]
        iso3, name, adjs, caps, others = (c.strip() for c in cols)
        split = lambda s: tuple(x.strip() for x in s.split(",") if x.strip())  # noqa: E731
        out.append(Country(iso3, name, split(adjs), split(caps), (name, *split(others))))
    return tuple(out)


@lru_cache(maxsize=1)
def _by_name() -> dict[str, Country]:
    return {n.lower(): c for c in countries() for n in c.names}


@lru_cache(maxsize=1)
def _by_capital() -> dict[str, Country]:
    return {cap.lower(): c for c in countries() for cap in c.capitals}


def by_iso3(iso3: str) -> Country | None:
    return next((c for c in countries() if c.iso3 == iso3), None)


def country_named(name: str) -> Country | None:
    """'Россия', 'РФ', 'Соединенные Штаты' → the country (names in the nominative)."""
    return _by_name().get(" ".join(name.split()).lower().replace("ё", "е"))


def capital_named(name: str) -> Country | None:
    """'Москва' → Россия: the country whose capital this is."""
    return _by_capital().get(" ".join(name.split()).lower().replace("ё", "е"))


def countries_of_adjective(word: str) -> list[Country]:
    """'российско-азербайджанских' → [Россия, Азербайджан]; 'российский' → [Россия]."""
    found = []
    for part in word.lower().split("-"):
        stem = part[:-1] + "к" if part.endswith("ко") else part     # "российско-" → "российск"
        for c in countries():
            if any(stem.startswith(a) for a in c.adjectives) and c not in found:
                found.append(c)
                break
    return found


@lru_cache(maxsize=20_000)
def _place_lemma(word: str) -> str:
    """'Азербайджана' → 'азербайджан': the dictionary's place reading first (the rest of the names layer
    is in normal.py, which reads countries itself)."""
    parses = morph().parse(word)
    geo = [p for p in parses if "Geox" in p.tag.grammemes] or parses
    return geo[0].normal_form if geo else word


def country_in_phrase(phrase: str) -> Country | None:
    """The country a role phrase names: 'президент Азербайджана', 'российского президента'."""
    for w in WORD.findall(phrase):
        if w[:1].isupper():
            c = country_named(w) or country_named(_place_lemma(w))
            if c:
                return c
        else:
            cs = countries_of_adjective(w)
            if len(cs) == 1:
                return cs[0]
    return None
