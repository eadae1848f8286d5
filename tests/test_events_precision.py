"""What the coder says must be right (precision): codebook conventions for sentences and charges, unnamed
offices as their countries, pronouns resolved, no article date for a background act, the date of the act
a sentence refers back to. Sentences written for these tests (invented people)."""
from __future__ import annotations

from svodka.events import code_events
from svodka.model import Article
from svodka.nlp import annotate


def coded(*body: str, title: str = "Новости дня", date: str = "2025-03-14"):
    article = annotate(Article(id="p", source="t", published=date, title=title, body=list(body)))
    return code_events(article)


def of_type(events, kind):
    return [e for e in events if e.type == kind]


def test_prison_sentence_is_detention():
    evs = coded("Суд приговорил бывшего мэра Тулы Игоря Ветрова к восьми годам колонии строгого режима.")
    assert of_type(evs, "arrest") and of_type(evs, "arrest")[0].cameo == "173"
    assert not of_type(evs, "convict")


def test_formal_charge_is_an_accusation():
    evs = coded("Следователи предъявили обвинение бывшему министру Олегу Ракитину.")
    charged = of_type(evs, "accuse")
    assert charged and charged[0].cameo == "1121" and not of_type(evs, "charge")


def test_unnamed_court_acts_for_its_country():
    evs = coded("Итальянский суд освободил из тюрьмы бизнесмена Марко Ферри.")
    release = of_type(evs, "release")
    assert release and release[0].source == ["Италия"]


def test_background_act_gets_no_article_date():
    evs = coded("Министр обороны Эстонии Пеэтер Таллинг прибыл в Ригу на переговоры.",
                "Переговоры продлятся два дня.",
                "Ранее полиция задержала журналиста Андрея Лыкова в Тарту.")
    arrests = of_type(evs, "arrest")
    assert arrests and all(e.date != "2025-03-14" for e in arrests)


def test_act_told_in_the_course_of_another_takes_its_date():
    evs = coded("В ходе разговора Петров также поздравил Сидорова с победой на выборах.",
                title="Президент Молдавии Иван Петров 12 марта провёл телефонный разговор с Сергеем Сидоровым")
    praise = of_type(evs, "praise")
    call = of_type(evs, "call")
    assert call and praise and praise[0].date == call[0].date
