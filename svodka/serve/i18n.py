"""The UI's words: English, with a Russian translation (``?lang=ru`` or the ``lang`` cookie).

Templates call ``_("English text")``; a phrase missing here shows in English.
"""
from __future__ import annotations

from ..lang.plural import plural_en, plural_ru

LANGS = ("en", "ru")
DEFAULT = "en"

RU: dict[str, str] = {
    "svodka": "сводка",
    "news knowledge base": "база знаний о новостях",
    "Home": "Главная",
    "Search": "Поиск",
    "Events": "События",
    "Stories": "Сюжеты",
    "Timeline": "Хроника",
    "Entities": "Сущности",
    "API": "API",
    "Search the news": "Поиск по новостям",
    "words, \"a phrase\", a OR b": "слова, \"фраза\", а OR б",
    "Find": "Найти",
    "Articles": "Статьи",
    "articles": "статей",
    "Sites": "Сайты",
    "sites": "сайтов",
    "People, organisations, places": "Люди, организации, места",
    "Mentions": "Упоминания",
    "Quotes": "Цитаты",
    "quotes": "цитат",
    "events": "событий",
    "Rejected documents": "Отклонённые документы",
    "Latest articles": "Последние статьи",
    "Most mentioned in": "Чаще всего упоминались в",
    "People": "Люди",
    "Organisations": "Организации",
    "Places": "Места",
    "from": "с",
    "to": "по",
    "results": "результатов",
    "No results.": "Ничего не найдено.",
    "Site": "Сайт",
    "Rubric": "Рубрика",
    "Month": "Месяц",
    "Entity": "Сущность",
    "Refine": "Уточнить",
    "any": "любой",
    "clear filters": "сбросить фильтры",
    "Previous": "Назад",
    "Next": "Дальше",
    "Page": "Страница",
    "Photo": "Фото",
    "Authors": "Авторы",
    "Tags": "Теги",
    "Related": "По теме",
    "Source": "Источник",
    "original": "оригинал",
    "In this article": "В статье",
    "The events it reports": "События в статье",
    "Story": "Сюжет",
    "Also in this story": "Ещё в этом сюжете",
    "Person cards": "Карточки персон",
    "born": "род.",
    "Born": "Дата рождения",
    "Roles": "Роли",
    "Country": "Страна",
    "Also known as": "Также",
    "Mentions over time": "Упоминания по времени",
    "Co-mentioned": "Упоминаются вместе",
    "Articles mentioning": "Статьи с упоминанием",
    "Not found": "Не найдено",
    "Bad request": "Неверный запрос",
    "Not available": "Недоступно",
    "Type": "Тип",
    "Actor": "Участник",
    "Place": "Место",
    "Date": "Дата",
    "Source actors": "Кто",
    "Target actors": "Кому / кого",
    "Modality": "Модальность",
    "Goldstein": "Гольдштейн",
    "Article": "Статья",
    "Filter": "Фильтр",
    "Cooperation and conflict over time": "Сотрудничество и конфликт по времени",
    "cooperation": "сотрудничество",
    "conflict": "конфликт",
    "mean Goldstein": "средняя шкала Гольдштейна",
    "Between": "Между",
    "and": "и",
    "Show": "Показать",
    "Show timeline": "Показать хронику",
    "No events between them.": "Событий между ними нет.",
    "Stories: articles about one story across sources": "Сюжеты: статьи об одном событии из разных источников",
    "at least": "не менее",
    "sources": "источников",
    "killed": "погибли",
    "injured": "пострадали",
    "Evidence": "Доказательство",
    "speaker": "говорящий",
    "Reports": "Сообщения",
    "English": "English",
    "Русский": "Русский",
    "Everything shown is read from the local store; nothing is loaded from the internet.":
        "Всё показанное прочитано из локальной базы; из интернета ничего не загружается.",
    "first seen": "впервые",
    "last seen": "последний раз",
    "all types": "все типы",
    "total": "всего",
    "newest": "последние",
    "per month": "по месяцам",
    "untitled": "без заголовка",
    "Cross-article linking is not available in this store yet.": "Межстатейные связи в этой базе пока недоступны.",
    "Person": "Человек",
    "Organisation": "Организация",
    "This name stands for several entities. Which one do you mean?":
        "Это имя носят несколько сущностей. Какую вы имеете в виду?",
}

TYPES = {"PER": "Person", "ORG": "Organisation", "LOC": "Place"}

# counted nouns: English one, other; Russian one, few, many (svodka.lang.plural)
NOUNS = {
    "article": ("article", "articles", "статья", "статьи", "статей"),
    "source": ("source", "sources", "источник", "источника", "источников"),
    "event": ("event", "events", "событие", "события", "событий"),
    "result": ("result", "results", "результат", "результата", "результатов"),
}


def pick(value: str | None) -> str | None:
    """A supported language code, or None."""
    if not value:
        return None
    value = value.strip().lower()[:2]
    return value if value in LANGS else None


def translator(lang: str):
    table = RU if lang == "ru" else {}

    def _(text: str) -> str:
        return table.get(text, text)
    return _


def counter(lang: str):
    """``count(n, "article")`` → "1 article", "5 статей" (``more``: "2 000+ results")."""
    def count(n: int, noun: str, more: bool = False) -> str:
        en_one, en_other, *ru = NOUNS[noun]
        word = plural_ru(n, *ru) if lang == "ru" else plural_en(n, en_one, en_other)
        return f"{n:,}".replace(",", "\u202f") + ("+" if more else "") + " " + word
    return count
