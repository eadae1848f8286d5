"""Text-dump layout on pages written for these tests (invented text)."""
from __future__ import annotations

from svodka import analyze
from svodka.model import FORMAT_VERSION as SCHEMA_VERSION
from svodka.lang.names import is_person_name
from svodka.page.lines import is_headline, make_line
from svodka.page.parts import parse_full_date, rubric_from_breadcrumb, split_tags
from svodka.page.template import group_pages, template_lines, templates_for
from svodka.page.text import text_layout

PAGE = """ date 2025-03-14  Перейти к содержанию
Главная
Экономика
Спорт
Культура

Поиск по сайту
Общество,
12

В Самаре открыли новый мост через Волгу

Мост соединил два района города
Новый мост через Волгу в Самаре открыли после трех лет строительства. По нему уже пошли первые автобусы. Мэр города назвал открытие главным событием года
Мост через Волгу (Фото: Ирина Соколова / Волжский вестник)

Торжественная церемония открытия прошла в пятницу утром. Первыми по мосту проехали строители и ветераны города, а затем движение открыли для всех машин.

«Мы ждали этого дня три года, и теперь жители двух районов сэкономят по часу в день», — сказал мэр города на церемонии.

Стоимость строительства составила двенадцать миллиардов рублей. Деньги выделили из областного и федерального бюджетов, сообщили в администрации.

В Тольятти завершили ремонт набережной
Общество

По словам инженеров, мост рассчитан на сто лет службы. Летом на нем установят дополнительное освещение и смотровые площадки для пешеходов.

Синоптики пообещали теплые выходные в Поволжье

Футбольный клуб из Самары выиграл третий матч подряд

В области выросли цены на бензин
Ирина Соколова
Самара мост Волга Ирина Соколова транспорт
Все права защищены © 2025 Волжский вестник
"""


def layout(text: str) -> dict:
    return text_layout(text.split("  ", 1)[1])


def test_fields_of_a_page():
    page = layout(PAGE)
    assert page["title"] == "В Самаре открыли новый мост через Волгу"
    assert page["alt_titles"] == ["Мост соединил два района города"]
    assert page["lead"].startswith("Новый мост через Волгу в Самаре открыли")
    assert page["rubric"] == "Общество"
    assert len(page["body"]) == 4
    assert page["body"][0].startswith("Торжественная церемония")
    assert page["body"][-1].startswith("По словам инженеров")
    assert [(m.caption, m.credit) for m in page["media"]] == [("Мост через Волгу", "Ирина Соколова / Волжский вестник")]
    inline = [r for r in page["related"] if r.kind == "inline"]
    assert [(r.title, r.rubric) for r in inline] == [("В Тольятти завершили ремонт набережной", "Общество")]
    listed = [r.title for r in page["related"] if r.kind == "list"]
    assert "Синоптики пообещали теплые выходные в Поволжье" in listed and len(listed) == 3
    assert page["authors"] == ["Ирина Соколова"]


def test_nothing_is_dropped():
    page = layout(PAGE)
    kept = [page.get("title"), page.get("lead"), page.get("rubric"), *page["alt_titles"], *page["body"],
            *page["authors"], *[r.title for r in page["related"]], " ".join(page["tags"])]
    lines = [l.strip() for l in PAGE.split("  ", 1)[1].splitlines() if l.strip()]
    for line in lines:
        covered = any(line.rstrip(",") == k for k in kept if k) or line in page["boilerplate"] or any(
            line.startswith(m.caption or "\0") for m in page["media"]) or line == "Общество"
        assert covered, line
    assert "Все права защищены © 2025 Волжский вестник" in page["boilerplate"]


def test_analyze_api_reads_the_header_date():
    article = analyze(PAGE)
    assert article.published == "2025-03-14"
    assert article.title == "В Самаре открыли новый мост через Волгу"
    assert article.language == "ru"
    assert article.to_dict()["schema"] == SCHEMA_VERSION


def test_person_cards_and_tags():
    text = "\n".join([
        "Минфин повысил прогноз роста экономики на следующий год",
        "",
        "Министерство финансов повысило прогноз роста экономики, следует из опубликованного документа ведомства.",
        "",
        "По оценке ведомства, рост ускорится за счет инвестиций и потребительского спроса в регионах страны.",
        "",
        "Антон Силуанов экономика прогноз",
        "Антон Силуанов фото",
        "Антон Силуанов",
        "политик, министр финансов России",
        "12 апреля 1963 года",
    ])
    page = text_layout(text)
    assert page["title"] == "Минфин повысил прогноз роста экономики на следующий год"
    assert page["tags"] == ["Антон Силуанов", "экономика", "прогноз"]
    assert [(c.name, c.description, c.born) for c in page["cards"]] == [
        ("Антон Силуанов", "политик, министр финансов России", "1963-04-12")]


def test_split_tags():
    assert split_tags("Владимир Путин Ильхам Алиев телефонный разговор") == [
        "Владимир Путин", "Ильхам Алиев", "телефонный разговор"]
    assert split_tags("Теги: мост, Самара, транспорт") == ["мост", "Самара", "транспорт"]


def test_line_shapes():
    assert is_person_name("Анастасия Луценко")
    assert not is_person_name("Политика")
    assert not is_person_name("политик, президент Азербайджана")
    assert is_headline(make_line(0, "В Самаре открыли новый мост через Волгу", True, True))
    assert not is_headline(make_line(0, "Сайт » Новости » Общество » В Самаре открыли…", True, True))
    assert not is_headline(make_line(0, "18:53Ученые нашли новый вид бабочек", True, True))
    assert parse_full_date("24 декабря 1961 года") == "1961-12-24"
    assert parse_full_date("7 мая 2000 г.") == "2000-05-07"
    assert parse_full_date("32 мая 2000") is None
    assert rubric_from_breadcrumb("Сайт » Новости » Медицина » В Омске открыли…", "В Омске открыли лабораторию") == "Медицина"


def _site_page(n: int, footer: list[str]) -> str:
    story = [f"Жители района номер {n} получили новые автобусные маршруты до центра города.",
             f"Изменения вступят в силу в понедельник, сообщили в департаменте транспорта района {n}."]
    return "\n".join(["Меню сайта", "Новости города", "Погода и пробки", f"Новые маршруты в районе {n}", "",
                      story[0], "", story[1], "", *footer])


def test_templates_learned_from_repeated_lines():
    footer = ["Редакция не несет ответственности за содержание комментариев читателей на этом сайте.",
              "Перепечатка материалов разрешена только с письменного согласия редакции издания.",
              "Адрес редакции: улица Ленина, дом один", "Телефон отдела рекламы", "Вакансии редакции",
              "Политика конфиденциальности", "Пользовательское соглашение", "Карта сайта"]
    pages = [_site_page(n, footer) for n in range(3)]
    other = "\n".join(["Совсем другой сайт", "Его меню", "Статья о другом", "", "Текст другой статьи здесь."])
    groups = group_pages(pages + [other], [None] * 4)
    assert sorted(map(sorted, groups)) == [[0, 1, 2], [3]]
    lines = template_lines(pages)
    assert footer[0] in lines and "Меню сайта" in lines
    assert not any("номер 1" in l for l in lines)
    templates = templates_for(pages + [other], [None] * 4)
    assert templates[3] == frozenset()
    page = text_layout(pages[1], template=templates[1])
    assert page["title"] == "Новые маршруты в районе 1"
    assert footer[0] not in page["body"]


def test_published_from_a_dateline_when_there_is_no_header():
    from svodka.page.parts import parse_dateline

    assert parse_dateline("28 ноября 2011, 14:15") == "2011-11-28"
    assert parse_dateline("15:19 28.11.2011") == "2011-11-28"
    assert parse_dateline("нет даты") is None
    page = text_layout("\n".join(["Новости", "", "В Самаре открыли новый мост через Волгу", "14 марта 2025, 10:00", "",
                                  "Новый мост через Волгу в Самаре открыли после трех лет строительства и ремонта.",
                                  "", "Торжественная церемония прошла в пятницу утром, первыми проехали строители."]))
    assert page["published"] == "2025-03-14"
    article = analyze("\n".join(["В Самаре открыли новый мост через Волгу", "14 марта 2025, 10:00", "",
                                 "Новый мост через Волгу в Самаре открыли после трех лет строительства и ремонта."]))
    assert article.published == "2025-03-14"
