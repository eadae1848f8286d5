"""svodka/edtf.py: the days an EDTF value covers, whether two overlap, and the human form."""
from datetime import date

from svodka.edtf import DAY, SEASON, SPAN, day_span, human, human_time, interval, month_bounds, overlaps


def test_interval():
    assert interval("2025-22") == (date(2025, 6, 1), date(2025, 8, 31), SEASON)
    assert interval("2024-24") == (date(2024, 12, 1), date(2025, 2, 28), SEASON)
    assert interval("2025-10-09?") == (date(2025, 10, 9), date(2025, 10, 9), DAY)
    assert interval("2025-10-01/2025-10-05") == (date(2025, 10, 1), date(2025, 10, 5), SPAN)
    assert interval("../2025-12") == (None, date(2025, 12, 31), SPAN)
    assert interval("2025-13") is None and interval("") is None and interval("../..") is None
    assert day_span("2025-22", end=True) == "2025-08-31" and day_span("../2025", end=False) is None


def test_overlaps():
    assert overlaps("2025-22", "2025-07-03") and not overlaps("2025-22", "2025-10")
    assert overlaps("../2025-10", "2025-01") and not overlaps("2025", "junk")


def test_human():
    assert human("2025-22") == "лето 2025" and human("2025-22", "en") == "summer 2025"
    assert human("2025-10-09") == "9 октября 2025" and human("2025-10", "en") == "October 2025"
    assert human("../2025-12") == "до декабря 2025" and human("2025-22/..") == "с лета 2025"
    assert human("192X") == "1920-е" and human("2025~", "en") == "about 2025" and human("2025-10?") == "октябрь 2025?"
    assert human("junk") == "junk" and human(None) == ""


def test_month_bounds():
    assert month_bounds("2025-12-24") == ("2025-12-01", "2026-01-01")
    assert month_bounds("2024-02-29T10:00") == ("2024-02-01", "2024-03-01")
    assert month_bounds("junk") is None and month_bounds(None) is None


def test_human_spans_and_timestamps():
    assert human("../2019-11-18") == "до 18 ноября 2019" and human("../2019-11-18", "en") == "until 18 November 2019"
    assert human("2025-10-01/2025-10-05") == "1–5 октября 2025"
    assert human("2025-10-01/2025-11-05", "en") == "1 October – 5 November 2025"
    assert human("2026-01/2026-06") == "январь – июнь 2026" and human("2024-10/2025-02", "en") == "October 2024 – February 2025"
    assert human("2025-10~") == "около октября 2025" and human("2025-22~", "en") == "about summer 2025"
    assert human("2025-12-24T10:00:00+03:00") == "24 декабря 2025" and human("2025-12-24 10:00", "en") == "24 December 2025"
    assert human_time("2026-12-06T02:31:05Z", "en") == "6 December 2026, 02:31" and human_time("2025-12-24") == "24 декабря 2025"
