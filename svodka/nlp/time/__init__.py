"""time: time expressions in Russian news text → EDTF values, resolved against the article date —
find_times(text, ref_date) → [TimeMatch] (find.py).

  find.py           the rules in priority order, the prefilter, the entry point
  dates.py          rules with a day number: dates, ranges ("с 1 по 5 мая"), pairs and lists
  months_years.py   rules for a month, a season, a year without a day
  periods.py        rules for periods: relative years, months, weeks ("в прошлом году"), quarters, decades
  relative.py       rules counted from the article date: day words ("вчера"), weekdays, shifts ("три дня назад")
  resolve.py        what every rule shares: EDTF value builders, resolution against the article date, the registry
  words.py          the vocabulary: regex pieces for months, weekdays, seasons, relative words
(EDTF values themselves — bounds, seasons, the human form: svodka/edtf.py)
"""
from .find import TimeMatch, find_times

__all__ = ["TimeMatch", "find_times"]
