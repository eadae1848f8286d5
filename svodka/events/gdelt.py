"""svodka events as rows of the GDELT 2.0 event table (61 tab-separated columns, GDELT's order and names).

    COLUMNS                         the 61 column names
    rows(article, events, added)    one list of 61 strings per coded event

What is filled (everything else is an empty field):

  GLOBALEVENTID        a stable integer from ``event_key(event)`` (sha1, 60 bits): the same happening in two
                       articles gets the same id — svodka counts reports, not events, twice
  SQLDATE              YYYYMMDD, only when the event's date is a day; MonthYear (YYYYMM) when it is at least a
                       month; Year when it has a year (seasons: Year only); FractionDate only for a day
                       (YYYY + day of year / 365, four decimals). Open intervals ("../2025-12-24") give no date.
  Actor1Code           country + CAMEO role, as GDELT codes actors ("RUSGOV", "AZECOP", "ITAJUD", "REB"; a
                       country alone "RUS"), from ``Event.actors`` (events/actor_codes.py);
  Actor1Name           the first source actor as svodka names it: the entity's Russian name ("Владимир Путин")
                       or a descriptive actor ("граждане Азербайджана");
  Actor1CountryCode    ISO 3166 alpha-3 as svodka uses it (RUS, AZE) — GDELT's CAMEO country codes mostly
                       coincide, but they are not guaranteed to;
  Actor1Type1Code      the CAMEO role alone (GOV, MIL, COP, JUD, SPY, LEG, REB, CVL, MED, BUS, IGO, …);
  Actor2Code, Actor2Name, Actor2CountryCode, Actor2Type1Code   the same for the first target actor (for symmetric events —
                       call, meet, agreement, intent — the first participant is Actor1, the next Actor2);
  IsRootEvent          1 when a report of the event is in the title, the lead or the first body paragraph;
  EventCode, EventBaseCode, EventRootCode, QuadClass, GoldsteinScale   from the CAMEO code (svodka/cameo.py);
  NumMentions          the corpus event's (svodka.link: report sentences in every article that reports it),
  NumSources, NumArticles   the corpus event's outlets and articles; for a report not linked to a corpus event
                       (``rows`` without ``counts``): its sentences in this article, 1 and 1;
  ActionGeo_*          where the event happened (``Event.geo``: its sentence's place, else the dateline's):
                       Type (1 country, 2 US state, 3 US city, 4 world city, 5 world state or another area),
                       FullName ("Екатеринбург, Свердловская область, Россия"), CountryCode (ISO alpha-3 —
                       GDELT writes FIPS 10-4 two-letter codes here, svodka does not), ADM1Code (ISO 3166-2:
                       "RU-SVE", where GDELT writes FIPS "RS71"; a country's alpha-2 for a country), Lat, Long,
                       FeatureID (a city's GeoNames id, a region's or a country's ISO code); a place the
                       gazetteer does not know keeps Type, FullName (the entity's name) and CountryCode;
  Actor1Geo_*, Actor2Geo_*   the same for the place an actor's name or office states ("полиция
                       Екатеринбурга", "губернатор Свердловской области", "президент России");
  DATEADDED            YYYYMMDDHHMMSS (UTC) of the run, or the ``added`` argument;
  SOURCEURL            the article's URL, else its source (path).

Left empty: Actor*KnownGroupCode, *EthnicCode, *Religion*Code, *Type2Code, *Type3Code, AvgTone, the ADM2Codes.
Not written at all: events without a CAMEO code (accidents, disasters) and negated events — GDELT has
neither; they stay in the JSON and TSV output.
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone

from ..lang import countries
from ..model import Article, Event
from .party import actor_country, place_country
from ..cameo import SYMMETRIC_TYPES, event_key

COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]
assert len(COLUMNS) == 61


def event_id(event: Event) -> int:
    return int(hashlib.sha1(event_key(event).encode("utf-8")).hexdigest()[:15], 16)


def _dates(value: str | None) -> tuple[str, str, str, str]:
    """(SQLDATE, MonthYear, Year, FractionDate) as far as the EDTF value is precise."""
    if not value or value.startswith("..") or "/" in value:
        return "", "", "", ""
    v = value.rstrip("?~%")
    if len(v) >= 4 and v[:4].isdigit():
        year = v[:4]
    else:
        return "", "", "", ""
    if len(v) >= 7 and v[5:7].isdigit() and 1 <= int(v[5:7]) <= 12:
        month = year + v[5:7]
    else:
        return "", "", year, ""
    if len(v) == 10 and v[8:10].isdigit():
        try:
            d = date(int(v[:4]), int(v[5:7]), int(v[8:10]))
        except ValueError:
            return "", month, year, ""
        frac = d.year + (d.timetuple().tm_yday - 1) / 365
        return d.strftime("%Y%m%d"), month, year, f"{frac:.4f}"
    return "", month, year, ""


def _root(event: Event) -> str:
    fields = {m.field for m in event.evidence}
    return "1" if fields & {"title", "lead", "body[0]"} or any(f.startswith("alt_titles") for f in fields) else "0"


def geo_columns(prefix: str, geo: dict | None) -> dict[str, str]:
    """A place's GDELT geography columns from its ``geo`` (svodka.geo): Type (1 country, 2 US state, 3 US city,
    4 world city, 5 world state or another area), FullName ("Екатеринбург, Свердловская область, Россия"),
    CountryCode (ISO alpha-3), ADM1Code (ISO 3166-2; a country's alpha-2 for a country, as GDELT writes its
    own code there), Lat, Long, FeatureID (the GeoNames id of a city, the ISO code of a region or a country)."""
    if not geo:
        return {}
    us = geo.get("country") == "USA"
    kind = {"country": "1", "admin1": "2" if us else "5", "city": "3" if us else "4"}.get(geo.get("feature"), "5")
    country = countries.by_iso3(geo["country"]) if geo.get("country") else None
    parts = [geo.get("name")]
    if geo.get("feature") == "city" and geo.get("admin1_name") and geo.get("admin1_name") != geo.get("name"):
        parts.append(geo["admin1_name"])
    if geo.get("feature") != "country" and country is not None:
        parts.append(country.name)
    lat, lon = geo.get("lat"), geo.get("lon")
    return {
        f"{prefix}_Type": kind,
        f"{prefix}_FullName": ", ".join(p for p in parts if p),
        f"{prefix}_CountryCode": geo.get("country") or "",
        f"{prefix}_ADM1Code": geo.get("admin1") or (geo.get("iso") or ""),
        f"{prefix}_Lat": "" if lat is None else f"{lat:.4f}",
        f"{prefix}_Long": "" if lon is None else f"{lon:.4f}",
        f"{prefix}_FeatureID": str(geo.get("geonameid") or geo.get("iso") or ""),
    }


def rows(article: Article, events: list[Event], added: str | None = None,
         counts: dict[int, tuple[int, int, int]] | None = None) -> list[list[str]]:
    """``counts``: the event's position in ``events`` → (NumMentions, NumSources, NumArticles) of the corpus
    event it is a report of (svodka.link); an event without them counts this article's report alone."""
    added = added or datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")
    counts = counts or {}
    out = []
    for n, e in enumerate(events):
        if not e.cameo or e.modality == "negated":
            continue
        row = dict.fromkeys(COLUMNS, "")
        row["GLOBALEVENTID"] = str(event_id(e))
        row["SQLDATE"], row["MonthYear"], row["Year"], row["FractionDate"] = _dates(e.date)
        coded = e.actors or {}
        sides = [list(e.source), [t for t in e.target if t not in e.source]]
        refs = [list(coded.get("source") or []), list(coded.get("target") or [])]
        if e.type in SYMMETRIC_TYPES and not sides[1] and len(sides[0]) > 1:
            # a call or a meeting: the first participant is Actor1, the next Actor2
            sides, refs = [sides[0][:1], sides[0][1:]], [refs[0][:1], refs[0][1:]]
        actor_refs = [None, None]
        for k, actors, ref in ((1, sides[0], refs[0]), (2, sides[1], refs[1])):
            if not actors:
                continue
            name = actors[0]
            a = ref[0] if ref and ref[0].name == name else None
            actor_refs[k - 1] = a
            iso = (a.country if a is not None else None) or actor_country(name, article) or ""
            row[f"Actor{k}Code"] = (a.code if a is not None and a.code else iso)
            row[f"Actor{k}Name"] = name
            row[f"Actor{k}CountryCode"] = iso
            row[f"Actor{k}Type1Code"] = (a.role or "") if a is not None else ""
        row["IsRootEvent"] = _root(e)
        row["EventCode"] = e.cameo
        row["EventBaseCode"] = e.cameo[:3]
        row["EventRootCode"] = e.cameo[:2]
        row["QuadClass"] = str(e.quad_class or "")
        row["GoldsteinScale"] = "" if e.goldstein is None else f"{e.goldstein:.1f}"
        if n in counts:
            row["NumMentions"], row["NumSources"], row["NumArticles"] = (str(max(1, c or 0)) for c in counts[n])
        else:
            row["NumMentions"] = str(max(1, sum(1 for m in e.evidence if m.kind == "sentence")))
            row["NumSources"] = row["NumArticles"] = "1"
        if e.place:
            row["ActionGeo_Type"] = "1" if countries.country_named(e.place) else "4"
            row["ActionGeo_FullName"] = e.place
            row["ActionGeo_CountryCode"] = place_country(e.place, article) or ""
        row.update(geo_columns("ActionGeo", e.geo))
        for k, ref in ((1, actor_refs[0]), (2, actor_refs[1])):
            row.update(geo_columns(f"Actor{k}Geo", ref.geo if ref is not None else None))
        row["DATEADDED"] = added
        row["SOURCEURL"] = article.url or article.source
        out.append([row[c].replace("\t", " ").replace("\n", " ") for c in COLUMNS])
    return out


__all__ = ["COLUMNS", "rows", "event_id"]
