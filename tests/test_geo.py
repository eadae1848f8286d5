"""Places on the map (issue 21): the gazetteer, resolution in context (a test per rule of svodka/geo/resolve.py),
the hand-written sentence set, the seed's places on entities, events and GDELT rows, the store, GeoJSON."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from conftest import ROOT, SEED, need, store_at
from svodka.events.gdelt import COLUMNS, rows
from svodka.eval.places import score_sentences
from svodka.export import event_feature, export
from svodka.geo import geo_of, locate
from svodka.geo.resolve import choose, is_place_here, resolve
from svodka.ingest import ingest
from svodka.lang import gazetteer
from svodka.model import Article, Entity, Mention
from svodka.pipeline import Pipeline
from svodka.read import read_paths
from svodka.serve import create_app
from svodka.store import open_store
from dbfile import database


@pytest.fixture(scope="module")
def seed():
    raw = next(iter(read_paths([str(need(SEED))])))
    return Pipeline(time_limit=None).analyze(raw)


def _loc(eid: str, name: str, text: str, start: int, **kw) -> Entity:
    return Entity(id=eid, type="LOC", name=name,
                  mentions=[Mention("body[0]", start, start + len(text), text, "name")], **kw)


def _article(body: str, *entities: Entity) -> Article:
    return Article(id="a", source="t", body=[body], entities=list(entities), published="2025-06-01")


# --- the gazetteer ------------------------------------------------------------------------------------------

def test_the_gazetteer_knows_countries_regions_cities_and_the_names_news_uses():
    assert gazetteer.places_named("Актау")[0].country == "KZ"
    assert gazetteer.places_named("Подмосковье")[0].code == "RU-MOS"
    assert gazetteer.places_named("Свердловская область")[0].code == "RU-SVE"
    assert gazetteer.places_named("Донбасс")[0].feature == "region"
    assert gazetteer.places_named("Россия")[0].feature == "country"
    city = gazetteer.places_named("Екатеринбург")[0]
    assert (city.admin1, gazetteer.region(city.admin1).name) == ("RU-SVE", "Свердловская область")
    assert gazetteer.places_named("Техас")[0].code == "US-TX"          # US states: GeoNames writes ISO's suffix


def test_the_index_is_cached_and_a_cache_gives_the_same(tmp_path, monkeypatch):
    monkeypatch.setenv("SVODKA_CACHE", str(tmp_path))
    built = gazetteer._build()
    path = gazetteer._cache_path()
    assert path.parent == tmp_path
    gazetteer._loaded.cache_clear()
    try:
        assert gazetteer._loaded() == built and path.exists()       # built, then written
        gazetteer._loaded.cache_clear()
        assert gazetteer._loaded() == built                           # read back
    finally:
        gazetteer._loaded.cache_clear()


def test_every_region_row_is_an_iso_code_and_every_name_row_a_place():
    pycountry = pytest.importorskip("pycountry")
    for line in (ROOT / "svodka/lang/data/regions.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            assert pycountry.subdivisions.get(code=line.split("\t")[0]) is not None, line
    gazetteer._build()          # raises on a place_names.tsv row naming no place


# --- resolution: one test per rule ---------------------------------------------------------------------------

def test_rule1_a_quoted_name_a_street_or_a_club_is_no_place():
    text = "Футболисты «Динамо» сыграли на улице Минской, а крейсер «Москва» вышел в море."
    dynamo = _loc("e1", "Динамо", "Динамо", text.index("Динамо"))
    street = _loc("e2", "Минская", "Минской", text.index("Минской"))
    cruiser = _loc("e3", "Москва", "Москва", text.index("Москва"))
    texts = {"body[0]": text}
    assert not any(is_place_here(e, texts) for e in (dynamo, street, cruiser))
    quoted = "Его осудили по «делу украинских диверсантов», а «Этот инцидент поставил Россию на грань войны»."
    words = _loc("e6", "Россия", "Россию", quoted.index("Россию"))
    assert is_place_here(words, {"body[0]": quoted})          # a quotation is no name
    radio = "Говорят все радиостанции Советского Союза."
    assert is_place_here(_loc("e7", "Советский Союз", "Советского Союза", radio.index("Советского")),
                         {"body[0]": radio})                  # "радиостанции" is no "станция"
    person = Entity(id="e4", type="PER", name="Михаил Калинин")
    assert not is_place_here(person, texts)
    assert is_place_here(_loc("e5", "Москва", "Москве", 0), {"body[0]": "Москве стало холодно"})


def test_a_region_adjective_without_its_noun_is_the_region():
    text = "Выплаты получат Донецкая и Луганская области."
    article = _article(text, _loc("e1", "Донецкая", "Донецкая", text.index("Донецкая")))
    locate(article)
    assert article.entities[0].geo["iso"] == "UA-14"


def test_rule2_a_name_the_gazetteer_does_not_know_gets_no_geo():
    text = "В Шефской прошли обыски."
    article = _article(text, _loc("e1", "Шефская", "Шефской", 2))
    locate(article)
    assert article.entities[0].geo is None


def test_rule3_a_pinned_name_is_that_place():
    assert choose(gazetteer.places_named("Петербург"), set()).name == "Санкт-Петербург"
    stavropol = choose(gazetteer.places_named("Ставрополь"), set())
    assert stavropol.admin1 == "RU-STA"                      # not Tolyatti, once Ставрополь-на-Волге
    assert choose(gazetteer.places_named("Белый дом"), {"RU"}).country == "US"


def test_rule4_a_country_name_is_the_country_a_city_name_the_city():
    assert choose(gazetteer.places_named("Армения"), {"CO"}).feature == "country"
    berlin = choose(gazetteer.places_named("Берлин"), {"DE"})
    assert (berlin.feature, berlin.admin1) == ("city", "DE-BE")       # not the Land of the same name
    assert choose(gazetteer.places_named("Бавария"), set()).code == "DE-BY"


def test_rule5_the_articles_countries_then_russia_then_the_most_populous():
    alexandria = gazetteer.places_named("Александрия")
    assert choose(alexandria, set()).country == "EG"          # the most populous
    assert choose(alexandria, {"US"}).country == "EG"         # Virginia's is 25 times smaller …
    assert choose(alexandria, {"EG"}, local={"US"}).country == "US"    # … unless "в американской Александрии"
    valencia = gazetteer.places_named("Валенсия")              # the article is about Spain, or Venezuela
    assert {choose(valencia, {"ES"}).country, choose(valencia, {"VE"}).country} == {"ES", "VE"}
    # a namesake twenty times smaller is no candidate: Moscow, Idaho; Madrid, Colombia
    moscow = tuple(p for p in gazetteer.places_named("Москва") if not p.pinned)
    assert choose(moscow, {"US"}).country == "RU"
    assert choose(gazetteer.places_named("Мадрид"), {"CO"}).country == "ES"
    # with no country named, Russia's namesake before a larger one abroad
    troitsk = [p for p in gazetteer.places_named("Троицк")]
    assert troitsk and choose(tuple(troitsk), set()).country == "RU"
    # the article's countries come from its places, its people's offices and the countries it names
    text = "Президент Ливана прибыл в Триполи."
    article = _article(text, _loc("e1", "Ливан", "Ливана", text.index("Ливана")),
                       _loc("e2", "Триполи", "Триполи", text.index("Триполи")))
    places, context = resolve(article)
    assert "LB" in context and places["e2"].country == "LB"
    text = "Пожар произошел в американской Александрии."
    places, _ = resolve(_article(text, _loc("e1", "Александрия", "Александрии", text.index("Александрии"))))
    assert places["e1"].country == "US"


# --- the hand-written set ----------------------------------------------------------------------------------

def test_the_sentence_set_is_geocoded_at_95_percent():
    score = score_sentences(ROOT / "tests" / "data" / "geo_sentences.tsv")
    assert score.items >= 80
    assert score.accuracy >= 0.95, score.misses


# --- the seed ------------------------------------------------------------------------------------------------

def test_the_seeds_places_on_entities(seed):
    geo = {e.name: e.geo for e in seed.entities if e.type == "LOC"}
    aktau = geo["Актау"]
    assert aktau["country"] == "KAZ" and abs(aktau["lat"] - 43.65) <= 0.1 and abs(aktau["lon"] - 51.17) <= 0.1
    assert geo["Душанбе"]["country"] == "TJK" and geo["Душанбе"]["feature"] == "city"
    assert (geo["Екатеринбург"]["country"], geo["Екатеринбург"]["admin1"], geo["Екатеринбург"]["admin1_name"]) == \
        ("RUS", "RU-SVE", "Свердловская область")
    assert geo["Россия"]["feature"] == "country" and geo["Россия"]["iso"] == "RU"


def test_the_seeds_places_on_events_and_gdelt_rows(seed):
    placed = {e.place: e.geo for e in seed.events if e.geo}
    assert placed["Душанбе"]["country"] == "TJK" and placed["Душанбе"]["from"] == "sentence"
    assert placed["Актау"]["country"] == "KAZ" and abs(placed["Актау"]["lat"] - 43.65) <= 0.1
    assert placed["Екатеринбург"]["admin1"] == "RU-SVE"
    table = [dict(zip(COLUMNS, r)) for r in rows(seed, seed.events, "20251224000000")]
    meeting = next(r for r in table if r["EventRootCode"] == "04" and r["ActionGeo_CountryCode"] == "TJK")
    assert meeting["ActionGeo_Type"] == "4" and meeting["ActionGeo_FullName"].startswith("Душанбе")
    assert abs(float(meeting["ActionGeo_Lat"]) - 38.54) < 0.1 and abs(float(meeting["ActionGeo_Long"]) - 68.78) < 0.1
    assert meeting["ActionGeo_FeatureID"] == str(placed["Душанбе"]["geonameid"])
    assert meeting["Actor1Geo_CountryCode"] in ("RUS", "AZE") and meeting["Actor1Geo_Lat"]
    arrest = next(r for r in table if r["ActionGeo_ADM1Code"] == "RU-SVE")
    assert arrest["EventCode"] == "173" and arrest["ActionGeo_FullName"] == \
        "Екатеринбург, Свердловская область, Россия"


def test_an_event_with_no_place_of_its_own_takes_the_dateline():
    text = "МОСКВА, 24 декабря — РИА Новости. Полиция задержала двух человек по подозрению в краже."
    article = Article(id="d", source="t", title="Путин созвонился с Макроном", body=[text], published="2025-12-24")
    Pipeline(time_limit=None)._annotate(article)
    located = [e.geo for e in article.events if e.geo]
    assert located and located[0]["from"] == "dateline" and located[0]["country"] == "RUS"


def test_geojson_features_are_points_in_range(seed):
    features = [event_feature(e.to_dict(), seed.to_dict()) for e in seed.events]
    features = [f for f in features if f]
    assert len(features) >= 3
    for f in features:
        lon, lat = f["geometry"]["coordinates"]
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert geo_of(gazetteer.places_named("Актау")[0])["geonameid"] == 610612


# --- the store -----------------------------------------------------------------------------------------------

def test_the_store_keeps_geo_and_exports_geojson(backend, tmp_path, replay_pipeline):
    url = store_at(backend, tmp_path, "geo")
    ingest([str(need(SEED))], url, progress=False, pipeline=replay_pipeline)
    with open_store(url) as store, database(url) as db:
        rows_ = dict(db.rows("SELECT name, geo FROM entities WHERE geo IS NOT NULL"))
        assert json.loads(rows_["Актау"])["country"] == "KAZ"
        places = [json.loads(g)["name"] for (g,) in db.rows("SELECT geo FROM events WHERE geo IS NOT NULL")]
        assert "Душанбе" in places
        written = export(store, "geojson", tmp_path / "out")
    collection = json.loads((tmp_path / "out" / "events.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == written["events.geojson"] >= 3
    with TestClient(create_app(url)) as client:
        located = client.get("/api/events", params={"level": "article", "located": "true", "limit": 100}).json()["items"]
        assert located and all(isinstance(e["lat"], float) and isinstance(e["lon"], float) for e in located)
        shown = client.get("/api/map").json()
        assert shown["type"] == "FeatureCollection" and len(shown["features"]) >= 3
        meeting = [f for f in shown["features"] if f["properties"]["place"] == "Душанбе"]
        assert meeting and meeting[0]["geometry"]["coordinates"] == [68.77905, 38.53575]
        assert client.get("/map").status_code == 200


def test_an_actors_place_is_the_place_its_name_or_office_states():
    pipeline = Pipeline(time_limit=None)
    found = {}
    for text in ("Полиция Екатеринбурга задержала двух мужчин по подозрению в краже.",
                 "Губернатор Свердловской области Денис Паслер встретился с президентом Белоруссии Александром Лукашенко."):
        article = Article(id="x", source="t", title=text, body=[text], published="2025-06-01")
        pipeline._annotate(article)
        found.update({r.name: r.geo for e in article.events for side in e.actors.values() for r in side})
    assert found["полиция Екатеринбурга"]["geonameid"] == 1486209
    assert found["Денис Паслер"]["iso"] == "RU-SVE"
    assert found["Александр Лукашенко"]["country"] == "BLR"
