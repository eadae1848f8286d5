"""What an article is about: credits and attributions aside, other languages left to themselves, aliases
merged, namesakes told apart. Pages and sentences written for these tests (invented events)."""
from __future__ import annotations

import sqlite3

import pytest

from svodka import analyze
from svodka.lang.language import language_of
from svodka.link.lookup import AmbiguousName, resolve
from svodka.model import Article, Media
from svodka.nlp import annotate
from svodka.ingest import ingest
from svodka.store import open_store


def kinds(article, name):
    e = next((e for e in article.entities if e.name == name), None)
    return None if e is None else sorted({m.kind for m in e.mentions})


def test_credits_and_attributions_are_asides():
    art = annotate(Article(
        id="c", source="test", published="2025-11-20", title="Автобус столкнулся с грузовиком",
        body=["Автобус столкнулся с грузовиком на трассе под Тюменью, сообщает ТАСС.",
              "По данным РИА Новости, пострадали пять человек. Как передаёт Интерфакс, водитель задержан.",
              "Фото: ГИБДД Тюменской области",
              "Губернатор Тюменской области Александр Моор выехал на место."],
        media=[Media(caption="Место аварии", credit="Пётр Смирнов / Фотоагентство Объектив")]))
    assert kinds(art, "ТАСС") == ["attribution"]
    assert kinds(art, "РИА Новости") == ["attribution"]
    assert kinds(art, "Интерфакс") == ["attribution"]
    assert kinds(art, "Пётр Смирнов") == ["credit"]
    assert "name" in kinds(art, "Александр Моор")
    # an attributed agency is no actor of the event it reports
    assert all("ТАСС" not in e.source + e.target for e in art.events)


def test_asides_are_not_linked(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(3):
        (folder / f"p{i}.txt").write_text(
            f"Губернатор Тюменской области Александр Моор открыл школу номер {i + 5}\n\n"
            f"Губернатор Тюменской области Александр Моор открыл новую школу в Тобольске, сообщает ТАСС. "
            f"В школе будут учиться {i + 300} детей, уточнили в правительстве региона.\n\n"
            f"Фото: Фотоагентство Объектив\n", encoding="utf-8")
    db = tmp_path / "kb.db"
    ingest([str(folder)], str(db), progress=False)
    conn = sqlite3.connect(db)
    names = {r[0] for r in conn.execute("SELECT name FROM corpus_entities")}
    assert "Александр Моор" in names
    assert "ТАСС" not in names and "Фотоагентство Объектив" not in names
    conn.close()


# --- other languages --------------------------------------------------------------------------------

UKRAINIAN = ("Нагадаємо, що Кабінет міністрів України ухвалив нове рішення щодо тарифів. Прем'єр-міністр "
             "заявив, що уряд продовжить переговори з партнерами у Києві наступного тижня.")
BULGARIAN = ("Според източници от министерството, правителството ще обсъди бюджета през следващата седмица. "
             "Премиерът каза, че това е важно за държавата и че решението ще бъде взето днес.")


def test_language_of_cyrillic_texts():
    assert language_of(UKRAINIAN) == "uk"
    assert language_of(BULGARIAN) == "bg"
    assert language_of("Правительство России утвердило бюджет, который вступит в силу в январе.") == "ru"
    # one Ukrainian word in a Russian paragraph does not make it Ukrainian
    assert language_of("В Пакистане отменили приговор, сообщает агентство (архів) со ссылкой на суд.") == "ru"


@pytest.mark.parametrize("text, lang", [(UKRAINIAN, "uk"), (BULGARIAN, "bg")])
def test_a_page_not_in_russian_gets_no_russian_layer(text, lang):
    art = analyze(f"Новини дня\n\n{text}\n\n{text}")
    assert art.language == lang
    assert art.entities == [] and art.quotes == [] and art.events == []
    assert art.notes and lang in art.notes[0]
    assert art.body                                  # the text itself is kept and searchable


def test_a_mixed_page_is_read_on_its_russian_parts():
    art = annotate(Article(
        id="m", source="test", published="2025-11-20", title="Переговоры в Минске",
        body=["Президент Белоруссии Александр Лукашенко провёл переговоры с премьером Казахстана в Минске.",
              UKRAINIAN,
              "Стороны договорились продолжить консультации в Астане."]))
    from svodka.pipeline import annotated_part
    art = Article(id="m", source="test", published="2025-11-20", title="Переговоры в Минске",
                  body=["Президент Белоруссии Александр Лукашенко провёл переговоры с премьером Казахстана.",
                        UKRAINIAN, "Стороны договорились продолжить консультации в Астане."], language="ru")
    part = annotated_part(art)
    assert part.body[1] == "" and part.body[0] and part.body[2]
    assert any("body[1]" in n and "uk" in n for n in art.notes)


# --- aliases and namesakes ---------------------------------------------------------------------------

ALIASES = [
    ("a1", "Российская Федерация и Соединённые Штаты провели консультации",
     "Российская Федерация и Соединённые Штаты провели консультации в Женеве. Делегацию РФ возглавил "
     "заместитель министра. Представители США предложили новый формат встреч."),
    ("a2", "Россия и Беларусь подписали соглашение",
     "Россия и Беларусь подписали соглашение о поставках газа. Белоруссия получит скидку, а Россия — "
     "долгосрочный контракт."),
    ("a3", "Государственное бюро расследований открыло дело",
     "Государственное бюро расследований Украины открыло дело против бывшего чиновника. В ГБР заявили, "
     "что проверка займёт месяц."),
    ("a4", "ГБР вызвало чиновника на допрос",
     "ГБР вызвало бывшего чиновника на допрос. Ранее в ГБР сообщали о новых эпизодах."),
]


@pytest.fixture(scope="module")
def alias_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("aliases")
    for name, title, body in ALIASES:
        (folder / f"{name}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    db = folder / "kb.db"
    ingest([str(folder)], str(db), progress=False)
    store = open_store(str(db))
    yield store
    store.close()


@pytest.mark.parametrize("names", [("Россия", "РФ", "Российская Федерация"), ("США", "Соединённые Штаты"),
                                   ("Беларусь", "Белоруссия"), ("ГБР", "Государственное бюро расследований")])
def test_aliases_are_one_corpus_entity(alias_store, names):
    ids = {resolve(alias_store, n, prefer_country=True).id for n in names}
    assert len(ids) == 1, names


def test_abbreviation_joins_its_long_name_in_the_article():
    art = annotate(Article(id="g", source="test", published="2025-11-20", title="Дело открыто",
                           body=["Государственное бюро расследований открыло дело. В ГБР заявили, что "
                                 "проверка займёт месяц."]))
    orgs = [e for e in art.entities if e.type == "ORG"]
    assert len(orgs) == 1 and orgs[0].name == "Государственное бюро расследований" and "ГБР" in orgs[0].aliases


def test_namesakes_are_listed(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "n1.txt").write_text(
        "Президент Азербайджана Ильхам Алиев посетил Гянджу\n\nПрезидент Азербайджана Ильхам Алиев посетил "
        "Гянджу, где открыл новый завод и встретился с жителями города. Визит Алиева продлился два дня, "
        "сообщили в администрации президента.\n\nВо время поездки глава государства также осмотрел "
        "строительство новой больницы и школы на окраине города.\n", encoding="utf-8")
    (folder / "n2.txt").write_text(
        "Мехрибан Алиева открыла выставку\n\nПервый вице-президент Азербайджана Мехрибан Алиева открыла "
        "выставку молодых художников в Баку. Алиева поблагодарила художников и организаторов за работу.\n\n"
        "Выставка продлится до конца месяца, вход на неё будет свободным для всех желающих.\n",
        encoding="utf-8")
    db = tmp_path / "kb.db"
    ingest([str(folder)], str(db), progress=False)
    store = open_store(str(db))
    try:
        # "Алиева" is his genitive and her nominative: both are candidates, not one chosen silently
        with pytest.raises(AmbiguousName) as err:
            resolve(store, "Алиева")
        assert {c.name for c in err.value.candidates} == {"Ильхам Алиев", "Мехрибан Алиева"}
        assert resolve(store, "Алиевой").name == "Мехрибан Алиева"      # only hers
        assert resolve(store, "Алиеву").name == "Ильхам Алиев"          # his dative first
    finally:
        store.close()


def test_a_bracketed_country_is_where_a_place_lies():
    art = annotate(Article(id="f", source="test", published="2025-11-20", title="Ураган в Тампе",
                           body=["Ураган обрушился на Тампу (США) и соседние города. В Тампе (США) нет света."]))
    tampa = next(e for e in art.entities if e.name == "Тампа")
    assert "США" not in tampa.aliases
    from svodka.link.names import lookup_keys
    assert not any("iso" in k for k in lookup_keys("LOC", "Тампа", ["США"]))


def test_a_copyright_sign_starts_a_credit():
    from svodka.nlp.attribution import credit_regions
    text = "Акция протеста оппозиции 18 ноября© Sputnik / Alex Shlamov\nДругая строка"
    assert [text[a:b] for a, b in credit_regions(text)] == ["© Sputnik / Alex Shlamov"]
