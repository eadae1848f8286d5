"""The UI's words: English, with a Russian translation (``?lang=ru`` or the ``lang`` cookie).

Templates call ``_("English text")``; a phrase missing here shows in English.
"""
from __future__ import annotations

from ..lang.calendar import MONTHS_EN, MONTHS_RU, MONTHS_RU_IN
from ..lang.plural import plural_en, plural_ru

LANGS = ("en", "ru")
DEFAULT = "en"

RU: dict[str, str] = {
    "svodka": "сводка",
    "news knowledge base": "база знаний о новостях",
    "Home": "Главная",
    "Search": "Поиск",
    "Events": "События",
    "Map": "Карта",
    "Events on the map": "События на карте",
    "No located events.": "Нет событий с местом на карте.",
    "located events": "событий на карте",
    "Loading the map…": "Загружается карта…",
    "the size: articles reporting it": "размер: сколько статей о нём сообщают",
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
    "Rejected documents": "Отклонённые документы",
    "Latest articles": "Последние статьи",
    "Most mentioned": "Чаще всего упоминались",
    "People": "Люди",
    "Organisations": "Организации",
    "Places": "Места",
    "from": "с",
    "to": "по",
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
    "articles per month": "статей в месяц",
    "number of events": "число событий",
    "untitled": "без заголовка",
    "Cross-article linking is not available in this store yet.": "Межстатейные связи в этой базе пока недоступны.",
    "Person": "Человек",
    "Organisation": "Организация",
    "This name stands for several entities. Which one do you mean?":
        "Это имя носят несколько сущностей. Какую вы имеете в виду?",
}

# the crawler's words (the sources page and the home page's watch line)
RU.update({
    "Sources": "Источники", "Watching": "Отслеживается", "sources": "источников", "last round": "последний обход",
    "new": "новых", "seen": "уже были", "errors": "ошибок", "Feeds": "Ленты", "Pending": "В очереди",
    "Failed": "Не загружено", "Last poll": "Последний опрос", "Status": "Состояние", "Rounds": "Обходы",
    "Started": "Начало", "Fetched": "Загружено", "never": "никогда",
    "No sources yet: add one with": "Источников пока нет; добавьте командой",
})

# the corpus events page: filters, sorts, modalities
RU.update({
    "One row per real event, however many articles report it; an article's own reports are on its page.":
        "Одна строка на событие, сколько бы статей о нём ни сообщали; сообщения статьи — на её странице.",
    "Event": "Событие", "Actors": "Участники", "Actor role": "Роль участника", "Confidence at least": "Уверенность не ниже",
    "Sort": "Порядок", "newest first": "сначала новые", "oldest first": "сначала старые",
    "most articles": "больше статей", "most sources": "больше источников", "most confident": "выше уверенность",
    "conflict first": "сначала конфликт", "cooperation first": "сначала сотрудничество",
    "fact": "факт", "claim": "утверждение", "intent": "намерение", "future": "в будущем", "negated": "отрицание",
    "reported": "сообщено", "reports": "сообщений", "These events across every report": "Эти события во всех сообщениях",
    "month": "месяц", "events a month": "событий в месяц",
})

# attention over time and the downloads (issue 18)
RU.update({
    "Attention over time": "Внимание во времени", "auto": "авто", "day": "день", "week": "неделя",
    "week (from Monday)": "неделя (с понедельника)", "month": "месяц", "by site": "по сайтам", "of": "из",
    "share": "доля", "undated": "без даты", "compare with another query": "сравнить с другим запросом",
    "Compare": "Сравнить", "Download the results": "Скачать результаты", "Download": "Скачать",
})

MONTHS = MONTHS_EN             # the month words: svodka.lang.calendar

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


def _month(value: str | None) -> tuple[int, str] | None:
    """"2025-12" → (11, "2025"), or None."""
    if not value or len(value) < 7 or value[4] != "-" or not value[5:7].isdigit() or not 1 <= int(value[5:7]) <= 12:
        return None
    return int(value[5:7]) - 1, value[:4]


def month_name(value: str | None, lang: str) -> str:
    """A month standing alone: "December 2025", "Декабрь 2025" (the nominative)."""
    m = _month(value)
    if m is None:
        return value or ""
    return f"{MONTHS_RU[m[0]].capitalize() if lang == 'ru' else MONTHS[m[0]]} {m[1]}"


def in_month(value: str | None, lang: str) -> str:
    """"in December 2025", "в декабре 2025" (the prepositional)."""
    m = _month(value)
    if m is None:
        return value or ""
    return f"в {MONTHS_RU_IN[m[0]]} {m[1]}" if lang == "ru" else f"in {MONTHS[m[0]]} {m[1]}"
