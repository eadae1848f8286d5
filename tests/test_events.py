"""The event coder: per event family, sentences written for these tests (invented people and places where
the language layer allows), the seed's expected events, merging, the cross-article key, GDELT rows, and
agreement of codes.py with ../shared/eval/events."""
from __future__ import annotations

import csv
import json
from functools import lru_cache

import pytest

from conftest import SEED, SHARED, need
from svodka.events import code_events, event_key
from svodka import cameo as codes
from svodka.model import Article, Event


@lru_cache(maxsize=None)
def _coded(body: tuple[str, ...], date: str, title: str | None) -> tuple[Event, ...]:
    from svodka.nlp import annotate

    article = Article(id="t", source="t", published=date, title=title, body=list(body))
    annotate(article)
    return tuple(code_events(article))


def events(*body: str, date: str = "2025-03-14", title: str | None = None) -> list[Event]:
    return list(_coded(tuple(body), date, title))


def one(kind: str, *body: str, **kw) -> Event:
    found = [e for e in events(*body, **kw) if e.type == kind]
    assert len(found) == 1, (kind, [e.to_dict() for e in events(*body, **kw)])
    return found[0]


def actors(e: Event) -> set[str]:
    return set(e.source) | set(e.target)


# --- consult: calls and meetings ------------------------------------------------------------------

def test_call_symmetric_participants():
    e = one("call", "Президент Чехии Иван Новак созвонился с премьер-министром Польши Анной Ковальской.")
    assert e.cameo == "041" and e.plover == "CONSULT:phone" and e.goldstein == 1.0 and e.quad_class == 1
    assert e.source == ["Иван Новак"] and e.target == ["Анна Ковальская"]
    assert e.date == "2025-03-14" and e.modality == "fact"


def test_meeting_at_a_third_place():
    e = one("meet", "Министр иностранных дел Франции Жан Дюпон встретился в Варшаве "
                    "с главой МИД Германии Карлом Мюллером.")
    assert actors(e) == {"Жан Дюпон", "Карл Мюллер"}
    assert e.place == "Варшава" and e.cameo == "044"       # neither France nor Germany


def test_host_and_visit():
    host = one("meet", "Президент Сербии Марко Янович принял в Белграде премьер-министра Венгрии Ласло Киша.")
    assert host.cameo == "043" and host.source == ["Марко Янович"] and host.place == "Белград"
    visit = one("meet", "Премьер-министр Венгрии Ласло Киш прибыл с визитом в Белград.")
    assert visit.cameo == "042" and visit.source == ["Ласло Киш"] and visit.place == "Белград"


def test_negated_meeting():
    e = one("meet", "Президент Чехии Иван Новак и премьер-министр Польши Анна Ковальская так и не встретились в Праге.")
    assert e.modality == "negated" and actors(e) == {"Иван Новак", "Анна Ковальская"}


def test_intent_to_meet():
    e = one("meet", "Президент Чехии Иван Новак и премьер-министр Польши Анна Ковальская договорились "
                    "провести встречу в мае.")
    assert e.modality == "intent" and e.cameo == "036" and e.plover == "AGREE"
    assert actors(e) == {"Иван Новак", "Анна Ковальская"}
    assert e.date == "2025-05"                # the coming May, not the last one


def test_future_meeting():
    e = one("meet", "Президент Чехии Иван Новак и премьер-министр Польши Анна Ковальская встретятся "
                    "в Нижнем Новгороде.")
    assert e.modality == "future" and e.cameo == "036" and e.place == "Нижний Новгород"
    assert e.date is None                     # no time expression, and it has not happened yet


def test_nominalised_meeting_with_month_adjective():
    e = one("meet", "Октябрьская встреча Игоря Соколова и Анны Лебедевой в Варшаве стала первой за год.",
            date="2025-12-02")
    assert actors(e) == {"Игорь Соколов", "Анна Лебедева"} and e.date == "2025-10" and e.place == "Варшава"


def test_negotiations_with_a_date():
    e = one("meet", "Переговоры Игоря Соколова и Анны Лебедевой прошли в Варшаве в понедельник.")
    assert e.cameo == "046" and e.date == "2025-03-10" and e.place == "Варшава"


def test_sides_are_the_participants_named_before():
    evs = events("Президент Чехии Иван Новак созвонился с премьер-министром Польши Анной Ковальской.",
                 "Стороны договорились укреплять сотрудничество.")
    intent = next(e for e in evs if e.type == "intent")
    assert intent.cameo == "030" and intent.modality == "intent"
    assert actors(intent) == {"Иван Новак", "Анна Ковальская"}


def test_repeated_reports_merge_into_one_event():
    evs = events("Президент Чехии Иван Новак созвонился с премьер-министром Польши Анной Ковальской.",
                 "В ходе телефонного разговора Новак и Ковальская обсудили ситуацию в регионе.",
                 "Иван Новак созвонился с Анной Ковальской впервые за год.")
    calls = [e for e in evs if e.type == "call"]
    assert len(calls) == 1
    assert sum(1 for m in calls[0].evidence if m.kind == "sentence") == 3
    for m in calls[0].evidence:
        assert m.field.startswith("body[") and m.stop > m.start


def test_evidence_points_into_fields():
    from svodka.nlp import annotate

    a = Article(id="t", source="t", published="2025-03-14",
                body=["Вчера в Казани полиция задержала троих граждан Узбекистана."])
    annotate(a)
    (e,) = code_events(a)
    kinds = {m.kind for m in e.evidence}
    assert {"sentence", "trigger", "time", "place"} <= kinds
    for m in e.evidence:
        assert a.field_text(m.field)[m.start:m.stop] == m.text
    assert next(m.text for m in e.evidence if m.kind == "trigger") == "задержала"


# --- praise, agreements, aid, release ---------------------------------------------------------------

def test_praise():
    e = one("praise", "Премьер Ласло Киш поздравил президента Марко Яновича с победой на выборах.")
    assert e.cameo == "051" and e.source == ["Ласло Киш"] and e.target == ["Марко Янович"]


def test_signed_agreement_reported_speech_is_a_claim():
    e = one("agreement", "Министр Иван Сидоров заявил, что Россия и Китай подписали соглашение о поставках газа.")
    assert e.cameo == "057" and actors(e) == {"Россия", "Китай"} and e.modality == "claim"


def test_aid():
    e = one("aid", "Франция направила Ливану гуманитарную помощь.")
    assert e.cameo == "073" and e.source == ["Франция"] and e.target == ["Ливан"]


def test_release():
    e = one("release", "Власти Ирана освободили французского туриста Сергея Волкова.")
    # the authorities of a country act for it (an unnamed office is its country)
    assert e.cameo == "0841" and e.target == ["Сергей Волков"] and e.source == ["Иран"]


# --- conflict -------------------------------------------------------------------------------------------

def test_investigation_target_via_v_otnoshenii():
    e = one("investigate", "Следственный комитет возбудил уголовное дело в отношении мэра Твери Андрея Смирнова.")
    assert e.cameo == "091" and e.target == ["Андрей Смирнов"]


def test_demand_and_criticism():
    d = one("demand", "Министр Павел Краль потребовал от Германии объяснений.")
    assert d.cameo == "100" and d.source == ["Павел Краль"] and d.target == ["Германия"]
    c = one("criticize", "Министр обороны Чехии Павел Краль раскритиковал Германию за отказ поставлять оружие.")
    assert c.cameo == "111" and c.source == ["Павел Краль"]


def test_threat_with_sanctions():
    e = one("threaten", "Премьер-министр Анна Ковальская пригрозила Венгрии санкциями.")
    assert e.cameo == "1312" and e.source == ["Анна Ковальская"] and e.target == ["Венгрия"]


def test_protest():
    e = one("protest", "Тысячи сторонников оппозиции вышли на митинг в Белграде против правительства.")
    assert e.cameo == "141" and e.place == "Белград" and e.source == ["сторонники оппозиции"]


def test_military_exercises_and_sanctions():
    ex = one("military_posture", "Китай провел масштабные военные учения у берегов Тайваня.")
    assert ex.cameo == "150" and ex.source == ["Китай"]
    s = one("sanction", "Россия ввела санкции против Великобритании.")
    assert s.cameo == "163" and s.source == ["Россия"] and s.target == ["Великобритания"]


def test_expelled_diplomats_and_deportation():
    e = one("reduce_relations", "МИД Польши выслал трех российских дипломатов.")
    assert e.cameo == "161" and e.target == ["российские дипломаты"]
    d = one("deport", "Власти Латвии депортировали журналиста Петра Иванова.")
    assert d.cameo == "174" and d.source == ["Латвия"]


def test_active_detention_with_named_police():
    e = one("arrest", "Вчера в Казани полиция задержала троих граждан Узбекистана.")
    assert e.cameo == "173" and e.source == ["полиция"] and e.target == ["граждане Узбекистана"]
    assert e.place == "Казань" and e.date == "2025-03-13"


def test_passive_detention_unknown_source():
    e = one("arrest", "В Минске были задержаны двое активистов оппозиции.")
    assert e.source == [] and e.target == ["активисты оппозиции"] and e.place == "Минск"


def test_impersonal_detention_country_of_the_detained():
    from svodka.events.party import actor_country

    e = one("arrest", "Летом 2024 года в Самаре задержали несколько граждан Армении.")
    assert e.source == [] and e.target == ["граждане Армении"] and actor_country(e.target[0]) == "ARM"
    assert e.date == "2024-22" and e.place == "Самара"


def test_property_arrest_is_a_seizure():
    e = one("seize", "Суд арестовал имущество бизнесмена Олега Котова.")
    assert e.cameo == "1711"


def test_delayed_flight_is_no_arrest():
    assert not [e for e in events("Рейс из Казани задержали на три часа.") if e.type == "arrest"]


def test_fight_and_casualties():
    e = one("fight", "Колонна военных попала под обстрел под Донецком, трое военнослужащих погибли.")
    assert e.cameo == "190" and e.killed == 3 and e.place == "Донецк" and e.target == ["колонна военных"]


def test_assault():
    e = one("assault", "Боевики напали на полицейский участок в Кабуле.")
    assert e.cameo == "180" and e.source == ["боевики"] and e.place == "Кабул"


# --- accidents ------------------------------------------------------------------------------------------------

def test_accident_casualties_in_the_sentence():
    e = one("accident", "В результате взрыва на заводе в Самаре погибли 5 человек, ранены еще 12.")
    assert e.cameo is None and e.goldstein is None and e.killed == 5 and e.injured == 12 and e.place == "Самара"


def test_accident_casualties_in_the_next_sentence():
    e = one("accident", "Крушение пассажирского поезда произошло под Тверью в мае 2023 года. "
                        "Тогда погибли двое человек, пострадали пятеро.")
    assert e.killed == 2 and e.injured == 5 and e.date == "2023-05" and e.place == "Тверь"


def test_figurative_catastrophe_is_no_accident():
    assert not [e for e in events("Эксперты назвали ситуацию гуманитарной катастрофой.") if e.type == "accident"]


# --- codes, key, GDELT -----------------------------------------------------------------------------------------

def test_event_key_is_stable_across_articles():
    a = one("call", "Президент Чехии Иван Новак созвонился с премьер-министром Польши Анной Ковальской.")
    b = one("call", "Анна Ковальская и Иван Новак созвонились.", date="2025-03-15")
    assert event_key(a) == event_key(b) == "call|Анна Ковальская+Иван Новак|2025-03|"


def test_gdelt_rows():
    from svodka.events.gdelt import COLUMNS, rows
    from svodka.nlp import annotate

    a = Article(id="t", source="t.txt", url="https://example.ru/1", published="2025-03-14",
                body=["Министр иностранных дел Франции Жан Дюпон встретился в Варшаве с главой МИД Германии "
                      "Карлом Мюллером."])
    annotate(a)
    (row,) = rows(a, code_events(a), added="20250314120000")
    r = dict(zip(COLUMNS, row))
    assert len(row) == 61
    assert r["SQLDATE"] == "20250314" and r["MonthYear"] == "202503" and r["Year"] == "2025"
    assert r["EventCode"] == "044" and r["EventBaseCode"] == "044" and r["EventRootCode"] == "04"
    assert r["QuadClass"] == "1" and r["GoldsteinScale"] == "2.5" and r["NumMentions"] == "1"
    assert r["Actor1Name"] == "Жан Дюпон" and r["Actor1CountryCode"] == "FRA"
    assert r["Actor2CountryCode"] == "DEU" and r["ActionGeo_CountryCode"] == "POL"
    assert r["SOURCEURL"] == "https://example.ru/1" and r["DATEADDED"] == "20250314120000"


def test_codes_table_is_consistent():
    for code, c in codes.CODES.items():
        # PLOVER drops CAMEO's statements (01x); the rest map to a category
        assert c.code == code and c.name and (c.plover or code.startswith("01"))
        assert codes.quad_class(code) in (1, 2, 3, 4)
    assert codes.intended("042") == "036" and codes.intended("073") == "033"
    assert codes.plover("041") == "CONSULT:phone"


def test_lexicon_codes_are_in_the_table():
    from svodka.events.lexicon import TRIGGERS

    for trig in TRIGGERS:
        for code in [trig.code] + [c for _, c in trig.refine]:
            assert code is None or code in codes.CODES, (trig.lemmas, code)
            if code:
                assert codes.intended(code) is None or codes.intended(code) in codes.CODES


def test_codes_agree_with_shared_goldstein_table():
    path = need(SHARED / "eval" / "events" / "gdelt_CAMEO.goldsteinscale.tsv")
    with path.open(encoding="utf-8") as f:
        table = {row[0]: float(row[1]) for row in csv.reader(f, delimiter="\t") if row and row[0].isdigit()}
    names = {}
    for line in (path.parent / "CAMEO.eventcodes.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        code = line.split("\t", 1)[0]
        if code.isdigit():
            names[code] = line
    for code, c in codes.CODES.items():
        assert code in table, code
        assert table[code] == c.goldstein, (code, table[code], c.goldstein)
        assert code in names, code


# --- the seed ----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed():
    need(SEED)
    from svodka import analyze

    article = analyze(SEED.read_bytes(), source=str(SEED))
    expected = json.loads(SEED.with_name(SEED.name.replace(".txt", ".expected.json")).read_text(encoding="utf-8"))
    return article, code_events(article), expected["events"]


def _fits(e: Event, item: dict) -> bool:
    if e.type != item["type"]:
        return False
    if "cameo" in item and e.cameo != item["cameo"]:
        return False
    if "cameo_prefix" in item and not (e.cameo or "").startswith(item["cameo_prefix"]):
        return False
    if "actors" in item and not set(item["actors"]) <= actors(e):
        return False
    if "source" in item and item["source"] not in e.source:
        return False
    if "target" in item and item["target"] not in e.target:
        return False
    if "date" in item and e.date != item["date"]:
        return False
    if "date_prefix" in item and not (e.date or "").startswith(item["date_prefix"]):
        return False
    if "place" in item and e.place != item["place"]:
        return False
    if "killed" in item and e.killed != item["killed"]:
        return False
    return True


def test_seed_expected_events(seed):
    _, evs, expected = seed
    for item in expected:
        assert any(_fits(e, item) for e in evs), (item, [e.to_dict() for e in evs])


def test_seed_one_event_per_happening(seed):
    _, evs, _ = seed
    calls = [e for e in evs if e.type == "call"]
    assert len(calls) == 1 and sum(m.kind == "sentence" for m in calls[0].evidence) >= 2
    dushanbe = [e for e in evs if e.type == "meet" and e.place == "Душанбе"]
    assert len(dushanbe) == 1 and dushanbe[0].cameo == "044"
    assert len({event_key(e) for e in evs}) == len(evs)


def test_seed_meeting_is_not_the_phone_call(seed):
    _, evs, _ = seed
    meet = next(e for e in evs if e.type == "meet" and e.place == "Душанбе")
    assert all(m.field not in ("lead", "title") for m in meet.evidence)


# --- cost, command line, evaluation scorers ------------------------------------------------------------------

def test_only_trigger_sentences_are_parsed():
    from svodka.events.coder import Coder
    from svodka.nlp import annotate

    a = Article(id="t", source="t", published="2025-03-14",
                body=["Погода в Казани будет солнечной. Температура поднимется до двадцати градусов.",
                      "Вчера в Казани полиция задержала троих граждан Узбекистана. Их доставили в отдел.",
                      "Синоптики обещают дожди к выходным."])
    annotate(a)
    coder = Coder(a)
    drafts = coder.drafts()
    assert coder.parsed == 1 and [d.type for d in drafts] == ["arrest"]


def test_cli_events_formats(capsys):
    need(SEED)
    from svodka.cli import main
    from svodka.events.gdelt import COLUMNS

    assert main(["events", str(SEED), "--format", "gdelt", "--header"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t") == COLUMNS
    rows = [dict(zip(COLUMNS, x.split("\t"))) for x in lines[1:]]
    assert all(len(x) == 61 for x in rows)
    assert any(r["EventCode"] == "041" and r["SQLDATE"] == "20251224" and r["Actor1CountryCode"] == "RUS"
               and r["Actor2CountryCode"] == "AZE" for r in rows)
    assert any(r["EventCode"] == "173" and r["ActionGeo_FullName"].startswith("Екатеринбург") and r["Year"] == "2025"
               and r["SQLDATE"] == "" for r in rows)
    assert main(["events", str(SEED), "--format", "json"]) == 0
    events_json = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert {e["type"] for e in events_json} >= {"call", "praise", "meet", "accident", "arrest"}
    assert all(e["key"] and e["article"] for e in events_json)


def test_eval_facts_scores_a_meeting():
    from svodka.eval import facts

    base = need(SHARED / "eval" / "factru" / "devset" / "book_58.txt").with_suffix("")
    doc = facts.load_doc(base)
    assert len(doc["meetings"]) == 1 and len(doc["meetings"][0]["participants"]) == 2
    article, evs, offsets = facts.predict(doc["text"], "book_58")
    res = facts.score_doc(doc, article, offsets, evs)
    assert (res["tp"], res["fp"], res["fn"]) == (1, 0, 0)


def test_eval_events_scores_nerel_arguments():
    from svodka.eval import events as ev

    ann = need(SHARED / "eval" / "nerel" / "dev" / "1637214_text.ann")
    doc = ev.load_doc(ann)
    assert any(g["participants"] for g in doc["events"])
    article, evs, offsets = ev.predict(ann.stem, doc["text"])
    c = ev.score_doc(doc, article, evs, offsets)
    assert c["ev_gold"] >= 3 and c["ev_found"] >= 2 and c["p_tp"] >= 1
