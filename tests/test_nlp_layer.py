"""The language layer on an article written for this test (invented people and events)."""
from __future__ import annotations

import pytest

from svodka.model import Article
from svodka.nlp import annotate


@pytest.fixture(scope="module")
def article():
    art = Article(
        id="t1", source="test", published="2025-06-11",
        title="Премьер Казахстана Ерлан Тулегенов встретился с министром финансов России Антоном Беловым",
        lead="Переговоры прошли в Астане и касались российско-казахстанских торговых отношений.",
        body=[
            "Премьер-министр Казахстана Ерлан Тулегенов провел переговоры с министром финансов России "
            "Антоном Беловым в понедельник. Тулегенов назвал встречу полезной.",
            "«Мы договорились снизить пошлины на зерно», — сообщил Белов журналистам. Он добавил, что "
            "соглашение подпишут в октябре.",
            "Казахстанский премьер также встретился с главой компании «Северных железных дорог» (СЖД) "
            "Мариной Котовой. Котова сообщила, что компания откроет офис в Алма-Ате.",
            "Отношения Москвы и Астаны, по словам экспертов, заметно улучшились за последний год.",
        ])
    return annotate(art)


def entity(article, name):
    return next((e for e in article.entities if e.name == name), None)


def test_names_are_normalised_and_linked(article):
    belov = entity(article, "Антон Белов")
    assert belov is not None and belov.type == "PER"
    assert "министр финансов России" in belov.roles and belov.country == "RUS"
    assert {m.kind for m in belov.mentions} >= {"name", "surname"}
    kotova = entity(article, "Марина Котова")              # a woman's surname keeps its ending
    assert kotova is not None and "Марина Котов" not in [e.name for e in article.entities]
    assert any(m.kind == "surname" for m in kotova.mentions)


def test_descriptor_and_pronoun_coreference(article):
    tulegenov = entity(article, "Ерлан Тулегенов")
    assert tulegenov.country == "KAZ"
    assert any(m.kind == "descriptor" and m.text == "Казахстанский премьер" for m in tulegenov.mentions)
    belov = entity(article, "Антон Белов")
    assert any(m.kind == "pronoun" and m.text == "Он" for m in belov.mentions)


def test_countries_from_adjectives_and_capitals(article):
    russia, kazakhstan = entity(article, "Россия"), entity(article, "Казахстан")
    assert any(m.kind == "adjective" for m in russia.mentions)
    assert any(m.kind == "adjective" and m.text.startswith("российско-казахстанских") for m in kazakhstan.mentions)
    # "Отношения Москвы и Астаны": the cities stay cities; the mentions stand for their countries
    moscow, astana = entity(article, "Москва"), entity(article, "Астана")
    assert any(m.text == "Москвы" and m.stands_for == russia.id for m in moscow.mentions)
    assert any(m.text == "Астаны" and m.stands_for == kazakhstan.id for m in astana.mentions)
    # "в Астане" is the city where the talks were held, not the country acting
    assert any(m.text == "Астане" and m.stands_for is None for m in astana.mentions)
    assert not any(m.text in ("Москвы", "Астаны") for m in russia.mentions + kazakhstan.mentions)


def test_organisation_alias(article):
    rail = entity(article, "Северные железные дороги")
    assert rail is not None and rail.type == "ORG" and "СЖД" in rail.aliases


def test_quotes_and_times(article):
    direct = [q for q in article.quotes if q.kind == "direct"]
    assert any(q.text.startswith("Мы договорились") and q.speaker == "Антон Белов" for q in direct)
    indirect = [q for q in article.quotes if q.kind == "indirect"]
    assert any(q.text.startswith("соглашение подпишут") and q.speaker == "Антон Белов" for q in indirect)
    assert any(q.speaker == "Марина Котова" for q in indirect)
    values = {(t.text, t.value) for t in article.times}
    assert ("понедельник", "2025-06-09") in values
    assert ("октябре", "2024-10") in values or ("октябре", "2025-10") in values


def test_offsets_point_into_fields(article):
    for e in article.entities:
        for m in e.mentions:
            assert article.field_text(m.field)[m.start:m.stop] == m.text
    for q in article.quotes:
        assert article.field_text(q.field)[q.start:q.stop] == q.text


def test_normalisation_uses_the_dictionary_and_keeps_unknown_names():
    from svodka.nlp.normal import normalize

    assert normalize("Ильхама Алиева", "PER")[0] == "Ильхам Алиев"       # his genitive, not her nominative
    assert normalize("Мехрибан Алиева", "PER")[0] == "Мехрибан Алиева"   # unknown first name: keep the form
    assert normalize("Мехрибан Алиевой", "PER")[0] == "Мехрибан Алиева"
    assert normalize("Министерства иностранных дел России", "ORG")[0] == "Министерство иностранных дел России"
    assert normalize("«Азербайджанских авиалиний» (AZAL)", "ORG") == ("Азербайджанские авиалинии", ["AZAL"])
    assert normalize("МОСКВА", "LOC")[0] == "Москва"


def test_dateline_city_is_not_an_actor():
    art = annotate(Article(id="t2", source="t", published="2025-12-24",
                           body=["МОСКВА, 24 декабря. Президент Ильхам Алиев прилетел с визитом."]))
    moscow = next(e for e in art.entities if e.name == "Москва")
    assert all(m.kind != "metonymy" for m in moscow.mentions)


def test_case_forms_of_one_name_are_one_person():
    from svodka.nlp.normal import normalize

    assert normalize("Марина Котова", "PER")[0] == "Марина Котова"
    assert normalize("Пьера Мартена", "PER")[0] == "Пьер Мартен"       # unknown surname after a known name
    assert normalize("Берлине", "LOC")[0] == "Берлин" and normalize("Германию", "LOC")[0] == "Германия"
    assert normalize("Белом доме", "ORG")[0] == "Белый дом" and normalize("Нью-Йорке", "LOC")[0] == "Нью-Йорк"
    art = annotate(Article(id="t3", source="t", published="2025-01-01", body=[
        "Премьер Ерлан Тулегенов прилетел в Москву.",
        "Визит Ерлана Тулегенова продлится два дня, сообщил Тулегенов."]))
    people = [e for e in art.entities if e.type == "PER"]
    assert [p.name for p in people] == ["Ерлан Тулегенов"] and len(people[0].mentions) == 3
