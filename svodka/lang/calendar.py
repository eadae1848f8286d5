"""Month and season words, in one place: what page layout, the UI and the EDTF human form read.

    MONTH_STEMS          "январ" … "декабр" ("ма" for май/мая): the stems a date in page text starts with
    MONTHS_EN            "January" … "December"
    MONTHS_RU            "январь" … "декабрь" (the nominative: a month standing alone)
    MONTHS_RU_OF         "января" … "декабря" (the genitive: "9 октября 2025")
    MONTHS_RU_IN         "январе" … "декабре" (the prepositional: "в декабре 2025")
    SEASONS_RU, SEASONS_EN   EDTF season codes 21–24 → "весна"/"spring" … "зима"/"winter"
"""
from __future__ import annotations

MONTH_STEMS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр",
               "ноябр", "декабр")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
MONTHS_RU = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь",
             "декабрь")
MONTHS_RU_OF = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
                "ноября", "декабря")
MONTHS_RU_IN = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре",
                "ноябре", "декабре")
SEASONS_RU = {21: "весна", 22: "лето", 23: "осень", 24: "зима"}
SEASONS_EN = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
