"""geo: places on the map — every LOC entity resolved to a place in the article's context, every event and
actor located. Runs after the event coder, on its output (the coder's ``Event.place`` is a LOC entity's name).

    locate(article)      sets Entity.geo, Event.geo and ActorRef.geo in place
    geo_of(place)        a gazetteer Place as the public ``geo`` record (GEO_FIELDS)

resolve.py decides which place a name is here; located.py where events happened and where actors are.
"""
from __future__ import annotations

from typing import Any

from ..lang import gazetteer
from ..lang.gazetteer import Place
from ..model import Article
from .located import locate_events
from .resolve import resolve

GEO_FIELDS = ("geonameid", "iso", "name", "country", "admin1", "admin1_name", "lat", "lon", "feature")


def geo_of(place: Place) -> dict[str, Any]:
    """geonameid (cities), iso (ISO 3166-1 alpha-2 of a country, ISO 3166-2 of a region), the Russian name,
    country (alpha-3), admin1 (ISO 3166-2) and its name, lat/lon (a country's capital, a region's largest
    city; none for a region of a country svodka has no region table for), feature."""
    region = gazetteer.region(place.admin1) if place.admin1 else None
    return {
        "geonameid": int(place.code) if place.feature == "city" else None,
        "iso": place.country if place.feature == "country" else (place.code if place.feature == "admin1" else None),
        "name": place.name,
        "country": gazetteer.alpha3(place.country) if place.country else None,
        "admin1": place.admin1 or None,
        "admin1_name": region.name if region else None,
        "lat": None if place.lat is None else round(place.lat, 5),
        "lon": None if place.lon is None else round(place.lon, 5),
        "feature": place.feature,
    }


def load():
    """The place index (built from the packages once, then read from its cache); returns it."""
    gazetteer.load()
    return gazetteer


def locate(article: Article) -> None:
    """Geocode the article's places, then locate its events and their actors."""
    places, context = resolve(article)
    for e in article.entities:
        e.geo = geo_of(places[e.id]) if e.id in places else None
    locate_events(article, context, geo_of)


__all__ = ["GEO_FIELDS", "geo_of", "locate"]
